/**
 * Opens DAV connections for a stored account: unseals its password only in memory, only for the duration of the
 * transport, and only towards the account's configured server.
 */
import { connectAccount, createTransport, type DavAccount, type FetchLike, type Transport } from '@dav-bridge/core';
import type { DavServerConfig } from '../config.js';
import type { SecretBox } from '../security/secret-box.js';
import type { AccountRecord } from '../store/types.js';
import { allowedOriginsFetch } from './allowed-fetch.js';

export class DavAccess {
  private readonly fetchFor = new Map<string, FetchLike>();

  constructor(
    private readonly servers: DavServerConfig[],
    private readonly box: SecretBox,
    private readonly timeoutMs: number,
  ) {
    for (const s of servers) this.fetchFor.set(s.id, allowedOriginsFetch([s.url]));
  }

  server(id: string): DavServerConfig | undefined {
    return this.servers.find((s) => s.id === id);
  }

  /** Sign-in: discovery with the password the user typed (throws AuthenticationError on a wrong one). */
  async connect(server: DavServerConfig, username: string, password: string): Promise<DavAccount> {
    return connectAccount(
      { serverUrl: server.url, auth: { type: 'basic', username, password } },
      { fetch: this.fetch(server.id), timeoutMs: this.timeoutMs, userAgent: 'DAV-Bridge-Outlook/0.1' },
    );
  }

  /** A transport with the stored credentials (no discovery: the principal URL was stored at sign-in). */
  transportFor(account: AccountRecord): Transport {
    return createTransport({
      auth: { type: 'basic', username: account.username, password: this.box.open(account.sealedPassword, account.id) },
      fetch: this.fetch(account.serverId),
      timeoutMs: this.timeoutMs,
      userAgent: 'DAV-Bridge-Outlook/0.1',
    });
  }

  /** The full account (discovery + collection listing) from stored credentials. */
  async accountFor(account: AccountRecord): Promise<DavAccount> {
    const server = this.server(account.serverId);
    if (!server) throw new Error(`server ${account.serverId} is no longer configured`);
    return this.connect(server, account.username, this.box.open(account.sealedPassword, account.id));
  }

  private fetch(serverId: string): FetchLike {
    const f = this.fetchFor.get(serverId);
    if (!f) throw new Error(`unknown server ${serverId}`);
    return f;
  }
}
