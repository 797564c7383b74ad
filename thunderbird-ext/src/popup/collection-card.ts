/**
 * One collection as a compact card: color swatch, name, kind, a rights badge (Lecture / Ecriture / Gestion), the
 * shared-with-me marker, and subscribe / unsubscribe. What the user manages (own collection, Gestion) also gets a
 * disclosure, filled only when opened: who it is shared with (and revoke), the share form, and for a calendar its
 * guest link. Share and revoke redraw that disclosure only, so it stays open on what the user is doing.
 */
import { browser } from '../browser.js';
import { ask, type CollectionView, type ShareView } from '../messages.js';
import type { AfterAction, Builder } from './dom.js';
import { accessClass, accessLabel, kindLabel, safeColor, shareeLabel, shareStatusLabel } from './view.js';

const t = (name: string, subs?: string[]) => browser.i18n.getMessage(name, subs);

export interface CardContext {
  ui: Builder;
  /** After subscribe / unsubscribe: the popup drawn again, or the error shown. */
  redraw: AfterAction;
  errorText: (e: unknown) => string;
}

/** Share levels offered, lowest first (the select's default is the safest one). */
const LEVELS = ['read', 'read-write', 'admin'] as const;

/** Only a collection of one's own with Gestion rights can be shared or published from here. */
export const manages = (c: CollectionView): boolean => c.access === 'admin' && !c.sharedWithMe;

export function collectionCard(ctx: CardContext, c: CollectionView): HTMLLIElement {
  const { ui } = ctx;
  const card = ui.el('li', undefined, 'card');
  const main = ui.el('div', undefined, 'card-main');
  const swatch = ui.el('span', undefined, 'swatch');
  const color = safeColor(c.color);
  if (color) swatch.style.backgroundColor = color;
  const text = ui.el('div', undefined, 'card-text');
  const badges = ui.el('div', undefined, 'badges');
  badges.append(
    ui.el('span', kindLabel(browser.i18n, c.kind), 'kind'),
    ui.el('span', accessLabel(browser.i18n, c.access), accessClass(c.access)),
  );
  if (c.sharedWithMe) badges.append(ui.el('span', t('sharedWithMe'), 'badge shared'));
  text.append(ui.el('span', c.name, 'name'), badges);
  const subscription = c.subscribed
    ? ui.button(
        t('unsubscribe'),
        () => ask(browser.runtime, { type: 'unsubscribe', accountId: c.accountId, url: c.url }),
        ctx.redraw,
        { cls: 'quiet' },
      )
    : ui.button(
        t('subscribe'),
        () => ask(browser.runtime, { type: 'subscribe', accountId: c.accountId, url: c.url }),
        ctx.redraw,
        { cls: 'outline' },
      );
  main.append(swatch, text, subscription);
  card.append(main);
  if (manages(c)) card.append(sharingDisclosure(ctx, c));
  return card;
}

function sharingDisclosure(ctx: CardContext, c: CollectionView): HTMLDetailsElement {
  const { ui } = ctx;
  const fill = async (body: HTMLElement): Promise<void> => {
    body.replaceChildren(ui.el('p', t('loading'), 'muted small'));
    // A share or a revoke draws this body again (the list changed); its error stays in the body, the form intact.
    const again: AfterAction = {
      done: () => fill(body),
      failed: (e) => body.prepend(ui.el('p', ctx.errorText(e), 'error')),
    };
    let shares: ShareView[];
    try {
      shares = await ask(browser.runtime, { type: 'shares', accountId: c.accountId, url: c.url });
    } catch (e) {
      body.replaceChildren(ui.el('p', ctx.errorText(e), 'error'));
      return;
    }
    body.replaceChildren(shareList(ctx, c, shares, again), shareForm(ctx, c, again));
    if (c.kind !== 'contacts') body.append(guestLink(ctx, c));
  };
  return ui.disclosure(c.kind === 'contacts' ? t('shareHeading') : t('shareAndGuestLink'), 'more', fill);
}

function shareList(ctx: CardContext, c: CollectionView, shares: ShareView[], again: AfterAction): HTMLElement {
  const { ui } = ctx;
  if (shares.length === 0) return ui.el('p', t('shareNobody'), 'muted small');
  const list = ui.el('ul', undefined, 'shares');
  for (const s of shares) {
    const who = shareeLabel(s);
    const item = ui.el('li', undefined, 'share');
    item.append(
      ui.el('span', who, 'sharee'),
      ui.el('span', accessLabel(browser.i18n, s.access), accessClass(s.access)),
    );
    const status = shareStatusLabel(browser.i18n, s.status);
    if (status) item.append(ui.el('span', status, 'badge status'));
    item.append(
      ui.button(
        t('revoke'),
        () => ask(browser.runtime, { type: 'unshare', accountId: c.accountId, url: c.url, sharee: s.sharee }),
        again,
        { cls: 'link danger', title: t('revokeWho', [who]) },
      ),
    );
    list.append(item);
  }
  return list;
}

function shareForm(ctx: CardContext, c: CollectionView, again: AfterAction): HTMLElement {
  const { ui } = ctx;
  const form = ui.el('div', undefined, 'share-form');
  const who = ui.el('input');
  who.type = 'email';
  const level = ui.el('select');
  for (const a of LEVELS) {
    const o = ui.el('option', accessLabel(browser.i18n, a));
    o.value = a;
    level.append(o);
  }
  const row = ui.el('div', undefined, 'inline');
  row.append(
    ui.field(t('shareAccess'), level),
    ui.button(
      t('shareButton'),
      () =>
        ask(browser.runtime, {
          type: 'share',
          accountId: c.accountId,
          url: c.url,
          sharee: who.value.trim(),
          access: level.value as (typeof LEVELS)[number],
        }),
      again,
      { cls: 'primary' },
    ),
  );
  form.append(ui.field(t('shareWith'), who), row);
  return form;
}

/** The calendar's guest link (the server's publishing, else the bridge's), as text to copy into a message. */
function guestLink(ctx: CardContext, c: CollectionView): HTMLElement {
  const { ui } = ctx;
  const part = ui.el('div', undefined, 'guest-link');
  const output = ui.el('textarea');
  output.readOnly = true;
  output.rows = 6;
  // Shown once there is a link; a second click fills it again (append moves it, never a copy).
  const field = ui.field(t('guestLinkText'), output);
  part.append(
    ui.el('h3', t('guestLinkHeading')),
    ui.el('p', t('guestLinkHint'), 'muted small'),
    ui.button(
      t('guestLinkButton'),
      async () => {
        const snippet = await ask(browser.runtime, {
          type: 'snippet',
          source: { accountId: c.accountId, url: c.url },
        });
        output.value = snippet.text;
        part.append(field);
      },
      { done: () => undefined, failed: (e) => part.append(ui.el('p', ctx.errorText(e), 'error')) },
    ),
  );
  return part;
}
