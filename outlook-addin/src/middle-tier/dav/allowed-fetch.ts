/**
 * The only fetch the bridge gives bridge-core: it refuses any origin the administrator did not configure, so neither
 * a user nor a DAV server's redirect or discovery answer can make the bridge contact another host (SSRF).
 */
import type { FetchLike } from '@dav-bridge/core';
import { NetworkError } from '@dav-bridge/core';
import { message } from '../words.js';

export function allowedOriginsFetch(origins: string[], inner: FetchLike = fetch): FetchLike {
  const allowed = new Set(origins.map((o) => new URL(o).origin));
  return async (input, init) => {
    const origin = new URL(input).origin;
    if (!allowed.has(origin)) {
      throw new NetworkError('network-unreachable', message('server.origin-not-allowed', { origin }), { url: input });
    }
    return inner(input, init);
  };
}
