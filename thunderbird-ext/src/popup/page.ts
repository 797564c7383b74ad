/**
 * The toolbar popup's page: connect, collections (color, kind, rights), invitations, subscribe, share, sync status.
 * It only shows and asks: every action is a request to the background (messages.ts). Everything from a server is
 * put in the page as text (textContent), never as HTML, and a color only when it is a plain #RRGGBB.
 *
 * The document is a parameter (popup.ts passes the real one) so the page also runs under Jest on a minimal DOM.
 */
import { browser } from '../browser.js';
import { ask, UiError, type CollectionView } from '../messages.js';
import { accessLabel, kindLabel, outcomeLines, safeColor } from './view.js';

const t = (name: string, subs?: string[]) => browser.i18n.getMessage(name, subs);

export class PopupPage {
  /** The last action started from a button, for callers that wait for it (tests). */
  pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly doc: Document,
    private readonly app: HTMLElement,
    /** Words an error for the user (errors.ts); the page itself never shows an exception's own text. */
    private readonly errorText: (e: unknown) => string,
  ) {}

  private el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
    const e = this.doc.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  private button(label: string, action: () => Promise<unknown>): HTMLButtonElement {
    const b = this.el('button', label);
    b.addEventListener('click', () => {
      b.disabled = true;
      this.pending = action()
        .then(() => this.render())
        .catch((e: unknown) => this.showError(e))
        .finally(() => (b.disabled = false));
    });
    return b;
  }

  /** A text field: its placeholder is its only visible label, so screen readers get the same words. */
  private field(label: string): HTMLInputElement {
    const input = this.el('input');
    input.placeholder = label;
    input.setAttribute('aria-label', label);
    return input;
  }

  showError(e: unknown): void {
    this.app.prepend(this.el('p', this.errorText(e), 'error'));
  }

  private connectForm(): HTMLElement {
    const form = this.el('section');
    form.append(this.el('h2', t('connectHeading')));
    const server = this.field(t('connectServer'));
    const user = this.field(t('connectUser'));
    const password = this.field(t('connectPassword'));
    password.type = 'password';
    form.append(server, user, password);
    form.append(
      this.button(t('connectButton'), async () => {
        const target = connectTarget(server.value);
        if ('serverUrl' in target) await browser.permissions.request({ origins: [`${target.origin}/*`] });
        await ask(browser.runtime, {
          type: 'connect',
          ...('serverUrl' in target ? { serverUrl: target.serverUrl } : { email: target.email }),
          username: user.value.trim(),
          password: password.value,
        });
      }),
    );
    form.append(this.el('p', t('passwordSessionOnly'), 'muted'));
    return form;
  }

  private collectionRow(c: CollectionView): HTMLElement {
    const row = this.el('div', undefined, 'row');
    const swatch = this.el('span', undefined, 'swatch');
    const color = safeColor(c.color);
    if (color) swatch.style.backgroundColor = color;
    row.append(
      swatch,
      this.el('span', c.name),
      this.el('span', `${kindLabel(browser.i18n, c.kind)} · ${accessLabel(browser.i18n, c.access)}`, 'muted'),
    );
    if (c.sharedWithMe) row.append(this.el('span', t('sharedWithMe'), 'muted'));
    row.append(
      c.subscribed
        ? this.button(t('unsubscribe'), () =>
            ask(browser.runtime, { type: 'unsubscribe', accountId: c.accountId, url: c.url }),
          )
        : this.button(t('subscribe'), () =>
            ask(browser.runtime, { type: 'subscribe', accountId: c.accountId, url: c.url }),
          ),
    );
    if (c.access === 'admin' && !c.sharedWithMe) {
      const who = this.field(t('shareWith'));
      const level = this.el('select');
      level.setAttribute('aria-label', t('shareAccess'));
      for (const a of ['read', 'read-write', 'admin'] as const) {
        const o = this.el('option', accessLabel(browser.i18n, a));
        o.value = a;
        level.append(o);
      }
      row.append(
        who,
        level,
        this.button(t('shareButton'), () =>
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

  /** Opens the popup: its first render, or the error that stopped it. */
  start(): Promise<void> {
    return this.render().catch((e: unknown) => this.showError(e));
  }

  async render(): Promise<void> {
    const app = this.app;
    app.replaceChildren(this.el('h1', t('popupTitle')));
    const status = await ask(browser.runtime, { type: 'status' });
    for (const o of status) for (const line of outcomeLines(browser.i18n, o)) app.append(this.el('p', line, 'muted'));
    app.append(this.button(t('syncNow'), () => ask(browser.runtime, { type: 'syncNow' })));
    for (const account of await ask(browser.runtime, { type: 'accounts' })) {
      app.append(this.el('h2', account.label));
      try {
        const invitations = await ask(browser.runtime, { type: 'invitations', accountId: account.id });
        app.append(this.el('h2', t('invitationsHeading')));
        if (invitations.length === 0) app.append(this.el('p', t('noInvitations'), 'muted'));
        for (const inv of invitations) {
          const row = this.el('div', undefined, 'row');
          row.append(
            this.el('span', `${inv.collection} (${inv.owner ?? ''}, ${accessLabel(browser.i18n, inv.access)})`),
            this.button(t('accept'), () =>
              ask(browser.runtime, { type: 'accept', accountId: account.id, invitationId: inv.id }),
            ),
            this.button(t('decline'), () =>
              ask(browser.runtime, { type: 'decline', accountId: account.id, invitationId: inv.id }),
            ),
          );
          app.append(row);
        }
        app.append(this.el('h2', t('collectionsHeading')));
        for (const c of await ask(browser.runtime, { type: 'collections', accountId: account.id }))
          app.append(this.collectionRow(c));
      } catch (e) {
        this.showError(e);
      }
    }
    app.append(this.connectForm());
  }
}

/**
 * What the connect field holds: an email address (discovery) or a server URL (its origin needs a permission).
 * Anything else is refused here with the catalog's words (a bare `new URL` would say "Invalid URL", in English).
 */
export function connectTarget(value: string): { email: string } | { serverUrl: string; origin: string } {
  const target = value.trim();
  if (!target.includes('://') && target.includes('@')) return { email: target };
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new UiError('errorServerUrl', [target]);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UiError('errorServerUrl', [target]);
  return { serverUrl: target, origin: url.origin };
}
