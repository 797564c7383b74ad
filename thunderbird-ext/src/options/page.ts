/**
 * The options page: sync interval, bridge server URL and device token (accounts are managed in the popup).
 * The document is a parameter (options.ts passes the real one) so the page also runs under Jest on a minimal DOM.
 */
import { browser } from '../browser.js';
import { readOptions, saveOptions } from '../options-store.js';

const t = (name: string) => browser.i18n.getMessage(name);

export class OptionsPage {
  /** The last save, for callers that wait for it (tests). */
  pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly doc: Document,
    private readonly app: HTMLElement,
    private readonly errorText: (e: unknown) => string,
  ) {}

  private field(label: string, input: HTMLInputElement): HTMLElement {
    // The popup's field: words above the control, both in one label (popup.css styles it).
    const l = this.doc.createElement('label');
    l.className = 'field';
    const words = this.doc.createElement('span');
    words.className = 'field-label';
    words.textContent = label;
    l.append(words, input);
    const p = this.doc.createElement('p');
    p.append(l);
    return p;
  }

  private input(type: string, value: string): HTMLInputElement {
    const i = this.doc.createElement('input');
    i.type = type;
    i.value = value;
    return i;
  }

  async show(): Promise<void> {
    const o = await readOptions(browser.storage.local);
    const minutes = this.input('number', String(o.syncMinutes));
    minutes.min = '1';
    const url = this.input('url', o.bridgeUrl);
    const token = this.input('password', o.bridgeToken);
    const note = this.doc.createElement('p');
    const save = this.doc.createElement('button');
    save.textContent = t('optionsSave');
    save.className = 'primary';
    save.addEventListener('click', () => {
      this.pending = saveOptions(browser.storage.local, {
        syncMinutes: Number(minutes.value),
        bridgeUrl: url.value.trim(),
        bridgeToken: token.value.trim(),
      }).then(
        () => void (note.textContent = t('optionsSaved')),
        (e: unknown) => void (note.textContent = this.errorText(e)),
      );
    });
    this.app.replaceChildren(
      this.field(t('optionsSyncMinutes'), minutes),
      this.field(t('optionsBridgeUrl'), url),
      this.field(t('optionsBridgeToken'), token),
      save,
      note,
    );
  }
}
