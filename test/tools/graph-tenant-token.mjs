#!/usr/bin/env node
// Gets, once, the refresh token the real-tenant Graph test (test/integration/graph-tenant.test.ts) runs with: the
// device code flow of msal-node for an app registration that allows public client flows, delegated scopes
// Calendars.ReadWrite and offline_access (the same list as test/support/graph-tenant.ts). Sign in with the TEST
// mailbox. The token is written to a file only its owner can read, as the variables the test reads; it is never
// printed.
//
//   node test/tools/graph-tenant-token.mjs <tenant id or domain> <application (client) id> [file]
//   . ~/.dav-bridge-graph-tenant.env   # then run the test (README)
import { writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PublicClientApplication } from '@azure/msal-node';

const SCOPES = ['https://graph.microsoft.com/Calendars.ReadWrite', 'offline_access'];

const [tenant, clientId, file = join(homedir(), '.dav-bridge-graph-tenant.env')] = process.argv.slice(2);
if (!tenant || !clientId) {
  console.error('usage: node test/tools/graph-tenant-token.mjs <tenant> <client id> [file]');
  process.exit(2);
}

const app = new PublicClientApplication({
  auth: { clientId, authority: `https://login.microsoftonline.com/${tenant}` },
});
const result = await app.acquireTokenByDeviceCode({
  scopes: SCOPES,
  // Microsoft's own instruction: the address to open and the short code to type there.
  deviceCodeCallback: (response) => console.log(response.message),
});
// msal-node keeps the refresh token in its cache, not in the result.
const cache = JSON.parse(app.getTokenCache().serialize());
const refresh = Object.values(cache.RefreshToken ?? {}).find(
  (t) => !result?.account || t.home_account_id === result.account.homeAccountId,
);
if (!refresh?.secret) {
  console.error('No refresh token came back: does the app registration ask for offline_access?');
  process.exit(1);
}
/** @param {string} v */
const quote = (v) => `'${String(v).replace(/'/g, `'\\''`)}'`;
writeFileSync(
  file,
  [
    `export DAV_BRIDGE_TEST_GRAPH_TENANT=${quote(tenant)}`,
    `export DAV_BRIDGE_TEST_GRAPH_CLIENT_ID=${quote(clientId)}`,
    `export DAV_BRIDGE_TEST_GRAPH_REFRESH_TOKEN=${quote(refresh.secret)}`,
    '',
  ].join('\n'),
  { mode: 0o600 },
);
console.log(`Signed in as ${result?.account?.username ?? '?'}; the variables are in ${file} (readable by you only).`);
