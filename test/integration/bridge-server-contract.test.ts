// The bridge's HTTP contract, over real HTTPS against real Radicale: requests that break a route's JSON Schema get
// 400 with a stable code in the caller's language, the OpenAPI document generated from the schemas lists every API
// route, and per-device bearer tokens are created with a session, used without CSRF, and revoked (then 401).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serversUnderTest } from '../harness/servers.js';
import { startBridge, type RunningBridge } from '../support/bridge.js';

jest.setTimeout(60_000);

const [server] = serversUnderTest();
if (!server) throw new Error('no DAV server under test');
const davServers = [{ id: server.name, label: `Test ${server.name}`, url: server.baseUrl }];

let bridge: RunningBridge;
beforeAll(async () => {
  bridge = await startBridge({ davServers, limits: { signInPerIp: { max: 100, windowMs: 60_000 } } });
});
afterAll(async () => bridge?.stop());

/** Every JSON API route the sources declare ("METHOD /path" with OpenAPI's {param}), read from the route files. */
function declaredApiRoutes(): string[] {
  const dir = resolve(__dirname, '..', '..', 'outlook-addin', 'src', 'middle-tier', 'routes');
  const found = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const m of source.matchAll(
      /app\.(get|post|put|patch|delete)(?:<[^>]*>)?\(\s*'(\/(?:api\/v1|health)\/[^']*)'/g,
    )) {
      found.add(`${m[1]!.toUpperCase()} ${m[2]!.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return [...found].sort();
}

describe('schema violations', () => {
  it('answers 400 invalid-request in French, naming the field, when the caller asks French', async () => {
    const res = await bridge.client().send('POST', '/api/v1/session?lang=fr', {
      json: { username: 42, password: 'x', server: server.name },
    });
    expect(res.status).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('invalid-request');
    expect(error.message).toBe(error.messages.fr);
    expect(error.messages.fr).toBe('« username » doit être un texte.');
    expect(error.messages.en).toBe('"username" must be text.');
  });

  it('names a missing field and a value outside the allowed ones (Accept-Language: fr)', async () => {
    const c = bridge.client();
    expect((await c.signIn('alice', server.users.alice.password, server.name)).status).toBe(200);
    const fr = { 'accept-language': 'fr-FR,fr;q=0.9' };
    const missing = await c.send('POST', '/api/v1/guest-links', { json: {}, headers: fr });
    expect(missing.status).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'invalid-request', message: '« collectionUrl » est manquant.' });
    const kind = await c.send('POST', '/api/v1/collections', {
      json: { name: 'Équipe technique', kind: 'journal' },
      headers: fr,
    });
    expect(kind.status).toBe(400);
    expect(kind.json().error).toMatchObject({
      code: 'invalid-request',
      message: "« kind » a une valeur qui n'est pas autorisée.",
    });
    // No type coercion: "true" is not a boolean.
    const hide = await c.send('POST', '/api/v1/guest-links', {
      json: { collectionUrl: 'https://example.invalid/x/', hidePrivateEvents: 'true' },
    });
    expect(hide.status).toBe(400);
    expect(hide.json().error.message).toBe('"hidePrivateEvents" must be true or false.');
  });
});

describe('OpenAPI document', () => {
  it('is served at /api/v1/openapi.json, OpenAPI 3.x, and lists every API route with its schemas', async () => {
    const res = await bridge.client().get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
    const doc = res.json() as {
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, { requestBody?: unknown; responses?: Record<string, unknown> }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(typeof doc).toBe('object');
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info.title).toBe('DAV Bridge API');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['deviceToken', 'sessionCookie']);

    const listed = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const declared = declaredApiRoutes();
    expect(declared.length).toBeGreaterThan(20);
    expect(listed).toEqual(declared);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect([path, method, Object.keys(op.responses ?? {}).length > 1]).toEqual([path, method, true]);
      }
    }
    expect(doc.paths['/api/v1/collections']?.['post']?.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/guest-links']?.['post']?.requestBody).toBeDefined();
  });
});

describe('device bearer tokens', () => {
  it('are created with a session, work without cookie nor CSRF, are listed, and revoked ones get 401', async () => {
    const browser = bridge.client();
    expect((await browser.signIn('alice', server.users.alice.password, server.name)).status).toBe(200);
    const created = await browser.send('POST', '/api/v1/devices', { json: { name: 'Thunderbird de Gilles' } });
    expect(created.status).toBe(201);
    const { device, token } = created.json();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(device).toMatchObject({ name: 'Thunderbird de Gilles', lastUsedAt: null });

    // A script: no cookie, no CSRF token, only the bearer.
    const script = bridge.client();
    const auth = { authorization: `Bearer ${token}` };
    const collections = await script.get('/api/v1/collections', auth);
    expect(collections.status).toBe(200);
    expect(Array.isArray(collections.json().collections)).toBe(true);
    // State-changing call with the bearer and no CSRF header: accepted (a schema violation, not a CSRF refusal).
    const patch = await script.send('PATCH', '/api/v1/collections', {
      json: { url: 'x', color: 'red' },
      headers: auth,
    });
    expect(patch.status).toBe(400);
    expect(patch.json().error.code).toBe('invalid-request');
    // A device token cannot mint more tokens: creating one needs the browser session.
    const mint = await script.send('POST', '/api/v1/devices', { json: { name: 'another' }, headers: auth });
    expect(mint.status).toBe(401);

    const listed = await browser.get('/api/v1/devices');
    expect(listed.status).toBe(200);
    const mine = listed.json().devices.find((d: { id: string }) => d.id === device.id);
    expect(mine.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.json())).not.toContain(token);
    // Only the hash is stored.
    expect(readFileSync(join(bridge.dataDir, 'bridge.sqlite')).includes(token)).toBe(false);

    // Revoked with the bearer itself, no CSRF: the next call with it is refused.
    const revoked = await script.send('DELETE', `/api/v1/devices/${device.id}`, { headers: auth });
    expect(revoked.status).toBe(204);
    expect(revoked.text).toBe('');
    const after = await script.get('/api/v1/collections', { ...auth, 'accept-language': 'fr' });
    expect(after.status).toBe(401);
    expect(after.json().error.code).toBe('invalid-device-token');
    expect(after.json().error.message).toBe(after.json().error.messages.fr);
    expect((await browser.get('/api/v1/devices')).json().devices.map((d: { id: string }) => d.id)).not.toContain(
      device.id,
    );
  });

  it('refuses a malformed or unknown bearer with 401, and another user cannot revoke the device', async () => {
    const c = bridge.client();
    expect((await c.get('/api/v1/collections', { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await c.get('/api/v1/collections', { authorization: `Bearer ${'a'.repeat(43)}` })).status).toBe(401);
    const alice = bridge.client();
    await alice.signIn('alice', server.users.alice.password, server.name);
    const { device } = (await alice.send('POST', '/api/v1/devices', { json: { name: 'script' } })).json();
    const bob = bridge.client();
    await bob.signIn('bob', server.users.bob.password, server.name);
    const other = await bob.send('DELETE', `/api/v1/devices/${device.id}`);
    expect(other.status).toBe(404);
    expect(other.json().error.code).toBe('device-not-found');
  });
});
