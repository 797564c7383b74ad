/**
 * Invitations I received (CalendarServer / draft-pot sharing): read from my notification collection
 * (principal CS:notification-URL), answered with DAV:invite-reply POSTed to the notification (or, for servers
 * that only speak CalendarServer, CS:invite-reply POSTed to my calendar home). Answered notifications are
 * deleted, as Apple clients do; an invitation whose calendar already sits in my home counts as answered.
 */
import type { Principal } from '../dav/discovery.js';
import { DavError } from '../dav/errors.js';
import { okProps, resolveHref, sameResource, type MultistatusResponse } from '../dav/multistatus.js';
import { NS, qname } from '../dav/namespaces.js';
import { propfind } from '../dav/propfind.js';
import type { Transport } from '../dav/transport.js';
import { child, hrefsIn, parseXml, textOf, type XmlElement } from '../dav/xml.js';
import { el, toXml } from '../dav/xml-write.js';
import { sharingError } from './errors.js';
import { asCollectionUrl, lastSegment, postXml } from './http.js';
import type { Invitation, ShareAccess } from './types.js';

const D = (l: string) => qname(NS.DAV, l);
const CS = (l: string) => qname(NS.CS, l);

export interface SharingAccount {
  transport: Transport;
  discovery: { principal: Principal };
}

function find(e: XmlElement, local: string): XmlElement | undefined {
  const stack = [e];
  while (stack.length) {
    const x = stack.shift() as XmlElement;
    if (x.local === local && (x.ns === NS.DAV || x.ns === NS.CS)) return x;
    stack.push(...x.children);
  }
  return undefined;
}

/** 'revoked': the owner's "no access" notice after removing me (Cyrus sends one); nothing to accept. */
export type InviteState = 'pending' | 'accepted' | 'declined' | 'revoked';

/** Reads one notification body (CS:invite-notification or DAV:share-invite-notification). */
export function parseInviteNotification(text: string, url: string): (Invitation & { state: InviteState }) | undefined {
  const root = parseXml(text, url);
  const n = find(root, 'invite-notification') ?? find(root, 'share-invite-notification');
  if (!n) return undefined;
  const names = n.children.map((c) => c.local);
  const accessEl = child(n, CS('access')) ?? child(n, D('share-access'));
  const revoked = names.includes('invite-deleted') || !!accessEl?.children.some((c) => c.local === 'no-access');
  const state: InviteState = revoked
    ? 'revoked'
    : names.includes('invite-accepted')
      ? 'accepted'
      : names.includes('invite-declined')
        ? 'declined'
        : 'pending';
  const access: ShareAccess = accessEl?.children.some((c) => c.local === 'read-write') ? 'read-write' : 'read';
  const hostHref = hrefsIn(child(n, CS('hosturl')))[0] ?? hrefsIn(child(n, D('sharer-resource-uri')))[0];
  const organizer = child(n, CS('organizer')) ?? child(n, D('principal'));
  const ownerHref = hrefsIn(organizer)[0];
  if (!hostHref) return undefined;
  return {
    id: lastSegment(url),
    url,
    collection: resolveHref(hostHref, url),
    owner: ownerHref ? resolveHref(ownerHref, url) : '',
    ownerName:
      textOf(child(organizer, CS('common-name'))) ||
      textOf(child(child(organizer, D('prop')), D('displayname'))) ||
      undefined,
    access,
    summary: textOf(child(n, CS('summary'))) || undefined,
    state,
  };
}

async function sharedCopies(account: SharingAccount): Promise<{ url: string; source: string }[]> {
  const out: { url: string; source: string }[] = [];
  // Shared address books land in the address-book home, shared calendars in the calendar home.
  const { calendarHomes, addressbookHomes } = account.discovery.principal;
  for (const home of [...calendarHomes, ...addressbookHomes]) {
    const ms = await propfind(account.transport, home, [CS('shared-url'), D('resourcetype')], '1');
    for (const r of ms.responses) {
      const src = hrefsIn(okProps(r).get(CS('shared-url')))[0];
      if (src) out.push({ url: r.href, source: resolveHref(src, r.href) });
    }
  }
  return out;
}

export async function listInvitations(account: SharingAccount): Promise<Invitation[]> {
  const notif = account.discovery.principal.notificationUrl;
  if (!notif) return [];
  const ms = await propfind(
    account.transport,
    notif,
    [CS('notificationtype'), D('notificationtype')],
    '1',
    'read-invitations',
  );
  const notices = await readInviteNotices(account, ms.responses);
  const copies = notices.length > 0 ? await sharedCopies(account) : [];
  const out: Invitation[] = [];
  for (const inv of notices) {
    if (inv.state !== 'pending') continue;
    if (copies.some((c) => sameResource(c.source, inv.collection))) continue;
    const { state: _state, dtstamp: _dtstamp, ...invitation } = inv;
    out.push({ ...invitation, summary: invitation.summary ?? (await sharedCollectionName(account, inv.collection)) });
  }
  return out;
}

/**
 * The name the owner gave the collection, for invitations that carry none (Cyrus's notice has no CS:summary, so
 * users would otherwise be asked to accept "3f1c0e9a-..."): the sharee may already read the owner's collection
 * properties. Unreadable (403, 404, a server that hides them): no name, and the invitation is still listed.
 */
async function sharedCollectionName(account: SharingAccount, collection: string): Promise<string | undefined> {
  try {
    const ms = await propfind(account.transport, collection, [D('displayname')], '0');
    const response = ms.responses.find((r) => sameResource(r.href, collection)) ?? ms.responses[0];
    return (response && textOf(okProps(response).get(D('displayname')))) || undefined;
  } catch (err) {
    if (err instanceof DavError) return undefined;
    throw err;
  }
}

type Notice = Invitation & { state: InviteState; dtstamp: string };

/** Every share notice in my notification collection, read one by one (a notice gone meanwhile is skipped). */
async function readInviteNotices(account: SharingAccount, responses: MultistatusResponse[]): Promise<Notice[]> {
  const candidates = responses.filter((r) => {
    const p = okProps(r);
    const types = [
      ...(p.get(CS('notificationtype'))?.children ?? []),
      ...(p.get(D('notificationtype'))?.children ?? []),
    ].map((c) => c.local);
    return types.includes('invite-notification') || types.includes('share-invite-notification');
  });
  const out: Notice[] = [];
  for (const r of candidates) {
    try {
      const res = await account.transport.request({ method: 'GET', url: r.href });
      const inv = parseInviteNotification(res.text, res.url);
      const dtstamp = /<(?:[\w-]+:)?dtstamp>\s*([^<\s]+)/.exec(res.text)?.[1] ?? '';
      if (inv) out.push({ ...inv, dtstamp });
    } catch (err) {
      if (err instanceof DavError && err.code === 'not-found') continue;
      throw err;
    }
  }
  return out;
}

export interface RevokedShare {
  collection: string;
  owner: string;
  ownerName: string | undefined;
  name: string;
}

/**
 * Shares taken back from me that the server told me about (Cyrus's "no access" notice), the latest notice per
 * collection only: a collection shared again afterwards is not reported. Servers without notifications: none.
 */
export async function listRevokedShares(account: SharingAccount): Promise<RevokedShare[]> {
  const notif = account.discovery.principal.notificationUrl;
  if (!notif) return [];
  const ms = await propfind(account.transport, notif, [CS('notificationtype'), D('notificationtype')], '1');
  const latest = new Map<string, Notice>();
  for (const n of await readInviteNotices(account, ms.responses)) {
    const key = asCollectionUrl(n.collection);
    const seen = latest.get(key);
    if (!seen || n.dtstamp > seen.dtstamp) latest.set(key, n);
  }
  return [...latest.values()]
    .filter((n) => n.state === 'revoked')
    .map((n) => ({
      collection: n.collection,
      owner: n.owner,
      ownerName: n.ownerName,
      name: n.summary ?? lastSegment(n.collection),
    }));
}

async function findInvitation(account: SharingAccount, id: string): Promise<Invitation> {
  const list = await listInvitations(account);
  const inv = list.find((i) => i.id === id || i.url === id || sameResource(i.collection, id) || i.id === `${id}.xml`);
  if (!inv) {
    throw sharingError(
      'unknown-invitation',
      account.discovery.principal.notificationUrl ?? account.discovery.principal.url,
      'sharing.unknown-invitation',
      { id },
    );
  }
  return inv;
}

/** Resolves to the Location of my copy when the server names it (Cyrus does, also for address books). */
async function reply(account: SharingAccount, inv: Invitation, accept: boolean): Promise<string | undefined> {
  const me = account.discovery.principal;
  const home = me.calendarHomes[0];
  const what = accept ? 'accept-invitation' : 'decline-invitation';
  const dav = toXml(
    el(
      D('invite-reply'),
      el(D(accept ? 'invite-accepted' : 'invite-declined')),
      accept && home !== undefined && el(D('create-in'), el(D('href'), new URL(home).pathname)),
    ),
  );
  const res = await postXml(
    account.transport,
    inv.url,
    dav,
    'application/davsharing+xml; charset=utf-8',
    what,
    'POST',
    [400, 403, 405, 415, 501],
  );
  const location = res.status < 300 ? res.headers.get('location') : null;
  if (res.status >= 300) {
    if (!home) throw sharingError('refused', inv.url, 'sharing.invitation-reply-refused', {}, { status: res.status });
    const cs = toXml(
      el(
        CS('invite-reply'),
        el(D('href'), new URL(me.url).pathname),
        el(CS(accept ? 'invite-accepted' : 'invite-declined')),
        el(CS('hosturl'), el(D('href'), new URL(inv.collection).pathname)),
        el(CS('in-reply-to'), inv.id),
      ),
    );
    await postXml(account.transport, home, cs, 'text/xml; charset=utf-8', what);
  }
  // The answer is recorded on the owner's side; the notification has served its purpose.
  await account.transport.request({ method: 'DELETE', url: inv.url, accept: [403, 404, 405] }).catch(() => undefined);
  return accept && location ? asCollectionUrl(resolveHref(location, res.url)) : undefined;
}

/** Accepts; resolves to the URL of the shared calendar in my home when the server shows it. */
export async function acceptInvitation(
  account: SharingAccount,
  id: string,
): Promise<{ invitation: Invitation; collection: string | undefined }> {
  const inv = await findInvitation(account, id);
  const location = await reply(account, inv, true);
  // Cyrus gives shared address books no CS:shared-url: there the reply's Location is the only pointer.
  const copy = (await sharedCopies(account)).find((c) => sameResource(c.source, inv.collection));
  return { invitation: inv, collection: copy?.url ?? location };
}

export async function declineInvitation(account: SharingAccount, id: string): Promise<Invitation> {
  const inv = await findInvitation(account, id);
  await reply(account, inv, false);
  return inv;
}
