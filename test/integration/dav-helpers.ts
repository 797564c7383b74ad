/** Small builders shared by the integration tests. */
import { connectAccount, type DavAccount } from '../../bridge-core/src/dav/account.js';
import type { TestServer, UserName } from '../harness/servers.js';

export function event(uid: string, summary: string, start = '20261201T100000Z'): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//DAV Bridge tests//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20261122T000000Z',
    `DTSTART:${start}`,
    'DURATION:PT1H',
    `SUMMARY:${summary}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

export function card(uid: string, name: string): string {
  return ['BEGIN:VCARD', 'VERSION:3.0', `UID:${uid}`, `FN:${name}`, `N:${name};;;;`, 'END:VCARD', ''].join('\r\n');
}

export function connect(server: TestServer, user: UserName, url = server.rootUrl): Promise<DavAccount> {
  const u = server.users[user];
  return connectAccount({ serverUrl: url, auth: { type: 'basic', username: u.username, password: u.password } });
}
