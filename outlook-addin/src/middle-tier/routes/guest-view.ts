/**
 * What guests see: /g/<token> (HTML agenda), /g/<token>.ics (the feed, for calendar apps and webcal:), and the
 * password form. Unknown and revoked tokens are 404, expired ones 410. Token guessing is rate-limited per client
 * network (see security/client-key.ts): only unknown tokens count as misses. A revoked or expired token is a link
 * that once existed, polled by a calendar app that was never told: counting it would end in 429 on every link for
 * everyone behind the same address. Password guessing is limited per link and client network. Guests never see DAV
 * errors: they would name the owner's server.
 */
import { TimeoutError } from '@dav-bridge/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../http/context.js';
import { pickLang, type Lang } from '../i18n.js';
import { GuestGrants } from '../guest/grant.js';
import {
  agendaPage,
  GUEST_CSS,
  GUEST_FAVICON,
  guestMessagePage,
  guestPageTitleInBoth,
  passwordPage,
  type GuestMessagePageName,
} from '../guest/html.js';
import { guestUrls } from '../guest/links.js';
import { typedPasswordFits } from '../security/password-policy.js';
import { verifyPassword } from '../security/passwords.js';
import { clientKey } from '../security/client-key.js';
import { RateLimiter } from '../security/rate-limiter.js';
import { digest, TOKEN_PATTERN } from '../security/tokens.js';
import type { GuestLinkRecord } from '../store/types.js';

type Page = Exclude<GuestMessagePageName, 'locked'>;

function basicPassword(header: string | undefined): string | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

export function guestViewRoutes(app: FastifyInstance, ctx: AppContext, masterKey: Buffer): void {
  const misses = new RateLimiter(ctx.config.limits.guestMissesPerIp, ctx.now, ctx.store.rateLimits, 'guest-miss');
  const passwordFailures = new RateLimiter(
    ctx.config.limits.guestPasswordPerLink,
    ctx.now,
    ctx.store.rateLimits,
    'guest-password',
  );
  const grants = new GuestGrants(masterKey);

  const langOf = (req: FastifyRequest): Lang =>
    pickLang((req.query as Record<string, unknown>)['lang'], req.headers['accept-language']);

  const sendPage = (
    reply: FastifyReply,
    status: number,
    lang: Lang,
    which: Page,
    asIcs: boolean,
    retryAfterSeconds?: number,
  ) => {
    reply.code(status).header('cache-control', 'no-store');
    if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
    if (asIcs) {
      return reply.type('text/plain; charset=utf-8').send(`${guestPageTitleInBoth(which)}\n`);
    }
    return reply.type('text/html; charset=utf-8').send(guestMessagePage(lang, which));
  };

  const sendLocked = (reply: FastifyReply, lang: Lang, asIcs: boolean) => {
    reply.code(403).header('cache-control', 'no-store');
    if (asIcs) return reply.type('text/plain; charset=utf-8').send(`${guestPageTitleInBoth('locked')}\n`);
    return reply.type('text/html; charset=utf-8').send(guestMessagePage(lang, 'locked'));
  };

  /**
   * One password check, counted against the link itself (every address together) as well as per client network:
   * rotating addresses gets an attacker a fresh per-address budget, never more checks on the link. Both attempts
   * are taken before the (slow) hash and given back when the password was right, so parallel guesses cannot pass
   * the limits while the first ones are still being checked.
   */
  async function checkPassword(
    link: GuestLinkRecord,
    passwordHash: string,
    typed: unknown,
    req: FastifyRequest,
  ): Promise<'ok' | 'wrong' | 'locked' | { retryAfter: number }> {
    const perClient = passwordKey(link, req);
    const wait = await passwordFailures.reserve(perClient);
    if (wait !== undefined) return { retryAfter: wait };
    // Nothing typed (a form without the field) counts as a wrong guess without being hashed.
    if (typeof typed !== 'string') return 'wrong';
    const cap = ctx.config.guestLinks.lockAfterWrongPasswords;
    if (!(await ctx.store.claimGuestPasswordAttempt(link.id, cap, ctx.now()))) {
      await passwordFailures.release(perClient);
      return 'locked';
    }
    const ok = typedPasswordFits(typed) && (await verifyPassword(typed, passwordHash));
    await ctx.store.settleGuestPasswordAttempt(link.id, ok, cap, ctx.now());
    if (ok) await passwordFailures.release(perClient);
    return ok ? 'ok' : 'wrong';
  }

  /** The live link for a token, or the page to answer with instead. */
  async function resolve(
    req: FastifyRequest,
    token: string,
  ): Promise<GuestLinkRecord | { status: number; page: Page; retryAfter?: number }> {
    const client = clientKey(req.ip);
    const wait = await misses.blockedFor(client);
    if (wait !== undefined) return { status: 429, page: 'tooMany', retryAfter: wait };
    const link = TOKEN_PATTERN.test(token) ? await ctx.store.getGuestLinkByTokenHash(digest(token)) : undefined;
    if (!link) {
      await misses.hit(client);
      return { status: 404, page: 'notFound' };
    }
    if (link.revokedAt !== undefined) return { status: 404, page: 'notFound' };
    if (link.expiresAt !== undefined && link.expiresAt <= ctx.now()) return { status: 410, page: 'expired' };
    return link;
  }

  const passwordKey = (link: GuestLinkRecord, req: FastifyRequest) => `${link.id}|${clientKey(req.ip)}`;

  app.get('/g/assets/guest.css', async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(GUEST_CSS),
  );

  app.get('/g/assets/favicon.svg', async (_req, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(GUEST_FAVICON),
  );

  app.get<{ Params: { token: string } }>('/g/:token', async (req, reply) => {
    const lang = langOf(req);
    const asIcs = req.params.token.endsWith('.ics');
    const token = asIcs ? req.params.token.slice(0, -4) : req.params.token;
    const found = await resolve(req, token);
    if (!('id' in found)) return sendPage(reply, found.status, lang, found.page, asIcs, found.retryAfter);
    const link = found;

    if (link.passwordHash !== undefined) {
      const granted = grants.valid(req.cookies[grants.cookieName(link.id)], link.id, link.passwordHash, ctx.now());
      if (!granted) {
        // Calendar apps cannot fill in a form: the feed also takes the password through HTTP Basic auth.
        const typed = asIcs ? basicPassword(req.headers.authorization) : undefined;
        if (link.lockedAt !== undefined) return sendLocked(reply, lang, asIcs);
        let ok = false;
        if (typed !== undefined) {
          const checked = await checkPassword(link, link.passwordHash, typed, req);
          if (typeof checked === 'object') return sendPage(reply, 429, lang, 'tooMany', true, checked.retryAfter);
          if (checked === 'locked') return sendLocked(reply, lang, asIcs);
          ok = checked === 'ok';
        }
        if (!ok) {
          reply.code(401).header('cache-control', 'no-store');
          if (asIcs) {
            return reply
              .header('www-authenticate', 'Basic realm="DAV Bridge guest link", charset="UTF-8"')
              .type('text/plain; charset=utf-8')
              .send('Password required / Mot de passe requis\n');
          }
          return reply.type('text/html; charset=utf-8').send(passwordPage(lang, `/g/${token}`, undefined));
        }
      }
    }

    let feed;
    try {
      feed = await ctx.guestFeeds.feedFor(link);
    } catch (err) {
      req.log.warn({ link: link.id, err: (err as Error).message }, 'guest feed unavailable');
      // The owner's server did not answer in time: a gateway timeout (504), which calendar apps retry later.
      return sendPage(reply, err instanceof TimeoutError ? 504 : 502, lang, 'unavailable', asIcs);
    }
    // One open, for the owner's listing (issue 13): counted only when the calendar was served; nothing about who.
    await ctx.store.countGuestLinkOpen(link.id, ctx.now());
    const cacheControl = link.passwordHash === undefined ? 'no-cache' : 'private, no-cache';
    if (asIcs) {
      reply.header('etag', feed.etag).header('cache-control', cacheControl);
      if (req.headers['if-none-match'] === feed.etag) return reply.code(304).send();
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="calendar.ics"')
        .send(feed.ics);
    }
    const agenda = await ctx.guestFeeds.agendaFor(link, feed, ctx.config.displayTimeZone, ctx.config.guestAgendaDays);
    const urls = guestUrls(ctx.config.publicBaseUrl, token);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .send(
        agendaPage({
          lang,
          calendarName: link.collectionName,
          agenda,
          timeZone: ctx.config.displayTimeZone,
          days: ctx.config.guestAgendaDays,
          selfPath: `/g/${token}`,
          icsUrl: urls.icsUrl,
          webcalUrl: urls.webcalUrl,
        }),
      );
  });

  app.post<{ Params: { token: string } }>('/g/:token', async (req, reply) => {
    const lang = langOf(req);
    const token = req.params.token;
    const found = await resolve(req, token);
    if (!('id' in found)) return sendPage(reply, found.status, lang, found.page, false, found.retryAfter);
    const link = found;
    if (link.passwordHash === undefined) return reply.redirect(`/g/${token}?lang=${lang}`, 303);
    const wait = await passwordFailures.blockedFor(passwordKey(link, req));
    if (wait !== undefined) return sendPage(reply, 429, lang, 'tooMany', false, wait);
    if (link.lockedAt !== undefined) return sendLocked(reply, lang, false);
    const typed = (req.body as Record<string, unknown> | undefined)?.['password'];
    const checked = await checkPassword(link, link.passwordHash, typed, req);
    if (typeof checked === 'object') return sendPage(reply, 429, lang, 'tooMany', false, checked.retryAfter);
    if (checked === 'locked') return sendLocked(reply, lang, false);
    if (checked === 'wrong') {
      return reply
        .code(401)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(passwordPage(lang, `/g/${token}`, 'wrong'));
    }
    reply.setCookie(grants.cookieName(link.id), grants.issue(link.id, link.passwordHash, ctx.now()), {
      httpOnly: true,
      secure: true,
      sameSite: 'lax',
      path: '/g/',
      maxAge: 12 * 3600,
    });
    return reply.redirect(`/g/${token}?lang=${lang}`, 303);
  });
}
