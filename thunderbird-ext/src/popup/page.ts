/**
 * The toolbar popup's page: a header (the accounts, the sync status and "Sync now"), then per account a collapsible
 * section with its pending invitations and its collections as cards (collection-card.ts), then the connect form
 * (connect-form.ts). It only shows and asks: every action is a request to the background (messages.ts). Everything
 * from a server is put in the page as text (textContent), never as HTML, and a color only when it is a plain #RRGGBB.
 *
 * The document is a parameter (popup.ts passes the real one) so the page also runs under Jest on a minimal DOM.
 */
import { browser } from '../browser.js';
import { ask, type AccountView, type InvitationView } from '../messages.js';
import { collectionCard, type CardContext } from './collection-card.js';
import { connectForm } from './connect-form.js';
import { Builder, type AfterAction } from './dom.js';
import { accessClass, accessLabel, outcomeLines } from './view.js';

const t = (name: string, subs?: string[]) => browser.i18n.getMessage(name, subs);

export class PopupPage {
  private readonly ui: Builder;
  /** Accounts the user folded: they stay folded when the popup is drawn again after an action. */
  private readonly folded = new Set<string>();
  /** What an action that changes the lists does next: draw the popup again, or show why it failed. */
  private readonly redraw: AfterAction = {
    done: () => this.render(),
    failed: (e) => this.showError(e),
  };

  constructor(
    doc: Document,
    private readonly app: HTMLElement,
    /** Words an error for the user (errors.ts); the page itself never shows an exception's own text. */
    private readonly errorText: (e: unknown) => string,
  ) {
    this.ui = new Builder(doc);
  }

  /** The last action started from a button or a disclosure, for callers that wait for it (tests). */
  get pending(): Promise<void> {
    return this.ui.pending;
  }

  showError(e: unknown): void {
    this.app.prepend(this.ui.el('p', this.errorText(e), 'error'));
  }

  /** Opens the popup: its first render, or the error that stopped it. */
  start(): Promise<void> {
    return this.render().catch((e: unknown) => this.showError(e));
  }

  async render(): Promise<void> {
    const ui = this.ui;
    const title = ui.el('div', undefined, 'title');
    title.append(ui.el('h1', t('popupTitle')));
    const header = ui.el('header', undefined, 'top');
    header.append(title);
    this.app.replaceChildren(header);
    const status = await ask(browser.runtime, { type: 'status' });
    // "Sync now" first: it stays usable when the accounts cannot be listed.
    header.append(this.syncBar(status.flatMap((o) => outcomeLines(browser.i18n, o))));
    const accounts = await ask(browser.runtime, { type: 'accounts' });
    if (accounts.length) title.append(this.accountChips(accounts));
    for (const account of accounts) this.app.append(await this.accountSection(account));
    this.app.append(connectForm(ui, this.redraw, accounts.length === 0));
  }

  private accountChips(accounts: AccountView[]): HTMLElement {
    const chips = this.ui.el('ul', undefined, 'account-chips');
    for (const a of accounts) chips.append(this.ui.el('li', a.label, 'chip'));
    return chips;
  }

  /** The sync status in words and "Sync now", which says "Syncing…" (with a spinner) while it runs. */
  private syncBar(lines: string[]): HTMLElement {
    const ui = this.ui;
    const bar = ui.el('div', undefined, 'sync');
    const words = ui.el('div', undefined, 'sync-status');
    if (lines.length === 0) words.append(ui.el('p', t('syncNever'), 'muted'));
    for (const line of lines) words.append(ui.el('p', line, 'muted'));
    bar.append(
      words,
      ui.button(t('syncNow'), () => ask(browser.runtime, { type: 'syncNow' }), this.redraw, {
        cls: 'primary',
        busyLabel: t('syncing'),
      }),
    );
    return bar;
  }

  /** One account: open unless the user folded it; an account that fails shows why, in place. */
  private async accountSection(account: AccountView): Promise<HTMLElement> {
    const ui = this.ui;
    const details = ui.el('details', undefined, 'account');
    details.open = !this.folded.has(account.id);
    details.addEventListener('toggle', () =>
      details.open ? this.folded.delete(account.id) : this.folded.add(account.id),
    );
    const body = ui.el('div', undefined, 'account-body');
    details.append(ui.el('summary', account.label), body);
    try {
      const invitations = await ask(browser.runtime, { type: 'invitations', accountId: account.id });
      if (invitations.length) {
        const list = ui.el('ul', undefined, 'cards');
        for (const inv of invitations) list.append(this.invitationCard(account, inv));
        body.append(ui.el('h2', t('invitationsHeading')), list);
      }
      const collections = await ask(browser.runtime, { type: 'collections', accountId: account.id });
      const context: CardContext = { ui, redraw: this.redraw, errorText: this.errorText };
      const list = ui.el('ul', undefined, 'cards');
      for (const c of collections) list.append(collectionCard(context, c));
      body.append(ui.el('h2', t('collectionsHeading')), list);
    } catch (e) {
      body.append(ui.el('p', this.errorText(e), 'error'));
    }
    return details;
  }

  private invitationCard(account: AccountView, inv: InvitationView): HTMLElement {
    const ui = this.ui;
    const card = ui.el('li', undefined, 'card invitation');
    const main = ui.el('div', undefined, 'card-main');
    const text = ui.el('div', undefined, 'card-text');
    const badges = ui.el('div', undefined, 'badges');
    if (inv.owner) badges.append(ui.el('span', t('invitationFrom', [inv.owner]), 'kind'));
    badges.append(ui.el('span', accessLabel(browser.i18n, inv.access), accessClass(inv.access)));
    text.append(ui.el('span', inv.collection, 'name'), badges);
    const actions = ui.el('div', undefined, 'actions');
    actions.append(
      ui.button(
        t('accept'),
        () => ask(browser.runtime, { type: 'accept', accountId: account.id, invitationId: inv.id }),
        this.redraw,
        { cls: 'primary' },
      ),
      ui.button(
        t('decline'),
        () => ask(browser.runtime, { type: 'decline', accountId: account.id, invitationId: inv.id }),
        this.redraw,
        { cls: 'quiet' },
      ),
    );
    main.append(text, actions);
    card.append(main);
    return card;
  }
}
