// Minimal DAV requests the bench makes itself: the "floor" queries, cache warming, the server-side edits.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

export function davRequest(baseUrl, auth, method, path, { headers = {}, body } = {}) {
  const u = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        method,
        path: u.pathname + u.search,
        agent,
        headers: {
          authorization: `Basic ${Buffer.from(auth).toString('base64')}`,
          ...(body !== undefined ? { 'content-length': Buffer.byteLength(body) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const XML = { 'content-type': 'application/xml; charset=utf-8' };

export const CALENDAR_QUERY_ALL = `<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter></C:filter>
</C:calendar-query>`;

export const ADDRESSBOOK_QUERY_ALL = `<?xml version="1.0" encoding="utf-8"?>
<CR:addressbook-query xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">
  <D:prop><D:getetag/><CR:address-data/></D:prop>
</CR:addressbook-query>`;

/** REPORT returning every item with its data (calendar-query / addressbook-query). */
export function queryAll(baseUrl, auth, path, kind) {
  return davRequest(baseUrl, auth, 'REPORT', path, {
    headers: { ...XML, depth: '1' },
    body: kind === 'events' ? CALENDAR_QUERY_ALL : ADDRESSBOOK_QUERY_ALL,
  });
}

export async function propfindSyncToken(baseUrl, auth, path) {
  const r = await davRequest(baseUrl, auth, 'PROPFIND', path, {
    headers: { ...XML, depth: '0' },
    body: '<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:sync-token/></D:prop></D:propfind>',
  });
  const m = /<(?:\w+:)?sync-token[^>]*>([^<]+)</.exec(r.body);
  if (r.status !== 207 || !m) throw new Error(`PROPFIND sync-token ${path}: HTTP ${r.status}`);
  return m[1];
}

export function propfindEtags(baseUrl, auth, path) {
  return davRequest(baseUrl, auth, 'PROPFIND', path, {
    headers: { ...XML, depth: '1' },
    body: '<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/><D:resourcetype/></D:prop></D:propfind>',
  });
}

export function syncCollection(baseUrl, auth, path, token) {
  return davRequest(baseUrl, auth, 'REPORT', path, {
    headers: XML,
    body: `<?xml version="1.0" encoding="utf-8"?><D:sync-collection xmlns:D="DAV:"><D:sync-token>${token ?? ''}</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>`,
  });
}

const unescapeXml = (s) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });

/** [{ href, data }] out of a multistatus with calendar-data / address-data (good enough for Radicale's output). */
export function parseItems(body) {
  const out = [];
  const re = /<(?:\w+:)?response\b[^>]*>([\s\S]*?)<\/(?:\w+:)?response>/g;
  let m;
  while ((m = re.exec(body))) {
    const href = /<(?:\w+:)?href[^>]*>([^<]*)</.exec(m[1])?.[1];
    const data = /<(?:\w+:)?(?:calendar|address)-data[^>]*>([\s\S]*?)<\/(?:\w+:)?(?:calendar|address)-data>/.exec(
      m[1],
    )?.[1];
    if (href && data !== undefined) out.push({ href: unescapeXml(href), data: unescapeXml(data) });
  }
  return out;
}

export const countResponses = (body) => (body.match(/<(?:\w+:)?response\b/g) ?? []).length;
