/**
 * The toolbar popup: connect, collections (color, kind, rights), invitations, subscribe, share, sync status.
 * It only shows and asks: every action is a request to the background (messages.ts). Everything from a server is
 * put in the page as text (textContent), never as HTML, and a color only when it is a plain #RRGGBB.
 */
import { browser } from '../browser.js';
import { ask, RequestFailed, type CollectionView } from '../messages.js';
import { accessLabel, failureText, kindLabel, outcomeLines, safeColor } from './view.js';

const t = (name: string, subs?: string[]) => browser.i18n.getMessage(name, subs);
const app = document.getElementById('app') as HTMLElement;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function button(label: string, action: () => Promise<unknown>): HTMLButtonElement {
  const b = el('button', label);
  b.addEventListener('click', () => {
    b.disabled = true;
    action()
      .then(render, showError)
      .finally(() => (b.disabled = false));
  });
  return b;
}

function showError(e: unknown): void {
  const text = e instanceof RequestFailed ? failureText(browser.i18n, e.failure) : String(e);
  app.prepend(el('p', text, 'error'));
}

function connectForm(): HTMLElement {
  const form = el('section');
  form.append(el('h2', t('connectHeading')));
  const server = el('input');
  server.placeholder = t('connectServer');
  const user = el('input');
  user.placeholder = t('connectUser');
  const password = el('input');
  password.type = 'password';
  password.placeholder = t('connectPassword');
  form.append(server, user, password);
  form.append(
    button(t('connectButton'), async () => {
      const target = server.value.trim();
      const isEmail = !target.includes('://') && target.includes('@');
      if (!isEmail) await browser.permissions.request({ origins: [`${new URL(target).origin}/*`] });
      await ask(browser.runtime, {
        type: 'connect',
        ...(isEmail ? { email: target } : { serverUrl: target }),
        username: user.value.trim(),
        password: password.value,
      });
    }),
  );
  form.append(el('p', t('passwordSessionOnly'), 'muted'));
  return form;
}

function collectionRow(c: CollectionView): HTMLElement {
  const row = el('div', undefined, 'row');
  const swatch = el('span', undefined, 'swatch');
  const color = safeColor(c.color);
  if (color) swatch.style.backgroundColor = color;
  row.append(
    swatch,
    el('span', c.name),
    el('span', `${kindLabel(browser.i18n, c.kind)} · ${accessLabel(browser.i18n, c.access)}`, 'muted'),
  );
  if (c.sharedWithMe) row.append(el('span', t('sharedWithMe'), 'muted'));
  {
    row.append(
      c.subscribed
        ? button(t('unsubscribe'), () =>
            ask(browser.runtime, { type: 'unsubscribe', accountId: c.accountId, url: c.url }),
          )
        : button(t('subscribe'), () => ask(browser.runtime, { type: 'subscribe', accountId: c.accountId, url: c.url })),
    );
  }
  if (c.access === 'admin' && !c.sharedWithMe) {
    const who = el('input');
    who.placeholder = t('shareWith');
    const level = el('select');
    for (const a of ['read', 'read-write', 'admin'] as const) {
      const o = el('option', accessLabel(browser.i18n, a));
      o.value = a;
      level.append(o);
    }
    row.append(
      who,
      level,
      button(t('shareButton'), () =>
        ask(browser.runtime, {
          type: 'share',
          accountId: c.accountId,
          url: c.url,
          sharee: who.value.trim(),
          access: level.value as 'read' | 'read-write' | 'admin',
        }),
      ),
    );
  }
  return row;
}

async function render(): Promise<void> {
  app.replaceChildren(el('h1', t('popupTitle')));
  const status = await ask(browser.runtime, { type: 'status' });
  for (const o of status) for (const line of outcomeLines(browser.i18n, o)) app.append(el('p', line, 'muted'));
  app.append(button(t('syncNow'), () => ask(browser.runtime, { type: 'syncNow' })));
  for (const account of await ask(browser.runtime, { type: 'accounts' })) {
    app.append(el('h2', account.label));
    try {
      const invitations = await ask(browser.runtime, { type: 'invitations', accountId: account.id });
      app.append(el('h2', t('invitationsHeading')));
      if (invitations.length === 0) app.append(el('p', t('noInvitations'), 'muted'));
      for (const inv of invitations) {
        const row = el('div', undefined, 'row');
        row.append(
          el('span', `${inv.collection} (${inv.owner ?? ''}, ${accessLabel(browser.i18n, inv.access)})`),
          button(t('accept'), () =>
            ask(browser.runtime, { type: 'accept', accountId: account.id, invitationId: inv.id }),
          ),
          button(t('decline'), () =>
            ask(browser.runtime, { type: 'decline', accountId: account.id, invitationId: inv.id }),
          ),
        );
        app.append(row);
      }
      app.append(el('h2', t('collectionsHeading')));
      for (const c of await ask(browser.runtime, { type: 'collections', accountId: account.id }))
        app.append(collectionRow(c));
    } catch (e) {
      showError(e);
    }
  }
  app.append(connectForm());
}

void render().catch(showError);
