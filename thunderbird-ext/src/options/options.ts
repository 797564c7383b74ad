/** The options page: sync interval, bridge server URL and device token (accounts are managed in the popup). */
import { browser } from '../browser.js';
import { readOptions, saveOptions } from '../options-store.js';

const t = (name: string) => browser.i18n.getMessage(name);
const app = document.getElementById('app') as HTMLElement;

function field(label: string, input: HTMLInputElement): HTMLElement {
  const l = document.createElement('label');
  l.textContent = label;
  l.append(input);
  const p = document.createElement('p');
  p.append(l);
  return p;
}

async function show(): Promise<void> {
  const o = await readOptions(browser.storage.local);
  const minutes = Object.assign(document.createElement('input'), {
    type: 'number',
    min: '1',
    value: String(o.syncMinutes),
  });
  const url = Object.assign(document.createElement('input'), { type: 'url', value: o.bridgeUrl });
  const token = Object.assign(document.createElement('input'), { type: 'password', value: o.bridgeToken });
  const note = document.createElement('p');
  const save = document.createElement('button');
  save.textContent = t('optionsSave');
  save.addEventListener('click', () => {
    saveOptions(browser.storage.local, {
      syncMinutes: Number(minutes.value),
      bridgeUrl: url.value.trim(),
      bridgeToken: token.value.trim(),
    }).then(
      () => (note.textContent = t('optionsSaved')),
      (e: unknown) => (note.textContent = String((e as Error).message)),
    );
  });
  app.replaceChildren(
    field(t('optionsSyncMinutes'), minutes),
    field(t('optionsBridgeUrl'), url),
    field(t('optionsBridgeToken'), token),
    save,
    note,
  );
}

void show();
