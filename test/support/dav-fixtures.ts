/**
 * Creates test calendars and address books and puts items directly on the real DAV servers (plain HTTP, like any
 * other client would). The items themselves come from ./items.ts.
 */
export const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function makeCalendar(
  homeUrl: string,
  auth: string,
  name: string,
  displayName: string,
  options: { color?: string; components?: string[] } = {},
): Promise<string> {
  const url = `${homeUrl}${name}/`;
  const comps = (options.components ?? ['VEVENT', 'VTODO']).map((c) => `<C:comp name="${c}"/>`).join('');
  const body = `<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:A="http://apple.com/ns/ical/">
<D:set><D:prop><D:displayname>${esc(displayName)}</D:displayname>
${options.color ? `<A:calendar-color>${options.color}</A:calendar-color>` : ''}
<C:supported-calendar-component-set>${comps}</C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>`;
  const res = await fetch(url, {
    method: 'MKCALENDAR',
    headers: { Authorization: auth, 'Content-Type': 'application/xml; charset=utf-8' },
    body,
  });
  if (res.status !== 201) throw new Error(`MKCALENDAR ${url}: ${res.status} ${await res.text()}`);
  return url;
}

export async function putEvent(calendarUrl: string, auth: string, uid: string, ics: string): Promise<void> {
  const res = await fetch(`${calendarUrl}${uid}.ics`, {
    method: 'PUT',
    headers: { Authorization: auth, 'Content-Type': 'text/calendar; charset=utf-8', 'If-None-Match': '*' },
    body: ics,
  });
  if (res.status !== 201 && res.status !== 204) throw new Error(`PUT ${uid}: ${res.status} ${await res.text()}`);
}

export async function makeAddressBook(homeUrl: string, auth: string, name: string): Promise<string> {
  const url = `${homeUrl}${name}/`;
  const body = `<?xml version="1.0" encoding="utf-8"?>
<D:mkcol xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><D:set><D:prop>
<D:resourcetype><D:collection/><CR:addressbook/></D:resourcetype><D:displayname>${esc(name)}</D:displayname>
</D:prop></D:set></D:mkcol>`;
  const res = await fetch(url, {
    method: 'MKCOL',
    headers: { Authorization: auth, 'Content-Type': 'application/xml; charset=utf-8' },
    body,
  });
  if (res.status !== 201) throw new Error(`MKCOL ${url}: ${res.status} ${await res.text()}`);
  return url;
}
