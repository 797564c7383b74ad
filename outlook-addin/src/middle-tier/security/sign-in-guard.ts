/**
 * Login CSRF: without these checks another site could post a form to /api/v1/session with the attacker's DAV
 * credentials and sign the victim's browser into the attacker's account (what they then write lands there). A form
 * cannot send `Content-Type: application/json`, and a script on another site cannot either without a CORS preflight,
 * which the bridge never grants; a browser also says where a request comes from in `Origin`, which must then be the
 * bridge itself (or an origin the administrator trusts).
 */
import type { FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config.js';
import { ApiError } from '../http/api-error.js';
import { message } from '../words.js';

const MESSAGES = {
  jsonRequired: message('server.sign-in-json-required', {}),
  crossSite: message('server.sign-in-cross-site', {}),
};

function originOf(url: string): string | undefined {
  return URL.canParse(url) ? new URL(url).origin : undefined;
}

/** The origins a sign-in may come from: the bridge's public address, the address the request was sent to, and any configured. */
function allowedOrigins(req: FastifyRequest, config: ServerConfig): Set<string> {
  const allowed = new Set<string>(config.signInOrigins.map((o) => originOf(o) ?? o));
  const pub = originOf(config.publicBaseUrl);
  if (pub) allowed.add(pub);
  // The address the browser used: behind a trusted proxy, the scheme and host it forwarded (X-Forwarded-Proto/-Host);
  // otherwise this server's own scheme and the Host header.
  // (The bridge itself only speaks HTTPS; requests injected in process have no socket scheme to go by.)
  const scheme = req.headers['x-forwarded-proto'] === undefined ? 'https' : req.protocol;
  const host = req.host;
  if (host) allowed.add(`${scheme}://${host}`);
  return allowed;
}

export function checkSignInRequest(req: FastifyRequest, config: ServerConfig): void {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type))
    throw new ApiError(415, 'sign-in-json-required', MESSAGES.jsonRequired);
  const origin = req.headers.origin;
  // No Origin: not a browser page (curl, the Thunderbird extension's background), so no login CSRF to fear.
  if (origin === undefined) return;
  if (!allowedOrigins(req, config).has(origin)) throw new ApiError(403, 'sign-in-cross-site', MESSAGES.crossSite);
}
