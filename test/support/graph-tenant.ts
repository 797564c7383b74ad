/**
 * A real Microsoft 365 tenant for the Graph scenario (graph-tenant.test.ts), from the environment: the tenant, the
 * app registration's client id, a refresh token of the test mailbox (test/tools/graph-tenant-token.mjs gets one by
 * device code), and the client secret when the app is a confidential client. Tokens come from msal-node's
 * refresh-token redemption, kept until shortly before they expire; they are never logged.
 */
import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';

export const TENANT_VARIABLES = {
  tenant: 'DAV_BRIDGE_TEST_GRAPH_TENANT',
  clientId: 'DAV_BRIDGE_TEST_GRAPH_CLIENT_ID',
  refreshToken: 'DAV_BRIDGE_TEST_GRAPH_REFRESH_TOKEN',
  clientSecret: 'DAV_BRIDGE_TEST_GRAPH_CLIENT_SECRET',
} as const;

/** The delegated scopes the scenario needs (the same list as graph-tenant-token.mjs asks for). */
export const TENANT_SCOPES = ['https://graph.microsoft.com/Calendars.ReadWrite', 'offline_access'];

export const GRAPH_V1 = 'https://graph.microsoft.com/v1.0';

export interface TenantSettings {
  tenant: string;
  clientId: string;
  refreshToken: string;
  clientSecret?: string;
}

/** The settings, or the names of the variables that are missing (the optional secret is never "missing"). */
export function tenantSettings(
  env: Record<string, string | undefined>,
): { settings: TenantSettings } | { missing: string[] } {
  const [tenant, clientId, refreshToken] = [
    env[TENANT_VARIABLES.tenant],
    env[TENANT_VARIABLES.clientId],
    env[TENANT_VARIABLES.refreshToken],
  ];
  if (!tenant || !clientId || !refreshToken) {
    const missing = (['tenant', 'clientId', 'refreshToken'] as const).filter((k) => !env[TENANT_VARIABLES[k]]);
    return { missing: missing.map((k) => TENANT_VARIABLES[k]) };
  }
  const secret = env[TENANT_VARIABLES.clientSecret];
  return { settings: { tenant, clientId, refreshToken, ...(secret ? { clientSecret: secret } : {}) } };
}

/** An access-token source for GraphClient: redeems the refresh token, again a few minutes before expiry. */
export function tenantTokens(s: TenantSettings): () => Promise<string> {
  const auth = { clientId: s.clientId, authority: `https://login.microsoftonline.com/${s.tenant}` };
  const app = s.clientSecret
    ? new ConfidentialClientApplication({ auth: { ...auth, clientSecret: s.clientSecret } })
    : new PublicClientApplication({ auth });
  let current: { token: string; until: number } | undefined;
  return async () => {
    if (current && Date.now() < current.until) return current.token;
    const result = await app.acquireTokenByRefreshToken({ refreshToken: s.refreshToken, scopes: TENANT_SCOPES });
    if (!result?.accessToken) throw new Error('the tenant gave no access token for the refresh token');
    const expires = result.expiresOn?.getTime() ?? Date.now() + 10 * 60_000;
    current = { token: result.accessToken, until: expires - 5 * 60_000 };
    return current.token;
  };
}
