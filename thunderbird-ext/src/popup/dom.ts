/**
 * The popup's element builder: elements with text (always textContent, never markup), labelled fields, buttons that
 * run one action at a time, and disclosures that fill themselves when first opened. It knows no request and no
 * word: the page and its parts (collection-card.ts, connect-form.ts) bring both.
 */

/** What a button does after its action: draw again on success, show the error otherwise. */
export interface AfterAction {
  done: () => Promise<void> | void;
  failed: (e: unknown) => void;
}

export class Builder {
  /** The last action or disclosure load started, for callers that wait for it (tests). */
  pending: Promise<void> = Promise.resolve();

  constructor(private readonly doc: Document) {}

  el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
    const e = this.doc.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  /**
   * A field with its words above it: the label wraps the control, so screen readers name the control and a click on
   * the words focuses it (no ids to keep unique across cards).
   */
  field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): HTMLLabelElement {
    const l = this.el('label', undefined, 'field');
    l.append(this.el('span', label, 'field-label'), control);
    return l;
  }

  /**
   * A button that runs `action` once at a time: disabled and marked busy meanwhile (the CSS draws a spinner, and
   * `busyLabel`, when given, says what is going on, e.g. "Syncing…"), then `after.done` or `after.failed`.
   */
  button(
    label: string,
    action: () => Promise<unknown>,
    after: AfterAction,
    options: { cls?: string; busyLabel?: string; title?: string } = {},
  ): HTMLButtonElement {
    const b = this.el('button', label, options.cls);
    b.type = 'button';
    if (options.title) b.title = options.title;
    b.addEventListener('click', () => {
      b.disabled = true;
      b.classList.add('busy');
      if (options.busyLabel) b.textContent = options.busyLabel;
      this.pending = action()
        .then(() => after.done())
        .catch((e: unknown) => after.failed(e))
        .finally(() => {
          b.disabled = false;
          b.classList.remove('busy');
          b.textContent = label;
        });
    });
    return b;
  }

  /**
   * A disclosure (details/summary) whose body is filled by `fill` each time it opens, so nothing is asked of the
   * server for a part nobody opened; `fill` gets the body to draw into.
   */
  disclosure(summary: string, cls: string, fill: (body: HTMLElement) => Promise<void>): HTMLDetailsElement {
    const details = this.el('details', undefined, cls);
    const body = this.el('div', undefined, 'disclosure-body');
    details.append(this.el('summary', summary), body);
    details.addEventListener('toggle', () => {
      if (!details.open) return;
      this.pending = fill(body);
    });
    return details;
  }
}
