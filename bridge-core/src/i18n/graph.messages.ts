/**
 * Words of the Outlook sync through Microsoft Graph (graph/): what the mapping could not carry exactly (a
 * downgrade, reported to the user), and why an item could not go to Outlook.
 */

/** What an iCalendar event lost, or how it was changed, on its way into Outlook. */
export type GraphDowngrade =
  /** A floating time (no zone) was pinned to the calendar's zone. */
  | { code: 'floating-time'; zone: string }
  /** A zone Graph does not know was converted to UTC (same instants, Outlook shows UTC). */
  | { code: 'zone-converted-to-utc'; tzid: string }
  /** A rule Graph cannot express: Outlook shows the first occurrence only; the DAV side keeps the series. */
  | { code: 'recurrence-not-expressible'; rule: string }
  /** Overrides whose RECURRENCE-ID is no occurrence of the series in Graph: not shown in Outlook, kept on the DAV side. */
  | { code: 'exceptions-not-mapped'; count: number }
  /** Occurrences deleted in Outlook that the DAV side has again: Graph cannot restore a deleted occurrence. */
  | { code: 'occurrence-not-restored'; dates: string }
  /** Only one reminder, relative to the start, exists in Outlook. */
  | { code: 'reminder-dropped'; count: number }
  /** Attendees stay on the DAV side (sending them would make Graph mail them). */
  | { code: 'attendees-kept-aside'; count: number };

export interface GraphMessageParams {
  /** `title`: the event's summary, so the user knows which one (the UID alone means nothing to them). */
  'graph.downgrade': { uid: string; downgrade: GraphDowngrade; title?: string };
  'graph.unknown-zone': { uid: string; tzid: string };
  'graph.no-event': { id: string };
  /** An Outlook edit of a read-only instance of a series Outlook cannot hold, undone. */
  'graph.instance-edit-reverted': { uid: string; title: string };
  /** An Outlook deletion of a read-only instance of a series Outlook cannot hold, undone (the instance made again). */
  'graph.instance-deletion-reverted': { uid: string; title: string };
  'graph.request-failed': { status: number; code: string; detail: string };
}

export type GraphCatalog = { [K in keyof GraphMessageParams]: (params: GraphMessageParams[K]) => string };
