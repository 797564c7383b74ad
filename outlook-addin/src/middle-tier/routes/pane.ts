/**
 * The task pane (built by webpack into dist/taskpane), and manifest.xml (routes/manifest.ts). The pane runs inside
 * Outlook's frames, so these pages get a CSP allowing Office.js and Outlook's origins as frame ancestors; everything else the bridge serves keeps the strict default (no framing at all).
 */
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../http/context.js';
import { messagePage } from '../guest/html.js';
import { message, say } from '../words.js';
import { manifestRoute } from './manifest.js';

export const PANE_CSP = [
  "default-src 'self'",
  // Office.js must come from Microsoft's CDN (Office refuses a self-hosted copy).
  "script-src 'self' https://appsforoffice.microsoft.com",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' https://appsforoffice.microsoft.com https://*.office.com https://*.office365.com https://*.live.com",
  "frame-ancestors 'self' https://outlook.office.com https://outlook.office365.com https://outlook.live.com https://*.outlook.com https://*.officeapps.live.com https://*.office.com",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export async function paneRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/', async (_req, reply) => reply.redirect('/taskpane.html', 302));

  app.get('/help', async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(
      // One page for both languages: English, then French.
      messagePage(
        'en',
        `${say('en', message('server.help-title', {}))} / ${say('fr', message('server.help-title', {}))}`,
        `${say('en', message('server.help-text', {}))} / ${say('fr', message('server.help-text', {}))}`,
      ),
    ),
  );

  await manifestRoute(app, ctx);

  if (existsSync(ctx.config.paneDir)) {
    await app.register(fastifyStatic, {
      root: ctx.config.paneDir,
      // manifest.xml names /taskpane.html, /commands.html and /assets/...: the pane lives at the root. No wildcard
      // route: only files present at start are served, and /api or /g paths can never fall through to the disk.
      prefix: '/',
      wildcard: false,
      index: false,
      setHeaders(reply) {
        reply.header('content-security-policy', PANE_CSP);
        // Helmet's X-Frame-Options would forbid Outlook on the web from showing the pane.
        reply.removeHeader('x-frame-options');
      },
    });
  } else {
    app.log.warn(`task pane not built (${ctx.config.paneDir} missing): run npm run build -w outlook-addin`);
  }
}
