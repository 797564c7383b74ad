/**
 * What the Graph fake accepts, written from Microsoft Graph v1.0's documented contract (event resource,
 * calendar resource, dateTimeTimeZone, patternedRecurrence). Kept apart from bridge-core on purpose: the fake
 * must not agree with the code under test by sharing its tables. The names are checked against Microsoft's own
 * resource types (`@microsoft/microsoft-graph-types`, types only): a name Graph does not have fails to compile.
 */
import type {
  CalendarColor,
  DayOfWeek,
  Event,
  FreeBusyStatus,
  RecurrencePatternType,
  RecurrenceRangeType,
  Sensitivity,
  WeekIndex,
} from '@microsoft/microsoft-graph-types';

/** A set of Graph names, each checked at compile time against Microsoft's type, looked up with any string. */
export function graphNames<Name extends string>(...names: Name[]): ReadonlySet<string> {
  return new Set<string>(names);
}

/** Properties of microsoft.graph.event a client may send (read-only ones are rejected like unknown ones). */
export const WRITABLE_EVENT_PROPERTIES = graphNames<keyof Event>(
  'subject',
  'body',
  'start',
  'end',
  'location',
  'locations',
  'isAllDay',
  'recurrence',
  'sensitivity',
  'showAs',
  'categories',
  'isReminderOn',
  'reminderMinutesBeforeStart',
  'attendees',
  'organizer',
  'importance',
  'transactionId',
  'singleValueExtendedProperties',
  'multiValueExtendedProperties',
  'responseRequested',
  'allowNewTimeProposals',
  'isOnlineMeeting',
  'onlineMeetingProvider',
  'hideAttendees',
  'isCancelled',
);

export const CALENDAR_COLORS = graphNames<CalendarColor>(
  'auto',
  'lightBlue',
  'lightGreen',
  'lightOrange',
  'lightGray',
  'lightYellow',
  'lightTeal',
  'lightPink',
  'lightBrown',
  'lightRed',
  'maxColor',
);

export const SENSITIVITIES = graphNames<Sensitivity>('normal', 'personal', 'private', 'confidential');
export const SHOW_AS = graphNames<FreeBusyStatus>('free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown');
export const PATTERN_TYPES = graphNames<RecurrencePatternType>(
  'daily',
  'weekly',
  'absoluteMonthly',
  'relativeMonthly',
  'absoluteYearly',
  'relativeYearly',
);
export const DAYS = graphNames<DayOfWeek>('sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday');
export const WEEK_INDEX = graphNames<WeekIndex>('first', 'second', 'third', 'fourth', 'last');
export const RANGE_TYPES = graphNames<RecurrenceRangeType>('endDate', 'noEnd', 'numbered');

/**
 * Time zones Graph takes in `dateTimeTimeZone.timeZone`: Windows zone names (a common subset of the Windows
 * list) and a few IANA names from the documented supported subset. Anything else is rejected.
 */
export const KNOWN_TIME_ZONES = new Set([
  'UTC',
  'Dateline Standard Time',
  'Hawaiian Standard Time',
  'Alaskan Standard Time',
  'Pacific Standard Time',
  'Mountain Standard Time',
  'US Mountain Standard Time',
  'Central Standard Time',
  'Eastern Standard Time',
  'Atlantic Standard Time',
  'Newfoundland Standard Time',
  'E. South America Standard Time',
  'SA Pacific Standard Time',
  'Argentina Standard Time',
  'GMT Standard Time',
  'Greenwich Standard Time',
  'W. Europe Standard Time',
  'Romance Standard Time',
  'Central Europe Standard Time',
  'Central European Standard Time',
  'E. Europe Standard Time',
  'GTB Standard Time',
  'FLE Standard Time',
  'Israel Standard Time',
  'Egypt Standard Time',
  'South Africa Standard Time',
  'Russian Standard Time',
  'Turkey Standard Time',
  'Arabian Standard Time',
  'India Standard Time',
  'China Standard Time',
  'Singapore Standard Time',
  'Tokyo Standard Time',
  'Korea Standard Time',
  'AUS Eastern Standard Time',
  'New Zealand Standard Time',
  'Morocco Standard Time',
  'W. Central Africa Standard Time',
  'Reunion Standard Time',
  'Mauritius Standard Time',
  'SA Western Standard Time',
  // IANA names of the documented supported subset (a few).
  'Etc/GMT',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Tokyo',
]);

/**
 * The IANA zone of each Windows zone the fake accepts (CLDR's windowsZones "001" territory), so the fake can put
 * an occurrence's wall time on the timeline (`originalStart` is a UTC instant). Kept here, apart from
 * bridge-core's own table, for the same reason as the rest of this file.
 */
export const WINDOWS_TO_IANA: Record<string, string> = {
  UTC: 'UTC',
  'Dateline Standard Time': 'Etc/GMT+12',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
  'Alaskan Standard Time': 'America/Anchorage',
  'Pacific Standard Time': 'America/Los_Angeles',
  'Mountain Standard Time': 'America/Denver',
  'US Mountain Standard Time': 'America/Phoenix',
  'Central Standard Time': 'America/Chicago',
  'Eastern Standard Time': 'America/New_York',
  'Atlantic Standard Time': 'America/Halifax',
  'Newfoundland Standard Time': 'America/St_Johns',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'SA Pacific Standard Time': 'America/Bogota',
  'Argentina Standard Time': 'America/Buenos_Aires',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'GTB Standard Time': 'Europe/Bucharest',
  'FLE Standard Time': 'Europe/Kiev',
  'Israel Standard Time': 'Asia/Jerusalem',
  'Egypt Standard Time': 'Africa/Cairo',
  'South Africa Standard Time': 'Africa/Johannesburg',
  'Russian Standard Time': 'Europe/Moscow',
  'Turkey Standard Time': 'Europe/Istanbul',
  'Arabian Standard Time': 'Asia/Dubai',
  'India Standard Time': 'Asia/Calcutta',
  'China Standard Time': 'Asia/Shanghai',
  'Singapore Standard Time': 'Asia/Singapore',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Korea Standard Time': 'Asia/Seoul',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'New Zealand Standard Time': 'Pacific/Auckland',
  'Morocco Standard Time': 'Africa/Casablanca',
  'W. Central Africa Standard Time': 'Africa/Lagos',
  'Reunion Standard Time': 'Indian/Reunion',
  'Mauritius Standard Time': 'Indian/Mauritius',
  'SA Western Standard Time': 'America/La_Paz',
  'Etc/GMT': 'Etc/GMT',
  'Europe/London': 'Europe/London',
  'Europe/Paris': 'Europe/Paris',
  'Europe/Berlin': 'Europe/Berlin',
  'America/New_York': 'America/New_York',
  'America/Los_Angeles': 'America/Los_Angeles',
  'Asia/Tokyo': 'Asia/Tokyo',
};

/** Properties an occurrence or exception of a series takes in a PATCH (not its recurrence: that is the master's). */
export const WRITABLE_OCCURRENCE_PROPERTIES = new Set(
  [...WRITABLE_EVENT_PROPERTIES].filter((p) => !['recurrence', 'transactionId'].includes(p)),
);
