/**
 * Static files plugin stand-in for Jest: @fastify/static is ESM only, which Jest's CommonJS runtime cannot load.
 * Tests that build the bridge's app in their own process and still need the built pane (the end-to-end test of the
 * Outlook sync dialog) use this in its place, with the options the bridge gives it (routes/pane.ts): the files
 * present under `root` at start, each one a GET route of its own (no wildcard), and `setHeaders(reply, path, stat)`
 * before each file is sent, as @fastify/static 10 calls it:
 *   jest.mock('@fastify/static', () => jest.requireActual('../support/static-plugin-standin'));
 */
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

interface Options {
  root: string;
  prefix?: string;
  setHeaders?: (reply: FastifyReply, path: string, stat: Stats) => void;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [],
  );
}

export default async function staticPluginStandin(app: FastifyInstance, options: Options): Promise<void> {
  const prefix = (options.prefix ?? '/').replace(/\/?$/, '/');
  for (const file of filesUnder(options.root)) {
    const url = prefix + relative(options.root, file).split(sep).join('/');
    app.get(url, { schema: { hide: true } }, async (_req, reply) => {
      const stat = statSync(file);
      options.setHeaders?.(reply, file, stat);
      return reply.type(TYPES[extname(file)] ?? 'application/octet-stream').send(readFileSync(file));
    });
  }
}
