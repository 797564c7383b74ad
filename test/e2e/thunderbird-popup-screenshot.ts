/**
 * The extension's toolbar popup, photographed for the README. Thunderbird 153 has no way to capture a page
 * (no tabs.captureVisibleTab) and this machine has no X server, so the popup page of the BUILT extension is opened
 * in Debian's Chromium (playwright-core), with Thunderbird's API replaced by a replay: `runtime.sendMessage` answers
 * with what the real background answered inside real Thunderbird (recorded by the end-to-end test), and
 * `i18n.getMessage` reads the extension's own _locales/<lang>/messages.json. The page, its script and its CSS are
 * the extension's, unchanged.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from './pane-harness.js';

/** One recorded exchange: the popup's request (matched on every field) and the background's answer. */
export interface RecordedAnswer {
  request: Record<string, unknown>;
  value: unknown;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/**
 * Renders `<dist>/popup/popup.html` with the recorded answers in `lang` and writes a PNG to `out`; resolves to the
 * page's visible text (for the caller's checks).
 */
export async function screenshotPopup(options: {
  dist: string;
  lang: 'fr' | 'en';
  answers: RecordedAnswer[];
  out: string;
  width?: number;
  /** The scheme the page is drawn in (popup.css follows prefers-color-scheme); light by default. */
  colorScheme?: 'light' | 'dark';
  /** What a user does before the picture, e.g. opens a collection's sharing (its answers must be recorded too). */
  prepare?: (page: Page) => Promise<void>;
}): Promise<string> {
  const { dist } = options;
  if (!existsSync(join(dist, 'popup', 'popup.html'))) throw new Error(`${dist} has no popup/popup.html: build first`);
  // Module scripts do not load from file:// (opaque origin): a tiny static server for the extension's files.
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(dist, path);
    if (!file.startsWith(dist) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const messages = JSON.parse(readFileSync(join(dist, '_locales', options.lang, 'messages.json'), 'utf8')) as Record<
    string,
    { message: string }
  >;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({
      viewport: { width: options.width ?? 420, height: 600 },
      locale: options.lang,
      colorScheme: options.colorScheme ?? 'light',
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(
      ({ answers, messages, lang }) => {
        const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
        const w = window as unknown as Record<string, unknown>;
        // webextension-polyfill hands back `browser` as is when chrome.runtime.id is set (an extension page).
        w['chrome'] = { runtime: { id: 'dav-bridge@dav-bridge.invalid' } };
        w['browser'] = {
          runtime: {
            id: 'dav-bridge@dav-bridge.invalid',
            async sendMessage(request: Record<string, unknown>) {
              const found = answers.find((a) => same(a.request, request));
              return found
                ? { ok: true, value: found.value }
                : { ok: false, error: { text: `no recorded answer for ${JSON.stringify(request)}` } };
            },
          },
          i18n: {
            getMessage(name: string, subs?: string[] | string) {
              const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
              return (messages[name]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => list[Number(n) - 1] ?? '');
            },
            getUILanguage: () => lang,
          },
          permissions: { request: async () => true },
        };
      },
      { answers: options.answers, messages, lang: options.lang },
    );
    await page.goto(`${origin}/popup/popup.html`);
    // The popup's last part (the connect form, folded when an account is connected) is drawn once every answer came
    // back: present, not necessarily visible.
    await page.waitForSelector('input[type=password]', { state: 'attached', timeout: 15_000 });
    await options.prepare?.(page);
    if (errors.length) throw new Error(`the popup failed: ${errors.join('; ')}`);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: options.width ?? 420, height });
    await page.screenshot({ path: options.out, fullPage: true });
    return await page.innerText('body');
  } finally {
    await browser.close();
    server.close();
  }
}
