/**
 * What the Graph fake accepts, written from Microsoft Graph v1.0's documented contract (event resource,
 * calendar resource, dateTimeTimeZone, patternedRecurrence). Kept apart from bridge-core on purpose: the fake
 * must not agree with the code under test by sharing its tables.
 */

/** Properties of microsoft.graph.event a client may send (read-only ones are rejected like unknown ones). */
export const WRITABLE_EVENT_PROPERTIES = new Set([
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
]);

export const CALENDAR_COLORS = new Set([
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
]);

export const SENSITIVITIES = new Set(['normal', 'personal', 'private', 'confidential']);
export const SHOW_AS = new Set(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']);
export const PATTERN_TYPES = new Set([
  'daily',
  'weekly',
  'absoluteMonthly',
  'relativeMonthly',
  'absoluteYearly',
  'relativeYearly',
]);
export const DAYS = new Set(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']);
export const WEEK_INDEX = new Set(['first', 'second', 'third', 'fourth', 'last']);
export const RANGE_TYPES = new Set(['endDate', 'noEnd', 'numbered']);

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
