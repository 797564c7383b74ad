/**
 * RFC 3744 WebDAV ACL (DAViCal, Cyrus). The ACL method replaces the WHOLE list, so every change reads DAV:acl
 * first and sends back every ACE it does not own untouched (the owner's, groups', other sharees'), minus the
 * protected and inherited ones the server keeps by itself; only the sharee's own ACE is added, changed or removed.
 * read = DAV:read; read-write = DAV:read + DAV:write; admin = DAV:all (includes write-acl: may manage sharing).
 * DAViCal adds revocable anonymous read links with an expiry: tickets (MKTICKET / DELTICKET), served by public.php.
 */
import { sameResource, resolveHref } from '../../dav/multistatus.js';
import { NS, qname, type QName } from '../../dav/namespaces.js';
import type { XmlElement } from '../../dav/xml.js';
import { child, childrenNamed, hrefsIn, parseXml, textOf } from '../../dav/xml.js';
import { el, toXml, type XmlNode } from '../../dav/xml-write.js';
import type { RequestPurpose } from '../../dav/errors.js';
import { sharingError } from '../errors.js';
import { postXml, readProps, toWebcal } from '../http.js';
import type { PublishedLinks, ResolvedSharee, Share, ShareAccess } from '../types.js';
import {
  cannotLeave,
  cannotPublish,
  checkRights,
  notPublished,
  type DriverContext,
  type PublishOptions,
  type SharingDriver,
} from './driver.js';

const D = (l: string) => qname(NS.DAV, l);
export const TICKET_NS = 'http://www.xythos.com/namespaces/StorageServer';
const T = (l: string) => qname(TICKET_NS, l);

export interface Ace {
  /** The principal element as received (href, all, authenticated, unauthenticated, self, property...). */
  principal: XmlElement;
  /** Principal href when the ACE names one principal. */
  href: string | undefined;
  grant: QName[];
  deny: QName[];
  protected: boolean;
  inherited: boolean;
}

function privilegesIn(e: XmlElement | undefined): QName[] {
  return childrenNamed(e, D('privilege')).flatMap((p) => p.children.map((c) => c.name));
}

export function parseAcl(acl: XmlElement | undefined, base: string): Ace[] {
  return childrenNamed(acl, D('ace')).flatMap((ace) => {
    const principal = child(ace, D('principal'));
    if (!principal) return [];
    const href = hrefsIn(principal)[0];
    return [
      {
        principal,
        href: href ? resolveHref(href, base) : undefined,
        grant: privilegesIn(child(ace, D('grant'))),
        deny: privilegesIn(child(ace, D('deny'))),
        protected: !!child(ace, D('protected')),
        inherited: !!child(ace, D('inherited')),
      },
    ];
  });
}

export function accessFromAce(grant: QName[]): ShareAccess | undefined {
  const locals = grant.map((g) => g.replace(/^\{[^}]*\}/, ''));
  if (locals.includes('all') || locals.includes('write-acl')) return 'admin';
  if (locals.includes('write') || locals.includes('write-content') || locals.includes('bind')) return 'read-write';
  if (locals.includes('read')) return 'read';
  return undefined;
}

export function privilegesFor(access: ShareAccess): QName[] {
  if (access === 'admin') return [D('all')];
  if (access === 'read-write') return [D('read'), D('write')];
  return [D('read')];
}

function elementToNode(e: XmlElement): XmlNode {
  return el(
    e.name,
    ...e.children.map(elementToNode),
    ...(e.children.length === 0 && e.text.trim() ? [e.text.trim()] : []),
  );
}

function aceNode(principal: XmlNode, grant: QName[], deny: QName[]): XmlNode {
  const privs = (list: QName[]) => list.map((p) => el(D('privilege'), el(p)));
  return el(
    D('ace'),
    principal,
    grant.length > 0 && el(D('grant'), ...privs(grant)),
    deny.length > 0 && el(D('deny'), ...privs(deny)),
  );
}

/**
 * The ACL body that keeps every ACE we do not own and sets (or, with access undefined, removes) one principal's.
 * `emptyGrantToRemove`: DAViCal keeps the ACEs of principals left out of an ACL request (it merges per principal),
 * so removal there sends the principal with an empty grant, which clears its privileges.
 */
export function buildAcl(
  aces: Ace[],
  principalHref: string,
  principalPath: string,
  access: ShareAccess | undefined,
  emptyGrantToRemove = false,
): string {
  const kept = aces
    .filter((a) => !a.protected && !a.inherited)
    .filter((a) => !(a.href && sameResource(a.href, principalHref)))
    .filter((a) => a.grant.length > 0 || a.deny.length > 0)
    .map((a) => {
      // Servers list the privileges "all" aggregates; send the aggregate alone (some refuse abstract ones).
      const grant = a.grant.some((g) => g === D('all')) ? [D('all')] : a.grant;
      return aceNode(elementToNode(a.principal), grant, a.deny);
    });
  const who = el(D('principal'), el(D('href'), principalPath));
  if (access) kept.push(aceNode(who, privilegesFor(access), []));
  else if (emptyGrantToRemove) kept.push(el(D('ace'), who, el(D('grant'))));
  return toXml(el(D('acl'), ...kept));
}

export function aclDriver(ctx: DriverContext, options: { tickets: boolean }): SharingDriver {
  const { transport, url } = ctx;
  const what: RequestPurpose = 'change-access-list';

  async function readAcl(): Promise<{ aces: Ace[]; owner: string | undefined }> {
    const r = await readProps(transport, url, [D('acl'), D('owner')], 'read-access-list');
    const owner = hrefsIn(r.props.get(D('owner')))[0];
    return { aces: parseAcl(r.props.get(D('acl')), r.base), owner: owner ? resolveHref(owner, r.base) : undefined };
  }

  async function writeAcl(body: string): Promise<void> {
    await postXml(transport, url, body, 'application/xml; charset=utf-8', what, 'ACL');
  }

  function toShare(a: Ace): Share | undefined {
    if (!a.href || a.protected || a.inherited) return undefined;
    const access = accessFromAce(a.grant);
    if (!access) return undefined;
    return {
      sharee: a.href,
      principal: a.href,
      displayName: undefined,
      access,
      privateEvents: undefined,
      status: 'active',
    };
  }

  interface Ticket {
    id: string;
    expires: Date | null;
  }

  async function readTickets(): Promise<Ticket[]> {
    const r = await readProps(transport, url, [T('ticketdiscovery')]);
    const now = Date.now();
    return childrenNamed(r.props.get(T('ticketdiscovery')), T('ticketinfo')).flatMap((info) => {
      const id = textOf(child(info, T('id')));
      if (!id) return [];
      const timeout = textOf(child(info, T('timeout'))) ?? 'infinity';
      const secs = /(\d+)/.exec(timeout)?.[1];
      return [{ id, expires: secs && !/infinit/i.test(timeout) ? new Date(now + Number(secs) * 1000) : null }];
    });
  }

  /** DAViCal honours tickets under /public.php/<user>/<collection>/, not under /caldav.php/. */
  function ticketUrl(id: string): string {
    const u = new URL(url);
    u.pathname = u.pathname.replace(/\/caldav\.php\//, '/public.php/');
    u.search = `ticket=${encodeURIComponent(id)}`;
    return u.toString();
  }

  function links(t: Ticket): PublishedLinks {
    const ics = ticketUrl(t.id);
    return { ics, webcal: toWebcal(ics), html: null, expires: t.expires };
  }

  return {
    async listShares() {
      const { aces, owner } = await readAcl();
      return aces.map(toShare).filter(
        (s): s is Share =>
          s !== undefined &&
          !(owner !== undefined && sameResource(s.sharee, owner)) &&
          // An admin who is not the owner is one of the sharees: hiding them told Alexandre "shared with no one".
          !(owner === undefined && sameResource(s.sharee, ctx.me.url)),
      );
    },
    async share(sharee: ResolvedSharee, rights) {
      checkRights(ctx, rights);
      if (sameResource(sharee.principal, ctx.me.url)) {
        throw sharingError('refused', url, 'sharing.share-with-yourself', {});
      }
      const { aces } = await readAcl();
      await writeAcl(buildAcl(aces, sharee.principal, new URL(sharee.principal).pathname, rights.access));
    },
    async unshare(sharee) {
      const { aces } = await readAcl();
      if (
        !aces.some(
          (a) =>
            a.href && !a.protected && !a.inherited && sameResource(a.href, sharee.principal) && accessFromAce(a.grant),
        )
      ) {
        throw sharingError('not-shared', url, 'sharing.not-shared-with', { sharee: sharee.input, what: 'collection' });
      }
      await writeAcl(
        buildAcl(
          aces,
          sharee.principal,
          new URL(sharee.principal).pathname,
          undefined,
          options.tickets || ctx.capabilities.driver === 'davical',
        ),
      );
      const after = await readAcl();
      if (after.aces.some((a) => a.href && sameResource(a.href, sharee.principal) && accessFromAce(a.grant))) {
        throw sharingError('refused', url, 'sharing.sharee-still-has-access', {
          server: ctx.capabilities.server,
          sharee: sharee.input,
        });
      }
    },
    async published() {
      if (!options.tickets) return null;
      const tickets = await readTickets();
      const best = tickets.find((t) => t.expires === null) ?? tickets[0];
      return best ? links(best) : null;
    },
    async publish(opts: PublishOptions) {
      if (!options.tickets) cannotPublish(ctx);
      // Publishing again without an expiry gives the live link back: a second ticket would be a second public
      // address that `link` (which shows the first) never mentions, and that unpublish alone would find.
      if (!opts.expires) {
        const live = (await readTickets()).find((t) => t.expires === null);
        if (live) return { ...links(live), reused: true };
      }
      let timeout = 'infinity';
      if (opts.expires) {
        const secs = Math.floor((opts.expires.getTime() - Date.now()) / 1000);
        if (!(secs > 0)) {
          throw sharingError('refused', url, 'sharing.expiry-in-past', {});
        }
        timeout = `Second-${secs}`;
      }
      const body = toXml(el(T('ticketinfo'), el(T('timeout'), timeout), el(D('privilege'), el(D('read')))));
      const res = await postXml(transport, url, body, 'text/xml; charset=utf-8', 'create-public-link', 'MKTICKET');
      const id = res.headers.get('ticket') ?? textOf(findTicketId(res.text, res.url));
      if (!id) cannotPublish(ctx);
      return links({ id, expires: opts.expires ?? null });
    },
    async unpublish() {
      if (!options.tickets) cannotPublish(ctx);
      const tickets = await readTickets();
      if (tickets.length === 0) notPublished(ctx);
      for (const t of tickets) {
        await transport.request({
          method: 'DELTICKET',
          url,
          headers: { Ticket: t.id },
          what: 'remove-public-link',
        });
      }
    },
    async leave() {
      cannotLeave(ctx);
    },
  };
}

function findTicketId(text: string, url: string): XmlElement | undefined {
  const root = parseXml(text, url);
  const stack = [root];
  while (stack.length) {
    const e = stack.pop() as XmlElement;
    if (e.name === T('id')) return e;
    stack.push(...e.children);
  }
  return undefined;
}
