/**
 * Guest links: create (optional password and expiry), copy, revoke, list with when each was last opened and how
 * many times; Insert into message puts core's snippet (one wording for every client) into the item being written,
 * or a new message in read mode.
 */
import { renderLinkSnippet } from '@dav-bridge/core';
import type { GuestLink } from '../api.js';
import { el, isChecked, valueOf } from '../dom.js';
import { insertSnippet } from '../office-host.js';
import {
  busy,
  button,
  checkbox,
  collectionSelect,
  disable,
  heading,
  labelled,
  textInput,
  type PaneContext,
} from '../ui.js';
import { formatDate } from '../view-model.js';

/** A link whose token the bridge could read (the API gives null URLs otherwise: the owner can only revoke it). */
type ReadableLink = GuestLink & { url: string; icsUrl: string; webcalUrl: string };
const isReadable = (l: GuestLink): l is ReadableLink => l.url !== null && l.icsUrl !== null && l.webcalUrl !== null;

/** The words to paste into a mail: core's snippet in the pane's language. Its HTML escapes every value. */
function snippetFor(ctx: PaneContext, link: ReadableLink): { html: string; text: string } {
  return renderLinkSnippet({
    link: { ics: link.icsUrl, webcal: link.webcalUrl, html: link.url },
    lang: ctx.lang,
    calendarName: link.collectionName,
    ...(link.hasPassword ? { passwordNote: ctx.w.mailPassword } : {}),
    expires: link.expiresAt ? new Date(link.expiresAt) : null,
  });
}

export async function insertLink(ctx: PaneContext, link: ReadableLink): Promise<void> {
  const { w } = ctx;
  const out = await insertSnippet(snippetFor(ctx, link), w.mailSubject(link.collectionName));
  switch (out.kind) {
    case 'inserted':
      return ctx.say(w.inserted, 'success');
    case 'new-message':
      return ctx.say(w.newMessageOpened, 'success');
    case 'no-item':
      return ctx.say(w.notComposing, 'error');
    case 'too-large':
      return ctx.say(w.tooLarge, 'error');
    default:
      return ctx.say(w.insertFailed, 'error');
  }
}

async function copyLink(ctx: PaneContext, url: string): Promise<void> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(url);
    ctx.say(ctx.w.copied, 'success');
  } catch {
    // The clipboard can be refused inside Outlook's frames: say so; inserting still works.
    ctx.say(ctx.w.copyFailed, 'error');
  }
}

function linkRow(ctx: PaneContext, link: GuestLink, refresh: () => void): HTMLElement {
  const { w, lang } = ctx;
  const name = link.collectionName;
  const insert = button(w.insert(name), undefined, { appearance: 'primary', class: 'insert' });
  const copy = button(w.copy(name), undefined, { class: 'copy' });
  // An unreadable link has no address to insert or copy; revoking it is still offered.
  if (isReadable(link)) {
    insert.addEventListener('click', () => void insertLink(ctx, link));
    copy.addEventListener('click', () => void copyLink(ctx, link.url));
  } else {
    disable(insert);
    disable(copy);
  }
  const revoke = button(w.revoke(name), undefined, { appearance: 'subtle', class: 'danger' });
  revoke.addEventListener(
    'click',
    () =>
      void busy(ctx, revoke, async () => {
        await ctx.api.revokeGuestLink(link.id);
        refresh();
      }),
  );
  const actions = [insert, copy, revoke];
  if (link.locked) {
    const unlock = button(w.unlock(name), undefined);
    unlock.addEventListener(
      'click',
      () =>
        void busy(ctx, unlock, async () => {
          await ctx.api.unlockGuestLink(link.id);
          refresh();
        }),
    );
    actions.push(unlock);
  }
  const notes = [
    link.hasPassword ? w.withPassword : '',
    link.expired ? w.expired : link.expiresAt ? w.expiresOn(formatDate(link.expiresAt, lang)) : '',
    link.locked ? w.locked : '',
  ].filter(Boolean);
  const usage =
    link.openCount === undefined
      ? ''
      : link.openCount > 0 && link.lastOpenedAt
        ? w.opened(link.openCount, formatDate(link.lastOpenedAt, lang, true))
        : w.neverOpened;
  return el(
    'li',
    { class: 'link', 'data-id': link.id },
    el('span', { class: 'name' }, name),
    notes.length ? el('span', { class: 'meta' }, notes.join(' · ')) : '',
    usage ? el('span', { class: 'usage' }, usage) : '',
    el('div', { class: 'actions' }, ...actions),
  );
}

export async function showGuestLinks(ctx: PaneContext, root: HTMLElement): Promise<void> {
  const { w, api } = ctx;
  const [{ collections }, { guestLinks, policy }] = await Promise.all([api.collections(), api.guestLinks()]);
  const refresh = () => void showGuestLinks(ctx, root).catch((err: unknown) => ctx.fail(err));
  const linkable = collections.filter((c) => c.canGuestLink);
  const select = collectionSelect('gl-collection', linkable);
  const min = policy?.minPasswordLength ?? 10;
  const password = textInput('gl-password', w.guestPassword(min), {
    type: 'password',
    minlength: String(min),
    autocomplete: 'new-password',
  });
  const expiry = el('input', { id: 'gl-expiry', name: 'expiry', type: 'date' });
  const submit = button(w.create, undefined, { type: 'submit', appearance: 'primary' });
  const form = el(
    'form',
    { 'aria-labelledby': 'gl-title', class: 'stack' },
    heading(2, w.newGuestLink, 'gl-title'),
    labelled(select, w.guestCollection),
    password,
    labelled(expiry, w.guestExpiry),
    checkbox('gl-hide-private', w.hidePrivate),
    el('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const pw = valueOf(password) || undefined;
    const day = expiry.value;
    // The link stays valid through the chosen day, in the user's time zone.
    const expiresAt = day ? new Date(`${day}T23:59:59`).toISOString() : undefined;
    const hide = isChecked(form.querySelector('#gl-hide-private'));
    void busy(ctx, submit, async () => {
      const { guestLink } = await api.createGuestLink(select.value, pw, expiresAt, hide);
      // A link just made is always readable; the check only narrows the type.
      if (isReadable(guestLink)) await insertLink(ctx, guestLink);
      refresh();
    });
  });
  root.replaceChildren(
    form,
    heading(2, w.yourLinks, 'links-title'),
    el(
      'ul',
      { class: 'links', 'aria-labelledby': 'links-title' },
      ...(guestLinks.length ? guestLinks.map((l) => linkRow(ctx, l, refresh)) : [el('li', {}, w.noLinks)]),
    ),
  );
}
