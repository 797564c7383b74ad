/** Sign in: a server from the bridge's allowed list (preselected from the mailbox's address: the bridge's discovery, else a server named after its domain). */
import { el, valueOf } from '../dom.js';
import { mailboxAddress } from '../office-host.js';
import { button, heading, labelled, textInput, type PaneContext } from '../ui.js';
import { explainError, preselectServer } from '../view-model.js';

export async function showSignIn(ctx: PaneContext, root: HTMLElement, onSignedIn: () => void): Promise<void> {
  const { w } = ctx;
  const email = mailboxAddress();
  const { servers, suggested } = await ctx.api.servers(email);
  const found = preselectServer(email, servers, suggested);
  const select = el(
    'select',
    { id: 'server', name: 'server' },
    ...servers.map((s) => el('option', { value: s.id, selected: s.id === found }, s.label)),
  );
  const user = textInput('username', w.username, { autocomplete: 'username', required: true });
  const password = textInput('password', w.appPassword, {
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const submit = button(w.signIn, undefined, { type: 'submit', appearance: 'primary' });
  const form = el(
    'form',
    { 'aria-labelledby': 'signin-title', class: 'stack' },
    heading(2, w.signInTitle, 'signin-title'),
    labelled(select, w.server, found && email ? w.serverFromEmail(email) : undefined),
    user,
    password,
    el('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.say(w.loading);
    submit.setAttribute('disabled', '');
    ctx.api
      .signIn(select.value, valueOf(user), valueOf(password))
      .then(() => {
        ctx.say('');
        onSignedIn();
      })
      .catch((err: unknown) => {
        // Keep the user name, never a rejected password: it stays neither in the page nor in the field.
        (password as HTMLElement & { value: string }).value = '';
        ctx.say(explainError(err, w, 'sign-in').message, 'error');
      })
      .finally(() => submit.removeAttribute('disabled'));
  });
  root.replaceChildren(form);
}
