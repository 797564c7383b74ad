/**
 * Nextcloud / ownCloud (sabre/dav + oc extensions): POST <o:share> with <o:set>/<o:remove>, sharees named
 * "principal:principals/users/<id>", listed in oc:invite; no accept step. Publishing: POST <cs:publish-calendar/>,
 * then cs:publish-url gives https://host/remote.php/dav/public-calendars/<token>; the ICS is that + "?export",
 * the HTML view /index.php/apps/calendar/p/<token>. A sharee leaves by deleting its copy.
 */
import { resolveHref, sameResource } from '../../dav/multistatus.js';
import { NS, qname } from '../../dav/namespaces.js';
import { child, childrenNamed, hrefsIn, textOf, type XmlElement } from '../../dav/xml.js';
import { el, toXml } from '../../dav/xml-write.js';
import type { RequestPurpose } from '../../dav/errors.js';
import { sharingError } from '../errors.js';
import { lastSegment, postXml, readProps, toWebcal } from '../http.js';
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
const OC = (l: string) => qname(NS.OC, l);
const CS = (l: string) => qname(NS.CS, l);

/** "principal:principals/users/bob" from https://host/remote.php/dav/principals/users/bob/. */
export function ncShareeHref(principalUrl: string): string {
  const path = new URL(principalUrl).pathname.replace(/\/+$/, '');
  const i = path.indexOf('/principals/');
  return `principal:${i >= 0 ? path.slice(i + 1) : `principals/users/${lastSegment(principalUrl)}`}`;
}

function parseOcInvite(e: XmlElement | undefined, base: string): Share[] {
  return childrenNamed(e, OC('user')).flatMap((u) => {
    const href = hrefsIn(u)[0];
    if (!href) return [];
    const names = u.children.map((c) => c.local);
    const status: ShareStatus = names.includes('invite-accepted')
      ? 'accepted'
      : names.includes('invite-declined')
        ? 'declined'
        : 'pending';
    const access: ShareAccess = child(child(u, OC('access')), OC('read-write')) ? 'read-write' : 'read';
    let principal: string | undefined;
    if (href.startsWith('principal:'))
      principal = resolveHref(`/remote.php/dav/${href.slice('principal:'.length)}/`, base);
    else if (href.startsWith('/')) principal = resolveHref(href, base);
    return [
      {
        sharee: href,
        principal,
        displayName: textOf(child(u, OC('common-name'))) || undefined,
        access,
        privateEvents: undefined,
        status,
      },
    ];
  });
}

export function nextcloudDriver(ctx: DriverContext): SharingDriver {
  const { transport, url } = ctx;
  const what: RequestPurpose = 'change-shares';

  async function read() {
    return readProps(transport, url, [
      OC('invite'),
      CS('publish-url'),
      D('resourcetype'),
      OC('owner-principal'),
      D('owner'),
    ]);
  }

  const post = (body: string, w: RequestPurpose = what) =>
    postXml(transport, url, body, 'application/xml; charset=utf-8', w);

  function matches(s: Share, sharee: ResolvedSharee): boolean {
    return (
      s.sharee === ncShareeHref(sharee.principal) || (!!s.principal && sameResource(s.principal, sharee.principal))
    );
  }

  function linksFrom(publishUrl: string): PublishedLinks {
    const token = lastSegment(publishUrl);
    const u = new URL(publishUrl);
    const davIdx = u.pathname.indexOf('/remote.php/');
    const prefix = davIdx >= 0 ? u.pathname.slice(0, davIdx) : '';
    const ics = `${publishUrl}${publishUrl.includes('?') ? '&' : '?'}export`;
    return {
      ics,
      webcal: toWebcal(ics),
      html: `${u.origin}${prefix}/index.php/apps/calendar/p/${encodeURIComponent(token)}`,
      expires: null,
    };
  }

  async function publishedLinks(): Promise<PublishedLinks | null> {
    const r = await read();
    const href = hrefsIn(r.props.get(CS('publish-url')))[0] ?? textOf(r.props.get(CS('publish-url')));
    return href ? linksFrom(resolveHref(href, r.base)) : null;
  }

  return {
    async listShares() {
      const r = await read();
      return parseOcInvite(r.props.get(OC('invite')), r.base);
    },
    async share(sharee, rights) {
      checkRights(ctx, rights);
      await post(
        toXml(
          el(
            OC('share'),
            el(
              OC('set'),
              el(D('href'), ncShareeHref(sharee.principal)),
              rights.access === 'read-write' && el(OC('read-write')),
            ),
          ),
        ),
      );
    },
    async unshare(sharee) {
      const r = await read();
      if (!parseOcInvite(r.props.get(OC('invite')), r.base).some((s) => matches(s, sharee))) {
        throw sharingError('not-shared', url, 'sharing.not-shared-with', { sharee: sharee.input, what: 'collection' });
      }
      await post(toXml(el(OC('share'), el(OC('remove'), el(D('href'), ncShareeHref(sharee.principal))))));
    },
    published: publishedLinks,
    async publish() {
      if (!ctx.capabilities.publish) cannotPublish(ctx);
      await post(toXml(el(CS('publish-calendar'))), 'publish-calendar');
      const links = await publishedLinks();
      if (!links) cannotPublish(ctx);
      return links;
    },
    async unpublish() {
      if (!ctx.capabilities.publish) cannotPublish(ctx);
      if (!(await publishedLinks())) notPublished(ctx);
      await post(toXml(el(CS('unpublish-calendar'))), 'unpublish-calendar');
    },
    async leave() {
      const r = await read();
      const ocOwner = textOf(r.props.get(OC('owner-principal')));
      const owner =
        hrefsIn(r.props.get(D('owner')))[0] ??
        (ocOwner ? (ocOwner.startsWith('/') ? ocOwner : `/remote.php/dav/${ocOwner}`) : undefined);
      const mine = !owner || sameResource(resolveHref(owner, r.base), ctx.me.url);
      if (mine) {
        cannotLeave(ctx, { maybeUnshared: false });
      }
      await deleteCollection(transport, url, 'leave-share');
    },
  };
}
