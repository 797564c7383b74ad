/**
 * Which sharing driver applies to a collection, and what it can do. Evidence, in order of trust:
 * the DAV header tokens of OPTIONS (calendarserver-sharing, resource-sharing, oc-resource-sharing,
 * oc-calendar-publishing, access-control), the Allow header (ACL, MKTICKET), server headers
 * (X-Sabre-Version, X-DAViCal-Version, Server), the sharing properties, and for SOGo a read-only acl-query.
 */
import { DavError } from '../dav/errors.js';
import { NS, qname } from '../dav/namespaces.js';
import type { Transport } from '../dav/transport.js';
import { accessFromPrivileges } from '../dav/collections.js';
import { readProps } from './http.js';
import type { DriverKind, ShareAccess, SharingCapabilities } from './types.js';

const D = (l: string) => qname(NS.DAV, l);
const CS = (l: string) => qname(NS.CS, l);
const OC = (l: string) => qname(NS.OC, l);

export interface SharingProbe {
  davTokens: string[];
  allow: string[];
  server: string | undefined;
  sabreVersion: string | undefined;
  davicalVersion: string | undefined;
  /** Privilege names of current-user-privilege-set. */
  privileges: string[];
  allowedSharingModes: string[];
  hasInviteProperty: boolean;
  isSogo: boolean;
  /** The collection is a CardDAV address book (DAViCal leaves ACL out of Allow there, yet honours it). */
  isAddressBook?: boolean;
}

export function splitTokens(header: string | null): string[] {
  return (header ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
}

export async function probeSharing(transport: Transport, url: string): Promise<SharingProbe> {
  const res = await transport.request({
    method: 'OPTIONS',
    url,
    what: 'ask-capabilities',
  });
  const davTokens = splitTokens(res.headers.get('dav'));
  const allow = splitTokens(res.headers.get('allow')).map((m) => m.toUpperCase());
  const r = await readProps(transport, url, [
    D('current-user-privilege-set'),
    D('owner'),
    D('resourcetype'),
    D('share-access'),
    D('invite'),
    CS('invite'),
    OC('invite'),
    CS('allowed-sharing-modes'),
  ]);
  const privileges = (r.props.get(D('current-user-privilege-set'))?.children ?? [])
    .filter((p) => p.local === 'privilege')
    .flatMap((p) => p.children.map((c) => c.local));
  const probe: SharingProbe = {
    davTokens,
    allow,
    server: res.headers.get('server') ?? undefined,
    sabreVersion: res.headers.get('x-sabre-version') ?? undefined,
    davicalVersion: res.headers.get('x-davical-version') ?? undefined,
    privileges,
    allowedSharingModes: (r.props.get(CS('allowed-sharing-modes'))?.children ?? []).map((c) => c.local),
    hasInviteProperty: r.props.has(D('invite')) || r.props.has(CS('invite')) || r.props.has(OC('invite')),
    isSogo: false,
    isAddressBook: (r.props.get(D('resourcetype'))?.children ?? []).some(
      (c) => c.local === 'addressbook' && c.ns === NS.CARDDAV,
    ),
  };
  // SOGo announces plain access-control but has no ACL method: its own acl-query answers a read-only REPORT.
  if (davTokens.includes('access-control') && !allow.includes('ACL') && !probe.sabreVersion) {
    try {
      const q = await transport.request({
        method: 'REPORT',
        url,
        headers: { 'Content-Type': 'application/xml; charset=utf-8' },
        body: `<?xml version="1.0" encoding="utf-8"?>\n<acl-query xmlns="${NS.SOGO}"><user-list/></acl-query>`,
        accept: [400, 403, 404, 405, 409, 415, 500, 501],
      });
      probe.isSogo = q.status < 300 && /<user-list[\s>/]/.test(q.text);
    } catch (err) {
      if (!(err instanceof DavError) || err.code === 'authentication-failed') throw err;
    }
  }
  return probe;
}

function serverName(p: SharingProbe): string {
  if (p.isSogo) return 'SOGo';
  if (p.davicalVersion) return 'DAViCal';
  if (p.sabreVersion) return /nextcloud/i.test(p.server ?? '') ? 'Nextcloud' : 'Nextcloud/ownCloud (sabre/dav)';
  const s = p.server ?? '';
  if (/cyrus/i.test(s)) return 'Cyrus';
  if (/radicale/i.test(s)) return 'Radicale';
  // Radicale answers with the bare WSGI server name and none of the sharing tokens.
  if (/wsgiserver/i.test(s) && !p.davTokens.includes('access-control')) return 'Radicale';
  if (/xandikos/i.test(s)) return 'Xandikos';
  return s ? `this server (${s.split(/\s+/)[0]})` : 'this server';
}

/** Decides the driver from a probe; `prefer` picks among several the server supports (e.g. Cyrus). */
export function capabilitiesFrom(p: SharingProbe, prefer?: DriverKind): SharingCapabilities {
  const t = (x: string) => p.davTokens.includes(x);
  const server = serverName(p);
  const candidates: DriverKind[] = [];
  if (t('oc-resource-sharing') || (p.sabreVersion && (t('oc-calendar-publishing') || p.hasInviteProperty)))
    candidates.push('nextcloud');
  if (t('resource-sharing')) candidates.push('resource-sharing');
  if (t('calendarserver-sharing')) candidates.push('calendarserver');
  // DAViCal's OPTIONS on an address book omits ACL (and MKTICKET) from Allow, but the ACL method works there.
  if (p.davicalVersion && (p.allow.includes('ACL') || (p.isAddressBook && t('access-control'))))
    candidates.push('davical');
  if (p.isSogo) candidates.push('sogo');
  if (t('access-control') && p.allow.includes('ACL')) candidates.push('webdav-acl');
  const driver: DriverKind = prefer && candidates.includes(prefer) ? prefer : (candidates[0] ?? 'none');
  const my = accessFromPrivileges(p.privileges);
  const canManage = p.privileges.length === 0 ? true : my === 'admin';
  const base = { driver, server, davTokens: p.davTokens, sabreVersion: p.sabreVersion, canManage };
  const levels = (l: ShareAccess[]) => l;
  switch (driver) {
    case 'nextcloud':
      return {
        ...base,
        levels: levels(['read', 'read-write']),
        privateEvents: false,
        publish: t('oc-calendar-publishing') || t('calendarserver-sharing') || !!p.sabreVersion,
        publishExpiry: false,
        invitations: false,
        leave: true,
      };
    case 'resource-sharing':
    case 'calendarserver':
      return {
        ...base,
        levels: levels(['read', 'read-write']),
        privateEvents: false,
        publish: driver === 'resource-sharing' && server === 'Cyrus',
        publishExpiry: false,
        invitations: true,
        leave: true,
      };
    case 'davical':
      return {
        ...base,
        levels: levels(['read', 'read-write', 'admin']),
        privateEvents: false,
        publish: p.allow.includes('MKTICKET'),
        publishExpiry: true,
        invitations: false,
        leave: false,
      };
    case 'webdav-acl':
      return {
        ...base,
        levels: levels(['read', 'read-write', 'admin']),
        privateEvents: false,
        publish: false,
        publishExpiry: false,
        invitations: false,
        leave: false,
      };
    case 'sogo':
      return {
        ...base,
        levels: levels(['read', 'read-write']),
        privateEvents: true,
        publish: true,
        publishExpiry: false,
        invitations: false,
        leave: false,
      };
    default:
      return {
        ...base,
        driver: 'none',
        levels: [],
        privateEvents: false,
        publish: false,
        publishExpiry: false,
        invitations: false,
        leave: false,
        canManage: false,
      };
  }
}

export async function detectSharing(
  transport: Transport,
  url: string,
  prefer?: DriverKind,
): Promise<SharingCapabilities> {
  return capabilitiesFrom(await probeSharing(transport, url), prefer);
}
