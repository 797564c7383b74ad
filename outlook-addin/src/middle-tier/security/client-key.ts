/**
 * What rate limits count against: the client's network rather than its exact address. An IPv6 client usually holds
 * a whole /64 and can pick a new address in it for every request, so limiting per address would not limit it at
 * all; an IPv4 address is already the smallest unit a client gets (and IPv4-mapped IPv6 is the IPv4 address).
 * The address is Fastify's req.ip: the socket's peer, or the X-Forwarded-For client when `trustProxy` allows it.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** The 8 groups of an IPv6 address (with "::" expanded and an embedded IPv4 tail converted), as numbers. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.split('%')[0] ?? '';
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const b = v4[1].split('.').map(Number);
    text = `${text.slice(0, -v4[1].length)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = parse(head);
  const t = parse(tail);
  const groups = text.includes('::') ? [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t] : h;
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

/** "203.0.113.7" for IPv4 (and IPv4-mapped IPv6), "2001:db8:1:2::/64" for IPv6, the text itself otherwise. */
export function clientKey(address: string): string {
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address;
  const g = ipv6Groups(address);
  if (!g) return address;
  const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
  if (mapped) return [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff].join('.');
  return `${g
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(':')}::/64`;
}
