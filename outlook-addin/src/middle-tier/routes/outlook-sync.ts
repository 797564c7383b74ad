/**
 * Connecting Microsoft 365 from the pane (issue 15). The pane asks for a dialog address (POST connect: a one-use
 * ticket bound to its session, since the Office dialog is a top-level window where the pane's partitioned session
 * cookie does not travel); the dialog opens /outlook-sync/start, which sets a state cookie in the dialog's own
 * window and redirects to Microsoft's sign-in (authorization code + PKCE, verifier kept server-side); Microsoft
 * sends it back to /outlook-sync/callback, where the code becomes tokens through msal-node, sealed into the
 * bridge store, and a small page tells the pane to close the dialog (Office.context.ui.messageParent). No token
 * ever reaches the pane or the dialog page.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { outlookSyncSchemas, type OutlookSyncStateView } from '../contract/outlook-sync.js';
import type { GraphSetup } from '../graph/graph-setup.js';
import { escapeHtml } from '../guest/html.js';
import { ApiError } from '../http/api-error.js';
import type { AppContext } from '../http/context.js';
import { requireSession, requireUser } from '../http/session.js';
import { pickLang, type Lang } from '../i18n.js';
import { randomToken, sameSecret } from '../security/tokens.js';
import { MemoryRateLimits } from '../store/rate-limits.js';
import { inBothLanguages, message, say, type Message, type Text } from '../words.js';

/** The dialog's state cookie: only in the dialog window (top level), only for the callback's check. */
const STATE_COOKIE = '__Host-davbridge-graph-state';
const TICKET_MS = 5 * 60_000;

/** Why Outlook sync is off, as the capability and the state say it. */
export function graphUnavailableWhy(graph: GraphSetup): Message | undefined {
  if (!graph.problem) return undefined;
  return graph.problem.kind === 'not-configured'
    ? message('graph-connect.not-configured', {})
    : message('graph-connect.misconfigured', {});
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export function outlookSyncRoutes(server: FastifyInstance, ctx: AppContext, graph: GraphSetup): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  // Dialog tickets are sealed (the encryption key every instance shares), not kept in this process: behind a load
  // balancer the dialog's first request may reach another instance. One use each, counted in the store's shared
  // counters (the rate-limit aggregate: every instance on the database sees the same count).
  const TICKET_AAD = 'outlook-sync-ticket';
  const limits = ctx.store.rateLimits ?? new MemoryRateLimits();
  const openTicket = async (
    ticket: string,
  ): Promise<{ sessionIdHash: string; accountId: string; expires: number } | undefined> => {
    let t: { sessionIdHash?: unknown; accountId?: unknown; expires?: unknown; id?: unknown };
    try {
      t = JSON.parse(ctx.box.open(ticket, TICKET_AAD)) as typeof t;
    } catch {
      return undefined; // forged, truncated, or sealed with another key
    }
    const { sessionIdHash, accountId, expires, id } = t;
    if (typeof sessionIdHash !== 'string' || typeof accountId !== 'string' || typeof expires !== 'number')
      return undefined;
    if (typeof id !== 'string' || expires < ctx.now()) return undefined;
    const used = await limits.rateLimitHit(`outlook-sync-ticket:${id}`, TICKET_MS, ctx.now());
    return used.count === 1 ? { sessionIdHash, accountId, expires } : undefined;
  };

  app.get('/api/v1/outlook-sync', { schema: outlookSyncSchemas.get }, async (req, reply) => {
    const { account } = await requireUser(ctx, req);
    const lang = pickLang(req.query.lang, req.headers['accept-language']);
    reply.header('cache-control', 'no-store');
    const why = graphUnavailableWhy(graph);
    const words = (t: Text | undefined) => ({ reason: t ? t[lang] : null, reasons: t ?? null });
    if (why || !graph.signIn)
      return { state: 'unavailable', user: null, since: null, ...words(inBothLanguages(why!)) } as OutlookSyncStateView;
    const row = await ctx.store.getGraphConnection(account.id);
    const state = await graph.signIn.connection(account.id);
    const reason =
      state === 'reconnect'
        ? inBothLanguages(message(row?.reason ?? 'graph-connect.reason-refresh-refused', {}))
        : undefined;
    return {
      state,
      user: state === 'disconnected' ? null : row?.graphUserName || null,
      since: state === 'disconnected' ? null : iso(row?.stateSince),
      ...words(reason),
    } as OutlookSyncStateView;
  });

  app.post('/api/v1/outlook-sync/connect', { schema: outlookSyncSchemas.connect }, async (req) => {
    // The session (with its CSRF token), not a device token: the dialog belongs to the pane that asked.
    const { session, account } = await requireSession(ctx, req);
    if (!graph.signIn) throw new ApiError(409, 'outlook-sync-unavailable', graphUnavailableWhy(graph)!);
    const now = ctx.now();
    const ticket = ctx.box.seal(
      JSON.stringify({
        sessionIdHash: session.idHash,
        accountId: account.id,
        expires: now + TICKET_MS,
        id: randomToken(),
      }),
      TICKET_AAD,
    );
    return { dialogUrl: `/outlook-sync/start?ticket=${encodeURIComponent(ticket)}` };
  });

  app.delete('/api/v1/outlook-sync', { schema: outlookSyncSchemas.disconnect }, async (req, reply) => {
    const { account } = await requireUser(ctx, req);
    // While the token still works: Graph stops notifying about the user's Outlook containers.
    await ctx.webhooks.removeAllOf(account.id);
    if (graph.signIn) await graph.signIn.disconnect(account.id);
    else await ctx.store.deleteGraphConnection(account.id);
    return reply.code(204).send(null);
  });

  const page = (reply: FastifyReply, status: number, lang: Lang, outcome: string, text: Message) =>
    reply
      .code(status)
      .header('cache-control', 'no-store')
      .header('content-security-policy', DIALOG_CSP)
      .type('text/html; charset=utf-8')
      .send(dialogPage(lang, outcome, say(lang, message('graph-connect.dialog-title', {})), say(lang, text)));

  app.get<{ Querystring: { ticket?: string } }>(
    '/outlook-sync/start',
    { schema: { hide: true } },
    async (req, reply) => {
      const lang = pickLang(undefined, req.headers['accept-language']);
      const ticket = String(req.query.ticket ?? '');
      const t = await openTicket(ticket);
      const live = t && t.expires >= ctx.now() ? await ctx.store.getSession(t.sessionIdHash) : undefined;
      if (!t || !live || live.expiresAt <= ctx.now() || !graph.signIn)
        return page(reply, 400, lang, 'expired', message('graph-connect.dialog-expired', {}));
      const authorize = await graph.signIn.begin(t.accountId);
      const state = new URL(authorize).searchParams.get('state') ?? '';
      // Binds Microsoft's answer to this dialog window: a code pasted into another browser is refused.
      reply.setCookie(STATE_COOKIE, state, {
        httpOnly: true,
        secure: true,
        sameSite: 'lax',
        path: '/',
        maxAge: 600,
      });
      return reply.header('cache-control', 'no-store').redirect(authorize, 302);
    },
  );

  app.get<{ Querystring: { code?: string; state?: string; error?: string } }>(
    '/outlook-sync/callback',
    { schema: { hide: true } },
    async (req, reply) => {
      const lang = pickLang(undefined, req.headers['accept-language']);
      const state = String(req.query.state ?? '');
      const cookie = req.cookies[STATE_COOKIE] ?? '';
      reply.clearCookie(STATE_COOKIE, { httpOnly: true, secure: true, sameSite: 'lax', path: '/' });
      if (!graph.signIn || !state || !cookie || !sameSecret(cookie, state))
        return page(reply, 400, lang, 'expired', message('graph-connect.dialog-expired', {}));
      if (req.query.error) {
        // Microsoft's error code only (never its description, which may quote what was sent).
        const detail =
          String(req.query.error)
            .replace(/[^a-z_]/gi, '')
            .slice(0, 64) || 'error';
        return page(reply, 400, lang, 'failed', message('graph-connect.sign-in-failed', { detail }));
      }
      try {
        await graph.signIn.complete(state, String(req.query.code ?? ''));
      } catch (err) {
        req.log.warn({ err: (err as Error).name }, 'outlook sign-in failed');
        return page(reply, 400, lang, 'failed', message('graph-connect.dialog-expired', {}));
      }
      return page(reply, 200, lang, 'connected', message('graph-connect.dialog-connected', {}));
    },
  );

  app.get('/outlook-sync/dialog.js', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(DIALOG_SCRIPT),
  );
}

/** The dialog page may run Office.js (from Microsoft's CDN, as Office requires) and its own script only. */
export const DIALOG_CSP = [
  "default-src 'none'",
  "script-src 'self' https://appsforoffice.microsoft.com",
  "connect-src 'self'",
  "style-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Tells the pane how the sign-in ended (the outcome word only), then the pane closes the dialog. */
const DIALOG_SCRIPT = `(function () {
  var outcome = document.body.getAttribute('data-outcome');
  function tell() {
    try { Office.context.ui.messageParent(JSON.stringify({ outlookSync: outcome })); } catch (e) { /* not in Office */ }
  }
  if (typeof Office !== 'undefined' && Office.onReady) Office.onReady(tell); else tell();
})();
`;

function dialogPage(lang: Lang, outcome: string, title: string, text: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>
</head><body data-outcome="${escapeHtml(outcome)}"><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main>
<script src="/outlook-sync/dialog.js"></script></body></html>
`;
}
