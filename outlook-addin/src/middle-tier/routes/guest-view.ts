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
import { agendaPage, GUEST_CSS, GUEST_FAVICON, GUEST_PAGES, messagePage, passwordPage } from '../guest/html.js';
import { guestUrls } from '../guest/links.js';
import { verifyPassword } from '../security/passwords.js';
import { clientKey } from '../security/client-key.js';
import { RateLimiter } from '../security/rate-limiter.js';
import { digest, TOKEN_PATTERN } from '../security/tokens.js';
import type { GuestLinkRecord } from '../store/types.js';

type Page = keyof typeof GUEST_PAGES;

/** A link locked after too many wrong passwords (en/fr; the other guest pages live in guest/html.ts). */
const LOCKED_PAGE = {
  title: { en: 'This link is locked', fr: 'Ce lien est verrouillé' },
  message: {
    en: 'Too many wrong passwords were typed for this link. Ask the person who shared it to unlock it.',
    fr: 'Trop de mots de passe erronés ont été saisis pour ce lien. Demandez à la personne qui l’a partagé de le déverrouiller.',
  },
};

function basicPassword(header: string | undefined): string | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

export function guestViewRoutes(app: FastifyInstance, ctx: AppContext, masterKey: Buffer): void {
  const misses = new RateLimiter(ctx.config.limits.guestMissesPerIp, ctx.now);
  const passwordFailures = new RateLimiter(ctx.config.limits.guestPasswordPerLink, ctx.now);
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
      return reply
        .type('text/plain; charset=utf-8')
        .send(`${GUEST_PAGES[which].title.en} / ${GUEST_PAGES[which].title.fr}\n`);
    }
    return reply
      .type('text/html; charset=utf-8')
      .send(messagePage(lang, GUEST_PAGES[which].title, GUEST_PAGES[which].message));
  };

  const sendLocked = (reply: FastifyReply, lang: Lang, asIcs: boolean) => {
    reply.code(403).header('cache-control', 'no-store');
    if (asIcs)
      return reply.type('text/plain; charset=utf-8').send(`${LOCKED_PAGE.title.en} / ${LOCKED_PAGE.title.fr}\n`);
    return reply.type('text/html; charset=utf-8').send(messagePage(lang, LOCKED_PAGE.title, LOCKED_PAGE.message));
  };

  /**
   * One password check, counted against the link itself (every address together) as well as per client network:
   * rotating addresses gets an attacker a fresh per-address budget, never more checks on the link.
   */
  async function checkPassword(
    link: GuestLinkRecord,
    passwordHash: string,
    typed: string,
    req: FastifyRequest,
  ): Promise<'ok' | 'wrong' | 'locked'> {
    const cap = ctx.config.guestLinks.lockAfterWrongPasswords;
    if (!(await ctx.store.claimGuestPasswordAttempt(link.id, cap, ctx.now()))) return 'locked';
    const ok = typed.length <= 200 && (await verifyPassword(typed, passwordHash));
    await ctx.store.settleGuestPasswordAttempt(link.id, ok, cap, ctx.now());
    if (!ok) passwordFailures.hit(passwordKey(link, req));
    return ok ? 'ok' : 'wrong';
  }

  /** The live link for a token, or the page to answer with instead. */
  async function resolve(
    req: FastifyRequest,
    token: string,
  ): Promise<GuestLinkRecord | { status: number; page: Page; retryAfter?: number }> {
    const client = clientKey(req.ip);
    const wait = misses.blockedFor(client);
    if (wait !== undefined) return { status: 429, page: 'tooMany', retryAfter: wait };
    const link = TOKEN_PATTERN.test(token) ? await ctx.store.getGuestLinkByTokenHash(digest(token)) : undefined;
    if (!link) {
      misses.hit(client);
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
          const wait = passwordFailures.blockedFor(passwordKey(link, req));
          if (wait !== undefined) return sendPage(reply, 429, lang, 'tooMany', true, wait);
          const checked = await checkPassword(link, link.passwordHash, typed, req);
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
    const wait = passwordFailures.blockedFor(passwordKey(link, req));
    if (wait !== undefined) return sendPage(reply, 429, lang, 'tooMany', false, wait);
    if (link.lockedAt !== undefined) return sendLocked(reply, lang, false);
    const typed = (req.body as Record<string, unknown> | undefined)?.['password'];
    const checked =
      typeof typed === 'string' ? await checkPassword(link, link.passwordHash, typed, req) : ('wrong' as const);
    if (checked === 'locked') return sendLocked(reply, lang, false);
    if (checked === 'wrong') {
      if (typeof typed !== 'string') passwordFailures.hit(passwordKey(link, req));
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
