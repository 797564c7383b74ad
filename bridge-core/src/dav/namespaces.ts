/** XML namespaces of the DAV family, and the prefixes we write them with. */
export const NS = {
  DAV: 'DAV:',
  CALDAV: 'urn:ietf:params:xml:ns:caldav',
  CARDDAV: 'urn:ietf:params:xml:ns:carddav',
  CS: 'http://calendarserver.org/ns/',
  APPLE: 'http://apple.com/ns/ical/',
  OC: 'http://owncloud.org/ns',
  NC: 'http://nextcloud.com/ns',
  SOGO: 'urn:inverse:params:xml:ns:inverse-dav',
} as const;

export const PREFIXES: Record<string, string> = {
  d: NS.DAV,
  c: NS.CALDAV,
  card: NS.CARDDAV,
  cs: NS.CS,
  ical: NS.APPLE,
  oc: NS.OC,
  nc: NS.NC,
};

/** A qualified name written "{namespace}local", the Clark notation used by most DAV libraries. */
export type QName = `{${string}}${string}`;

export function qname(ns: string, local: string): QName {
  return `{${ns}}${local}`;
}

export function splitQName(name: QName): { ns: string; local: string } {
  const close = name.indexOf('}');
  return { ns: name.slice(1, close), local: name.slice(close + 1) };
}
