/**
 * GET /manifest.xml: the add-in manifest (repository root) with its URLs pointed at this bridge's public address,
 * so a deployed bridge hands out a manifest that loads its own pane.
 */
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../http/context.js';
import { escapeHtml } from '../guest/html.js';

/** The address manifest.xml is written for (what `npm start` serves by default). */
export const MANIFEST_DEV_ORIGIN = 'https://localhost:3000';

/**
 * The manifest with every https://localhost:3000 replaced by the public base URL. An AppDomain is an origin, never a
 * path: behind a reverse proxy at https://host/bridge it must become https://host, or Outlook refuses the pages.
 */
export function manifestForBaseUrl(xml: string, publicBaseUrl: string): string {
  const appDomain = (origin: string) => `<AppDomain>${origin}</AppDomain>`;
  return xml
    .split(appDomain(MANIFEST_DEV_ORIGIN))
    .join(appDomain(escapeHtml(new URL(publicBaseUrl).origin)))
    .split(MANIFEST_DEV_ORIGIN)
    .join(escapeHtml(publicBaseUrl));
}

export async function manifestRoute(app: FastifyInstance, ctx: Pick<AppContext, 'config'>): Promise<void> {
  app.get('/manifest.xml', async (_req, reply) => {
    const xml = await readFile(ctx.config.manifestFile, 'utf8');
    return reply
      .type('application/xml; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(manifestForBaseUrl(xml, ctx.config.publicBaseUrl));
  });
}
