/**
 * The compose button's popup: pick a calendar (its guest link: the server's publishing, else the bridge's) or an
 * existing bridge guest link; the background inserts core's mail snippet at the cursor of this compose window.
 */
import { browser } from '../browser.js';
import { ask, type LinkSource } from '../messages.js';
import { errorText } from '../popup/errors.js';
import { kindLabel, markLanguage } from '../popup/view.js';

const t = (name: string, subs?: string[]) => browser.i18n.getMessage(name, subs);
const app = document.getElementById('app') as HTMLElement;
markLanguage(document, browser.i18n);

function item(label: string, source: LinkSource, tabId: number): HTMLElement {
  const b = document.createElement('button');
  b.textContent = t('composeInsertItem', [label]);
  b.addEventListener('click', () => {
    ask(browser.runtime, { type: 'insertLink', tabId, source }).then(
      () => window.close(),
      (e: unknown) => {
        const p = document.createElement('p');
        p.className = 'error';
        p.textContent = errorText(e);
        app.prepend(p);
      },
    );
  });
  const row = document.createElement('div');
  row.className = 'row';
  row.append(b);
  return row;
}

async function show(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return;
  const heading = document.createElement('h2');
  heading.textContent = t('composeTitle');
  app.replaceChildren(heading);
  for (const link of await ask(browser.runtime, { type: 'guestLinks' })) {
    app.append(item(link.collectionName, { bridgeLinkId: link.id }, tab.id));
  }
  for (const account of await ask(browser.runtime, { type: 'accounts' })) {
    for (const c of await ask(browser.runtime, { type: 'collections', accountId: account.id }).catch(() => [])) {
      if (c.kind === 'contacts') continue;
      app.append(item(`${c.name} (${kindLabel(browser.i18n, c.kind)})`, { accountId: account.id, url: c.url }, tab.id));
    }
  }
}

void show();
