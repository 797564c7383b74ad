// The Graph fake's change notifications (test/support/graph-fake/subscriptions-fake.ts) must refuse what Graph
// refuses, or the bridge's webhook tests prove nothing: an http URL, a resource that is no Outlook container of the
// mailbox, an expiry beyond the resource's maximum, unknown properties, and an endpoint that fails the validation
// handshake; a user's change is then POSTed to a validated endpoint, until the subscription expires.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateTls } from '../../src/middle-tier/tls';
import { GraphFake } from '../../../test/support/graph-fake/graph-fake.js';

const TOKEN = 'gilles-token';
const MINUTE = 60_000;
let fake: GraphFake;
let base: string;
let endpoint: Server;
let endpointUrl: string;
let dir: string;
/** How the endpoint answers the validation: right, or wrong in some way. */
let validation: 'echo' | 'wrong-token' | 'html' | 'error' = 'echo';
const received: unknown[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'graph-fake-subscriptions-'));
  const tls = loadOrCreateTls(undefined, dir);
  endpoint = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const token = new URL(req.url ?? '/', 'https://x').searchParams.get('validationToken');
      if (token === null) {
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(202).end();
      } else if (validation === 'error') res.writeHead(500).end();
      else if (validation === 'html') res.writeHead(200, { 'content-type': 'text/html' }).end(token);
      else res.writeHead(200, { 'content-type': 'text/plain' }).end(validation === 'echo' ? token : `${token}x`);
    });
  });
  await new Promise<void>((done) => endpoint.listen(0, '127.0.0.1', done));
  endpointUrl = `https://127.0.0.1:${(endpoint.address() as { port: number }).port}/notify`;
  fake = new GraphFake();
  base = await fake.start();
  fake.subscriptions.trust(tls.cert);
});
afterAll(async () => {
  await fake.stop();
  await new Promise<void>((done) => endpoint.close(() => done()));
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const at = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('Graph fake: /subscriptions', () => {
  let calendarId: string;
  const subscription = (extra: Record<string, unknown> = {}) => ({
    changeType: 'created,updated,deleted',
    notificationUrl: endpointUrl,
    resource: `me/calendars/${calendarId}/events`,
    expirationDateTime: at(60 * MINUTE),
    clientState: 'secret-of-the-test',
    ...extra,
  });

  beforeAll(async () => {
    calendarId = (await call('POST', '/me/calendars', { name: 'Astreintes' })).body.id;
  });

  it('refuses what Graph refuses', async () => {
    expect((await call('POST', '/subscriptions', subscription({ notificationUrl: 'http://127.0.0.1/x' }))).status).toBe(
      400,
    );
    expect((await call('POST', '/subscriptions', subscription({ resource: 'me/messages' }))).status).toBe(400);
    expect((await call('POST', '/subscriptions', subscription({ resource: 'me/calendars/nope/events' }))).status).toBe(
      404,
    );
    const tooLong = await call('POST', '/subscriptions', subscription({ expirationDateTime: at(10_081 * MINUTE) }));
    expect(tooLong).toMatchObject({ status: 400, body: { error: { code: 'ExtensionError' } } });
    expect((await call('POST', '/subscriptions', subscription({ colour: 'red' }))).status).toBe(400);
    expect((await call('POST', '/subscriptions', subscription({ changeType: 'edited' }))).status).toBe(400);
    expect(fake.subscriptions.active()).toEqual([]);
  });

  it('refuses an endpoint that fails the validation: wrong token, not text/plain, an error', async () => {
    for (const wrong of ['wrong-token', 'html', 'error'] as const) {
      validation = wrong;
      const res = await call('POST', '/subscriptions', subscription());
      expect(res).toMatchObject({ status: 400, body: { error: { code: 'ValidationError' } } });
    }
    validation = 'echo';
    expect(fake.subscriptions.active()).toEqual([]);
  });

  it('notifies a validated endpoint of the user changes, until the subscription expires', async () => {
    const created = await call('POST', '/subscriptions', subscription());
    expect(created.status).toBe(201);
    const id = fake.userCreate(TOKEN, calendarId, {
      subject: 'Astreinte',
      start: { dateTime: '2026-12-19T09:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-12-19T10:00:00', timeZone: 'UTC' },
    });
    fake.userEdit(TOKEN, id, { subject: 'Astreinte du samedi' });
    await fake.subscriptions.idle();
    expect(received).toMatchObject([
      { value: [{ subscriptionId: created.body.id, clientState: 'secret-of-the-test', changeType: 'created' }] },
      { value: [{ subscriptionId: created.body.id, changeType: 'updated', resourceData: { id } }] },
    ]);
    // Renewal within the maximum; then the clock passes the expiry: no notification, 404 to PATCH.
    expect(
      (await call('PATCH', `/subscriptions/${created.body.id}`, { expirationDateTime: at(90 * MINUTE) })).status,
    ).toBe(200);
    fake.subscriptions.now = () => Date.now() + 2 * 60 * MINUTE;
    fake.userDelete(TOKEN, id);
    await fake.subscriptions.idle();
    expect(received).toHaveLength(2);
    expect(
      (await call('PATCH', `/subscriptions/${created.body.id}`, { expirationDateTime: at(3 * 60 * MINUTE) })).status,
    ).toBe(404);
  });
});
