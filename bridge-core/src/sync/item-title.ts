/**
 * A short human name for an item in reports ("your change to <title> was not sent"): the event's or task's
 * SUMMARY (the series' own, not an override's), a vCard's FN; undefined when the item has none.
 */
import { identityComponents, parseComponents } from './content-lines.js';

/** Unescapes an iCalendar/vCard TEXT value (\\n, \\, \\; \\\\) for display. */
function unescapeText(value: string): string {
  return value.replace(/\\([nN,;\\])/g, (_m, c: string) => (c === 'n' || c === 'N' ? ' ' : c));
}

export function itemTitle(data: string): string | undefined {
  const components = identityComponents(parseComponents(data));
  // The master first: an override (RECURRENCE-ID) may carry a changed title of one occurrence only.
  const ordered = [
    ...components.filter((c) => !c.props.some((p) => p.name === 'RECURRENCE-ID')),
    ...components.filter((c) => c.props.some((p) => p.name === 'RECURRENCE-ID')),
  ];
  for (const c of ordered) {
    const title = c.props.find((p) => p.name === (c.name === 'VCARD' ? 'FN' : 'SUMMARY'))?.value.trim();
    if (title) return unescapeText(title);
  }
  return undefined;
}
