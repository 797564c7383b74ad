/**
 * The demo scenario (from the seed documents): Gilles leads a technical team of three (Gilles Buisson, Alexandre
 * Bernard, David Lanteri). He owns the team calendar "Équipe technique", the task list "Tâches de l'équipe tech" and
 * the address book "Contacts Équipe tech", all shared read-write with Alexandre and David; each has a personal
 * calendar. A guest (François, outside the company) gets a password-protected guest link to the team calendar.
 * Seeding runs once (marker file) through bridge-core, like any client would.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAddressBook, createCalendar, createItem, createTransport } from '@dav-bridge/core';
import { DEMO_USERS, TEAM_SLUGS } from './radicale.js';
import { message, onOneLine } from '../words.js';

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function event(uid: string, summary: string, start: Date, minutes: number, extra: string[] = []): string {
  const end = new Date(start.getTime() + minutes * 60_000);
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//DAV Bridge//demo//FR',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${stamp(new Date())}`,
    `DTSTART:${stamp(start)}`,
    `DTEND:${stamp(end)}`,
    `SUMMARY:${summary}`,
    ...extra,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

function todo(uid: string, summary: string, due: Date, extra: string[] = []): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//DAV Bridge//demo//FR',
    'BEGIN:VTODO',
    `UID:${uid}`,
    `DTSTAMP:${stamp(new Date())}`,
    `DUE:${stamp(due)}`,
    `SUMMARY:${summary}`,
    'STATUS:NEEDS-ACTION',
    ...extra,
    'END:VTODO',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

function card(uid: string, fn: string, family: string, given: string, email: string): string {
  return [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `UID:${uid}`,
    `FN:${fn}`,
    `N:${family};${given};;;`,
    `EMAIL;TYPE=WORK:${email}`,
    'ORG:Namebay;Équipe technique',
    'END:VCARD',
    '',
  ].join('\r\n');
}

/** A day counted from today at the given UTC hour: the demo agenda is never empty, whenever it is first run. */
function thisWeek(dayOffset: number, hourUtc: number): Date {
  const d = new Date();
  d.setUTCHours(hourUtc, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + dayOffset);
  return d;
}

export async function seedDemo(baseUrl: string, dataDir: string, log: (line: string) => void): Promise<void> {
  const marker = join(dataDir, 'demo-radicale', 'seeded');
  if (existsSync(marker)) return;
  log(onOneLine(message('server.demo-seeding', {})));
  const users = Object.fromEntries(DEMO_USERS.map((u) => [u.username, u]));
  const tr = (name: string) => {
    const u = users[name]!;
    return createTransport({ auth: { type: 'basic', username: u.username, password: u.password } });
  };
  const home = (name: string) => `${baseUrl}${name}/`;
  // Radicale creates a principal's collection on its first authenticated request.
  for (const u of DEMO_USERS)
    await tr(u.username).request({ method: 'PROPFIND', url: home(u.username), depth: '0', accept: [207, 404] });

  const g = tr('gilles');
  const team = await createCalendar(g, home('gilles'), {
    name: 'Équipe technique',
    slug: TEAM_SLUGS.calendar,
    color: '#2E7D32',
    description: 'Calendrier commun de l’équipe technique',
  });
  const tasks = await createCalendar(g, home('gilles'), {
    name: 'Tâches de l’équipe tech',
    slug: TEAM_SLUGS.tasks,
    color: '#F9A825',
    components: ['VTODO'],
  });
  const contacts = await createAddressBook(g, home('gilles'), {
    name: 'Contacts Équipe tech',
    slug: TEAM_SLUGS.contacts,
  });

  await createItem(
    g,
    team,
    'point-hebdo.ics',
    event('demo-point-hebdo', 'Point hebdo de l’équipe', thisWeek(0, 8), 60, [
      'RRULE:FREQ=WEEKLY;COUNT=12',
      'LOCATION:Salle Lumière',
      'DESCRIPTION:Tour de table et priorités de la semaine',
    ]),
    'calendar',
  );
  await createItem(
    g,
    team,
    'migration.ics',
    event('demo-migration', 'Migration du serveur de messagerie', thisWeek(2, 13), 180, [
      'LOCATION:Datacenter Marseille',
    ]),
    'calendar',
  );
  await createItem(
    g,
    team,
    'astreinte.ics',
    event('demo-astreinte', 'Astreinte David', thisWeek(4, 7), 600, ['CLASS:PUBLIC']),
    'calendar',
  );
  await createItem(
    g,
    team,
    'rdv-medical.ics',
    event('demo-private', 'Rendez-vous médical (Gilles)', thisWeek(3, 9), 60, [
      'CLASS:PRIVATE',
      'LOCATION:Cabinet du Dr Martin',
    ]),
    'calendar',
  );
  await createItem(
    g,
    team,
    'demo-client.ics',
    event('demo-client', 'Démo client Zourit', thisWeek(8, 14), 90, ['LOCATION:Visio']),
    'calendar',
  );

  await createItem(
    g,
    tasks,
    'sauvegardes.ics',
    todo('demo-todo-1', 'Vérifier les sauvegardes', thisWeek(1, 16)),
    'calendar',
  );
  await createItem(
    g,
    tasks,
    'certificats.ics',
    todo('demo-todo-2', 'Renouveler les certificats TLS', thisWeek(5, 16)),
    'calendar',
  );
  await createItem(
    g,
    tasks,
    'doc.ics',
    todo('demo-todo-3', 'Rédiger la doc de partage des agendas', thisWeek(9, 16)),
    'calendar',
  );

  await createItem(
    g,
    contacts,
    'gilles.vcf',
    card('demo-card-gilles', 'Gilles Buisson', 'Buisson', 'Gilles', 'gilles.buisson@namebay.fr'),
    'addressbook',
  );
  await createItem(
    g,
    contacts,
    'alexandre.vcf',
    card('demo-card-alexandre', 'Alexandre Bernard', 'Bernard', 'Alexandre', 'alexandre.bernard@namebay.fr'),
    'addressbook',
  );
  await createItem(
    g,
    contacts,
    'david.vcf',
    card('demo-card-david', 'David Lanteri', 'Lanteri', 'David', 'david.lanteri@namebay.fr'),
    'addressbook',
  );

  for (const [user, color] of [
    ['alexandre', '#1565C0'],
    ['david', '#8E24AA'],
  ] as const) {
    const t = tr(user);
    const cal = await createCalendar(t, home(user), {
      name: `Agenda de ${users[user]!.displayName}`,
      slug: 'personnel',
      color,
    });
    await createItem(
      t,
      cal,
      'perso.ics',
      event(`demo-${user}-perso`, 'Formation CalDAV', thisWeek(1, 12), 120),
      'calendar',
    );
  }
  writeFileSync(marker, new Date().toISOString());
}
