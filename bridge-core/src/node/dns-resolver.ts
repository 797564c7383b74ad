/** RFC 6764 DNS look-ups for Node (browsers have no DNS API; discovery then goes straight to well-known URIs). */
import { promises as dns } from 'node:dns';
import type { DnsResolver } from '../dav/discovery.js';

export const nodeDnsResolver: DnsResolver = {
  srv: (name) => dns.resolveSrv(name),
  txt: (name) => dns.resolveTxt(name),
};
