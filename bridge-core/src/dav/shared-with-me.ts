/**
 * Collections other people share with me that none of my homes lists, found the way the server's own clients
 * find them.
 *
 * - SOGo: a share applies at once but shows in my home only after I subscribe. Its clients search the users
 *   (inverse-dav user-query on my principal) and list each user's Calendar/ and Contacts/ folders: SOGo lists
 *   there only the folders I may read. A folder I already subscribed to (my home's "<owner>_<folder>") is
 *   left out, so each share is listed once.
 * - DAViCal: nothing tells a sharee about an ACL grant; once I subscribe (a BIND into my home, see
 *   sharing/subscribe.ts) my home lists it, with its owner. Nothing to add here.
 * - Cyrus: accepted invitations sit in my home; proxies and groups are read by discovery (delegates).
 */
import type { Collection } from './collections.js';
import { listCollectionsIn } from './collections.js';
import type { Discovery } from './discovery.js';
import { AuthenticationError, DavError } from './errors.js';
import { sameResource } from './multistatus.js';
import { NS } from './namespaces.js';
import type { Transport } from './transport.js';
import { parseXml } from './xml.js';
import { message, render } from '../i18n/index.js';

function segments(url: string): string[] {
  return new URL(url).pathname
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

const MAX_USERS_SEARCHED = 200;

export function isSogoPrincipal(url: string): boolean {
  return new URL(url).pathname.startsWith('/SOGo/dav/');
}

/** SOGo's user search (what its subscription dialog uses); match-name "." finds every address and name with a dot. */
export async function sogoUsers(transport: Transport, myPrincipal: string): Promise<string[]> {
  const ids = new Set<string>();
  for (const match of ['.', '@']) {
    const res = await transport.request({
      method: 'REPORT',
      url: myPrincipal,
      headers: { 'Content-Type': 'application/xml; charset=utf-8' },
      body: `<?xml version="1.0" encoding="utf-8"?>\n<user-query xmlns="${NS.SOGO}"><users match-name="${match}"/></user-query>`,
      accept: [400, 403, 404, 405, 500, 501],
      what: 'find-colleagues',
    });
    if (res.status >= 300 || !res.text.trim().startsWith('<')) continue;
    for (const u of parseXml(res.text, res.url, res.status).children.filter((c) => c.local === 'user')) {
      const id = u.children.find((c) => c.local === 'id')?.text.trim();
      if (id) ids.add(id);
    }
  }
  const me = segments(myPrincipal).pop();
  return [...ids].filter((id) => id !== me);
}

/** My SOGo subscription to `c` is named "<owner id>_<folder>" in my home of the same kind. */
function subscribedAlready(c: Collection, known: Collection[]): boolean {
  if (!c.owner) return false;
  const ownerId = segments(c.owner).pop();
  const folder = segments(c.url).pop();
  return known.some(
    (k) =>
      k !== c &&
      k.owner !== undefined &&
      sameResource(k.owner, c.owner ?? '') &&
      segments(k.url).pop() === `${ownerId}_${folder}`,
  );
}

/**
 * Each SOGo share once: the owner's folder (found by user search, or through a delegation) is left out when I
 * subscribed to it, because the subscription is what SOGo's own clients show.
 */
export function dropSubscribedDuplicates(collections: Collection[]): Collection[] {
  return collections.filter((c) => !(isSogoPrincipal(c.url) && subscribedAlready(c, collections)));
}

export async function findOthersSharedWithMe(
  transport: Transport,
  discovery: Discovery,
  known: Collection[],
  warnings: string[],
): Promise<Collection[]> {
  const me = discovery.principal;
  if (!isSogoPrincipal(me.url)) return [];
  let users: string[];
  try {
    users = await sogoUsers(transport, me.url);
  } catch (err) {
    if (err instanceof AuthenticationError || !(err instanceof DavError)) throw err;
    warnings.push(`${me.url}: ${err.message}`);
    return [];
  }
  // Two requests per colleague: fine for a team, not for a whole company directory.
  if (users.length > MAX_USERS_SEARCHED) {
    // Discovery warnings are English text (like the DAV errors' messages next to them).
    warnings.push(
      render('en', message('sharing.too-many-users-searched', { users: users.length, searched: MAX_USERS_SEARCHED })),
    );
  }
  const out: Collection[] = [];
  for (const id of users.slice(0, MAX_USERS_SEARCHED)) {
    for (const folder of ['Calendar', 'Contacts']) {
      const homeUrl = new URL(`/SOGo/dav/${encodeURIComponent(id)}/${folder}/`, me.url).toString();
      try {
        const found = await listCollectionsIn(transport, {
          homeUrl,
          myPrincipal: me.url,
          foreignHome: true,
          fallbackAccess: 'unknown',
        });
        out.push(...found.filter((c) => !subscribedAlready(c, known)));
      } catch (err) {
        // Nothing shared by that person: SOGo answers 403/404 for their folders. Not worth a warning.
        if (err instanceof AuthenticationError || !(err instanceof DavError)) throw err;
      }
    }
  }
  return out;
}

/** Whether anyone but the anonymous user (a public link) has roles on my SOGo collection. */
export async function sogoSharedByMe(transport: Transport, url: string): Promise<boolean> {
  try {
    const res = await transport.request({
      method: 'REPORT',
      url,
      headers: { 'Content-Type': 'application/xml; charset=utf-8' },
      body: `<?xml version="1.0" encoding="utf-8"?>\n<acl-query xmlns="${NS.SOGO}"><user-list/></acl-query>`,
      accept: [400, 403, 404, 405, 500, 501],
    });
    if (res.status >= 300 || !res.text.trim().startsWith('<')) return false;
    return parseXml(res.text, res.url, res.status)
      .children.filter((u) => u.local === 'user')
      .some((u) => {
        const id = u.children.find((c) => c.local === 'id')?.text.trim();
        return !!id && id !== 'anonymous';
      });
  } catch (err) {
    if (err instanceof AuthenticationError || !(err instanceof DavError)) throw err;
    return false;
  }
}
