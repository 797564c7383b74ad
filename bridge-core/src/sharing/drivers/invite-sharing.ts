/**
 * Invitation-based sharing, two dialects of the same idea (Cyrus speaks both):
 * - CalendarServer: POST text/xml <CS:share><CS:set>/<CS:remove>, shares listed in CS:invite;
 * - draft-pot resource sharing: POST application/davsharing+xml <D:share-resource>, listed in DAV:invite.
 * Only read and read-write exist in these protocols. Sharees get a notification to accept or decline;
 * a sharee leaves by deleting its own copy. Publishing (Cyrus) = sharing with DAV:unauthenticated.
 */
import { resolveHref, sameResource } from '../../dav/multistatus.js';
import { NS, qname } from '../../dav/namespaces.js';
import { child, childrenNamed, hrefsIn, textOf, type XmlElement } from '../../dav/xml.js';
import { el, toXml } from '../../dav/xml-write.js';
import type { RequestPurpose } from '../../dav/errors.js';
import { sharingError } from '../errors.js';
import { pathOf, postXml, readProps, toWebcal } from '../http.js';
import type { PublishedLinks, ResolvedSharee, Share, ShareAccess, ShareStatus } from '../types.js';
import {
  cannotLeave,
  cannotPublish,
  checkRights,
  notPublished,
  type DriverContext,
  type SharingDriver,
} from './driver.js';
import { deleteCollection } from '../../dav/manage.js';

const D = (l: string) => qname(NS.DAV, l);
const CS = (l: string) => qname(NS.CS, l);

export const UNAUTHENTICATED = 'DAV:unauthenticated';

export type InviteDialect = 'calendarserver' | 'resource-sharing';

function statusOf(e: XmlElement): ShareStatus {
  const names = e.children.map((c) => c.local);
  if (names.includes('invite-accepted')) return 'accepted';
  if (names.includes('invite-declined')) return 'declined';
  return 'pending';
}

function accessOf(container: XmlElement | undefined): ShareAccess {
  const names = (container?.children ?? []).map((c) => c.local);
  if (names.includes('read-write') || names.includes('shared-owner')) return 'read-write';
  return 'read';
}

/** Entries of DAV:invite (draft) or CS:invite (CalendarServer), in one shape. */
export function parseInvite(props: Map<string, XmlElement>, base: string): Share[] {
  const out: Share[] = [];
  const dav = props.get(D('invite'));
  const cs = props.get(CS('invite'));
  if (dav && dav.children.length > 0) {
    for (const s of childrenNamed(dav, D('sharee'))) {
      const href = hrefsIn(s)[0];
      if (!href) continue;
      out.push(
        shareEntry(
          href,
          base,
          textOf(child(child(s, D('prop')), D('displayname'))),
          accessOf(child(s, D('share-access'))),
          statusOf(s),
        ),
      );
    }
  } else if (cs) {
    for (const u of childrenNamed(cs, CS('user'))) {
      const href = hrefsIn(u)[0];
      if (!href) continue;
      out.push(
        shareEntry(href, base, textOf(child(u, CS('common-name'))), accessOf(child(u, CS('access'))), statusOf(u)),
      );
    }
  }
  return out;
}

function shareEntry(
  href: string,
  base: string,
  name: string | undefined,
  access: ShareAccess,
  status: ShareStatus,
): Share {
  const isPath = href.startsWith('/') || /^https?:/i.test(href);
  return {
    sharee: isPath ? resolveHref(href, base) : href,
    principal: isPath ? resolveHref(href, base) : undefined,
    displayName: name || undefined,
    access,
    privateEvents: undefined,
    status,
  };
}

export function inviteDriver(ctx: DriverContext, dialect: InviteDialect): SharingDriver {
  const { transport, url } = ctx;
  const what: RequestPurpose = 'change-shares';
  const isCyrus = /cyrus/i.test(ctx.capabilities.server);

  async function readInvite() {
    const r = await readProps(transport, url, [
      D('invite'),
      CS('invite'),
      D('share-access'),
      D('resourcetype'),
      CS('shared-url'),
      D('owner'),
      D('acl'),
    ]);
    const all = parseInvite(r.props, r.base);
    // Cyrus lists the DAV:unauthenticated sharee as mailto:anonymous@<servername>; its ACL says it plainly.
    const anonymousAce = childrenNamed(r.props.get(D('acl')), D('ace')).some(
      (ace) =>
        !!child(child(ace, D('principal')), D('unauthenticated')) && (child(ace, D('grant'))?.children.length ?? 0) > 0,
    );
    const isAnon = (s: Share) => s.sharee === UNAUTHENTICATED || /^mailto:anonymous@/i.test(s.sharee);
    return { ...r, shares: all.filter((s) => !isAnon(s)), isPublished: anonymousAce || all.some(isAnon) };
  }

  function shareeHref(s: ResolvedSharee): string {
    return pathOf(s.principal);
  }

  async function postShareResource(href: string, access: 'read' | 'read-write' | 'no-access'): Promise<void> {
    const body = toXml(
      el(D('share-resource'), el(D('sharee'), el(D('href'), href), el(D('share-access'), el(D(access))))),
    );
    await postXml(transport, url, body, 'application/davsharing+xml; charset=utf-8', what);
  }

  async function postCsShare(
    set: { href: string; access: ShareAccess } | undefined,
    remove: string | undefined,
  ): Promise<void> {
    const body = toXml(
      el(
        CS('share'),
        set &&
          el(CS('set'), el(D('href'), set.href), set.access === 'read-write' ? el(CS('read-write')) : el(CS('read'))),
        remove !== undefined && el(CS('remove'), el(D('href'), remove)),
      ),
    );
    // Cyrus insists on text/xml for CS:share (application/xml is refused).
    await postXml(transport, url, body, 'text/xml; charset=utf-8', what);
  }

  function matches(share: Share, s: ResolvedSharee): boolean {
    if (share.principal && sameResource(share.principal, s.principal)) return true;
    const mail = share.sharee.replace(/^mailto:/i, '').toLowerCase();
    if (s.email && mail === s.email) return true;
    // Cyrus reports sharees as mailto:<user>@<its servername>.
    return /^mailto:/i.test(share.sharee) && mail.split('@')[0] === s.userId.toLowerCase();
  }

  async function publishedLinks(): Promise<PublishedLinks | null> {
    if (!(await readInvite()).isPublished) return null;
    return { ics: url, webcal: toWebcal(url), html: null, expires: null };
  }

  return {
    async listShares() {
      return (await readInvite()).shares;
    },
    async share(sharee, rights) {
      checkRights(ctx, rights);
      const access = rights.access === 'read-write' ? 'read-write' : 'read';
      if (dialect === 'resource-sharing') await postShareResource(shareeHref(sharee), access);
      else await postCsShare({ href: shareeHref(sharee), access }, undefined);
      // Servers may accept the request and drop an unknown sharee silently: check it is listed now.
      const { shares } = await readInvite();
      if (!shares.some((s) => matches(s, sharee))) {
        throw sharingError('refused', url, 'sharing.sharee-not-added', {
          server: ctx.capabilities.server,
          sharee: sharee.input,
        });
      }
    },
    async unshare(sharee) {
      const { shares } = await readInvite();
      const current = shares.filter((s) => matches(s, sharee));
      if (current.length === 0) {
        throw sharingError('not-shared', url, 'sharing.not-shared-with', { sharee: sharee.input, what: 'collection' });
      }
      if (dialect === 'resource-sharing') await postShareResource(shareeHref(sharee), 'no-access');
      else for (const s of current) await postCsShare(undefined, s.principal ? pathOf(s.principal) : s.sharee);
    },
    published: () => publishedLinks(),
    async publish() {
      if (!isCyrus || dialect !== 'resource-sharing') cannotPublish(ctx);
      await postShareResource(UNAUTHENTICATED, 'read');
      const links = await publishedLinks();
      if (!links) cannotPublish(ctx);
      return links;
    },
    async unpublish() {
      if (!isCyrus || dialect !== 'resource-sharing') cannotPublish(ctx);
      if (!(await publishedLinks())) notPublished(ctx);
      await postShareResource(UNAUTHENTICATED, 'no-access');
    },
    async leave() {
      const { props } = await readInvite();
      const type = props.get(D('resourcetype'));
      const shareAccess = props.get(D('share-access'))?.children[0]?.local;
      const sharedWithMe = !!child(type, CS('shared')) || shareAccess === 'read' || shareAccess === 'read-write';
      if (!sharedWithMe) {
        cannotLeave(ctx, { maybeUnshared: true });
      }
      await deleteCollection(transport, url, 'leave-share');
    },
  };
}
