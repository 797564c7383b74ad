/**
 * Which allowed DAV server a mailbox's address leads to (RFC 6764), so the pane can preselect it. The candidates come
 * from core's discovery (DNS SRV/TXT when a resolver is given, then the domain's well-known URIs); the answer is only
 * ever one of the administrator's servers, compared by origin.
 *
 * Why so careful: anyone may ask, with any address, before signing in. So the bridge only contacts the address's own
 * host (its well-known URIs, on https and on the ports of allowed servers living on that host), never follows a
 * redirect (it reads where it points), never sends credentials, and gives up after a short deadline. An SRV record
 * pointing elsewhere is compared by origin without any request.
 */
import { candidateUrls, type DnsResolver } from '@dav-bridge/core';
import { isIP } from 'node:net';
import type { DavServerConfig } from '../config.js';

export interface SuggestOptions {
  resolver?: DnsResolver;
  /** The whole lookup's deadline (DNS and requests together). */
  timeoutMs: number;
  fetch?: typeof fetch;
}

const originOf = (url: string): string | undefined => (URL.canParse(url) ? new URL(url).origin : undefined);

/** The id of the allowed server the address's discovery leads to, or undefined (not found, elsewhere, too slow). */
export async function suggestServer(
  email: string,
  servers: Pick<DavServerConfig, 'id' | 'url'>[],
  options: SuggestOptions,
): Promise<string | undefined> {
  // Exactly one "@" with something before it: "x@a@b" is no address.
  const [local, rest, ...more] = email.trim().split('@');
  const domain = local && rest !== undefined && more.length === 0 ? rest.toLowerCase() : '';
  // Not an address, or a host name that could smuggle a path, port or credentials into the URLs built from it.
  if (!/^[a-z0-9.-]+$/.test(domain) || !URL.canParse(`https://${domain}/`)) return undefined;
  // An address at an IP literal (x@10.0.0.5, x@169.254.169.254) would let anyone make the bridge probe internal
  // hosts: such a host is contacted only when an allowed server lives there.
  if (isIP(domain) && !servers.some((s) => new URL(s.url).hostname === domain)) return undefined;
  const byOrigin = new Map(servers.map((s) => [originOf(s.url), s.id] as const));
  const host = new URL(`https://${domain}/`).hostname;
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const timedOut = new Promise<undefined>((resolve) =>
    deadline.addEventListener('abort', () => resolve(undefined), { once: true }),
  );
  const lookup = async (): Promise<string | undefined> => {
    const candidates = await candidateUrls({ email: `x@${domain}` }, options.resolver);
    // An allowed server on the address's own host (another port or plain http): its well-known URIs are the domain's too.
    for (const s of servers) {
      const url = new URL(s.url);
      if (url.hostname !== host) continue;
      for (const p of ['/.well-known/caldav', '/.well-known/carddav']) {
        const u = new URL(p, url.origin).toString();
        if (!candidates.includes(u)) candidates.push(u);
      }
    }
    for (const candidate of candidates) {
      if (deadline.aborted) return undefined;
      const url = new URL(candidate);
      // SRV pointing to another host: its origin is the answer, but the bridge does not go there.
      if (url.hostname !== host) {
        const hit = byOrigin.get(url.origin);
        if (hit) return hit;
        continue;
      }
      const target = await whereItLeads(candidate, options.fetch ?? fetch, deadline);
      const hit = target === undefined ? undefined : byOrigin.get(originOf(target));
      if (hit) return hit;
    }
    return undefined;
  };
  return Promise.race([lookup().catch(() => undefined), timedOut]);
}

/** Where a well-known URI leads: its redirect target, itself when it answers as DAV (207, or 401 asking for a login). */
async function whereItLeads(url: string, f: typeof fetch, signal: AbortSignal): Promise<string | undefined> {
  try {
    const res = await f(url, { method: 'PROPFIND', headers: { depth: '0' }, redirect: 'manual', signal });
    await res.body?.cancel().catch(() => undefined);
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get('location');
      return location && URL.canParse(location, url) ? new URL(location, url).toString() : undefined;
    }
    return res.status === 207 || res.status === 401 ? url : undefined;
  } catch {
    // Nothing listens there, a certificate the bridge does not trust, the deadline: no suggestion from this one.
    return undefined;
  }
}
