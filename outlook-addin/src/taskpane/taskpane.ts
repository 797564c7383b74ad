/**
 * The Outlook task pane: sign in, list calendars with their colors and rights, create a guest link and insert it into
 * the mail being composed. Modest on purpose; the full Outlook features come later.
 */
import { renderLinkSnippet } from '@dav-bridge/core';
import { ApiFailure, BridgeApi, type Collection, type GuestLink } from './api.js';
import { el, safeColor } from './dom.js';
import { detectLang, tr, type Lang, type StringKey } from './strings.js';

let lang: Lang = 'en';
let api: BridgeApi;
const t = (k: StringKey) => tr(lang, k);

const root = () => document.getElementById('app') as HTMLElement;
const status = () => document.getElementById('status') as HTMLElement;

function say(message: string, kind: 'info' | 'error' = 'info'): void {
  status().textContent = message;
  status().className = kind;
}

function fail(err: unknown): void {
  say(err instanceof ApiFailure || err instanceof Error ? err.message : String(err), 'error');
}

async function showSignIn(): Promise<void> {
  const { servers } = await api.servers();
  const serverSelect = el(
    'select',
    { id: 'server', name: 'server' },
    ...servers.map((s) => el('option', { value: s.id }, s.label)),
  );
  const form = el(
    'form',
    { 'aria-labelledby': 'signin-title' },
    el('h2', { id: 'signin-title' }, t('signInTitle')),
    el('label', { for: 'server' }, t('server')),
    serverSelect,
    el('label', { for: 'username' }, t('username')),
    el('input', { id: 'username', name: 'username', autocomplete: 'username', required: '' }),
    el('label', { for: 'password' }, t('appPassword')),
    el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: '' }),
    el('button', { type: 'submit' }, t('signIn')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    say(t('loading'));
    api
      .signIn(String(data.get('server')), String(data.get('username')), String(data.get('password')))
      .then(() => showMain())
      .catch((err) => {
        // Keep the user name, never a rejected password: it stays neither in the page nor in the field.
        (form.elements.namedItem('password') as HTMLInputElement).value = '';
        fail(err);
      });
  });
  root().replaceChildren(form);
}

function kindLabel(c: Collection): string {
  return c.kind === 'contacts' ? t('kindContacts') : c.kind === 'tasks' ? t('kindTasks') : t('kindEvents');
}

function rightsLabel(c: Collection): string {
  return c.access === 'admin' ? t('admin') : c.access === 'read-write' ? t('readWrite') : t('read');
}

/**
 * The words to paste into a mail: core's snippet (one wording for every client: what the link is, how to
 * subscribe in each calendar app, until when it works), in the pane's language. Its HTML escapes every value.
 */
function snippetFor(link: ReadableLink): { html: string; text: string } {
  return renderLinkSnippet({
    link: { ics: link.icsUrl, webcal: link.webcalUrl, html: link.url },
    lang,
    calendarName: link.collectionName,
    ...(link.hasPassword ? { passwordNote: t('mailPassword') } : {}),
    expires: link.expiresAt ? new Date(link.expiresAt) : null,
  });
}

/** A link whose token the bridge could read (the API gives null URLs otherwise: the owner can only revoke it). */
type ReadableLink = GuestLink & { url: string; icsUrl: string; webcalUrl: string };
const isReadable = (l: GuestLink): l is ReadableLink => l.url !== null && l.icsUrl !== null && l.webcalUrl !== null;

function insertIntoMail(link: ReadableLink): void {
  const body = Office.context.mailbox?.item?.body;
  if (!body?.setSelectedDataAsync) {
    say(t('notComposing'), 'error');
    return;
  }
  const insert = (asText: boolean) =>
    body.setSelectedDataAsync(
      asText ? snippetFor(link).text : snippetFor(link).html,
      { coercionType: asText ? Office.CoercionType.Text : Office.CoercionType.Html },
      (r) => {
        if (r.status === Office.AsyncResultStatus.Succeeded) say(t('inserted'));
        else say(r.error?.message ? `${t('insertFailed')} (${r.error.message})` : t('insertFailed'), 'error');
      },
    );
  // As Microsoft recommends: ask the body's format first, HTML into a plain-text mail fails.
  if (!body.getTypeAsync) return insert(false);
  body.getTypeAsync((r) =>
    insert(r.status === Office.AsyncResultStatus.Succeeded && r.value === Office.CoercionType.Text),
  );
}

function wireLinkButtons(link: ReadableLink, insert: HTMLElement, copy: HTMLElement): void {
  insert.addEventListener('click', () => insertIntoMail(link));
  copy.addEventListener('click', () => {
    // The clipboard can be refused inside Outlook's frames: say so, the user can still select the inserted link.
    const done = navigator.clipboard?.writeText(link.url) ?? Promise.reject(new Error('no clipboard'));
    done.then(
      () => say(t('copied')),
      () => say(t('copyFailed'), 'error'),
    );
  });
}

function linkItem(link: GuestLink, refresh: () => void): HTMLElement {
  const insert = el('button', { type: 'button' }, t('insert'));
  const copy = el('button', { type: 'button', class: 'secondary' }, t('copy'));
  // An unreadable link has no address to insert or copy; revoking it is still offered.
  if (!isReadable(link)) {
    insert.setAttribute('disabled', '');
    copy.setAttribute('disabled', '');
  } else {
    wireLinkButtons(link, insert, copy);
  }
  const revoke = el('button', { type: 'button', class: 'danger' }, t('revoke'));
  revoke.addEventListener('click', () => void api.revokeGuestLink(link.id).then(refresh).catch(fail));
  const notes = [
    link.hasPassword ? t('withPassword') : '',
    link.expired ? t('expired') : link.expiresAt ? new Date(link.expiresAt).toLocaleDateString(lang) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return el(
    'li',
    {},
    el('strong', {}, link.collectionName),
    notes ? ` (${notes})` : '',
    el('div', { class: 'actions' }, insert, copy, revoke),
  );
}

async function showMain(): Promise<void> {
  say(t('loading'));
  const [{ collections }, { guestLinks }] = await Promise.all([api.collections(), api.guestLinks()]);
  say('');
  const signOut = el('button', { type: 'button', class: 'secondary' }, t('signOut'));
  signOut.addEventListener('click', () => void api.signOut().then(showSignIn).catch(fail));

  const list = el(
    'ul',
    { class: 'collections' },
    ...collections.map((c) => {
      const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.backgroundColor = safeColor(c.color);
      return el(
        'li',
        {},
        swatch,
        el('span', { class: 'name' }, c.name),
        el(
          'span',
          { class: 'meta' },
          `${kindLabel(c)} · ${rightsLabel(c)}${c.sharedWithMe ? ` · ${t('shared')}` : ''}`,
        ),
      );
    }),
  );

  const linkable = collections.filter((c) => c.canGuestLink);
  const select = el(
    'select',
    { id: 'gl-collection', name: 'collection' },
    ...linkable.map((c) => el('option', { value: c.url }, c.name)),
  );
  const form = el(
    'form',
    { 'aria-labelledby': 'gl-title' },
    el('h2', { id: 'gl-title' }, t('newGuestLink')),
    el('label', { for: 'gl-collection' }, t('calendars')),
    select,
    el('label', { for: 'gl-password' }, t('guestPassword')),
    el('input', {
      id: 'gl-password',
      name: 'password',
      type: 'password',
      minlength: '10',
      autocomplete: 'new-password',
    }),
    el('label', { for: 'gl-expiry' }, t('guestExpiry')),
    el('input', { id: 'gl-expiry', name: 'expiry', type: 'date' }),
    el('button', { type: 'submit' }, t('create')),
  );
  const links = el('ul', { class: 'links' });
  const refreshLinks = () =>
    void api
      .guestLinks()
      .then(({ guestLinks: ls }) =>
        links.replaceChildren(...(ls.length ? ls.map((l) => linkItem(l, refreshLinks)) : [el('li', {}, t('noLinks'))])),
      )
      .catch(fail);
  links.replaceChildren(
    ...(guestLinks.length ? guestLinks.map((l) => linkItem(l, refreshLinks)) : [el('li', {}, t('noLinks'))]),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const password = String(data.get('password') || '') || undefined;
    const day = String(data.get('expiry') || '');
    // The link stays valid through the chosen day, in the user's time zone.
    const expiresAt = day ? new Date(`${day}T23:59:59`).toISOString() : undefined;
    api
      .createGuestLink(String(data.get('collection')), password, expiresAt)
      .then(({ guestLink }) => {
        form.reset();
        refreshLinks();
        // A link just made is always readable; the check only narrows the type.
        if (isReadable(guestLink)) insertIntoMail(guestLink);
      })
      .catch(fail);
  });

  root().replaceChildren(
    el('div', { class: 'bar' }, signOut),
    el('h2', {}, t('calendars')),
    list,
    form,
    el('h2', {}, t('yourLinks')),
    links,
  );
}

async function boot(): Promise<void> {
  api = new BridgeApi(lang);
  document.documentElement.lang = lang;
  (document.getElementById('title') as HTMLElement).textContent = t('title');
  try {
    if (await api.session()) await showMain();
    else await showSignIn();
  } catch (err) {
    fail(err);
  }
}

// Outside Outlook (a plain browser tab, for testing) Office.js may be absent: the pane still works, minus insertion.
if (typeof Office !== 'undefined') {
  void Office.onReady(() => {
    lang = detectLang(Office.context.displayLanguage);
    void boot();
  });
} else {
  lang = detectLang(undefined);
  void boot();
}
