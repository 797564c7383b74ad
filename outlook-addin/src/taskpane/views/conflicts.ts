/**
 * Conflicts: each losing version the bridge set aside, beside the current (winning) one where the bridge gives it;
 * restore it or dismiss it.
 */
import { Unavailable, type Conflict } from '../api.js';
import { el } from '../dom.js';
import { busy, button, heading, type PaneContext } from '../ui.js';
import { formatDate, itemSummary } from '../view-model.js';

type Summary = Conflict['winner'];

function version(ctx: PaneContext, title: string, summary: Summary, text?: string): HTMLElement {
  const { w, lang } = ctx;
  if (!summary && !text)
    return el('div', { class: 'version' }, el('h4', {}, title), el('p', { class: 'note' }, w.currentUnknown));
  // The bridge's summary first; the kept text itself where the bridge could not read one.
  const fromText = text ? itemSummary(text) : {};
  const s = {
    title: summary?.summary ?? fromText.title,
    when: summary?.start ? formatDate(summary.start, lang, true) : fromText.when,
    where: fromText.where,
  };
  return el(
    'div',
    { class: 'version' },
    el('h4', {}, title),
    el('p', { class: 'name' }, s.title ?? w.untitled),
    el(
      'dl',
      {},
      ...(s.when ? [el('dt', {}, w.eventWhen), el('dd', {}, s.when)] : []),
      ...(s.where ? [el('dt', {}, w.eventWhere), el('dd', {}, s.where)] : []),
    ),
  );
}

function conflictRow(ctx: PaneContext, c: Conflict, refresh: () => void): HTMLElement {
  const { w, lang } = ctx;
  const restore = button(w.restore, undefined, { appearance: 'primary' });
  restore.addEventListener(
    'click',
    () =>
      void busy(ctx, restore, async () => {
        await ctx.api.restoreConflict(c.id);
        ctx.say(w.restored, 'success');
        refresh();
      }),
  );
  const dismiss = button(w.dismiss, undefined);
  dismiss.addEventListener(
    'click',
    () =>
      void busy(ctx, dismiss, async () => {
        await ctx.api.dismissConflict(c.id);
        ctx.say(w.dismissed, 'success');
        refresh();
      }),
  );
  return el(
    'li',
    { class: 'conflict' },
    el('p', { class: 'meta' }, w.conflictIn(c.subscriptionName, formatDate(c.at, lang, true))),
    el(
      'div',
      { class: 'versions' },
      version(ctx, w.keptVersion, c.loser, c.data),
      version(ctx, w.currentVersion, c.winner),
    ),
    // Read-only subscriptions and feeds cannot take a version back: dismiss only.
    el('div', { class: 'actions' }, ...(c.restorable ? [restore] : []), dismiss),
  );
}

export async function showConflicts(ctx: PaneContext, root: HTMLElement): Promise<void> {
  const { w } = ctx;
  const refresh = () => void showConflicts(ctx, root).catch((err: unknown) => ctx.fail(err));
  const conflicts = await ctx.api.conflicts().then(
    (r) => r.conflicts,
    (err: unknown) => {
      if (err instanceof Unavailable) return [];
      throw err;
    },
  );
  root.replaceChildren(
    heading(2, w.conflictsTitle, 'conflicts-title'),
    conflicts.length
      ? el('ul', { class: 'conflicts' }, ...conflicts.map((c) => conflictRow(ctx, c, refresh)))
      : el('p', {}, w.noConflicts),
  );
}
