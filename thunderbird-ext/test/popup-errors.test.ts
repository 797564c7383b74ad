/**
 * Issue 14: every error the popup and the options page show is a sentence of the message catalog in the user's
 * language (minimal DOM, Thunderbird API stand-in), never an exception's own text such as "Invalid URL".
 */
import { i18n } from '@dav-bridge/core';
import { browser } from '../src/browser.js';
import { BridgeService } from '../src/background/service.js';
import { serve, UiError, type Request } from '../src/messages.js';
import { PopupPage } from '../src/popup/page.js';
import { errorText } from '../src/popup/errors.js';
import { OptionsPage } from '../src/options/page.js';
import { readOptions } from '../src/options-store.js';
import { miniDocument, type MiniElement } from './support/mini-dom.js';
import { standIn } from './support/browser-standin.js';

const fr = i18n.catalog('fr').thunderbird;
const en = i18n.catalog('en').thunderbird;
const fill = (text: string, ...subs: string[]) => text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');

async function openPopup(): Promise<{ root: MiniElement; page: PopupPage }> {
  const { document, root } = miniDocument();
  const page = new PopupPage(document, root as unknown as HTMLElement, errorText);
  await page.start();
  return { root, page };
}

async function connectWith(root: MiniElement, page: PopupPage, server: string): Promise<void> {
  const form = root.all('section')[0]!;
  const [field, user, password] = form.all('input');
  field!.value = server;
  user!.value = 'david';
  password!.value = 'pw';
  form.all('button')[0]!.click();
  await page.pending;
}

const errors = (root: MiniElement) =>
  root
    .descendants()
    .filter((e) => e.className === 'error')
    .map((e) => e.textContent);

describe('popup and options errors in the user language (minimal DOM, Thunderbird API stand-in)', () => {
  beforeEach(() => standIn.reset());

  it.each(['dav.example:8443/dav', 'ftp://dav.example/', 'https://'])(
    'a malformed server URL (%s) is refused in French from the catalog, and nothing is sent',
    async (bad) => {
      standIn.setLanguage('fr');
      const sent: Request[] = [];
      serve(browser.runtime, async (r) => {
        sent.push(r);
        return (r.type === 'status' || r.type === 'accounts' ? [] : null) as never;
      });
      const { root, page } = await openPopup();
      await connectWith(root, page, ` ${bad} `);
      expect(errors(root)).toEqual([fill(fr.errorServerUrl, bad)]);
      expect(root.textContent).not.toMatch(/Invalid URL/i);
      expect(sent.map((r) => r.type)).not.toContain('connect');
      expect(standIn.granted()).toEqual([]);
    },
  );

  it('words the background errors in the user language: its own (not connected), and an unworded one inside a sentence', async () => {
    // the real background service: no session for this stored account (passwords are kept for the session only)
    await browser.storage.local.set({ accounts: [{ id: 'david@dav.example', username: 'david', serverUrl: 'x' }] });
    const service = new BridgeService({ api: browser });
    serve(browser.runtime, (r) => service.handle(r));
    standIn.setLanguage('fr');
    const { root } = await openPopup();
    expect(errors(root)).toEqual([fill(fr.errorNotConnected, 'david@dav.example')]);

    standIn.reset();
    standIn.setLanguage('en-GB');
    serve(browser.runtime, async (r) => {
      if (r.type === 'syncNow') throw new TypeError('NetworkError when attempting to fetch resource.');
      if (r.type === 'accounts') throw new UiError('errorNoSubscription', ['p1']);
      return [] as never;
    });
    const opened = await openPopup();
    expect(errors(opened.root)).toEqual([fill(en.errorNoSubscription, 'p1')]);
    opened.root.find('button', en.syncNow).click();
    await opened.page.pending;
    expect(errors(opened.root)[0]).toBe(fill(en.errorUnexpected, 'NetworkError when attempting to fetch resource.'));
  });

  it("core's coded errors cross from the background and are rendered in French", async () => {
    standIn.setLanguage('fr');
    const msg = i18n.message('dav.forbidden', { status: 403, url: 'https://dav.example/x/', operation: 'create-item' });
    serve(browser.runtime, async (r) => {
      if (r.type === 'accounts') throw Object.assign(new Error('forbidden'), { text: msg });
      return [] as never;
    });
    const { root } = await openPopup();
    expect(errors(root)).toEqual([i18n.render('fr', msg)]);
  });

  it('the options page refuses a bad interval or bridge URL in French, and keeps what was saved', async () => {
    standIn.setLanguage('fr');
    const { document, root } = miniDocument();
    const page = new OptionsPage(document, root as unknown as HTMLElement, errorText);
    await page.show();
    const [minutes, url] = root.all('input');
    const note = root.all('p').at(-1)!;
    minutes!.value = '0';
    root.find('button', fr.optionsSave).click();
    await page.pending;
    expect(note.textContent).toBe(fill(fr.optionsBadInterval, '0'));
    minutes!.value = '10';
    url!.value = 'bridge.example';
    root.find('button', fr.optionsSave).click();
    await page.pending;
    expect(note.textContent).toBe(fill(fr.optionsBadBridgeUrl, 'bridge.example'));
    expect(await readOptions(browser.storage.local)).toEqual({ syncMinutes: 15, bridgeUrl: '', bridgeToken: '' });
  });
});
