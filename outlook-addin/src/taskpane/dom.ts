/**
 * DOM helpers that never interpret text as HTML: calendar names and server messages go through textContent, so a
 * name like "<img onerror=...>" shows as text. The one HTML string the pane builds (the mail snippet) escapes values.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

/** Only colors of the form #RRGGBB(AA) reach the style attribute; anything else shows grey. */
export function safeColor(color: string | null): string {
  return color && /^#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?$/.test(color) ? color.slice(0, 7) : '#9E9E9E';
}
