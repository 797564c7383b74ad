/**
 * Issue 14: the popup and options pages themselves, on a minimal DOM (test/support/mini-dom.ts: no jsdom here)
 * with the Thunderbird API stand-in. The background is a canned one (it answers the typed requests of
 * src/messages.ts with fixed data and records them): what is tested is what the pages show and what they ask.
 */
import { i18n } from '@dav-bridge/core';
import { browser } from '../src/browser.js';
import { serve, type Answers, type CollectionView, type Request } from '../src/messages.js';
import { PopupPage } from '../src/popup/page.js';
import { errorText } from '../src/popup/errors.js';
import { OptionsPage } from '../src/options/page.js';
import { readOptions } from '../src/options-store.js';
import { flush, miniDocument, type MiniElement } from './support/mini-dom.js';
import { standIn } from './support/browser-standin.js';

const HOSTILE = '<img src=x onerror="alert(1)">Équipe & co';

const collection = (c: Partial<CollectionView>): CollectionView => ({
  accountId: 'david@dav.example',
  url: 'https://dav.example/dav/calendars/user/gilles/equipe/',
  name: 'Équipe technique',
  kind: 'events',
  color: '#1E90FF',
  access: 'read',
  sharedWithMe: true,
  subscribed: false,
  ...c,
});

/** A canned background: fixed answers, every request recorded. */
function cannedBackground(answers: Partial<{ [T in Request['type']]: Answers[T] | (() => never) }>) {
  const requests: Request[] = [];
  serve(browser.runtime, async (request) => {
    requests.push(request);
    const a = (answers as Record<string, unknown>)[request.type];
    if (typeof a === 'function') return (a as () => never)();
    return (a ?? null) as never;
  });
  return requests;
}

const baseAnswers = {
  status: [],
  accounts: [{ id: 'david@dav.example', label: 'david@example.org' }],
  invitations: [
    {
      accountId: 'david@dav.example',
      id: 'inv-1',
      collection: 'Équipe technique',
      owner: 'Gilles',
      access: 'read-write' as const,
    },
  ],
  collections: [
    collection({}),
    collection({
      url: 'https://dav.example/dav/calendars/user/david/mine/',
      name: 'Mes rendez-vous',
      access: 'admin',
      sharedWithMe: false,
      subscribed: true,
    }),
    collection({
      url: 'https://dav.example/dav/addressbooks/user/gilles/contacts/',
      name: HOSTILE,
      kind: 'contacts',
      color: 'red;background:url(https://evil.example/)',
      access: 'read-write',
    }),
  ],
};

async function openPopup(): Promise<{ root: MiniElement; page: PopupPage }> {
  const { document, root } = miniDocument();
  const page = new PopupPage(document, root as unknown as HTMLElement, errorText);
  await page.start();
  return { root, page };
}

const rowOf = (root: MiniElement, name: string): MiniElement => {
  const span = root.find('span', name);
  if (!span.parent) throw new Error('no row');
  return span.parent;
};

describe('popup page (minimal DOM, Thunderbird API stand-in, canned background)', () => {
  beforeEach(() => standIn.reset());

  it('lists collections with their rights as Lecture / Écriture / Gestion in French', async () => {
    standIn.setLanguage('fr');
    cannedBackground(baseAnswers);
    const { root } = await openPopup();
    expect(rowOf(root, 'Équipe technique').textContent).toContain('Agenda · Lecture');
    expect(rowOf(root, 'Mes rendez-vous').textContent).toContain('Agenda · Gestion');
    expect(rowOf(root, HOSTILE).textContent).toContain("Carnet d'adresses · Écriture");
    expect(root.find('span', 'Équipe technique').parent?.children[0]).toMatchObject({
      className: 'swatch',
      style: { backgroundColor: '#1E90FF' },
    });
    expect(root.find('h2', 'Invitations')).toBeDefined();
    expect(root.find('span', 'Équipe technique (Gilles, Écriture)')).toBeDefined();
  });

  it('names every field and the rights choice for screen readers, and shows no English word, in French', async () => {
    standIn.setLanguage('fr');
    const fr = i18n.catalog('fr').thunderbird;
    const en = i18n.catalog('en').thunderbird;
    cannedBackground(baseAnswers);
    const { root } = await openPopup();
    const named = [...root.all('input'), ...root.all('select')].map((e) => e.getAttribute('aria-label'));
    expect(named).toEqual([fr.shareWith, fr.connectServer, fr.connectUser, fr.connectPassword, fr.shareAccess]);
    const english = Object.entries(en).filter(([name, text]) => fr[name as keyof typeof fr] !== text);
    const shown = [...root.descendants().map((e) => e.textContent), ...named];
    for (const [name, text] of english) expect([name, shown.some((t) => t === text)]).toEqual([name, false]);
  });

  it('shows a hostile collection name as text, and paints no color that is not #RRGGBB', async () => {
    cannedBackground(baseAnswers);
    const { root } = await openPopup();
    const row = rowOf(root, HOSTILE);
    expect(root.all('img')).toEqual([]);
    expect(row.html()).toContain('&lt;img src=x onerror="alert(1)"&gt;Équipe &amp; co');
    expect(row.children[0]?.html()).toBe('<span class="swatch"></span>');
  });

  it('accepts and declines an invitation, then shows the list again', async () => {
    const requests = cannedBackground(baseAnswers);
    const { root, page } = await openPopup();
    root.find('button', 'Accept').click();
    await page.pending;
    root.find('button', 'Decline').click();
    await page.pending;
    expect(requests.filter((r) => r.type === 'accept' || r.type === 'decline')).toEqual([
      { type: 'accept', accountId: 'david@dav.example', invitationId: 'inv-1' },
      { type: 'decline', accountId: 'david@dav.example', invitationId: 'inv-1' },
    ]);
    // each action renders the popup again: accounts asked once at opening and once after each action
    expect(requests.filter((r) => r.type === 'accounts')).toHaveLength(3);
  });

  it('shares only what I manage, with the level chosen, and subscribes / unsubscribes', async () => {
    const requests = cannedBackground(baseAnswers);
    const { root, page } = await openPopup();
    expect(rowOf(root, 'Équipe technique').all('select')).toEqual([]); // shared with me: no share form
    const mine = rowOf(root, 'Mes rendez-vous');
    const [who] = mine.all('input');
    const [level] = mine.all('select');
    expect(level!.all('option').map((o) => o.value)).toEqual(['read', 'read-write', 'admin']);
    who!.value = ' alexandre@example.org ';
    level!.value = 'read-write';
    mine.find('button', 'Share').click();
    await page.pending;
    rowOf(root, 'Mes rendez-vous').find('button', 'Unsubscribe').click();
    await page.pending;
    rowOf(root, 'Équipe technique').find('button', 'Subscribe').click();
    await page.pending;
    expect(requests.filter((r) => ['share', 'subscribe', 'unsubscribe'].includes(r.type))).toEqual([
      {
        type: 'share',
        accountId: 'david@dav.example',
        url: 'https://dav.example/dav/calendars/user/david/mine/',
        sharee: 'alexandre@example.org',
        access: 'read-write',
      },
      {
        type: 'unsubscribe',
        accountId: 'david@dav.example',
        url: 'https://dav.example/dav/calendars/user/david/mine/',
      },
      {
        type: 'subscribe',
        accountId: 'david@dav.example',
        url: 'https://dav.example/dav/calendars/user/gilles/equipe/',
      },
    ]);
  });

  it('connects with a server URL (asking its host permission) or an email address', async () => {
    const requests = cannedBackground({ ...baseAnswers, accounts: [], connect: { id: 'a', label: 'a' } });
    const { root, page } = await openPopup();
    const form = root.find('section', /Connect an account/);
    const [server, user, password] = form.all('input');
    server!.value = ' https://dav.example:8443/dav/ ';
    user!.value = 'david';
    password!.value = 'app-pw';
    form.find('button', 'Connect').click();
    await page.pending;
    expect(standIn.granted()).toEqual(['https://dav.example:8443/*']);
    const again = root.find('section', /Connect an account/);
    again.all('input')[0]!.value = 'david@example.org';
    again.all('input')[1]!.value = 'david';
    again.all('input')[2]!.value = 'app-pw';
    again.find('button', 'Connect').click();
    await page.pending;
    expect(requests.filter((r) => r.type === 'connect')).toEqual([
      { type: 'connect', serverUrl: 'https://dav.example:8443/dav/', username: 'david', password: 'app-pw' },
      { type: 'connect', email: 'david@example.org', username: 'david', password: 'app-pw' },
    ]);
    expect(root.html()).not.toContain('app-pw');
  });
});

describe('options page (minimal DOM, Thunderbird API stand-in)', () => {
  beforeEach(() => standIn.reset());

  async function openOptions() {
    const { document, root } = miniDocument();
    const page = new OptionsPage(document, root as unknown as HTMLElement, errorText);
    await page.show();
    return { root, page };
  }

  it('saves the sync interval, the bridge URL and the token', async () => {
    standIn.setLanguage('fr');
    const { root, page } = await openOptions();
    const [minutes, url, token] = root.all('input');
    expect([minutes!.value, url!.value, token!.value, token!.type]).toEqual(['15', '', '', 'password']);
    minutes!.value = '5';
    url!.value = ' https://bridge.example/ ';
    token!.value = 'device-token-1';
    root.find('button', 'Enregistrer').click();
    await page.pending;
    expect(root.textContent).toContain('Enregistré.');
    expect(await readOptions(browser.storage.local)).toEqual({
      syncMinutes: 5,
      bridgeUrl: 'https://bridge.example/',
      bridgeToken: 'device-token-1',
    });
    // opened again, the page shows what was saved
    const reopened = await openOptions();
    expect(reopened.root.all('input').map((i) => i.value)).toEqual(['5', 'https://bridge.example/', 'device-token-1']);
    await flush();
  });
});
