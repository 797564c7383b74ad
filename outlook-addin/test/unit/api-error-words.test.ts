// Issue 11 item 2: API error bodies keep their stable `code` and their message in the asker's language (and both in
// `messages`) now that the words come from core's message catalog.
import { i18n } from '@dav-bridge/core';
import { checkRights, type DriverContext } from '../../../bridge-core/src/sharing/drivers/driver';
import { ApiError, errorBody, toApiError, tooManyRequests } from '../../src/middle-tier/http/api-error';
import { schemaViolation } from '../../src/middle-tier/http/schema-errors';
import { guestMessagePage } from '../../src/middle-tier/guest/html';

describe('API error bodies render from the catalog', () => {
  it('a server error keeps its code and speaks the request language', () => {
    const err = tooManyRequests(30);
    expect(err.status).toBe(429);
    expect(err.headers).toEqual({ 'retry-after': '30' });
    expect(errorBody(err, 'fr')).toEqual({
      error: {
        code: 'too-many-attempts',
        message: 'Trop de tentatives. Attendez 30 secondes avant de réessayer.',
        messages: {
          en: 'Too many attempts. Wait 30 seconds before trying again.',
          fr: 'Trop de tentatives. Attendez 30 secondes avant de réessayer.',
        },
      },
    });
  });

  it('a schema violation names the field in both languages', () => {
    const err = schemaViolation([{ keyword: 'type', instancePath: '/name', params: { type: 'string' } }]);
    expect(errorBody(err, 'en').error).toEqual({
      code: 'invalid-request',
      message: '"name" must be text.',
      messages: { en: '"name" must be text.', fr: '« name » doit être un texte.' },
    });
  });

  it("a sharing refusal from core keeps its reason as the code and core's words", () => {
    const ctx = {
      url: 'https://dav.example.org/calendars/gilles/equipe-technique/',
      capabilities: { server: 'Cyrus', levels: ['read', 'read-write'], privateEvents: false },
    } as unknown as DriverContext;
    let thrown: unknown;
    try {
      checkRights(ctx, { access: 'admin' });
    } catch (e) {
      thrown = e;
    }
    const api = toApiError(thrown);
    expect(api.status).toBe(400);
    expect(api.code).toBe('unsupported-level');
    expect(errorBody(api, 'fr').error.message).toBe(
      "Cyrus ne peut pas donner le droit « Gestion (peut gérer le partage) » par son protocole de partage ; droits possibles : Lecture, Ecriture. Rien n'a été modifié",
    );
  });

  it('ApiError carries a catalog message', () => {
    const err = new ApiError(404, 'not-found', i18n.message('server.not-found', {}));
    expect(err.message).toBe('Nothing here.');
    expect(errorBody(err, 'fr').error.message).toBe("Il n'y a rien ici.");
  });

  it('the guest pages speak the catalog words, escaped', () => {
    expect(guestMessagePage('fr', 'locked')).toContain('<h1>Ce lien est verrouillé</h1>');
    expect(guestMessagePage('en', 'expired')).toContain('<title>This link has expired</title>');
  });
});
