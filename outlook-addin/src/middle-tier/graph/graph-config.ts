/**
 * Configuration of the two-way sync into Outlook through Microsoft Graph (issue 15). Off by default: it needs an
 * app registered in the organisation's Microsoft Entra tenant (a confidential client), so without all of its
 * settings the bridge offers the read-only "Add to Outlook" feed instead and says why.
 */

export interface GraphSignInConfig {
  /** Tenant id or domain ("organizations" / "common" for multi-tenant apps). */
  tenant: string;
  clientId: string;
  /** Client secret of the app registration (never logged, never sent to the pane). */
  clientSecret: string;
  /** Where Microsoft sends the user back after sign-in: the bridge's own callback route. */
  redirectUri: string;
  /** 32 bytes, base64: encrypts the token caches at rest. */
  cacheKey: Buffer;
}

/**
 * Delegated scopes the background sync needs: offline_access gives the refresh token; calendars, To Do lists and
 * contact folders are the three kinds of Outlook containers a subscription syncs with. Its silent token requests
 * ask these only: a user who consented before a scope was added to GRAPH_SCOPES keeps syncing (asking a scope never
 * consented makes Microsoft refuse the refresh, AADSTS65001, and would stop that user's sync).
 */
export const GRAPH_SYNC_SCOPES = [
  'offline_access',
  'Calendars.ReadWrite',
  'Tasks.ReadWrite',
  'Contacts.ReadWrite',
  'User.Read',
];

/**
 * What the sign-in asks for: the sync's scopes, and MailboxSettings.ReadWrite so the sync can make the collection's
 * master category (`/me/outlook/masterCategories`), as the pane does with Office.js. A user who connected before it
 * was asked gets a note saying that reconnecting lets the bridge make categories; their sync goes on.
 */
export const GRAPH_SCOPES = [...GRAPH_SYNC_SCOPES, 'MailboxSettings.ReadWrite'];

const ENV = {
  tenant: 'DAV_BRIDGE_GRAPH_TENANT',
  clientId: 'DAV_BRIDGE_GRAPH_CLIENT_ID',
  clientSecret: 'DAV_BRIDGE_GRAPH_CLIENT_SECRET',
  redirectUri: 'DAV_BRIDGE_GRAPH_REDIRECT_URI',
  cacheKey: 'DAV_BRIDGE_GRAPH_CACHE_KEY',
} as const;

export type GraphConfigProblem =
  { kind: 'not-configured' } | { kind: 'incomplete'; missing: string[] } | { kind: 'bad-cache-key' };

/** The Graph settings from the environment, or why there are none (the capability's reason). */
export function loadGraphConfig(env: NodeJS.ProcessEnv): GraphSignInConfig | GraphConfigProblem {
  const values = Object.fromEntries(Object.entries(ENV).map(([k, name]) => [k, env[name]?.trim() ?? '']));
  const missing = Object.entries(ENV)
    .filter(([k]) => !values[k])
    .map(([, name]) => name);
  if (missing.length === Object.keys(ENV).length) return { kind: 'not-configured' };
  if (missing.length > 0) return { kind: 'incomplete', missing };
  const cacheKey = Buffer.from(values['cacheKey']!, 'base64');
  if (cacheKey.length !== 32) return { kind: 'bad-cache-key' };
  return {
    tenant: values['tenant']!,
    clientId: values['clientId']!,
    clientSecret: values['clientSecret']!,
    redirectUri: values['redirectUri']!,
    cacheKey,
  };
}

export function isGraphConfigured(c: GraphSignInConfig | GraphConfigProblem): c is GraphSignInConfig {
  return !('kind' in c);
}
