/**
 * Nextcloud cannot run here: these "contract:" tests serve, from a small real HTTP server, the exchanges
 * Nextcloud documents (sabre/dav + oc sharing plugin + calendar publishing), and check what the driver sends.
 * The fake server keeps state (sharees, publish token) so a wrong request shows up as a wrong result.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectAccount, type DavAccount } from '../../src/dav/account.js';
import { NS } from '../../src/dav/namespaces.js';
import { parseXml, type XmlElement } from '../../src/dav/xml.js';
import { openSharing } from '../../src/sharing/session.js';
import { SharingError } from '../../src/sharing/errors.js';
import { listInvitations } from '../../src/sharing/invitations.js';

interface Exchange {
  method: string;
  path: string;
  contentType: string | undefined;
  body: string;
}

const USERS: Record<string, { name: string; email: string }> = {
  alice: { name: 'Alice', email: 'alice@example.com' },
  bob: { name: 'Bob', email: 'bob@example.com' },
  carol: { name: 'Carol', email: 'carol@example.com' },
};

let server: Server;
let base: string;
const log: Exchange[] = [];
let sharees = new Map<string, { readWrite: boolean }>();
let publishToken: string | null = null;

const ms = (inner: string) =>
  `<?xml version="1.0"?>\n<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:cal="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.com/ns">${inner}</d:multistatus>`;
const resp = (href: string, props: string, missing = '') =>
  `<d:response><d:href>${href}</d:href><d:propstat><d:prop>${props}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>${
    missing ? `<d:propstat><d:prop>${missing}</d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>` : ''
  }</d:response>`;

function read(req: IncomingMessage): Promise<string> {
  return new Promise((r) => {
    let s = '';
    req.on('data', (c) => (s += c));
    req.on('end', () => r(s));
  });
}

const CAL = '/remote.php/dav/calendars/alice/equipe-tech/';

function calendarProps(user: string): string {
  const invite = [...sharees]
    .map(
      ([u, s]) =>
        `<oc:user><d:href>principal:principals/users/${u}</d:href><oc:common-name>${USERS[u]?.name}</oc:common-name><oc:invite-accepted/><oc:access>${s.readWrite ? '<oc:read-write/>' : '<oc:read/>'}</oc:access></oc:user>`,
    )
    .join('');
  const privs =
    user === 'alice'
      ? '<d:privilege><d:all/></d:privilege><d:privilege><d:read/></d:privilege><d:privilege><d:write/></d:privilege><d:privilege><d:write-acl/></d:privilege>'
      : '<d:privilege><d:read/></d:privilege>';
  return (
    `<d:resourcetype><d:collection/><cal:calendar/></d:resourcetype><d:owner><d:href>/remote.php/dav/principals/users/alice/</d:href></d:owner>` +
    `<oc:owner-principal>principals/users/alice</oc:owner-principal>` +
    `<d:current-user-privilege-set>${privs}</d:current-user-privilege-set><oc:invite>${invite}</oc:invite>` +
    `<cs:allowed-sharing-modes><cs:can-be-shared/><cs:can-be-published/></cs:allowed-sharing-modes>` +
    (publishToken
      ? `<cs:publish-url><d:href>${base}remote.php/dav/public-calendars/${publishToken}</d:href></cs:publish-url>`
      : '')
  );
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await read(req);
    const path = (req.url ?? '/').split('?')[0] as string;
    log.push({ method: req.method ?? '', path, contentType: req.headers['content-type'], body });
    const auth = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
    const user = auth.split(':')[0] ?? '';
    const send = (status: number, text = '', headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'X-Sabre-Version': '4.6.0', ...headers }).end(text);
    if (path.startsWith('/remote.php/dav/public-calendars/')) {
      const token = path.split('/')[4];
      if (token && token === publishToken && req.url?.endsWith('?export'))
        return send(200, 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', { 'Content-Type': 'text/calendar' });
      return send(404);
    }
    if (!USERS[user] || auth !== `${user}:${user}pw`)
      return send(401, '', { 'WWW-Authenticate': 'Basic realm="Nextcloud"' });
    const xml = (status: number, text: string) =>
      send(status, text, { 'Content-Type': 'application/xml; charset=utf-8' });
    if (req.method === 'OPTIONS') {
      return send(200, '', {
        DAV: '1, 3, extended-mkcol, access-control, calendarserver-principal-property-search, calendar-access, calendar-proxy, oc-resource-sharing, oc-calendar-publishing, nc-calendar-search',
        Allow: 'OPTIONS, GET, HEAD, DELETE, PROPFIND, PUT, PROPPATCH, COPY, MOVE, REPORT, POST, ACL',
      });
    }
    if (req.method === 'PROPFIND' && (path === '/remote.php/dav/' || path === '/')) {
      return xml(
        207,
        ms(
          resp(
            '/remote.php/dav/',
            `<d:current-user-principal><d:href>/remote.php/dav/principals/users/${user}/</d:href></d:current-user-principal>`,
          ),
        ),
      );
    }
    const principal = /^\/remote\.php\/dav\/principals\/users\/([^/]+)\/$/.exec(path);
    if (req.method === 'PROPFIND' && principal) {
      const u = principal[1] as string;
      if (!USERS[u]) return send(404);
      return xml(
        207,
        ms(
          resp(
            path,
            `<d:displayname>${USERS[u].name}</d:displayname><cal:calendar-home-set><d:href>/remote.php/dav/calendars/${u}/</d:href></cal:calendar-home-set><cal:calendar-user-address-set><d:href>mailto:${USERS[u].email}</d:href><d:href>/remote.php/dav/principals/users/${u}/</d:href></cal:calendar-user-address-set>`,
          ),
        ),
      );
    }
    if (req.method === 'REPORT' && path === '/remote.php/dav/principals/users/') {
      const root = parseXml(body, path);
      const match = root.children
        .find((c) => c.local === 'property-search')
        ?.children.find((c) => c.local === 'match')
        ?.text.trim();
      const found = Object.entries(USERS).filter(([, v]) => v.email === match);
      return xml(
        207,
        ms(
          found
            .map(([u, v]) =>
              resp(
                `/remote.php/dav/principals/users/${u}/`,
                `<cal:calendar-user-address-set><d:href>mailto:${v.email}</d:href></cal:calendar-user-address-set>`,
              ),
            )
            .join(''),
        ),
      );
    }
    if (path === CAL && req.method === 'PROPFIND')
      return xml(207, ms(resp(CAL, calendarProps(user), publishToken ? '' : '<cs:publish-url/>')));
    if (path === CAL && req.method === 'POST') {
      if (user !== 'alice') return send(403);
      if (!/xml/.test(req.headers['content-type'] ?? '')) return send(415);
      const root: XmlElement = parseXml(body, path);
      if (root.ns === NS.OC && root.local === 'share') {
        for (const op of root.children) {
          const href = op.children.find((c) => c.local === 'href')?.text.trim() ?? '';
          const m = /^principal:principals\/users\/([^/]+)$/.exec(href);
          if (!m || !USERS[m[1] as string]) return send(400, 'unknown principal');
          if (op.local === 'set')
            sharees.set(m[1] as string, {
              readWrite: op.children.some((c) => c.ns === NS.OC && c.local === 'read-write'),
            });
          else if (op.local === 'remove') sharees.delete(m[1] as string);
          else return send(400);
        }
        return send(200);
      }
      if (root.ns === NS.CS && root.local === 'publish-calendar') {
        publishToken = 'Xy7kP2mQ9rT4';
        return send(202);
      }
      if (root.ns === NS.CS && root.local === 'unpublish-calendar') {
        publishToken = null;
        return send(200);
      }
      return send(400);
    }
    return send(404);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  sharees = new Map();
  publishToken = null;
  log.length = 0;
});

const connect = (u: string): Promise<DavAccount> =>
  connectAccount({ serverUrl: `${base}remote.php/dav/`, auth: { type: 'basic', username: u, password: `${u}pw` } });

describe('Nextcloud driver', () => {
  it('contract: detection from oc-resource-sharing + X-Sabre-Version gives read/read-write, publish, no invitations', async () => {
    const shared = await openSharing(await connect('alice'), CAL);
    expect(shared.capabilities).toMatchObject({
      driver: 'nextcloud',
      levels: ['read', 'read-write'],
      publish: true,
      invitations: false,
      canManage: true,
    });
    expect(shared.capabilities.sabreVersion).toBe('4.6.0');
  });

  it('contract: share by email posts <o:share><o:set> with the principal: href, lists from oc:invite, removes', async () => {
    const shared = await openSharing(await connect('alice'), CAL);
    expect(await shared.share('bob@example.com', { access: 'read-write' })).toMatchObject({
      sharee: 'principal:principals/users/bob',
      access: 'read-write',
      status: 'accepted',
    });
    await shared.share('carol@example.com', { access: 'read' });
    const post = log.filter((e) => e.method === 'POST');
    expect(post[0]?.body).toMatch(
      /<oc:set><d:href>principal:principals\/users\/bob<\/d:href><oc:read-write\/><\/oc:set>/,
    );
    expect(post[1]?.body).not.toContain('read-write');
    expect(sharees.get('carol')).toEqual({ readWrite: false });
    expect((await shared.listShares()).map((s) => [s.sharee, s.access, s.displayName])).toEqual([
      ['principal:principals/users/bob', 'read-write', 'Bob'],
      ['principal:principals/users/carol', 'read', 'Carol'],
    ]);
    await shared.unshare('carol@example.com');
    expect([...sharees.keys()]).toEqual(['bob']);
    expect(log.filter((e) => e.method === 'POST').pop()?.body).toMatch(
      /<oc:remove><d:href>principal:principals\/users\/carol<\/d:href><\/oc:remove>/,
    );
  });

  it('contract: admin and private-event settings are refused before any request changes anything', async () => {
    const shared = await openSharing(await connect('alice'), CAL);
    log.length = 0;
    await expect(shared.share('bob@example.com', { access: 'admin' })).rejects.toMatchObject({
      reason: 'unsupported-level',
    });
    await expect(shared.share('bob@example.com', { access: 'read', privateEvents: false })).rejects.toMatchObject({
      reason: 'unsupported-private-events',
    });
    await expect(shared.share('zed@example.com', { access: 'read' })).rejects.toMatchObject({
      reason: 'unknown-sharee',
    });
    expect(log.some((e) => e.method === 'POST')).toBe(false);
    expect(sharees.size).toBe(0);
  });

  it('contract: publish posts <cs:publish-calendar/>, reads cs:publish-url; ICS = ?export, webcal, HTML page; unpublish', async () => {
    const shared = await openSharing(await connect('alice'), CAL);
    expect(await shared.published()).toBeNull();
    const links = await shared.publish();
    expect(log.some((e) => e.method === 'POST' && /<cs:publish-calendar/.test(e.body))).toBe(true);
    expect(links).toEqual({
      ics: `${base}remote.php/dav/public-calendars/Xy7kP2mQ9rT4?export`,
      webcal: `${base.replace('http:', 'webcal:')}remote.php/dav/public-calendars/Xy7kP2mQ9rT4?export`,
      html: `${base}index.php/apps/calendar/p/Xy7kP2mQ9rT4`,
      expires: null,
    });
    expect((await fetch(links.ics)).status).toBe(200);
    await shared.unpublish();
    expect(publishToken).toBeNull();
    expect((await fetch(links.ics)).status).toBe(404);
    await expect(shared.unpublish()).rejects.toMatchObject({ reason: 'not-published' });
    await expect(shared.publish({ expires: new Date(Date.now() + 1000_000) })).rejects.toBeInstanceOf(SharingError);
  });

  it('contract: a sharee without write-acl may not manage sharing; there are no invitations to list', async () => {
    const bob = await connect('bob');
    const shared = await openSharing(bob, CAL);
    expect(shared.capabilities.canManage).toBe(false);
    await expect(shared.share('carol@example.com', { access: 'read' })).rejects.toMatchObject({
      reason: 'not-allowed',
    });
    expect(await listInvitations(bob)).toEqual([]);
  });
});
