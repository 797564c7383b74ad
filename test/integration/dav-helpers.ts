/** Connecting to the harness's servers as one of its users (items come from ../support/items.ts). */
import { connectAccount, type DavAccount } from '../../bridge-core/src/dav/account.js';
import type { TestServer, UserName } from '../harness/servers.js';

export function connect(server: TestServer, user: UserName, url = server.rootUrl): Promise<DavAccount> {
  const u = server.users[user];
  return connectAccount({ serverUrl: url, auth: { type: 'basic', username: u.username, password: u.password } });
}
