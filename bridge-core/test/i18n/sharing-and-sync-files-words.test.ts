// Issue 11 item 2: the sharing and sync-files words moved into the catalog; errors carry a key and parameters (their
// stable codes unchanged) and users read the same words as before, each in their own language.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorForStatus } from '../../src/dav/errors.js';
import { UserFacingError } from '../../src/node/localized-error.js';
import { StatusSchemaError } from '../../src/node/sync/status-schema.js';
import { VdirStore } from '../../src/node/sync/vdir-store.js';
import { checkRights, cannotLeave, type DriverContext } from '../../src/sharing/drivers/driver.js';
import { ACCESS_LABEL, SharingError } from '../../src/sharing/errors.js';
import type { SharingCapabilities } from '../../src/sharing/types.js';
import { vevent } from '../../../test/support/items.js';

function context(capabilities: Partial<SharingCapabilities>): DriverContext {
  return {
    url: 'https://dav.example.org/calendars/gilles/equipe-technique/',
    capabilities: { server: 'DAViCal', levels: ['read', 'read-write'], privateEvents: false, ...capabilities },
  } as DriverContext;
}

function thrown(f: () => void): SharingError {
  try {
    f();
  } catch (err) {
    if (err instanceof SharingError) return err;
    throw err;
  }
  throw new Error('nothing thrown');
}

describe('sharing words come from the catalog', () => {
  it('a level the server cannot give names the rights Lecture / Ecriture / Gestion in French', () => {
    const err = thrown(() => checkRights(context({}), { access: 'admin' }));
    expect(err.reason).toBe('unsupported-level');
    expect(err.code).toBe('bad-request');
    expect(err.text).toEqual({
      key: 'sharing.unsupported-level',
      params: { server: 'DAViCal', access: 'admin', possible: ['read', 'read-write'] },
    });
    expect(err.localized('en')).toBe(
      'DAViCal cannot give "admin (may manage sharing)" access through its sharing protocol; it can give: read, read-write. Nothing was changed',
    );
    expect(err.localized('fr')).toBe(
      "DAViCal ne peut pas donner le droit « Gestion (peut gérer le partage) » par son protocole de partage ; droits possibles : Lecture, Ecriture. Rien n'a été modifié",
    );
  });

  it('ACCESS_LABEL is read from the catalog', () => {
    expect(ACCESS_LABEL).toEqual({
      read: { en: 'read', fr: 'Lecture' },
      'read-write': { en: 'read-write', fr: 'Ecriture' },
      admin: { en: 'admin (may manage sharing)', fr: 'Gestion (peut gérer le partage)' },
    });
  });

  it("leaving one's own collection and a server that cannot leave say different things", () => {
    const own = thrown(() => cannotLeave(context({ server: 'Nextcloud' }), { maybeUnshared: false }));
    expect(own.localized('fr')).toBe(
      "Cette collection n'est pas un partage reçu (elle vous appartient) : rien à quitter",
    );
    const server = thrown(() => cannotLeave(context({ server: 'SOGo' })));
    expect(server.reason).toBe('cannot-leave');
    expect(server.localized('en')).toBe('SOGo does not let a person leave a share: ask the owner to remove you');
  });

  it('a sharing request refused by the server names what it was doing, in both languages', () => {
    const err = errorForStatus(403, 'https://dav.example.org/x/', undefined, 'change-shares');
    expect(err.localized('en')).toContain('changing who this collection is shared with');
    expect(err.localized('fr')).toContain('la modification du partage de cette collection');
  });
});

describe('sync files words come from the catalog', () => {
  it('a newer status schema is refused in the user language', () => {
    const err = new StatusSchemaError({ found: 3, known: 1 });
    expect(err.text).toEqual({ key: 'sync.status-too-new', params: { found: 3, known: 1 } });
    expect(err.localized('fr')).toContain('Cet état de synchronisation a été écrit par une version plus récente');
    expect(err.message).toContain('This sync status was written by a newer DAV Bridge');
  });

  it('files another program wrote during a run are reported in one language at a time (before: both glued)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dav-bridge-words-appeared-'));
    try {
      const store = new VdirStore(dir, { name: 'Équipe technique' });
      await store.list();
      await store.create(vevent('r1', 'Réunion'), 'r1');
      writeFileSync(join(dir, 'r1.ics'), vevent('r1', 'Someone else'));
      const err = await store.flush().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(UserFacingError);
      const e = err as UserFacingError;
      expect(e.text?.key).toBe('sync.files-appeared');
      expect(e.localized('en')).toBe(
        'Équipe technique: r1.ics appeared during the run, written by another program; kept as found, compared next run',
      );
      expect(e.localized('fr')).toBe(
        'Équipe technique : r1.ics apparu pendant la synchronisation (écrit par un autre programme) ; conservé tel quel, comparé au prochain passage',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
