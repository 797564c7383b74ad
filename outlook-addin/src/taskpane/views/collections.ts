/**
 * My collections: pending invitations on top (Accept / Decline), then calendars, task lists and address books,
 * mine and shared with me, each with its color swatch, Outlook category, rights badge and owner.
 */
import { Unavailable, type Collection, type Invitation } from '../api.js';
import { el, safeColor } from '../dom.js';
import { badge, busy, button, heading, type PaneContext } from '../ui.js';
import { groupCollections, ownerLabel, presetWords, rightsBadge } from '../view-model.js';

function collectionRow(ctx: PaneContext, c: Collection): HTMLElement {
  const { w } = ctx;
  const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
  swatch.style.backgroundColor = safeColor(c.color);
  const rights = rightsBadge(c.access, w);
  const category =
    c.kind === 'contacts' ? '' : c.category ? w.category(c.category, presetWords(c.presetName)) : w.noCategory;
  return el(
    'li',
    { class: 'collection', 'data-url': c.url },
    swatch,
    el(
      'div',
      { class: 'body' },
      el('span', { class: 'name' }, c.name),
      el('span', { class: 'owner' }, ownerLabel(c, w)),
      category ? el('span', { class: 'category' }, category) : '',
    ),
    badge(rights.label, rights.color, `${w.rightsTitle}: ${rights.label}`),
  );
}

function invitationRow(ctx: PaneContext, inv: Invitation, refresh: () => void): HTMLElement {
  const { w } = ctx;
  const name = inv.summary || decodeURIComponent(inv.collection.replace(/\/+$/, '').split('/').pop() ?? '');
  const owner = inv.ownerName || inv.owner.replace(/^mailto:/i, '');
  const answer = (accept: boolean) => (e: Event) =>
    void busy(ctx, e.currentTarget as HTMLElement, async () => {
      await ctx.api.answerInvitation(inv.id, accept);
      ctx.say(accept ? w.invitationAccepted : w.invitationDeclined, 'success');
      refresh();
    });
  const accept = button(w.accept, undefined, { appearance: 'primary' });
  accept.addEventListener('click', answer(true));
  const decline = button(w.decline, undefined);
  decline.addEventListener('click', answer(false));
  return el(
    'li',
    { class: 'invitation' },
    el('p', {}, w.invitation(owner, name, rightsBadge(inv.access, w).label)),
    el('div', { class: 'actions' }, accept, decline),
  );
}

export async function showCollections(ctx: PaneContext, root: HTMLElement): Promise<void> {
  const { w, lang } = ctx;
  const refresh = () => void showCollections(ctx, root).catch((err: unknown) => ctx.fail(err));
  const [{ collections }, invitations] = await Promise.all([
    ctx.api.collections(),
    // Servers without invitations (Radicale, or an older bridge) simply have none to show.
    ctx.api.invitations().then(
      (r) => r.invitations,
      (err: unknown) => {
        if (err instanceof Unavailable || (err as { status?: number }).status === 501) return [];
        if ((err as { status?: number }).status === 409) return [];
        throw err;
      },
    ),
  ]);
  const parts: HTMLElement[] = [heading(2, w.collectionsTitle, 'collections-title')];
  if (invitations.length) {
    parts.push(
      el(
        'section',
        { class: 'invitations', 'aria-labelledby': 'invitations-title' },
        heading(3, w.invitationsTitle, 'invitations-title'),
        el('ul', { class: 'invitations' }, ...invitations.map((i) => invitationRow(ctx, i, refresh))),
      ),
    );
  }
  const groups = groupCollections(collections, lang);
  for (const [key, title] of [
    ['events', w.groupEvents],
    ['tasks', w.groupTasks],
    ['contacts', w.groupContacts],
  ] as const) {
    if (!groups[key].length) continue;
    parts.push(
      heading(3, title, `group-${key}`),
      el(
        'ul',
        { class: 'collections', 'aria-labelledby': `group-${key}` },
        ...groups[key].map((c) => collectionRow(ctx, c)),
      ),
    );
  }
  if (!collections.length) parts.push(el('p', {}, w.noCollections));
  root.replaceChildren(...parts);
}
