/**
 * What counts as private in a guest link. CLASS is decided per series: an override without a CLASS line inherits
 * its series' CLASS (RFC 5545 overrides only restate what changes), and any value other than PUBLIC is private
 * (RFC 5545 §3.8.1.3: unknown values are treated as PRIVATE), so CLASS:X-SECRET is never published.
 */
import type ICAL from 'ical.js';

type Component = InstanceType<typeof ICAL.Component>;

export const BUSY_SUMMARY = 'Occupé / Busy';

/** The CLASS written on a component, upper-cased; undefined when it has none. */
export function classOf(item: Component): string | undefined {
  const v = item.getFirstPropertyValue('class');
  return v === null || v === undefined || String(v).trim() === '' ? undefined : String(v).trim().toUpperCase();
}

/** True when a CLASS value hides the content from guests (everything but PUBLIC and no CLASS at all). */
export const privateClass = (cls: string | undefined): boolean => cls !== undefined && cls !== 'PUBLIC';

/**
 * True when the item's content must be hidden from guests: its own CLASS, or its series' (`master`) when it is an
 * override. A private series stays private even where an override says PUBLIC: one instance must not reveal the
 * series it belongs to.
 */
export function isPrivate(item: Component, master?: Component): boolean {
  return privateClass(classOf(item)) || (master !== undefined && privateClass(classOf(master)));
}
