/** One connected DAV account: a transport with the user's credentials and what discovery found. */
import { listAllCollections, type Collection } from './collections.js';
import { discover, type Discovery, type DnsResolver } from './discovery.js';
import { createTransport, type Auth, type FetchLike, type Transport, type TransportOptions } from './transport.js';

export interface AccountTarget {
  /** A server URL (any URL on the server; well-known URIs are tried) ... */
  serverUrl?: string;
  /** ... or an email address (RFC 6764: DNS SRV/TXT where a resolver is given, then well-known URIs). */
  email?: string;
  auth: Auth;
}

export interface ConnectOptions {
  fetch?: FetchLike;
  resolver?: DnsResolver;
  timeoutMs?: number;
  userAgent?: string;
  onExchange?: TransportOptions['onExchange'];
}

export interface DavAccount {
  transport: Transport;
  discovery: Discovery;
  listCollections(): Promise<{ collections: Collection[]; warnings: string[] }>;
}

export async function connectAccount(target: AccountTarget, options: ConnectOptions = {}): Promise<DavAccount> {
  const transport = createTransport({
    auth: target.auth,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    userAgent: options.userAgent ?? 'DAV-Bridge/0.1',
    ...(options.onExchange ? { onExchange: options.onExchange } : {}),
  });
  const discovery = await discover(
    transport,
    { ...(target.serverUrl ? { serverUrl: target.serverUrl } : {}), ...(target.email ? { email: target.email } : {}) },
    options.resolver,
  );
  return { transport, discovery, listCollections: () => listAllCollections(transport, discovery) };
}
