/**
 * Time zones between iCalendar (IANA TZIDs, as CalDAV servers and Thunderbird write them) and Microsoft Graph
 * (Windows zone names; only a listed subset of IANA names is accepted). The table holds the common zones
 * (Unicode CLDR windowsZones, territory "001" = the zone Windows names it after); a zone outside it is
 * converted exactly to UTC (a downgrade the mapping reports), never guessed.
 *
 * Wall-clock conversions use Intl, present in every runtime bridge-core targets (Node, browsers, Thunderbird).
 */

/** IANA name -> Windows name. Several IANA names share one Windows zone (same rules). */
const IANA_TO_WINDOWS: Record<string, string> = {
  'Etc/UTC': 'UTC',
  UTC: 'UTC',
  'Etc/GMT': 'UTC',
  'Pacific/Honolulu': 'Hawaiian Standard Time',
  'America/Anchorage': 'Alaskan Standard Time',
  'America/Los_Angeles': 'Pacific Standard Time',
  'America/Denver': 'Mountain Standard Time',
  'America/Phoenix': 'US Mountain Standard Time',
  'America/Chicago': 'Central Standard Time',
  'America/New_York': 'Eastern Standard Time',
  'America/Toronto': 'Eastern Standard Time',
  'America/Montreal': 'Eastern Standard Time',
  'America/Halifax': 'Atlantic Standard Time',
  'America/St_Johns': 'Newfoundland Standard Time',
  'America/Sao_Paulo': 'E. South America Standard Time',
  'America/Bogota': 'SA Pacific Standard Time',
  'America/Argentina/Buenos_Aires': 'Argentina Standard Time',
  'America/Martinique': 'SA Western Standard Time',
  'America/Guadeloupe': 'SA Western Standard Time',
  'Europe/London': 'GMT Standard Time',
  'Europe/Dublin': 'GMT Standard Time',
  'Europe/Lisbon': 'GMT Standard Time',
  'Atlantic/Reykjavik': 'Greenwich Standard Time',
  'Africa/Abidjan': 'Greenwich Standard Time',
  'Africa/Dakar': 'Greenwich Standard Time',
  'Europe/Berlin': 'W. Europe Standard Time',
  'Europe/Amsterdam': 'W. Europe Standard Time',
  'Europe/Rome': 'W. Europe Standard Time',
  'Europe/Zurich': 'W. Europe Standard Time',
  'Europe/Vienna': 'W. Europe Standard Time',
  'Europe/Luxembourg': 'W. Europe Standard Time',
  'Europe/Monaco': 'W. Europe Standard Time',
  'Europe/Paris': 'Romance Standard Time',
  'Europe/Brussels': 'Romance Standard Time',
  'Europe/Madrid': 'Romance Standard Time',
  'Europe/Copenhagen': 'Romance Standard Time',
  'Europe/Prague': 'Central Europe Standard Time',
  'Europe/Budapest': 'Central Europe Standard Time',
  'Europe/Warsaw': 'Central European Standard Time',
  'Europe/Athens': 'GTB Standard Time',
  'Europe/Bucharest': 'GTB Standard Time',
  'Europe/Helsinki': 'FLE Standard Time',
  'Europe/Kiev': 'FLE Standard Time',
  'Europe/Kyiv': 'FLE Standard Time',
  'Europe/Istanbul': 'Turkey Standard Time',
  'Europe/Moscow': 'Russian Standard Time',
  'Asia/Jerusalem': 'Israel Standard Time',
  'Africa/Cairo': 'Egypt Standard Time',
  'Africa/Johannesburg': 'South Africa Standard Time',
  'Africa/Casablanca': 'Morocco Standard Time',
  'Africa/Lagos': 'W. Central Africa Standard Time',
  'Africa/Algiers': 'W. Central Africa Standard Time',
  'Africa/Tunis': 'W. Central Africa Standard Time',
  'Indian/Reunion': 'Reunion Standard Time',
  'Indian/Mauritius': 'Mauritius Standard Time',
  'Asia/Dubai': 'Arabian Standard Time',
  'Asia/Kolkata': 'India Standard Time',
  'Asia/Shanghai': 'China Standard Time',
  'Asia/Hong_Kong': 'China Standard Time',
  'Asia/Singapore': 'Singapore Standard Time',
  'Asia/Tokyo': 'Tokyo Standard Time',
  'Asia/Seoul': 'Korea Standard Time',
  'Australia/Sydney': 'AUS Eastern Standard Time',
  'Australia/Melbourne': 'AUS Eastern Standard Time',
  'Pacific/Auckland': 'New Zealand Standard Time',
};

/** Windows name -> the IANA zone CLDR names for it (territory 001). */
const WINDOWS_TO_IANA: Record<string, string> = {
  UTC: 'Etc/UTC',
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
  'Argentina Standard Time': 'America/Argentina/Buenos_Aires',
  'SA Western Standard Time': 'America/La_Paz',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'GTB Standard Time': 'Europe/Bucharest',
  'FLE Standard Time': 'Europe/Kiev',
  'Turkey Standard Time': 'Europe/Istanbul',
  'Russian Standard Time': 'Europe/Moscow',
  'Israel Standard Time': 'Asia/Jerusalem',
  'Egypt Standard Time': 'Africa/Cairo',
  'South Africa Standard Time': 'Africa/Johannesburg',
  'Morocco Standard Time': 'Africa/Casablanca',
  'W. Central Africa Standard Time': 'Africa/Lagos',
  'Reunion Standard Time': 'Indian/Reunion',
  'Mauritius Standard Time': 'Indian/Mauritius',
  'Arabian Standard Time': 'Asia/Dubai',
  'India Standard Time': 'Asia/Kolkata',
  'China Standard Time': 'Asia/Shanghai',
  'Singapore Standard Time': 'Asia/Singapore',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Korea Standard Time': 'Asia/Seoul',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'New Zealand Standard Time': 'Pacific/Auckland',
};

/** The Windows name Graph takes for a TZID: an IANA name of the table, or a Windows name already. */
export function windowsZoneFor(tzid: string): string | undefined {
  return IANA_TO_WINDOWS[tzid] ?? (WINDOWS_TO_IANA[tzid] ? tzid : undefined);
}

/** The IANA zone for a zone name Graph returned (Windows name, or one of the IANA names it accepts). */
export function ianaZoneFor(graphZone: string): string | undefined {
  if (WINDOWS_TO_IANA[graphZone]) return WINDOWS_TO_IANA[graphZone];
  return isIanaZone(graphZone) ? graphZone : undefined;
}

/** Whether two zone names mean the same Windows zone (a TZID kept as written when Graph did not move it). */
export function sameZone(tzid: string, graphZone: string): boolean {
  const w = windowsZoneFor(tzid);
  return w !== undefined && w === windowsZoneFor(graphZone);
}

export function isIanaZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

// Wall-clock arithmetic is shared with the guest agenda: it lives in core's time module.
export { instantOf, wallAt, wallToMs, type Wall } from '../time/wall-clock.js';

/** Every Windows zone of the table with its IANA zone (candidates for a custom VTIMEZONE). */
export function knownWindowsZones(): [windows: string, iana: string][] {
  return Object.entries(WINDOWS_TO_IANA);
}
