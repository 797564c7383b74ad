/**
 * Establishing my real rights on a collection shared with me when the server does not publish a usable
 * current-user-privilege-set (DAViCal hides it from sharees, SOGo leaves it empty on address books).
 * Assuming read-write there made every sync of a read-only share fail with 403 and sent the user's edits
 * to the conflicts folder; so we ask the server another way, and say "unknown" when it will not tell.
 *
 * - SOGo: its own sharing API answers a sharee's question about their own roles (acl-query <roles user=me/>).
 * - Elsewhere (DAViCal): DELETE of a name that cannot exist. The server checks the unbind right before it
 *   looks for the resource: 404 means I may delete (read-write), 403 means I may not (read). Nothing exists
 *   at that name, so nothing can be lost whatever the answer.
 */
import type { ShareAccess } from '../sharing/types.js';
import { AuthenticationError, DavError } from './errors.js';
import { lastSegment } from './multistatus.js';
import { NS } from './namespaces.js';
import type { Transport } from './transport.js';
import { parseXml } from './xml.js';
import type { Access } from './collections.js';

export type CollectionAccess = Access | 'unknown';

function randomToken(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function isSogoUrl(url: string): boolean {
  return new URL(url).pathname.startsWith('/SOGo/');
}

async function sogoRoles(transport: Transport, url: string, me: string): Promise<Access | undefined> {
  const res = await transport.request({
    method: 'REPORT',
    url,
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
    body: `<?xml version="1.0" encoding="utf-8"?>\n<acl-query xmlns="${NS.SOGO}"><roles user="${lastSegment(me).replace(/[<>&"]/g, '')}"/></acl-query>`,
    accept: [400, 403, 404, 405, 500, 501],
  });
  if (res.status >= 300 || !res.text.trim()) return undefined;
  const roles = parseXml(res.text, res.url, res.status).children.map((c) => c.local);
  return rightsFromRoles(roles)?.access;
}

async function deleteProbe(
  transport: Transport,
  url: string,
  family: 'calendar' | 'addressbook',
): Promise<Access | undefined> {
  // Inside the collection, whatever the caller's spelling: without the slash the probe would measure the parent.
  const collection = url.endsWith('/') ? url : `${url}/`;
  const probeUrl = new URL(
    `dav-bridge-rights-probe-${randomToken()}.${family === 'calendar' ? 'ics' : 'vcf'}`,
    collection,
  );
  const res = await transport.request({
    method: 'DELETE',
    url: probeUrl.toString(),
    // A precondition that can never hold: even a server that ignored the name's absence would not delete.
    headers: { 'If-Match': '"dav-bridge-never-matches"' },
    accept: [403, 404, 405, 409, 410, 412, 500, 501],
  });
  if (res.status === 403) return 'read';
  // 412 says only that the (absent) resource did not match: it proves nothing about rights. 404 proves write
  // rights only where the server checks rights before looking the name up, as DAViCal does; others (sabre/dav)
  // answer 404 to a read-only sharee too, so there the rights stay unknown (read-only).
  if ((res.status === 404 || res.status === 410) && new URL(collection).pathname.includes('/caldav.php/'))
    return 'read-write';
  return undefined;
}

/**
 * My rights on a collection shared with me, asked of the server; 'unknown' when it will not tell
 * (callers then behave as read-only). Never throws for a refusal, only for a wrong password.
 */
export async function establishAccess(
  transport: Transport,
  url: string,
  options: { myPrincipal: string; family: 'calendar' | 'addressbook' },
): Promise<CollectionAccess> {
  try {
    if (isSogoUrl(url)) {
      if (!options.myPrincipal) return 'unknown';
      return (await sogoRoles(transport, url, options.myPrincipal)) ?? 'unknown';
    }
    return (await deleteProbe(transport, url, options.family)) ?? 'unknown';
  } catch (err) {
    if (err instanceof AuthenticationError) throw err;
    if (err instanceof DavError) return 'unknown';
    throw err;
  }
}

/** SOGo's role names (its acl-query answer) as our rights model. */
export function rightsFromRoles(roles: string[]): { access: ShareAccess; privateEvents: boolean } | undefined {
  const has = (r: string) => roles.includes(r);
  const privateEvents = has('PrivateViewer') || has('PrivateModifier');
  if (has('ObjectCreator') || has('ObjectEraser') || has('PublicModifier') || has('ObjectEditor'))
    return { access: 'read-write', privateEvents };
  if (has('ObjectViewer') || has('PublicViewer') || has('PublicDAndTViewer') || has('ConfidentialViewer'))
    return { access: 'read', privateEvents };
  return undefined;
}
