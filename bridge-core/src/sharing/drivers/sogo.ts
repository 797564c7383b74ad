/**
 * SOGo: its own inverse-dav "acl-query" (POST to change, REPORT to read) with roles per user id, including
 * the "anonymous" user for public access under /SOGo/dav/public/. Roles per class of event let us say
 * whether private events are visible:
 *   read       = ObjectViewer + PublicViewer + ConfidentialViewer + Private(Viewer | DAndTViewer)
 *   read-write = ObjectCreator + ObjectEraser + PublicModifier + ConfidentialModifier + Private(Modifier | DAndTViewer)
 * SOGo has no role that lets a sharee manage sharing: admin is refused.
 */
import { NS } from '../../dav/namespaces.js';
import { rightsFromRoles } from '../../dav/rights.js';
import { parseXml, type XmlElement } from '../../dav/xml.js';
import { escapeXml } from '../../dav/xml-write.js';
import type { RequestPurpose } from '../../dav/errors.js';
import { sharingError } from '../errors.js';
import { lastSegment, postXml, toWebcal } from '../http.js';
import type { PublishedLinks, Share, ShareRights } from '../types.js';
import { cannotLeave, checkRights, notPublished, type DriverContext, type SharingDriver } from './driver.js';

const NSA = `xmlns="${NS.SOGO}"`;
export const SOGO_ANONYMOUS = 'anonymous';

export function rolesFor(rights: ShareRights): string[] {
  const privateRole = rights.privateEvents
    ? rights.access === 'read-write'
      ? 'PrivateModifier'
      : 'PrivateViewer'
    : 'PrivateDAndTViewer';
  if (rights.access === 'read-write')
    return ['ObjectCreator', 'ObjectEraser', 'PublicModifier', 'ConfidentialModifier', privateRole];
  return ['ObjectViewer', 'PublicViewer', 'ConfidentialViewer', privateRole];
}

export function sogoDriver(ctx: DriverContext): SharingDriver {
  const { transport, url } = ctx;
  const what: RequestPurpose = 'change-calendar-shares';

  const query = async (inner: string, method: 'POST' | 'REPORT'): Promise<XmlElement | undefined> => {
    const res = await postXml(
      transport,
      url,
      `<?xml version="1.0" encoding="utf-8"?>\n<acl-query ${NSA}>${inner}</acl-query>`,
      'application/xml; charset=utf-8',
      what,
      method,
    );
    return method === 'REPORT' && res.text.trim() ? parseXml(res.text, res.url, res.status) : undefined;
  };

  async function users(): Promise<{ id: string; name: string | undefined; email: string | undefined }[]> {
    const root = await query('<user-list/>', 'REPORT');
    return (root?.children ?? [])
      .filter((u) => u.local === 'user')
      .map((u) => {
        const get = (n: string) => u.children.find((c) => c.local === n)?.text.trim() || undefined;
        return { id: get('id') ?? '', name: get('displayName'), email: get('email') };
      })
      .filter((u) => u.id !== '');
  }

  async function roles(id: string): Promise<string[]> {
    const root = await query(`<roles user="${escapeXml(id)}"/>`, 'REPORT');
    return (root?.children ?? []).map((c) => c.local);
  }

  async function setRoles(id: string, list: string[]): Promise<void> {
    await query(`<add-user user="${escapeXml(id)}"/>`, 'POST');
    await query(`<set-roles user="${escapeXml(id)}">${list.map((r) => `<${r}/>`).join('')}</set-roles>`, 'POST');
  }

  function publicLinks(): PublishedLinks {
    const u = new URL(url);
    u.pathname = u.pathname.replace(/\/SOGo\/dav\//, '/SOGo/dav/public/').replace(/\/$/, '.ics');
    const ics = u.toString();
    return { ics, webcal: toWebcal(ics), html: null, expires: null };
  }

  const principalsBase = new URL('..', ctx.me.url).toString();

  return {
    async listShares() {
      const out: Share[] = [];
      // Private events exist only in calendars: an address book's share says nothing about them.
      const isAddressBook = /\/Contacts\//.test(new URL(url).pathname);
      for (const u of await users()) {
        if (u.id === SOGO_ANONYMOUS) continue;
        const r = rightsFromRoles(await roles(u.id));
        if (!r) continue;
        out.push({
          sharee: u.email ? `mailto:${u.email}` : u.id,
          principal: new URL(`${encodeURIComponent(u.id)}/`, principalsBase).toString(),
          displayName: u.name,
          access: r.access,
          privateEvents: isAddressBook ? undefined : r.privateEvents,
          status: 'active',
        });
      }
      return out;
    },
    async share(sharee, rights) {
      checkRights(ctx, rights);
      await setRoles(sharee.userId, rolesFor(rights));
    },
    async unshare(sharee) {
      if (!(await users()).some((u) => u.id === sharee.userId)) {
        throw sharingError('not-shared', url, 'sharing.not-shared-with', { sharee: sharee.input, what: 'calendar' });
      }
      await query(`<remove-user user="${escapeXml(sharee.userId)}"/>`, 'POST');
    },
    async published() {
      if (!(await users()).some((u) => u.id === SOGO_ANONYMOUS)) return null;
      return rightsFromRoles(await roles(SOGO_ANONYMOUS)) ? publicLinks() : null;
    },
    async publish() {
      await setRoles(SOGO_ANONYMOUS, ['PublicViewer']);
      return publicLinks();
    },
    async unpublish() {
      if (!(await users()).some((u) => u.id === SOGO_ANONYMOUS)) notPublished(ctx);
      await query(`<remove-user user="${SOGO_ANONYMOUS}"/>`, 'POST');
    },
    async leave() {
      cannotLeave(ctx);
    },
  };
}

export const sogoUserId = lastSegment;

// Defined beside the other ways of establishing rights, so reading rights never loads the sharing drivers.
export { rightsFromRoles };
