// Deterministic data set for the sync benchmark: realistic VEVENTs (some with VTIMEZONE/TZID, ~5 % recurring
// with a RECURRENCE-ID override in the same resource, non-ASCII text) and vCard 3.0 contacts.
// Same seed => same items, so a run can re-derive what the server should hold without storing it.
// The items are built by the tests' builders (test/support/items.ts); this file only draws the random content.
import { supportModule } from './support.mjs';

const { card, event, escapeText: esc, foldLine, NEW_YORK_TZ, PARIS_TZ } = await supportModule('items');

/** Bump when the generated content changes: a stored data set with another version is rebuilt. */
export const GENERATOR_VERSION = 4;

function prng(seed) {
  // mulberry32
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];
const pad = (n, w = 2) => String(n).padStart(w, '0');

function hex(rnd, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rnd() * 16).toString(16);
  return s;
}

function uuid(rnd) {
  return `${hex(rnd, 8)}-${hex(rnd, 4)}-4${hex(rnd, 3)}-a${hex(rnd, 3)}-${hex(rnd, 12)}`;
}

/** Fold a content line at 75 octets without splitting a UTF-8 sequence. */
export const fold = foldLine;

const SUMMARIES = [
  'Réunion d’équipe',
  'Café avec Zoë',
  'Überprüfung Quartalszahlen',
  'Point hebdo produit',
  'Déjeuner chez Sébastien',
  '会议: 项目评审',
  'Встреча с клиентом',
  'Revue de code 🚀',
  'Entretien candidat',
  'Sprint planning',
  'Comité de pilotage',
  'Visite médicale',
  'Formation sécurité',
  'Anniversaire de Chloé 🎂',
  'Dentiste',
  'Yoga',
  'Conférence téléphonique — fournisseurs',
  'Atelier UX',
  'Rétrospective',
  'Daily stand-up',
];
const LOCATIONS = [
  'Salle Ampère, 3e étage',
  'Visio (Jitsi)',
  'Café de Flore, 172 Bd Saint-Germain, Paris',
  'Bureau 2.14',
  'München, Marienplatz 8',
  '東京オフィス',
  '',
];
const WORDS = (
  'ordre du jour points ouverts décisions budget équipe planning livraison qualité sécurité client ' +
  'Überblick Maßnahmen über naïve façade déjà vu coöperation résumé smörgåsbord jalapeño'
).split(' ');
const NAMES_FIRST = [
  'Zoë',
  'Sébastien',
  'Chloé',
  'Jürgen',
  'Ana',
  'Łukasz',
  'Inès',
  'José',
  'Mei',
  'Olga',
  'Noah',
  'Amélie',
  'Björn',
  'Håkon',
  'Renée',
  'François',
  'Yuki',
  'Aylin',
  'Søren',
  'Marie',
];
const NAMES_LAST = [
  'Dupont',
  'Müller',
  'García',
  'Nováková',
  'Lefèvre',
  'O’Brien',
  'Kowalski',
  'Øster',
  'Martin',
  'Bernard',
  'Petit',
  'Durand',
  'Schäfer',
  'Fernández',
  'Rossi',
  'Yamamoto',
  'Öztürk',
  'Leroy',
  'Moreau',
  'Simon',
];
const ORGS = ['ACME SARL', 'Städtische Werke GmbH', 'Société Générale de Café', 'Ñandú Software S.L.', 'Initech'];
const STREETS = ['12 rue de la Paix', '5 Hauptstraße', '221B Baker Street', '8 place Bellecour', '3 calle Mayor'];
const CITIES = [
  ['Paris', '75002', 'France'],
  ['Berlin', '10115', 'Deutschland'],
  ['London', 'NW1 6XE', 'United Kingdom'],
  ['Lyon', '69002', 'France'],
  ['Madrid', '28013', 'España'],
];

/** VTIMEZONE components the generated data uses (also used by the agenda benchmark). */
export const VTIMEZONES = { 'Europe/Paris': PARIS_TZ, 'America/New_York': NEW_YORK_TZ };

const stamp = (d) =>
  `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
const dateOnly = (d) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;

function sentence(rnd, n) {
  const w = [];
  for (let i = 0; i < n; i++) w.push(pick(rnd, WORDS));
  const s = w.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

/**
 * @returns {{ name: string, uid: string, text: string, recurring: boolean }[]} name = file name on the server
 */
export function makeEvents(count, seed = 20261122) {
  const rnd = prng(seed);
  const out = [];
  const base = Date.UTC(2025, 0, 6, 0, 0, 0); // two years of events from Jan 2025
  for (let i = 0; i < count; i++) {
    const id = uuid(rnd);
    const uid = `${id}@bench.dav-bridge.example`;
    const dayOffset = Math.floor(rnd() * 730);
    const hour = 7 + Math.floor(rnd() * 11);
    const minute = pick(rnd, [0, 0, 15, 30, 45]);
    const start = new Date(base + dayOffset * 86400000 + hour * 3600000 + minute * 60000);
    const durMin = pick(rnd, [30, 30, 45, 60, 60, 90, 120]);
    const end = new Date(start.getTime() + durMin * 60000);
    const dtstamp = `${stamp(new Date(Date.UTC(2024, 11, 1) + Math.floor(rnd() * 3e10)))}Z`;
    const r = rnd();
    const allDay = r < 0.08;
    const tz = !allDay && r < 0.3 ? pick(rnd, Object.keys(VTIMEZONES)) : undefined;
    const recurring = rnd() < 0.05;
    const summary = `${pick(rnd, SUMMARIES)} #${i + 1}`;
    const location = pick(rnd, LOCATIONS);
    const description = rnd() < 0.6 ? sentence(rnd, 8 + Math.floor(rnd() * 30)) : '';
    const withAttendees = rnd() < 0.25;
    const attendees = [];
    if (withAttendees) {
      const k = 1 + Math.floor(rnd() * 4);
      for (let j = 0; j < k; j++) {
        const f = pick(rnd, NAMES_FIRST);
        const l = pick(rnd, NAMES_LAST);
        attendees.push(
          `ATTENDEE;CN="${f} ${l}";ROLE=REQ-PARTICIPANT;PARTSTAT=${pick(rnd, ['ACCEPTED', 'NEEDS-ACTION', 'TENTATIVE'])}:mailto:${f
            .normalize('NFD')
            .replace(/[^a-zA-Z]/g, '')
            .toLowerCase()}.${j}@example.org`,
        );
      }
    }
    // Times as iCalendar writes them for this event's kind: a date, a local time in `tz`, or UTC.
    const at = (d) => (allDay ? dateOnly(d) : tz ? stamp(d) : `${stamp(d)}Z`);
    const allDayEnd = new Date(start.getTime() + 86400000);
    const rrule = recurring ? `FREQ=WEEKLY;COUNT=${10 + Math.floor(rnd() * 40)}` : undefined;
    const alarm = rnd() < 0.2 ? 'Rappel' : undefined;
    const overrides = [];
    if (recurring) {
      // override the 3rd occurrence: moved one hour later, different summary
      const occ = new Date(start.getTime() + 14 * 86400000);
      const occAllDayEnd = new Date(occ.getTime() + 86400000);
      const moved = allDay ? occ : new Date(occ.getTime() + 3600000);
      const movedEnd = allDay ? occAllDayEnd : new Date(moved.getTime() + durMin * 60000);
      overrides.push({
        allDay,
        stamp: dtstamp,
        recurrenceId: at(occ),
        start: at(moved),
        end: at(movedEnd),
        summary: `${summary} (déplacé)`,
        sequence: 1,
      });
    }
    const text = event({
      prodid: '-//DAV Bridge//sync bench//EN',
      zones: tz ? VTIMEZONES[tz] : [],
      uid,
      stamp: dtstamp,
      allDay,
      tzid: tz,
      start: at(start),
      end: at(allDay ? allDayEnd : end),
      summary,
      location: location || undefined,
      description: description || undefined,
      extra: withAttendees ? ['ORGANIZER;CN=Alice Martin:mailto:alice@example.org', ...attendees] : [],
      rrule,
      sequence: 0,
      alarm,
      overrides,
    });
    out.push({ name: `${id}.ics`, uid, text, recurring });
  }
  return out;
}

/** @returns {{ name: string, uid: string, text: string }[]} */
export function makeContacts(count, seed = 5000) {
  const rnd = prng(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    const id = uuid(rnd);
    const f = pick(rnd, NAMES_FIRST);
    const l = pick(rnd, NAMES_LAST);
    const ascii = (s) =>
      s
        .normalize('NFD')
        .replace(/[^a-zA-Z]/g, '')
        .toLowerCase();
    const email = `${ascii(f)}.${ascii(l)}${i}@example.org`;
    const tel = `+33 6 ${pad(Math.floor(rnd() * 100))} ${pad(Math.floor(rnd() * 100))} ${pad(Math.floor(rnd() * 100))} ${pad(Math.floor(rnd() * 100))}`;
    const v = [`EMAIL;TYPE=INTERNET,WORK:${email}`, `TEL;TYPE=CELL:${tel}`];
    if (rnd() < 0.4)
      v.push(
        `ORG:${esc(pick(rnd, ORGS))}`,
        `TITLE:${esc(pick(rnd, ['Directrice technique', 'Ingénieur', 'Geschäftsführer', 'Comptable']))}`,
      );
    if (rnd() < 0.3) {
      const [city, zip, country] = pick(rnd, CITIES);
      v.push(`ADR;TYPE=WORK:;;${esc(pick(rnd, STREETS))};${esc(city)};;${zip};${esc(country)}`);
    }
    if (rnd() < 0.2) v.push(`NOTE:${esc(sentence(rnd, 10 + Math.floor(rnd() * 20)))}`);
    if (rnd() < 0.1)
      v.push(
        `BDAY:${1950 + Math.floor(rnd() * 50)}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`,
      );
    v.push(`REV:2025-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}T10:00:00Z`);
    const text = card({
      uid: id,
      name: `${f} ${l} ${i + 1}`,
      n: `${esc(l)};${esc(f)};;;`,
      prodid: '-//DAV Bridge//sync bench//EN',
      extra: v,
    });
    out.push({ name: `${id}.vcf`, uid: id, text, recurring: false });
  }
  return out;
}
