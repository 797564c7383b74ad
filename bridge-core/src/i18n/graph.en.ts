import type { GraphCatalog, GraphDowngrade } from './graph.messages.js';

/** An item as the user knows it: its title, with its UID to tell two of the same title apart. */
export const namedEn = (p: { uid: string; title?: string }): string => (p.title ? `"${p.title}" (${p.uid})` : p.uid);

function downgradeEn(d: GraphDowngrade): string {
  switch (d.code) {
    case 'floating-time':
      return `its time has no zone; Outlook shows it in ${d.zone}`;
    case 'zone-converted-to-utc':
      return `Outlook does not know the zone ${d.tzid}; the times were converted to UTC (same instants)`;
    case 'recurrence-not-expressible':
      return `Outlook cannot repeat it this way (${d.rule}); Outlook shows its occurrences in the sync window as separate read-only events, the calendar server keeps the whole series`;
    case 'exceptions-not-mapped':
      return `${d.count} changed occurrence(s) fall on no occurrence Outlook has; they are not shown in Outlook, the calendar server keeps them`;
    case 'occurrence-not-restored':
      return `Outlook cannot bring back a deleted occurrence (${d.dates}); it stays deleted in Outlook until the series is changed there`;
    case 'reminder-dropped':
      return `Outlook keeps one reminder before the start; ${d.count} other reminder(s) stay on the calendar server only`;
    case 'attendees-kept-aside':
      return `its ${d.count} attendee(s) are not shown in Outlook, so that Outlook mails nobody; the calendar server keeps them`;
  }
}

export const graphEn: GraphCatalog = {
  'graph.downgrade': (p) => `Event ${namedEn(p)} in Outlook: ${downgradeEn(p.downgrade)}.`,
  'graph.unknown-zone': (p) =>
    `Event ${p.uid} uses the time zone "${p.tzid}", which neither Outlook nor this bridge knows: it was not sent to Outlook (nothing was changed on the calendar server).`,
  'graph.instance-edit-reverted': (p) =>
    `Your change to "${p.title}" in Outlook was undone: it is one occurrence of a series Outlook cannot repeat (event ${p.uid}), shown read-only there. Change the series in your calendar app.`,
  'graph.instance-deletion-reverted': (p) =>
    `"${p.title}" was deleted in Outlook and has been put back: it is one occurrence of a series Outlook cannot repeat (event ${p.uid}), shown read-only there. Delete the occurrence or the series in your calendar app.`,
  'graph.no-event': (p) => `Item ${p.id} holds no event: it was not sent to Outlook.`,
  'graph.request-failed': (p) => `Microsoft Graph refused the request (HTTP ${p.status}, ${p.code}): ${p.detail}`,
};
