/**
 * DOM helpers that never interpret text as HTML: calendar names and server messages go through text nodes, so a
 * name like "<img onerror=...>" shows as text. The one HTML string the pane hands over (the mail snippet) is core's,
 * which escapes every value.
 */
type Attrs = Record<string, string | boolean | undefined>;

/** An element with attributes (true: present, false/undefined: absent) and children (strings become text). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs,
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K];
/** A Fluent web component (fluent-button...): registered by fluent.ts. */
export function el(tag: `fluent-${string}`, attrs?: Attrs, ...children: Array<Node | string>): HTMLElement;
export function el(tag: string, attrs: Attrs = {}, ...children: Array<Node | string>): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === true) node.setAttribute(k, '');
    else if (typeof v === 'string') node.setAttribute(k, v);
  }
  for (const c of children) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

/** Only colors of the form #RRGGBB(AA) reach the style; anything else shows grey. */
export function safeColor(color: string | null | undefined): string {
  return color && /^#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?$/.test(color) ? color.slice(0, 7) : '#9E9E9E';
}

/** The value of a Fluent text input or a native control. */
export const valueOf = (e: Element | null): string => String((e as { value?: unknown } | null)?.value ?? '');

/** A Fluent checkbox's (or native checkbox's) state. */
export const isChecked = (e: Element | null): boolean => Boolean((e as { checked?: unknown } | null)?.checked);

let ids = 0;
/** A fresh element id, for label/aria wiring. */
export const freshId = (prefix: string): string => `${prefix}-${++ids}`;
