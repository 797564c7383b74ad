/**
 * Issue 14: the popup and options pages themselves, on a minimal DOM (test/support/mini-dom.ts: no jsdom here)
 * with the Thunderbird API stand-in. The background is a canned one (it answers the typed requests of
 * src/messages.ts with fixed data and records them): what is tested is what the pages show and what they ask.
 */
import { i18n } from '@dav-bridge/core';
import { browser } from '../src/browser.js';
import { serve, UiError, type Answers, type CollectionView, type Request } from '../src/messages.js';
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

/** The card (its <li>) of a collection, or of an invitation, by the name it shows. */
function cardOf(root: MiniElement, name: string, kind: 'card' | 'card invitation' = 'card'): MiniElement {
  const card = root
    .all('li')
    .find(
      (li) => li.className === kind && li.all('span').some((s) => s.className === 'name' && s.textContent === name),
    );
  if (!card) throw new Error(`no ${kind} named ${name} in: ${root.html()}`);
  return card;
}

/** The texts of a card's badges and kind, in order. */
const badgesOf = (card: MiniElement): string[] =>
  card
    .all('div')
    .find((d) => d.className === 'badges')!
    .children.map((c) => c.textContent);

/** Opens a card's sharing disclosure as a user does (a click on its summary) and waits for it to be filled. */
async function openSharing(page: PopupPage, card: MiniElement): Promise<MiniElement> {
  const [summary] = card.all('summary');
  summary!.click();
  await page.pending;
  return summary!.parent!;
}

describe('popup page (minimal DOM, Thunderbird API stand-in, canned background)', () => {
  beforeEach(() => standIn.reset());

  it('lists collections as cards: swatch, name, kind and a rights badge Lecture / Ecriture / Gestion in French', async () => {
    standIn.setLanguage('fr');
    cannedBackground(baseAnswers);
    const { root } = await openPopup();
    expect(badgesOf(cardOf(root, 'Équipe technique'))).toEqual(['Agenda', 'Lecture', 'Partagé avec moi']);
    expect(badgesOf(cardOf(root, 'Mes rendez-vous'))).toEqual(['Agenda', 'Gestion']);
    expect(badgesOf(cardOf(root, HOSTILE))).toEqual(["Carnet d'adresses", 'Ecriture', 'Partagé avec moi']);
    expect(cardOf(root, 'Équipe technique').find('span', 'Lecture').className).toBe('badge access-read');
    expect(cardOf(root, 'Mes rendez-vous').find('span', 'Gestion').className).toBe('badge access-admin');
    expect(cardOf(root, 'Équipe technique').children[0]?.children[0]).toMatchObject({
      className: 'swatch',
      style: { backgroundColor: '#1E90FF' },
    });
    expect(root.find('h2', 'Invitations')).toBeDefined();
    expect(badgesOf(cardOf(root, 'Équipe technique', 'card invitation'))).toEqual(['De Gilles', 'Ecriture']);
  });

  it('names the rights badges Read / Read-write / Manage in English', async () => {
    cannedBackground(baseAnswers);
    const { root } = await openPopup();
    expect(badgesOf(cardOf(root, 'Équipe technique'))).toEqual(['Calendar', 'Read', 'Shared with me']);
    expect(badgesOf(cardOf(root, 'Mes rendez-vous'))).toEqual(['Calendar', 'Manage']);
    expect(badgesOf(cardOf(root, HOSTILE))).toEqual(['Address book', 'Read-write', 'Shared with me']);
  });

  it('puts the accounts and the sync status in the header, each account in a section that stays folded', async () => {
    const requests = cannedBackground({
      ...baseAnswers,
      accounts: [
        { id: 'david@dav.example', label: 'david@example.org' },
        { id: 'gilles@dav.example', label: 'gilles@example.org' },
      ],
    });
    const { root, page } = await openPopup();
    const header = root.all('header')[0]!;
    expect(header.all('li').map((li) => li.textContent)).toEqual(['david@example.org', 'gilles@example.org']);
    expect(header.textContent).toContain('No contact sync yet.');
    expect(header.find('button', 'Sync now').className).toBe('primary');
    const sections = root.all('details').filter((d) => d.className === 'account');
    expect(sections.map((d) => [d.children[0]!.textContent, d.open])).toEqual([
      ['david@example.org', true],
      ['gilles@example.org', true],
    ]);
    sections[1]!.children[0]!.click(); // the user folds Gilles's account
    header.find('button', 'Sync now').click();
    await page.pending;
    expect(requests.filter((r) => r.type === 'syncNow')).toHaveLength(1);
    const again = root.all('details').filter((d) => d.className === 'account');
    expect(again.map((d) => d.open)).toEqual([true, false]);
  });

  it('says "Syncing…" on the Sync now button while the sync runs, and gives the button back after', async () => {
    let finish: (v: never[]) => void = () => undefined;
    cannedBackground({ ...baseAnswers, syncNow: () => new Promise((r) => (finish = r)) as never });
    const { root, page } = await openPopup();
    const button = root.find('button', 'Sync now');
    button.click();
    await flush();
    expect([button.textContent, button.disabled, button.className]).toEqual(['Syncing…', true, 'primary busy']);
    finish([]);
    await page.pending;
    expect([button.textContent, button.disabled, button.className]).toEqual(['Sync now', false, 'primary']);
    expect(root.find('button', 'Sync now').disabled).toBe(false);
  });

  it('names every field for screen readers (its label wraps it), and shows no English word, in French', async () => {
    standIn.setLanguage('fr');
    const fr = i18n.catalog('fr').thunderbird;
    const en = i18n.catalog('en').thunderbird;
    cannedBackground(baseAnswers);
    const { root } = await openPopup();
    // Every control sits in the label that names it (the label wraps it: screen readers read those words).
    const controls = [...root.all('input'), ...root.all('select')];
    expect(controls.length).toBeGreaterThan(0);
    const named = controls.map((e) => (e.parent?.tagName === 'LABEL' ? e.parent.children[0]!.textContent : null));
    expect(named).toEqual(expect.arrayContaining([fr.connectServer, fr.connectUser, fr.connectPassword]));
    expect(named).not.toContain(null);
    const english = Object.entries(en).filter(([name, text]) => fr[name as keyof typeof fr] !== text);
    const shown = [...root.descendants().map((e) => e.textContent), ...named];
    for (const [name, text] of english) expect([name, shown.some((t) => t === text)]).toEqual([name, false]);
  });

  it('shows a hostile collection name as text, and paints no color that is not #RRGGBB', async () => {
    cannedBackground(baseAnswers);
    const { root } = await openPopup();
    const card = cardOf(root, HOSTILE);
    expect(root.all('img')).toEqual([]);
    expect(card.html()).toContain('&lt;img src=x onerror="alert(1)"&gt;Équipe &amp; co');
    expect(card.children[0]?.children[0]?.html()).toBe('<span class="swatch"></span>');
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

  it('shares only what I manage, behind a disclosure, with the level chosen, and subscribes / unsubscribes', async () => {
    const requests = cannedBackground({ ...baseAnswers, shares: [] });
    const { root, page } = await openPopup();
    expect(cardOf(root, 'Équipe technique').all('details')).toEqual([]); // shared with me: no share form
    expect(root.all('select')).toEqual([]); // no form drawn before a disclosure is opened
    expect(requests.filter((r) => r.type === 'shares')).toEqual([]); // nor asked of the server
    const sharing = await openSharing(page, cardOf(root, 'Mes rendez-vous'));
    expect(sharing.open).toBe(true);
    expect(sharing.textContent).toContain('Not shared yet.');
    const [who] = sharing.all('input');
    const [level] = sharing.all('select');
    expect(level!.all('option').map((o) => o.value)).toEqual(['read', 'read-write', 'admin']);
    who!.value = ' alexandre@example.org ';
    level!.value = 'read-write';
    sharing.find('button', 'Share').click();
    await page.pending;
    expect(sharing.open).toBe(true); // the disclosure is drawn again, not the whole popup
    cardOf(root, 'Mes rendez-vous').find('button', 'Unsubscribe').click();
    await page.pending;
    cardOf(root, 'Équipe technique').find('button', 'Subscribe').click();
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
    // opened once, then drawn again after the share
    expect(requests.filter((r) => r.type === 'shares')).toHaveLength(2);
  });

  it('the disclosure lists who has access (rights, pending invitation) and revokes one, in French', async () => {
    standIn.setLanguage('fr');
    const requests = cannedBackground({
      ...baseAnswers,
      shares: [
        { sharee: 'mailto:alexandre@example.org', displayName: undefined, access: 'read', status: 'accepted' },
        { sharee: 'mailto:francois@example.org', displayName: 'François', access: 'read-write', status: 'pending' },
      ],
    });
    const { root, page } = await openPopup();
    const sharing = await openSharing(page, cardOf(root, 'Mes rendez-vous'));
    expect(sharing.all('summary')[0]!.textContent).toBe('Partage et lien invité');
    const rows = sharing.all('li').filter((li) => li.className === 'share');
    expect(rows.map((li) => li.children.map((c) => c.textContent))).toEqual([
      ['alexandre@example.org', 'Lecture', 'Retirer'],
      ['François', 'Ecriture', 'Invitation envoyée', 'Retirer'],
    ]);
    expect(rows[1]!.find('button', 'Retirer').title).toBe("Retirer l'accès de François");
    rows[1]!.find('button', 'Retirer').click();
    await page.pending;
    expect(requests.filter((r) => r.type === 'unshare')).toEqual([
      {
        type: 'unshare',
        accountId: 'david@dav.example',
        url: 'https://dav.example/dav/calendars/user/david/mine/',
        sharee: 'mailto:francois@example.org',
      },
    ]);
    expect(requests.filter((r) => r.type === 'shares')).toHaveLength(2); // the list asked again after the revoke
    expect(sharing.open).toBe(true);
  });

  it("gives a calendar's guest link as text to copy; an address book I manage has sharing only", async () => {
    const requests = cannedBackground({
      ...baseAnswers,
      collections: [
        ...baseAnswers.collections,
        collection({
          url: 'https://dav.example/dav/addressbooks/user/david/amis/',
          name: 'Amis',
          kind: 'contacts',
          access: 'admin',
          sharedWithMe: false,
        }),
      ],
      shares: [],
      snippet: { subject: 'Mes rendez-vous', html: '<p>x</p>', text: 'Mes rendez-vous: https://dav.example/pub/x.ics' },
    });
    const { root, page } = await openPopup();
    const book = await openSharing(page, cardOf(root, 'Amis'));
    expect(book.all('summary')[0]!.textContent).toBe('Share');
    expect(book.all('h3')).toEqual([]);
    const sharing = await openSharing(page, cardOf(root, 'Mes rendez-vous'));
    expect(sharing.all('textarea')).toEqual([]);
    sharing.find('button', 'Get the guest link').click();
    await page.pending;
    const [link] = sharing.all('textarea');
    expect([link!.value, link!.readOnly, link!.parent?.children[0]?.textContent]).toEqual([
      'Mes rendez-vous: https://dav.example/pub/x.ics',
      true,
      'Message to paste',
    ]);
    sharing.find('button', 'Get the guest link').click(); // asked again: the same field, filled again
    await page.pending;
    expect(sharing.all('textarea')).toHaveLength(1);
    expect(requests.filter((r) => r.type === 'snippet')).toHaveLength(2);
    expect(requests.filter((r) => r.type === 'snippet')[0]).toEqual({
      type: 'snippet',
      source: { accountId: 'david@dav.example', url: 'https://dav.example/dav/calendars/user/david/mine/' },
    });
  });

  it('shows an error of the disclosure inside it, in the user language, keeping what was typed', async () => {
    standIn.setLanguage('fr');
    cannedBackground({
      ...baseAnswers,
      shares: [],
      share: () => {
        throw new UiError('errorNoCollection', ['mine']);
      },
    });
    const { root, page } = await openPopup();
    const sharing = await openSharing(page, cardOf(root, 'Mes rendez-vous'));
    sharing.all('input')[0]!.value = 'alexandre@example.org';
    sharing.find('button', 'Partager').click();
    await page.pending;
    expect(
      sharing
        .all('p')
        .filter((p) => p.className === 'error')
        .map((p) => p.textContent),
    ).toEqual(["Cet agenda ou ce carnet d'adresses n'est plus sur le serveur (mine) : rouvrez la liste."]);
    expect(sharing.all('input')[0]!.value).toBe('alexandre@example.org');
  });

  it('labels every field it draws (the words wrap the control) and opens the connect form only with no account', async () => {
    cannedBackground({ ...baseAnswers, shares: [], snippet: { subject: 's', html: 'h', text: 't' } });
    const { root, page } = await openPopup();
    const sharing = await openSharing(page, cardOf(root, 'Mes rendez-vous'));
    sharing.find('button', 'Get the guest link').click();
    await page.pending;
    const controls = ['input', 'select', 'textarea'].flatMap((tag) => root.all(tag));
    expect(controls).toHaveLength(6); // connect (3), share (2), guest link (1)
    for (const c of controls) expect(c.parent?.tagName).toBe('LABEL');
    expect(root.find('details', /Connect an account/).open).toBe(false);

    standIn.reset();
    cannedBackground({ ...baseAnswers, accounts: [] });
    const first = await openPopup();
    expect(first.root.find('details', /Connect an account/).open).toBe(true);
    expect(first.root.all('label').map((l) => l.children[0]!.textContent)).toEqual([
      'Email address or server URL',
      'User name',
      'App password',
    ]);
    expect(first.root.find('button', 'Connect').className).toBe('primary');
  });

  it('connects with a server URL (asking its host permission) or an email address', async () => {
    const requests = cannedBackground({ ...baseAnswers, accounts: [], connect: { id: 'a', label: 'a' } });
    const { root, page } = await openPopup();
    const form = root.find('details', /Connect an account/);
    const [server, user, password] = form.all('input');
    expect(password!.type).toBe('password');
    server!.value = ' https://dav.example:8443/dav/ ';
    user!.value = 'david';
    password!.value = 'app-pw';
    form.find('button', 'Connect').click();
    await page.pending;
    expect(standIn.granted()).toEqual(['https://dav.example:8443/*']);
    const again = root.find('details', /Connect an account/);
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
