// Issue 15 item 2: connecting Microsoft 365 from the pane, through the bridge's HTTPS routes (listening), with
// msal-node's client replaced by the OAuth stand-in (written from the OAuth 2.0 auth-code + PKCE contract; no
// Microsoft service is reachable here). The connection lands sealed in the bridge store; no token ever reaches
// the pane or the dialog page; "reconnect" survives a restart without a request to Microsoft.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/middle-tier/app';
import { defaultConfig } from '../../src/middle-tier/config';
import type { GraphSignInConfig } from '../../src/middle-tier/graph/graph-config';
import { GraphReconnectNeeded } from '../../src/middle-tier/graph/graph-sign-in';
import type { AppContext } from '../../src/middle-tier/http/context';
import { digest } from '../../src/middle-tier/security/tokens';
import { openSqliteStore, type SqliteStore } from '../../src/middle-tier/store/sqlite-store';
import { loadOrCreateTls } from '../../src/middle-tier/tls';
import { OAuthStandin } from '../../../test/support/graph-fake/oauth-standin';
import { HttpsClient, type TestResponse } from '../../../test/support/https-client';

// @fastify/static is ESM only (Jest's CommonJS runtime cannot load it): the pane's files are not served here
// (paneDir points nowhere), so the plugin is never registered.
jest.mock('@fastify/static', () => ({ __esModule: true, default: async () => undefined }));
// @fastify/cookie cannot load under Jest's CommonJS runtime on Node 20: the cookie plugin stand-in takes its place.
jest.mock('@fastify/cookie', () => jest.requireActual('../../../test/support/cookie-plugin-standin'));

const addinRoot = resolve(__dirname, '..', '..');
const cfg: GraphSignInConfig = {
  tenant: 'organizations',
  clientId: 'bridge-client-id',
  clientSecret: 'client-secret-never-shown',
  redirectUri: 'https://bridge.example/outlook-sync/callback',
  cacheKey: Buffer.alloc(32, 9),
};
const GILLES = { username: 'gilles@contoso.example', accessToken: 'graph-at-gilles' };
const COOKIE = 'gilles-session-cookie-value';
const CSRF = 'gilles-csrf';

let dir: string;
let store: SqliteStore;
const apps: FastifyInstance[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dav-bridge-outlook-sync-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  store = openSqliteStore(':memory:');
  await store.upsertAccount({
    id: 'acc-gilles',
    serverId: 'radicale',
    username: 'gilles',
    sealedPassword: 'sealed',
    principalUrl: 'https://dav.example/gilles/',
    updatedAt: 1,
  });
  await store.createSession({
    idHash: digest(COOKIE),
    accountId: 'acc-gilles',
    csrfToken: CSRF,
    createdAt: Date.now(),
    expiresAt: Date.now() + 3600_000,
  });
});
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  await store.close();
});

interface Running {
  app: FastifyInstance;
  ctx: AppContext;
  /** A browser: the pane (signed in) unless `signedIn` is false (the dialog window, another browser). */
  browser(signedIn?: boolean): HttpsClient;
}

async function bridge(graph: Parameters<typeof createApp>[0]['graph']): Promise<Running> {
  const tls = loadOrCreateTls(undefined, dir);
  const made = await createApp({
    config: { ...defaultConfig(addinRoot), dataDir: dir, paneDir: join(dir, 'no-pane'), syncIntervalSeconds: 0 },
    store,
    deviceTokens: store.deviceTokens,
    masterKey: Buffer.alloc(32, 7),
    tls,
    logLevel: 'silent',
    dnsResolver: null,
    graph,
  });
  apps.push(made.app);
  await made.app.listen({ host: '127.0.0.1', port: 0 });
  const address = made.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const ca = readFileSync(join(dir, 'tls', 'localhost.crt'), 'utf8');
  return {
    ...made,
    browser(signedIn = true) {
      const c = new HttpsClient(`https://127.0.0.1:${port}`, ca);
      if (signedIn) c.cookies.set('__Host-davbridge-session', COOKIE);
      return c;
    },
  };
}

const withCsrf = { headers: { 'x-csrf-token': CSRF } };

describe('Outlook sync connection routes (OAuth stand-in for Microsoft sign-in)', () => {
  test('without configuration: graphSync off with its reason, state unavailable, connect refused', async () => {
    const b = await bridge({ config: { kind: 'not-configured' } });
    const pane = b.browser();
    const caps = (await pane.get('/api/v1/capabilities?lang=fr')).json();
    expect(caps.graphSync.available).toBe(false);
    expect(caps.graphSync.reason).toContain('Microsoft 365');
    expect(caps.graphSync.reasons.en).toContain('Add to Outlook');
    const state = (await pane.get('/api/v1/outlook-sync')).json();
    expect(state).toMatchObject({ state: 'unavailable', user: null });
    expect(state.reasons.fr).toContain('Ajouter à Outlook');
    const connect = await pane.send('POST', '/api/v1/outlook-sync/connect', withCsrf);
    expect(connect.status).toBe(409);
    expect(connect.json().error.code).toBe('outlook-sync-unavailable');
  });

  test('connect: session-bound dialog, PKCE sign-in, cache sealed in the store, no token to the pane', async () => {
    const standin = new OAuthStandin();
    const b = await bridge({ config: cfg, msalFactory: standin.factory });
    const seen: TestResponse[] = [];
    const keep = (r: TestResponse) => (seen.push(r), r);
    const pane = b.browser();
    expect(keep(await pane.get('/api/v1/capabilities')).json().graphSync).toMatchObject({ available: true });
    expect(keep(await pane.get('/api/v1/outlook-sync')).json()).toMatchObject({ state: 'disconnected', user: null });
    // CSRF like every pane route.
    expect(keep(await pane.send('POST', '/api/v1/outlook-sync/connect')).status).toBe(403);
    const connect = keep(await pane.send('POST', '/api/v1/outlook-sync/connect', withCsrf));
    const { dialogUrl } = connect.json() as { dialogUrl: string };
    expect(dialogUrl).toMatch(/^\/outlook-sync\/start\?ticket=/);

    // The Office dialog opens the address: a top-level window, where the pane's session cookie does not travel.
    const dialog = b.browser(false);
    const start = keep(await dialog.get(dialogUrl));
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers['location'] as string);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toContain('offline_access');
    const setCookie = ([] as string[]).concat(start.headers['set-cookie'] ?? []).join('\n');
    expect(setCookie).toMatch(/__Host-davbridge-graph-state=.*HttpOnly.*Secure.*SameSite=Lax/);
    // A ticket works once.
    expect(keep(await b.browser(false).get(dialogUrl)).status).toBe(400);

    // Gilles signs in at Microsoft (the stand-in), which sends the dialog back to the bridge.
    const back = new URL(standin.authorize(authorize.toString(), GILLES));
    const callbackPath = `${back.pathname}${back.search}`;
    // Another browser (without the dialog's state cookie) cannot use the code.
    const stolen = keep(await b.browser(false).get(callbackPath));
    expect(stolen.status).toBe(400);
    expect(stolen.text).toContain('data-outcome="expired"');
    const done = keep(await dialog.get(callbackPath, { 'accept-language': 'fr' }));
    expect(done.status).toBe(200);
    expect(done.text).toContain('data-outcome="connected"');
    expect(done.text).toContain('Outlook est connecté');
    expect(done.text).toContain('/outlook-sync/dialog.js');
    expect(done.headers['content-security-policy']).toContain('https://appsforoffice.microsoft.com');
    const script = keep(await dialog.get('/outlook-sync/dialog.js'));
    expect(script.text).toContain('Office.context.ui.messageParent');

    const state = keep(await pane.get('/api/v1/outlook-sync')).json();
    expect(state).toMatchObject({ state: 'connected', user: 'gilles@contoso.example', reason: null });
    // Sealed in the store: the refresh token is not readable there.
    const row = await store.getGraphConnection('acc-gilles');
    expect(row).toMatchObject({ state: 'connected', graphUserName: 'gilles@contoso.example' });
    expect(standin.issuedSecrets.length).toBeGreaterThan(0);
    for (const secret of [...standin.issuedSecrets, cfg.clientSecret]) {
      expect(row!.sealedCache).not.toContain(secret);
      for (const r of seen) expect(r.text + JSON.stringify(r.headers)).not.toContain(secret);
    }
    // The OpenAPI document lists the pane's routes (not the dialog's pages).
    const paths = Object.keys((await pane.get('/api/v1/openapi.json')).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/outlook-sync', '/api/v1/outlook-sync/connect']));
    expect(paths).not.toContain('/outlook-sync/callback');
  });

  test('a refused refresh sets "reconnect" with its reason, kept across a restart without a request; disconnect', async () => {
    const standin = new OAuthStandin();
    const first = await bridge({ config: cfg, msalFactory: standin.factory });
    const url = await first.ctx.graph.signIn!.begin('acc-gilles');
    const back = new URL(standin.authorize(url, GILLES));
    await first.ctx.graph.signIn!.complete(back.searchParams.get('state')!, back.searchParams.get('code')!);
    expect(await first.ctx.graph.signIn!.accessToken('acc-gilles')).toBe(GILLES.accessToken);
    standin.revoke(GILLES.username);
    await expect(first.ctx.graph.signIn!.accessToken('acc-gilles')).rejects.toBeInstanceOf(GraphReconnectNeeded);

    // A restart: a new bridge over the same database.
    const calls = standin.calls.length;
    const second = await bridge({ config: cfg, msalFactory: standin.factory });
    const pane = second.browser();
    const state = (await pane.get('/api/v1/outlook-sync?lang=en')).json();
    expect(state).toMatchObject({ state: 'reconnect', user: 'gilles@contoso.example' });
    expect(state.reason).toContain('no longer accepts');
    expect(state.reasons.fr).toContain("n'accepte plus");
    await expect(second.ctx.graph.signIn!.accessToken('acc-gilles')).rejects.toBeInstanceOf(GraphReconnectNeeded);
    expect(standin.calls.length).toBe(calls); // no request to Microsoft for a user who must reconnect

    expect((await pane.send('DELETE', '/api/v1/outlook-sync', withCsrf)).status).toBe(204);
    expect(await store.getGraphConnection('acc-gilles')).toBeUndefined();
    expect((await pane.get('/api/v1/outlook-sync')).json().state).toBe('disconnected');
  });
});
