/**
 * Sessions: an opaque 256-bit cookie (only its SHA-256 is stored) mapped to an account. The cookie is HttpOnly and
 * Secure with SameSite=None and Partitioned (CHIPS), because the task pane runs inside Outlook's frames on another site. SameSite=None means
 * the browser sends the cookie on cross-site requests too, so every state-changing request must also carry the
 * session's CSRF token in a header, which another site cannot read (synchronizer token pattern).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, notSignedIn } from './api-error.js';
import type { AppContext } from './context.js';
import { digest, randomToken, sameSecret, TOKEN_PATTERN } from '../security/tokens.js';
import type { AccountRecord, SessionRecord } from '../store/types.js';

// "__Host-": the browser refuses it unless Secure, Path=/ and no Domain: a sibling subdomain cannot plant one.
export const SESSION_COOKIE = '__Host-davbridge-session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SignedIn {
  session: SessionRecord;
  account: AccountRecord;
}

export async function startSession(
  ctx: AppContext,
  reply: FastifyReply,
  account: AccountRecord,
): Promise<SessionRecord> {
  const id = randomToken();
  const now = ctx.now();
  const session: SessionRecord = {
    idHash: digest(id),
    accountId: account.id,
    csrfToken: randomToken(),
    createdAt: now,
    expiresAt: now + ctx.config.sessionTtlSeconds * 1000,
  };
  await ctx.store.createSession(session);
  reply.setCookie(SESSION_COOKIE, id, {
    httpOnly: true,
    secure: true,
    sameSite: 'none',
    // CHIPS: the pane is a cross-site iframe in Outlook on the web; browsers that block third-party cookies keep
    // a partitioned one (for this bridge under Outlook's site only), so the session survives there.
    partitioned: true,
    path: '/',
    maxAge: ctx.config.sessionTtlSeconds,
  });
  return session;
}

export function clearSessionCookie(reply: FastifyReply): void {
  // Same attributes as when set: a partitioned cookie is only replaced (cleared) by a partitioned one.
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'none', partitioned: true, path: '/' });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in user, or a 401; for unsafe methods also checks the CSRF token (403 when missing or wrong). */
export async function requireSession(ctx: AppContext, req: FastifyRequest): Promise<SignedIn> {
  const cookie = req.cookies[SESSION_COOKIE];
  if (!cookie) throw notSignedIn();
  const session = await ctx.store.getSession(digest(cookie));
  if (!session) throw notSignedIn();
  if (session.expiresAt <= ctx.now()) {
    await ctx.store.deleteSession(session.idHash);
    throw new ApiError(401, 'session-expired', {
      en: 'Your session has expired. Please sign in again.',
      fr: 'Votre session a expiré. Veuillez vous reconnecter.',
    });
  }
  if (!SAFE_METHODS.has(req.method)) {
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) {
      throw new ApiError(403, 'csrf-rejected', {
        en: 'This request was refused because it did not come from the DAV Bridge pane. Reload the pane and try again.',
        fr: 'Cette requête a été refusée car elle ne vient pas du volet DAV Bridge. Rechargez le volet et réessayez.',
      });
    }
  }
  const account = await ctx.store.getAccount(session.accountId);
  if (!account) throw notSignedIn();
  return { session, account };
}

/** The 401 for a bearer token that is unknown, malformed or revoked (en/fr here, like the session's). */
const badDeviceToken = (): ApiError =>
  new ApiError(401, 'invalid-device-token', {
    en: 'This device token is not valid or was revoked. Create a new one in the DAV Bridge pane.',
    fr: "Ce jeton d'appareil n'est pas valide ou a été révoqué. Créez-en un nouveau dans le volet DAV Bridge.",
  });

/** The secret of an `Authorization: Bearer <token>` header; undefined when the request has no bearer header. */
function bearerOf(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || !/^bearer\s/i.test(header)) return undefined;
  return header.slice(6).trim();
}

/** Who calls with a device token: the token's account, or a 401. */
async function requireDevice(ctx: AppContext, token: string): Promise<AccountRecord> {
  // Anything not shaped like a token we hand out is refused before touching the database.
  if (!TOKEN_PATTERN.test(token)) throw badDeviceToken();
  const device = await ctx.deviceTokens.findDeviceToken(digest(token));
  if (!device) throw badDeviceToken();
  const account = await ctx.store.getAccount(device.accountId);
  if (!account) throw badDeviceToken();
  await ctx.deviceTokens.touchDeviceToken(device.id, ctx.now());
  return account;
}

/**
 * The caller of an API route: a device bearer token when the request carries one (no CSRF token needed: a browser
 * never adds an Authorization header on its own, so another site cannot make one ride along), else the session
 * cookie with requireSession's checks.
 */
export async function requireUser(ctx: AppContext, req: FastifyRequest): Promise<{ account: AccountRecord }> {
  const bearer = bearerOf(req);
  if (bearer !== undefined) return { account: await requireDevice(ctx, bearer) };
  const { account } = await requireSession(ctx, req);
  return { account };
}
