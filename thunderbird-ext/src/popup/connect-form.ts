/**
 * The popup's connect form: an email address (discovery) or a server URL, a user name and an app password, stacked
 * with their labels under a disclosure that is open when no account is connected yet (the first thing to do) and
 * closed otherwise (adding a second account is rare; it should not push the collections down).
 */
import { browser } from '../browser.js';
import { ask, UiError } from '../messages.js';
import type { AfterAction, Builder } from './dom.js';

const t = (name: string) => browser.i18n.getMessage(name);

export function connectForm(ui: Builder, after: AfterAction, firstAccount: boolean): HTMLElement {
  const details = ui.el('details', undefined, 'connect');
  details.open = firstAccount;
  const form = ui.el('section', undefined, 'connect-form');
  const server = ui.el('input');
  server.type = 'text';
  server.autocomplete = 'email';
  const user = ui.el('input');
  user.type = 'text';
  user.autocomplete = 'username';
  const password = ui.el('input');
  password.type = 'password';
  password.autocomplete = 'current-password';
  form.append(
    ui.field(t('connectServer'), server),
    ui.field(t('connectUser'), user),
    ui.field(t('connectPassword'), password),
    ui.button(
      t('connectButton'),
      async () => {
        const target = connectTarget(server.value);
        if ('serverUrl' in target) await browser.permissions.request({ origins: [`${target.origin}/*`] });
        await ask(browser.runtime, {
          type: 'connect',
          ...('serverUrl' in target ? { serverUrl: target.serverUrl } : { email: target.email }),
          username: user.value.trim(),
          password: password.value,
        });
      },
      after,
      { cls: 'primary' },
    ),
    ui.el('p', t('passwordSessionOnly'), 'muted small'),
  );
  details.append(ui.el('summary', t('connectHeading')), form);
  return details;
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
