#!/usr/bin/env node
// The guest HTML agenda's cost, in process (no server needed): building the agenda of a 200-event calendar and
// rendering its page, and the same for a pathological calendar (150 FREQ=SECONDLY series started in 2020), whose
// expansion is bounded by a per-request budget and sliced so the event loop keeps serving other requests; the
// longest event-loop pause during the sliced build is what a concurrent request would wait at most.
//   node test/bench/agenda-bench.mjs [--quick] [--runs N]
// Needs the built bridge (npm run build). Prints figures; asserts nothing.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import { supportModule } from './lib/support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', '..', 'outlook-addin', 'dist', 'middle-tier', 'guest');
if (!existsSync(join(dist, 'agenda.js'))) {
  process.stderr.write('agenda-bench: build first (npm run build)\n');
  process.exit(1);
}
const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : args.includes('--quick') ? 3 : 7;
const { buildAgenda, buildAgendaSliced, DEFAULT_AGENDA_BUDGET } = await import(join(dist, 'agenda.js'));
const { buildFeed } = await import(join(dist, 'ics-feed.js'));
const { agendaPage } = await import(join(dist, 'html.js'));

const { event, PARIS_TZ } = await supportModule('items');
const now = Date.parse('2026-12-01T08:00:00Z');
const day = (n) => new Date(now + n * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');

// 200 events over 60 days like a team calendar: 1 in 10 weekly (one with an override), 1 in 20 private,
// a few all-day, local times in Europe/Paris.
function teamCalendar() {
  const objects = [];
  for (let i = 0; i < 200; i++) {
    const d = day(i % 60);
    const h = String(8 + (i % 10)).padStart(2, '0');
    const allDay = i % 25 === 3;
    objects.push(
      event({
        zones: PARIS_TZ,
        uid: `team-${i}`,
        stamp: '20261101T000000Z',
        tzid: 'Europe/Paris',
        allDay,
        start: allDay ? d : `${d}T${h}0000`,
        end: allDay ? day((i % 60) + 2) : `${d}T${h}4500`,
        summary: `Réunion ${i}`,
        location: `Salle ${i % 7}`,
        ...(i % 10 === 0 ? { rrule: 'FREQ=WEEKLY;COUNT=12' } : {}),
        ...(i % 20 === 5 ? { klass: 'PRIVATE' } : {}),
        overrides:
          i === 10
            ? [
                {
                  stamp: '20261101T000000Z',
                  recurrenceId: `${day(17)}T080000`,
                  start: `${day(17)}T140000`,
                  end: `${day(17)}T150000`,
                  summary: 'Réunion 10 (déplacée)',
                },
              ]
            : [],
      }),
    );
  }
  return objects;
}

function pathologicalCalendar() {
  return Array.from({ length: 150 }, (_, i) =>
    event({
      uid: `spam-${i}`,
      stamp: '20261101T000000Z',
      start: `20200101T0000${String(i % 60).padStart(2, '0')}Z`,
      duration: 'PT1S',
      rrule: 'FREQ=SECONDLY',
      summary: `Spam ${i}`,
    }),
  );
}

const options = () => ({
  windowStart: new Date(now - 86_400_000),
  windowEnd: new Date(now + 60 * 86_400_000),
  timeZone: 'Europe/Paris',
  now: new Date(now),
});
const privacy = { linkId: 'bench', uidKey: Buffer.alloc(32, 1), hidePrivate: false, now, timeZone: 'Europe/Paris' };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(objects) {
  const feedMs = [];
  const buildMs = [];
  const renderMs = [];
  let agenda;
  let html = '';
  for (let r = 0; r < runs; r++) {
    let t = performance.now();
    const feed = buildFeed(objects, 'Équipe technique', privacy);
    feedMs.push(performance.now() - t);
    t = performance.now();
    agenda = buildAgenda(feed.root, options());
    buildMs.push(performance.now() - t);
    t = performance.now();
    html = agendaPage({
      lang: 'fr',
      calendarName: 'Équipe technique',
      agenda,
      timeZone: 'Europe/Paris',
      days: 60,
      selfPath: '/g/x',
      icsUrl: 'https://h/g/x.ics',
      webcalUrl: 'webcal://h/g/x.ics',
    });
    renderMs.push(performance.now() - t);
  }
  return {
    feed: median(feedMs),
    build: median(buildMs),
    render: median(renderMs),
    agenda,
    bytes: Buffer.byteLength(html),
  };
}

/** The sliced build (as the server runs it) with a timer that records the longest event-loop pause meanwhile. */
async function slicedPause(objects) {
  const feed = buildFeed(objects, 'x', privacy);
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const t = performance.now();
    longest = Math.max(longest, t - last);
    last = t;
  }, 1);
  const t0 = performance.now();
  await buildAgendaSliced(feed.root, options());
  const total = performance.now() - t0;
  clearInterval(timer);
  longest = Math.max(longest, performance.now() - last);
  return { total, longest };
}

const f = (ms) => ms.toFixed(ms < 10 ? 2 : 1).padStart(8);
const team = measure(teamCalendar());
const patho = measure(pathologicalCalendar());
const sliced = [];
for (let r = 0; r < Math.min(runs, 3); r++) sliced.push(await slicedPause(pathologicalCalendar()));
const slicedTotal = median(sliced.map((s) => s.total));
const pause = Math.max(...sliced.map((s) => s.longest));

process.stdout.write(
  `\nGuest agenda (60 days, Europe/Paris; median of ${runs} runs; budget ${DEFAULT_AGENDA_BUDGET} iterations per agenda)\n`,
);
process.stdout.write('calendar                         feed ms  agenda ms  page ms  occurrences  page KB  truncated\n');
for (const [name, m] of [
  ['200 events (team calendar)', team],
  ['150 SECONDLY series from 2020', patho],
]) {
  process.stdout.write(
    `${name.padEnd(31)}${f(m.feed)} ${f(m.build)}   ${f(m.render)} ${String(m.agenda.occurrences.length).padStart(12)} ${String(Math.round(m.bytes / 1024)).padStart(8)}  ${m.agenda.truncated ? 'yes' : 'no'}\n`,
  );
}
process.stdout.write(
  `sliced build of the 150 series as served: ${slicedTotal.toFixed(0)} ms in all, longest event-loop pause ${pause.toFixed(1)} ms (what a concurrent request waits at most); then cached per feed version and hour\n`,
);
process.stdout.write(
  `agenda-bench: events200_ms=${(team.build + team.render).toFixed(1)} pathological_ms=${(patho.build + patho.render).toFixed(0)} max_pause_ms=${pause.toFixed(1)}\n`,
);
