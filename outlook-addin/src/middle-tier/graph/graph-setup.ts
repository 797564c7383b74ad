/**
 * The bridge's Microsoft 365 side, built once in app.ts: the configuration (or why there is none), the sign-in
 * over the bridge store, and where Graph is. Tests inject msal-node's client (an OAuth stand-in) and the Graph
 * fake's address; production reads DAV_BRIDGE_GRAPH_* (graph-config.ts).
 */
import type { GraphTokenCacheStore } from '../store/types.js';
import { isGraphConfigured, loadGraphConfig, type GraphConfigProblem, type GraphSignInConfig } from './graph-config.js';
import { GraphSignIn, msalFactory, type MsalFactory } from './graph-sign-in.js';
import { StoredGraphConnections } from './stored-connections.js';

export const GRAPH_V1 = 'https://graph.microsoft.com/v1.0';

export interface GraphOptions {
  /** The configuration, or why there is none; read from the environment when absent. */
  config?: GraphSignInConfig | GraphConfigProblem;
  /** msal-node's client (tests: an OAuth stand-in). */
  msalFactory?: MsalFactory;
  /** Graph's address (tests: the Graph fake's). */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export interface GraphSetup {
  /** Why two-way Outlook sync is off; undefined when it is on. */
  problem: GraphConfigProblem | undefined;
  /** The sign-in (undefined when not configured). */
  signIn: GraphSignIn | undefined;
  baseUrl: string;
  fetch: typeof fetch | undefined;
}

export function graphSetup(store: GraphTokenCacheStore, now: () => number, opts: GraphOptions = {}): GraphSetup {
  const config = opts.config ?? loadGraphConfig(process.env);
  const base = { baseUrl: opts.baseUrl ?? GRAPH_V1, fetch: opts.fetch };
  if (!isGraphConfigured(config)) return { problem: config, signIn: undefined, ...base };
  const caches = new StoredGraphConnections(store, now);
  const signIn = new GraphSignIn(config, caches, opts.msalFactory ?? msalFactory(config), now);
  return { problem: undefined, signIn, ...base };
}
