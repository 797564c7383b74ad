/**
 * A minimal DOM for the popup and options pages under Jest (no jsdom in this repository, and no new dependency):
 * elements, text, attributes as properties or by name, style, click listeners, and the tree calls the pages use
 * (append, prepend, replaceChildren). It has no HTML parser on purpose: setting innerHTML throws, so a page that
 * tried to put server text in as markup fails its test instead of passing by luck. `html()` serializes the tree
 * the way a browser does (text escaped), for assertions about what a user would see.
 */
type Child = MiniElement | MiniText;

export class MiniText {
  constructor(public data: string) {}
  get textContent(): string {
    return this.data;
  }
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

export class MiniElement {
  readonly tagName: string;
  children: Child[] = [];
  parent: MiniElement | undefined;
  className = '';
  disabled = false;
  value = '';
  type = '';
  placeholder = '';
  min = '';
  title = '';
  /** A <details>' state; a click on its <summary> flips it and fires "toggle", as in a browser. */
  open = false;
  readOnly = false;
  readonly style: Record<string, string> = {};
  /** Attributes set by name (aria-label...). */
  private readonly attributes = new Map<string, string>();
  private readonly listeners = new Map<string, ((event: unknown) => void)[]>();

  constructor(tag: string) {
    this.tagName = tag.toUpperCase();
  }

  get textContent(): string {
    return this.children.map((c) => c.textContent).join('');
  }
  /** The class names, as a browser's classList over className. */
  get classList(): { add(name: string): void; remove(name: string): void; contains(name: string): boolean } {
    const names = () => this.className.split(/\s+/).filter(Boolean);
    return {
      add: (name) => void (this.className = [...new Set([...names(), name])].join(' ')),
      remove: (name) =>
        void (this.className = names()
          .filter((n) => n !== name)
          .join(' ')),
      contains: (name) => names().includes(name),
    };
  }
  set textContent(text: string) {
    this.replaceChildren(text);
  }
  set innerHTML(_html: string) {
    throw new Error('minimal DOM: no HTML parser (server text must go in as text)');
  }

  private adopt(nodes: (Child | string)[]): Child[] {
    return nodes.map((n) => {
      const child = typeof n === 'string' ? new MiniText(n) : n;
      if (child instanceof MiniElement) {
        child.parent?.remove(child);
        child.parent = this;
      }
      return child;
    });
  }
  private remove(child: Child): void {
    this.children = this.children.filter((c) => c !== child);
  }
  // Adopted first: moving a node that is already a child here replaces `children` (as a browser moves it).
  append(...nodes: (Child | string)[]): void {
    const adopted = this.adopt(nodes);
    this.children.push(...adopted);
  }
  prepend(...nodes: (Child | string)[]): void {
    const adopted = this.adopt(nodes);
    this.children.unshift(...adopted);
  }
  replaceChildren(...nodes: (Child | string)[]): void {
    for (const c of this.children) if (c instanceof MiniElement) c.parent = undefined;
    this.children = [];
    this.append(...nodes.filter((n) => n !== ''));
  }

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  /** A user's click: nothing happens on a disabled button, as in a browser. */
  click(): void {
    if (this.disabled) return;
    for (const l of this.listeners.get('click') ?? []) l({ type: 'click', target: this });
    if (this.tagName === 'SUMMARY' && this.parent?.tagName === 'DETAILS') this.parent.setOpen(!this.parent.open);
  }
  /** Opens or closes a <details> and fires its "toggle" event, as a browser does when the state changes. */
  setOpen(open: boolean): void {
    if (this.open === open) return;
    this.open = open;
    for (const l of this.listeners.get('toggle') ?? []) l({ type: 'toggle', target: this });
  }

  /** Every element below this one (depth first), this one excluded. */
  descendants(): MiniElement[] {
    return this.children.flatMap((c) => (c instanceof MiniElement ? [c, ...c.descendants()] : []));
  }
  /** Elements of a tag below this one, e.g. all('button'). */
  all(tag: string): MiniElement[] {
    return this.descendants().filter((e) => e.tagName === tag.toUpperCase());
  }
  /** The first element of a tag whose text is `text` (or matches it); throws when none is. */
  find(tag: string, text: string | RegExp): MiniElement {
    const found = this.all(tag).find((e) =>
      typeof text === 'string' ? e.textContent === text : text.test(e.textContent),
    );
    if (!found) throw new Error(`no <${tag}> with text ${String(text)} in: ${this.html()}`);
    return found;
  }

  /** The tree as a browser would serialize it (text escaped). */
  html(): string {
    const tag = this.tagName.toLowerCase();
    const attrs = [
      this.className && ` class="${escapeAttr(this.className)}"`,
      this.type && ` type="${escapeAttr(this.type)}"`,
      this.placeholder && ` placeholder="${escapeAttr(this.placeholder)}"`,
      ...[...this.attributes].map(([k, v]) => ` ${k}="${escapeAttr(v)}"`),
      this.title && ` title="${escapeAttr(this.title)}"`,
      this.open ? ' open' : '',
      Object.keys(this.style).length
        ? ` style="${escapeAttr(
            Object.entries(this.style)
              .map(([k, v]) => `${k}: ${v}`)
              .join('; '),
          )}"`
        : '',
    ].join('');
    const inner = this.children.map((c) => (c instanceof MiniElement ? c.html() : escapeText(c.data))).join('');
    return `<${tag}${attrs}>${inner}</${tag}>`;
  }
}

/** A document with just createElement; `root` stands for the page's <main id="app">. */
export function miniDocument(): { document: Document; root: MiniElement } {
  const doc = { createElement: (tag: string) => new MiniElement(tag) };
  return { document: doc as unknown as Document, root: new MiniElement('main') };
}

/** Lets the page's pending promises and the stand-in's messages run. */
export async function flush(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}
