/**
 * The parts of Microsoft Graph's event resource the bridge writes and reads (v1.0). Written out here rather
 * than imported from @microsoft/microsoft-graph-types: bridge-core is isomorphic and dependency-light, and
 * these few shapes are all the mapping needs.
 */

export interface GraphDateTime {
  /** Wall-clock time, "2026-03-02T09:00:00" (Graph may add ".0000000"). */
  dateTime: string;
  /** Windows zone name, "UTC", or one of the IANA names Graph accepts. */
  timeZone: string;
}

export type GraphDay = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';
export type GraphWeekIndex = 'first' | 'second' | 'third' | 'fourth' | 'last';

export interface GraphRecurrencePattern {
  type: 'daily' | 'weekly' | 'absoluteMonthly' | 'relativeMonthly' | 'absoluteYearly' | 'relativeYearly';
  interval: number;
  daysOfWeek?: GraphDay[];
  dayOfMonth?: number;
  month?: number;
  firstDayOfWeek?: GraphDay;
  index?: GraphWeekIndex;
}

export interface GraphRecurrenceRange {
  type: 'endDate' | 'noEnd' | 'numbered';
  startDate: string;
  endDate?: string;
  numberOfOccurrences?: number;
  recurrenceTimeZone?: string;
}

export interface GraphRecurrence {
  pattern: GraphRecurrencePattern;
  range: GraphRecurrenceRange;
}

export type GraphSensitivity = 'normal' | 'personal' | 'private' | 'confidential';
export type GraphShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';

export interface GraphExtendedProperty {
  id: string;
  value: string;
}

/** What the bridge sends on create/update. Never `attendees`: Graph would mail them (see mapping.ts). */
export interface GraphEventWrite {
  subject: string;
  body: { contentType: 'text' | 'html'; content: string };
  location: { displayName: string };
  start: GraphDateTime;
  end: GraphDateTime;
  isAllDay: boolean;
  recurrence: GraphRecurrence | null;
  sensitivity: GraphSensitivity;
  showAs: GraphShowAs;
  categories: string[];
  isReminderOn: boolean;
  reminderMinutesBeforeStart: number;
  singleValueExtendedProperties?: GraphExtendedProperty[];
  transactionId?: string;
}

/** What Graph returns (the fields the bridge reads; others are ignored). */
export interface GraphEventRead extends Partial<Omit<GraphEventWrite, 'transactionId'>> {
  id: string;
  changeKey?: string;
  iCalUId?: string;
  '@odata.etag'?: string;
  '@removed'?: { reason: string };
  type?: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';
  seriesMasterId?: string;
  /** An occurrence's start as the series' rule placed it (a UTC instant, ISO 8601). */
  originalStart?: string;
  /** A series master's deleted occurrences, `OID.<master id>.<yyyy-mm-dd>` (v1.0, on `$select` only). */
  cancelledOccurrences?: string[];
}
