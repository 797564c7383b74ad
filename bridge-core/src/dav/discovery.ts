/**
 * Finding the user's principal and home sets from a server URL or an email address (RFC 6764 and RFC 5397),
 * plus the principals whose calendars the user reaches through delegation (calendar-proxy) or groups.
 */
import { AuthenticationError, BadRequestError, DavError, NetworkError, TimeoutError, notDavServer } from './errors.js';
import { message } from '../i18n/index.js';
import { okProps, resolveHref } from './multistatus.js';
import { NS, qname } from './namespaces.js';
import { propfind } from './propfind.js';
import type { Transport } from './transport.js';
import { child, hrefsIn, textOf } from './xml.js';

/** DNS look-ups for RFC 6764 discovery; Node brings one (bridge-core/node), browsers cannot. */
export interface DnsResolver {
  srv(name: string): Promise<{ name: string; port: number; priority: number; weight: number }[]>;
  txt(name: string): Promise<string[][]>;
}

export interface Principal {
  url: string;
  displayName: string | undefined;
  calendarHomes: string[];
  addressbookHomes: string[];
  /** calendar-user-address-set: mailto: addresses and other URIs naming the user. */
  addresses: string[];
  notificationUrl: string | undefined;
  proxyReadFor: string[];
  proxyWriteFor: string[];
  groups: string[];
}

export interface Discovery {
  /** The URL that answered with the current user's principal. */
  contextUrl: string;
  principal: Principal;
  /** Principals reachable by delegation or group membership, whose homes could be read. */
  delegates: Principal[];
  /** Things that did not work but did not stop discovery (a delegate's home unreadable...). */
  warnings: string[];
}

const D = (l: string) => qname(NS.DAV, l);
const C = (l: string) => qname(NS.CALDAV, l);
const CARD = (l: string) => qname(NS.CARDDAV, l);
const CS = (l: string) => qname(NS.CS, l);

const PRINCIPAL_PROPS = [
  D('displayname'),
  C('calendar-home-set'),
  CARD('addressbook-home-set'),
  C('calendar-user-address-set'),
  CS('notification-URL'),
  CS('calendar-proxy-read-for'),
  CS('calendar-proxy-write-for'),
  D('group-membership'),
];

/** Where Nextcloud/ownCloud, SOGo, Cyrus/Fastmail, DAViCal, Baïkal and Zimbra put their DAV root. */
export const WELL_KNOWN_SERVER_PATHS = [
  '/SOGo/dav/',
  '/remote.php/dav/',
  '/dav/',
  '/caldav.php/',
  '/dav.php/',
  '/service/dav/',
];

function withScheme(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`;
}

/** Where to look, in order: the URL itself, then the well-known URIs of its host; for an email, DNS first. */
export async function candidateUrls(
  target: { serverUrl?: string; email?: string },
  resolver?: DnsResolver,
): Promise<string[]> {
  const out: string[] = [];
  const add = (u: string) => {
    if (!out.includes(u)) out.push(u);
  };
  if (target.serverUrl) {
    const base = new URL(withScheme(target.serverUrl));
    add(base.toString());
    add(new URL('/.well-known/caldav', base).toString());
    add(new URL('/.well-known/carddav', base).toString());
    // Many installations lack the well-known redirect (SOGo behind no proxy rule, a bare DAViCal): a user
    // who types only the host name still expects to be found, so try the paths the big servers use.
    if (base.pathname === '/') for (const path of WELL_KNOWN_SERVER_PATHS) add(new URL(path, base).toString());
  }
  if (target.email) {
    const domain = target.email.split('@').pop()?.trim().toLowerCase();
    if (!domain || !target.email.includes('@')) {
      throw new BadRequestError('bad-request', message('dav.not-an-email', { email: target.email }), {
        url: `mailto:${target.email}`,
      });
    }
    if (resolver) {
      for (const [service, scheme] of [
        ['_caldavs._tcp', 'https'],
        ['_carddavs._tcp', 'https'],
        ['_caldav._tcp', 'http'],
        ['_carddav._tcp', 'http'],
      ] as const) {
        const records = await resolver.srv(`${service}.${domain}`).catch(() => []);
        const best = [...records].sort((a, b) => a.priority - b.priority || b.weight - a.weight)[0];
        if (!best || best.name === '.' || best.name === '') continue;
        const txt = await resolver.txt(`${service}.${domain}`).catch(() => [] as string[][]);
        const path = txt
          .flat()
          .find((t) => t.startsWith('path='))
          ?.slice(5);
        const origin = `${scheme}://${best.name.replace(/\.$/, '')}:${best.port}`;
        add(new URL(path ?? `/.well-known/${service.includes('card') ? 'carddav' : 'caldav'}`, origin).toString());
      }
    }
    add(`https://${domain}/.well-known/caldav`);
    add(`https://${domain}/.well-known/carddav`);
  }
  return out;
}

export async function readPrincipal(transport: Transport, url: string): Promise<Principal> {
  const ms = await propfind(transport, url, PRINCIPAL_PROPS, '0', 'read-account');
  const response = ms.responses[0];
  const props = response ? okProps(response) : new Map();
  const base = ms.url;
  const hrefs = (name: ReturnType<typeof D>) => hrefsIn(props.get(name)).map((h) => resolveHref(h, base));
  return {
    url: response?.href ?? url,
    displayName: textOf(props.get(D('displayname'))) || undefined,
    calendarHomes: hrefs(C('calendar-home-set')),
    addressbookHomes: hrefs(CARD('addressbook-home-set')),
    addresses: hrefsIn(props.get(C('calendar-user-address-set'))),
    notificationUrl: hrefs(CS('notification-URL'))[0],
    proxyReadFor: hrefs(CS('calendar-proxy-read-for')),
    proxyWriteFor: hrefs(CS('calendar-proxy-write-for')),
    groups: hrefs(D('group-membership')),
  };
}

/** Asks one candidate URL who the current user is; undefined if it is not a DAV endpoint that knows. */
async function currentUserPrincipal(
  transport: Transport,
  url: string,
): Promise<{ principal: string; context: string } | undefined> {
  const ms = await propfind(
    transport,
    url,
    [D('current-user-principal'), D('principal-URL'), D('resourcetype')],
    '0',
    'find-account',
  );
  const response = ms.responses[0];
  if (!response) return undefined;
  const props = okProps(response);
  const href =
    hrefsIn(props.get(D('current-user-principal')))[0] ??
    hrefsIn(props.get(D('principal-URL')))[0] ??
    (child(props.get(D('resourcetype')), D('principal')) ? response.href : undefined);
  return href ? { principal: resolveHref(href, ms.url), context: ms.url } : undefined;
}

export async function discover(
  transport: Transport,
  target: { serverUrl?: string; email?: string },
  resolver?: DnsResolver,
): Promise<Discovery> {
  const candidates = await candidateUrls(target, resolver);
  const failures: DavError[] = [];
  let found: { principal: string; context: string } | undefined;
  for (const url of candidates) {
    try {
      found = await currentUserPrincipal(transport, url);
      if (found) break;
    } catch (err) {
      // A wrong password is final: trying other URLs would only hide it behind "not a DAV server".
      if (err instanceof AuthenticationError) throw err;
      if (err instanceof DavError) failures.push(err);
      else throw err;
    }
  }
  if (!found) {
    const unreachable = failures.find((f) => f instanceof NetworkError || f instanceof TimeoutError);
    if (unreachable && failures.every((f) => f instanceof NetworkError || f instanceof TimeoutError)) throw unreachable;
    const first = candidates[0] ?? target.serverUrl ?? target.email ?? '';
    throw notDavServer(first, failures[0]?.detail ?? failures[0]?.code);
  }
  const principal = await readPrincipal(transport, found.principal);
  const warnings: string[] = [];
  const delegates = await readDelegates(transport, principal, warnings);
  return { contextUrl: found.context, principal, delegates, warnings };
}

/** Principals of proxies and groups, two levels deep like DAVx5, each read at most once. */
async function readDelegates(transport: Transport, me: Principal, warnings: string[]): Promise<Principal[]> {
  const seen = new Set<string>([me.url]);
  const out: Principal[] = [];
  let frontier = [...me.proxyReadFor, ...me.proxyWriteFor, ...me.groups];
  for (let level = 0; level < 2 && frontier.length > 0; level++) {
    const next: string[] = [];
    for (const url of frontier) {
      if (seen.has(url)) continue;
      seen.add(url);
      try {
        const p = await readPrincipal(transport, url);
        if (p.calendarHomes.length || p.addressbookHomes.length) out.push(p);
        next.push(...p.groups);
      } catch (err) {
        if (err instanceof AuthenticationError) throw err;
        warnings.push(`${url}: ${(err as Error).message}`);
      }
    }
    frontier = next;
  }
  return out;
}
