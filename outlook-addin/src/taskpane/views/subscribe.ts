/**
 * Add to Outlook: a private, revocable feed of one of my calendars or task lists (the webcal: link opens Outlook's
 * subscribe dialog; else the https address with the two steps of "Add calendar from the internet"), read-only and
 * said so; its Outlook category created with the calendar's color. Then two-way sync with Outlook (the Microsoft
 * 365 connection, views/outlook-sync.ts: connect, reconnect, disconnect, or why it is off), and the subscriptions
 * the bridge syncs, with their last run and "Sync now".
 */
import { Unavailable, type Collection, type OutlookFeed, type Subscription } from '../api.js';
import { el, freshId } from '../dom.js';
import { ensureMasterCategory } from '../office-host.js';
import { busy, button, collectionSelect, disable, heading, labelled, type PaneContext } from '../ui.js';
import { formatDate, presetWords, syncFraction, textOf } from '../view-model.js';
import { outlookSyncWords, runNoticesModel, subscribableCollections } from '../outlook-sync-model.js';
import { outlookSyncSection } from './outlook-sync.js';

async function copyText(ctx: PaneContext, text: string): Promise<void> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    ctx.say(ctx.w.copied, 'success');
  } catch {
    // The clipboard can be refused inside Outlook's frames: the address stays on screen to select.
    ctx.say(ctx.w.copyFailed, 'warning');
  }
}

/** What "Add to Outlook" gives: the link that opens Outlook, else the address and the two steps. */
function feedInstructions(ctx: PaneContext, feed: OutlookFeed): HTMLElement {
  const { w } = ctx;
  if (!feed.httpsUrl || !feed.webcalUrl) return el('p', {}, w.errorGeneric);
  const address = el('input', { id: freshId('feed-url'), readonly: true, value: feed.httpsUrl, class: 'url' });
  return el(
    'div',
    { class: 'feed-help' },
    el('fluent-anchor-button', { href: feed.webcalUrl, appearance: 'primary', class: 'open-outlook' }, w.openInOutlook),
    el('p', {}, w.byHandTitle),
    el('ol', {}, el('li', {}, w.byHandStep1), el('li', {}, w.byHandStep2)),
    labelled(address, w.feedAddress),
    button(w.copy(feed.name), () => void copyText(ctx, feed.httpsUrl!)),
  );
}

/** Creates or recolors the calendar's Outlook category; where Office cannot, says which one to create. */
async function applyCategory(ctx: PaneContext, c: Collection | undefined): Promise<string | undefined> {
  if (!c?.category) return undefined;
  const { w } = ctx;
  const out = await ensureMasterCategory(c.category, c.preset);
  switch (out.kind) {
    case 'created':
      return w.categoryCreated(out.name);
    case 'updated':
      return w.categoryUpdated(out.name);
    case 'unchanged':
      return w.categoryUnchanged(out.name);
    case 'unsupported':
      return w.categoryManual(out.name, presetWords(c.presetName));
    default:
      return w.categoryFailed(out.name);
  }
}

function feedRow(ctx: PaneContext, feed: OutlookFeed, refresh: () => void): HTMLElement {
  const { w } = ctx;
  const revoke = button(w.revoke(feed.name), undefined, { appearance: 'subtle', class: 'danger' });
  revoke.addEventListener(
    'click',
    () =>
      void busy(ctx, revoke, async () => {
        await ctx.api.revokeOutlookFeed(feed.id);
        ctx.say(w.feedRevoked, 'success');
        refresh();
      }),
  );
  return el(
    'li',
    { class: 'feed', 'data-id': feed.id },
    el('span', { class: 'name' }, feed.name),
    el(
      'span',
      { class: 'meta' },
      feed.lastFetchedAt ? w.opened(feed.fetchCount, formatDate(feed.lastFetchedAt, ctx.lang, true)) : w.neverOpened,
    ),
    el('details', {}, el('summary', {}, w.feedAddress), feedInstructions(ctx, feed)),
    el('div', { class: 'actions' }, revoke),
  );
}

function subscriptionRow(ctx: PaneContext, s: Subscription, refresh: () => void): HTMLElement {
  const { w, lang } = ctx;
  const sync = s.sync;
  const state = !sync.lastRun
    ? w.neverSynced
    : `${w.lastSync(formatDate(sync.lastRun, lang, true))} · ${
        sync.ok === false
          ? w.syncFailed(sync.error ? (textOf(sync.error.messages, lang) ?? sync.error.message) : '')
          : w.syncOk
      }${sync.conflicts ? ` · ${w.syncConflicts(sync.conflicts)}` : ''}`;
  const progress = el('fluent-progress-bar', { 'aria-label': w.syncing, class: 'progress', max: '100' });
  progress.hidden = !sync.running;
  const now = button(w.syncNow(s.name), undefined);
  const stop = button(w.unsubscribe(s.name), undefined, { appearance: 'subtle', class: 'danger' });
  stop.addEventListener(
    'click',
    () =>
      void busy(ctx, stop, async () => {
        await ctx.api.unsubscribe(s.id);
        ctx.say(w.unsubscribed(s.name), 'success');
        refresh();
      }),
  );
  if (sync.running) disable(now);
  const showProgress = (p: Subscription['sync']['progress']) => {
    const f = syncFraction(p);
    if (f === undefined) progress.removeAttribute('value');
    else progress.setAttribute('value', String(Math.round(f * 100)));
  };
  showProgress(sync.progress);
  now.addEventListener('click', () => {
    progress.hidden = false;
    ctx.say(w.syncing);
    void busy(ctx, now, async () => {
      let state = (await ctx.api.syncSubscription(s.id)).subscription.sync;
      // Follow the run (the bridge answered at once): its phase and items, until it ends.
      while (state.running) {
        showProgress(state.progress);
        await new Promise((r) => setTimeout(r, 1000));
        const { subscriptions } = await ctx.api.subscriptions();
        const mine = subscriptions.find((x) => x.id === s.id);
        if (!mine) break;
        state = mine.sync;
      }
      ctx.say(
        state.ok === false ? w.syncFailed(textOf(state.error?.messages, lang) ?? '') : w.syncDone(s.name),
        state.ok === false ? 'error' : 'success',
      );
      refresh();
    }).finally(() => (progress.hidden = true));
  });
  // What Outlook shows differently, said in the user's language (the run did not fail for it).
  const notices = runNoticesModel(sync, outlookSyncWords(lang), lang);
  return el(
    'li',
    { class: 'subscription' },
    el('span', { class: 'name' }, s.name),
    el('span', { class: `meta${sync.ok === false ? ' failed' : ''}` }, state),
    ...(notices
      ? [
          el(
            'details',
            { class: 'notices' },
            el('summary', {}, notices.summary),
            el('ul', {}, ...notices.notes.map((n) => el('li', {}, n))),
          ),
        ]
      : []),
    progress,
    el('div', { class: 'actions' }, now, stop),
  );
}

export async function showSubscribe(ctx: PaneContext, root: HTMLElement): Promise<void> {
  const { w, api } = ctx;
  const refresh = () => void showSubscribe(ctx, root).catch((err: unknown) => ctx.fail(err));
  const optional = <T>(p: Promise<T>, fallback: T) =>
    p.catch((err: unknown) => {
      if (err instanceof Unavailable) return fallback;
      throw err;
    });
  const [{ collections }, feeds, subs, outlookSync] = await Promise.all([
    api.collections(),
    optional(
      api.outlookFeeds().then((r) => r.outlookFeeds as OutlookFeed[] | undefined),
      undefined,
    ),
    api.subscriptions().then((r) => r.subscriptions),
    outlookSyncSection(ctx),
  ]);
  const feedable = collections.filter((c) => c.canGuestLink);
  const select = collectionSelect('feed-collection', feedable);
  const add = button(w.addToOutlook, undefined, { appearance: 'primary' });
  const result = el('div', { class: 'feed-result', 'aria-live': 'polite' });
  if (!feeds || !feedable.length) disable(add);
  add.addEventListener(
    'click',
    () =>
      void busy(ctx, add, async () => {
        const c = feedable.find((x) => x.url === select.value);
        const { outlookFeed } = await api.addOutlookFeed(select.value);
        const category = await applyCategory(ctx, c);
        ctx.say([w.feedAdded, category].filter(Boolean).join(' '), 'success');
        result.replaceChildren(feedInstructions(ctx, outlookFeed));
        reloadFeeds();
      }),
  );
  const feedList = el('div', { class: 'feed-list' });
  const showFeeds = (list: OutlookFeed[] | undefined) =>
    feedList.replaceChildren(
      list?.length
        ? el('ul', { class: 'feeds' }, ...list.map((f) => feedRow(ctx, f, reloadFeeds)))
        : el('p', {}, list ? w.noFeeds : w.feedsUnavailable),
    );
  // Only the list is read again after adding or removing one: the instructions just shown stay on screen.
  const reloadFeeds = () =>
    void api.outlookFeeds().then(
      (r) => showFeeds(r.outlookFeeds),
      (err: unknown) => ctx.fail(err),
    );
  showFeeds(feeds);
  // Choosing what the bridge syncs (two ways with Outlook once it is connected).
  const subscribable = subscribableCollections(collections, subs);
  const toSync = collectionSelect('subscribe-collection', subscribable);
  const subscribe = button(w.subscribe, undefined);
  subscribe.addEventListener(
    'click',
    () =>
      void busy(ctx, subscribe, async () => {
        const { subscription } = await api.subscribe(toSync.value);
        ctx.say(w.subscribed(subscription.name), 'success');
        refresh();
      }),
  );
  root.replaceChildren(
    heading(2, w.subscribeTitle, 'subscribe-title'),
    labelled(select, w.subscribeCollection),
    el('div', { class: 'actions' }, add),
    el('p', { class: 'note', id: 'read-only-note' }, w.readOnlyNote),
    result,
    outlookSync,
    heading(3, w.yourFeeds, 'feeds-title'),
    feedList,
    heading(3, w.subscriptionsTitle, 'subscriptions-title'),
    ...(subscribable.length
      ? [labelled(toSync, w.syncCollection), el('div', { class: 'actions' }, subscribe)]
      : [el('p', { class: 'note' }, w.nothingToSubscribe)]),
    subs.length
      ? el('ul', { class: 'subscriptions' }, ...subs.map((s) => subscriptionRow(ctx, s, refresh)))
      : el('p', {}, w.noSubscriptions),
  );
}
