/**
 * The pane's building blocks on Fluent 2 web components: labelled inputs, buttons, badges, the status line, and the
 * context every view receives (API, words, language, how to report). Every control gets a visible label or an
 * accessible name; text always goes in as text.
 */
import type { BridgeApi } from './api.js';
import { el, freshId } from './dom.js';
import { explainError, type ErrorContext, type Lang, type PaneWords } from './view-model.js';

export interface PaneContext {
  api: BridgeApi;
  lang: Lang;
  w: PaneWords;
  /** Shows a message in the status line (a Fluent message bar, announced politely). */
  say(message: string, kind?: 'info' | 'success' | 'error' | 'warning'): void;
  /** Shows an error in plain words; a lost session goes back to the sign-in form. */
  fail(err: unknown, context?: ErrorContext): void;
}

export function statusLine(host: HTMLElement): Pick<PaneContext, 'say'> {
  const bar = el('fluent-message-bar', { layout: 'multiline', shape: 'rounded' });
  bar.hidden = true;
  host.replaceChildren(bar);
  return {
    say(message, kind = 'info') {
      bar.textContent = message;
      bar.setAttribute('intent', kind);
      bar.hidden = message === '';
      host.className = message ? kind : '';
    },
  };
}

/** A Fluent text input whose label is its slotted text (Fluent wires it to the inner input). */
export function textInput(
  id: string,
  label: string,
  attrs: Record<string, string | boolean | undefined> = {},
): HTMLElement {
  return el('fluent-text-input', { id, name: id, 'control-size': 'medium', ...attrs }, label);
}

/** A native control (select, date) labelled above it, styled with Fluent's tokens in taskpane.css. */
export function labelled(control: HTMLElement, label: string, hint?: string): HTMLElement {
  control.id ||= freshId('control');
  const children: Array<Node | string> = [el('label', { for: control.id }, label), control];
  if (hint) {
    const hintId = freshId('hint');
    control.setAttribute('aria-describedby', hintId);
    children.push(el('span', { id: hintId, class: 'hint' }, hint));
  }
  return el('div', { class: 'control' }, ...children);
}

export function button(
  label: string,
  onClick: (() => void) | undefined,
  attrs: Record<string, string | boolean | undefined> = {},
): HTMLElement {
  // aria-disabled besides disabled: Fluent's button states its disabled state only through ElementInternals, and
  // checkers reading the DOM (axe-core) must know its greyed text is an inactive control's.
  const b = el(
    'fluent-button',
    { type: 'button', ...attrs, ...(attrs.disabled ? { 'aria-disabled': 'true' } : {}) },
    label,
  );
  if (onClick) b.addEventListener('click', onClick);
  return b;
}

/** A Fluent checkbox with its label (fluent-field links them). */
export function checkbox(id: string, label: string, checked = false, disabled = false): HTMLElement {
  return el(
    'fluent-field',
    { 'label-position': 'after' },
    el('label', { slot: 'label', for: id }, label),
    el('fluent-checkbox', { slot: 'input', id, name: id, checked, disabled }),
  );
}

export function badge(label: string, color: string, title?: string): HTMLElement {
  return el('fluent-badge', { appearance: 'tint', color, shape: 'rounded', title, class: 'rights' }, label);
}

export function heading(level: 2 | 3, text: string, id?: string): HTMLElement {
  return el(level === 2 ? 'h2' : 'h3', { id }, text);
}

/** A select of collections (calendar names are text: option labels never parse HTML). */
export function collectionSelect(id: string, items: Array<{ url: string; name: string }>): HTMLSelectElement {
  return el('select', { id, name: id }, ...items.map((c) => el('option', { value: c.url }, c.name)));
}

/** Runs an action with its button disabled and a spinner beside it, reporting failures. */
export async function busy<T>(
  ctx: PaneContext,
  trigger: HTMLElement | undefined,
  run: () => Promise<T>,
  errorContext?: ErrorContext,
): Promise<T | undefined> {
  trigger?.setAttribute('disabled', '');
  trigger?.setAttribute('aria-busy', 'true');
  try {
    return await run();
  } catch (err) {
    ctx.fail(err, errorContext);
    return undefined;
  } finally {
    trigger?.removeAttribute('disabled');
    trigger?.removeAttribute('aria-busy');
  }
}

export function explain(ctx: PaneContext, err: unknown, context?: ErrorContext): string {
  return explainError(err, ctx.w, context).message;
}

/** Disables a Fluent control for good (with aria-disabled: see button()). */
export function disable(control: HTMLElement): void {
  control.setAttribute('disabled', '');
  control.setAttribute('aria-disabled', 'true');
}
