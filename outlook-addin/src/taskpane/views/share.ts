/**
 * Share: a person (searched among the server's principals where it offers that, else an email address), the rights
 * read / read-write / manage (+ private events), the current shares with revoke. A right the server cannot give is
 * shown disabled with the server's reason: never offered and then silently lowered.
 */
import { type Access, type Collection, type SharesAnswer } from '../api.js';
import { el, freshId, isChecked, valueOf } from '../dom.js';
import { busy, button, checkbox, collectionSelect, heading, labelled, textInput, type PaneContext } from '../ui.js';
import { rightsBadge, textOf } from '../view-model.js';

const ACCESS: Access[] = ['read', 'read-write', 'admin'];

function rightsGroup(ctx: PaneContext, answer: SharesAnswer | undefined): HTMLElement {
  const { w, lang } = ctx;
  const label = { read: w.rightRead, 'read-write': w.rightReadWrite, admin: w.rightAdmin };
  const notes: HTMLElement[] = [];
  // Native radios in a fieldset: Fluent's radio exposes its role only through ElementInternals, which axe-core
  // cannot see (it then reports the radio's aria-posinset as not allowed); these are styled with Fluent's tokens.
  const radios = ACCESS.map((access, i) => {
    // An older bridge does not say: every right is offered and the server's refusal is explained when it comes.
    const right = answer?.rights?.rights.find((r) => r.right === access);
    const grantable = right ? right.available : true;
    const id = `right-${access}`;
    if (!grantable) {
      notes.push(
        el('li', { id: `${id}-why` }, textOf(right?.reason, lang) || w.rightNotGrantable(rightsBadge(access, w).label)),
      );
    }
    return el(
      'div',
      { class: 'choice' },
      el('input', {
        type: 'radio',
        id,
        name: 'share-rights',
        value: access,
        checked: i === 0,
        disabled: !grantable,
        'aria-describedby': grantable ? undefined : `${id}-why`,
      }),
      el('label', { for: id }, label[access]),
    );
  });
  return el(
    'fieldset',
    { id: 'share-rights', class: 'control' },
    el('legend', { class: 'label' }, w.rightsToGive),
    ...radios,
    notes.length ? el('ul', { class: 'note' }, ...notes) : '',
  );
}

export async function showShare(ctx: PaneContext, root: HTMLElement, preselect?: string): Promise<void> {
  const { w, api } = ctx;
  const { collections } = await api.collections();
  // What I can share: my own collections, and those shared with me with the manage right.
  const shareable = collections.filter((c: Collection) => !c.sharedWithMe || c.access === 'admin');
  if (!shareable.length) {
    root.replaceChildren(heading(2, w.shareTitle, 'share-title'), el('p', {}, w.noShareable));
    return;
  }
  const select = collectionSelect('share-collection', shareable);
  if (preselect && shareable.some((c) => c.url === preselect)) select.value = preselect;
  const details = el('div', { class: 'share-details' });
  // Only the latest choice renders: a slower answer for a collection chosen before must not replace it.
  let latest = 0;
  const load = () => {
    const mine = ++latest;
    const url = select.value;
    details.removeAttribute('data-url');
    void renderDetails(ctx, url, details, load, () => mine === latest).catch((err: unknown) => ctx.fail(err, 'share'));
  };
  select.addEventListener('change', load);
  root.replaceChildren(heading(2, w.shareTitle, 'share-title'), labelled(select, w.shareCollection), details);
  load();
}

async function renderDetails(
  ctx: PaneContext,
  url: string,
  host: HTMLElement,
  reload: () => void,
  current: () => boolean,
): Promise<void> {
  const { w, api, lang } = ctx;
  host.replaceChildren(el('fluent-spinner', { size: 'tiny', 'aria-label': w.loading }));
  const answer = await api.shares(url);
  // People search where the server has it (issue 13's bridge says so); else an email address.
  // An older bridge (404) or a failed probe: the email address still works.
  const search = await api.principals(url, '').then(
    (r) => r.supported,
    () => false,
  );
  if (answer.rights && !answer.rights.canManage) {
    host.replaceChildren(el('p', { class: 'note' }, w.errorNoRightToShare));
    host.setAttribute('data-url', url);
    return;
  }
  const person = textInput('share-person', w.person, { type: search ? 'text' : 'email', autocomplete: 'off' });
  const hintId = freshId('hint');
  person.setAttribute('aria-describedby', hintId);
  const suggestions = el('ul', { class: 'people', 'aria-label': w.person });
  if (search) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    person.addEventListener('input', () => {
      clearTimeout(timer);
      const typed = valueOf(person).trim();
      if (typed.length < 2) return suggestions.replaceChildren();
      timer = setTimeout(() => {
        void api.principals(url, typed).then(
          (r) =>
            suggestions.replaceChildren(
              ...(r.supported ? r.people : []).slice(0, 8).map((p) => {
                const pick = button(
                  p.email ? `${p.name} <${p.email}>` : p.name,
                  () => {
                    (person as HTMLElement & { value: string }).value = p.email || p.principalUrl;
                    suggestions.replaceChildren();
                  },
                  { appearance: 'subtle' },
                );
                return el('li', {}, pick);
              }),
            ),
          () => suggestions.replaceChildren(),
        );
      }, 300);
    });
  }
  const privateRight = answer.rights?.rights.find((r) => r.right === 'private-events');
  const privateSupported = privateRight?.available === true;
  const privateBox = checkbox('share-private', w.privateEvents, false, !privateSupported);
  const submit = button(w.share, undefined, { type: 'submit', appearance: 'primary' });
  const form = el(
    'form',
    { class: 'stack', 'aria-label': w.shareTitle },
    person,
    el('span', { id: hintId, class: 'hint' }, search ? w.personSearchHint : w.personEmailHint),
    suggestions,
    rightsGroup(ctx, answer),
    privateBox,
    privateSupported
      ? ''
      : el('p', { class: 'note' }, textOf(privateRight?.reason, lang) || w.privateEventsUnsupported),
    el('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const who = valueOf(person).trim();
    if (!who) return;
    const access = (valueOf(form.querySelector('input[name=share-rights]:checked')) || 'read') as Access;
    const privateEvents = privateSupported ? isChecked(form.querySelector('#share-private')) : undefined;
    void busy(
      ctx,
      submit,
      async () => {
        await api.share(url, who, access, privateEvents);
        ctx.say(w.shareDone(who), 'success');
        reload();
      },
      'share',
    );
  });
  const list = answer.shares.length
    ? el(
        'ul',
        { class: 'shares' },
        ...answer.shares.map((s) => {
          const name = s.displayName || s.sharee.replace(/^mailto:/i, '');
          const badge = rightsBadge(s.access, w);
          const revoke = button(w.stopSharing(name), undefined, { appearance: 'subtle', class: 'danger' });
          revoke.addEventListener(
            'click',
            () =>
              void busy(
                ctx,
                revoke,
                async () => {
                  await api.unshare(url, s.sharee);
                  ctx.say(w.shareRevoked(name), 'success');
                  reload();
                },
                'share',
              ),
          );
          return el(
            'li',
            { class: 'share' },
            el('span', { class: 'name' }, name),
            el('span', { class: 'meta' }, `${badge.label} · ${w.shareStatus(s.status)}`),
            el('div', { class: 'actions' }, revoke),
          );
        }),
      )
    : el('p', {}, w.noShares);
  if (!current()) return;
  host.replaceChildren(form, heading(3, w.sharedWith, 'shared-with-title'), list);
  // Which collection the form is for, once it is there (the end-to-end test waits on it).
  host.setAttribute('data-url', url);
}
