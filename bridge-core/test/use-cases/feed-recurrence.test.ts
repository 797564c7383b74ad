// Issue 11 review: a rule ical.js would iterate for ever (30 February) must not stall the server. Each expansion
// runs under a vm timeout: a synchronous endless loop cannot be interrupted by Jest's own timeout.
import { runInNewContext } from 'node:vm';
import ICAL from 'ical.js';
import { BoundedInstances, isImpossibleRule } from '../../src/use-cases/feed-recurrence';
import { calendar, component } from '../../../test/support/items';

/** Runs `fn`, or throws "Script execution timed out" when it has not returned within `ms`. */
const within = <T>(ms: number, fn: () => T): T => runInNewContext('fn()', { fn }, { timeout: ms }) as T;

function eventWith(rule: string, dtstart = '20260101T100000Z'): InstanceType<typeof ICAL.Event> {
  const ics = calendar(
    ...component('VEVENT', 'UID:x', `DTSTART:${dtstart}`, `RRULE:${rule}`, 'SUMMARY:Revue Équipe technique'),
  );
  const vevent = new ICAL.Component(ICAL.parse(ics) as unknown[]).getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return new ICAL.Event(vevent);
}

const IMPOSSIBLE = [
  'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
  'FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31',
  'FREQ=MONTHLY;BYMONTH=2,4;BYMONTHDAY=31',
  // Possible on a calendar, but ical.js compares -1 to the day as written in daily rules: it would never match.
  'FREQ=DAILY;BYMONTHDAY=-1',
  'FREQ=HOURLY;BYDAY=1MO',
];
const POSSIBLE = [
  'FREQ=DAILY;COUNT=3',
  'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
  'FREQ=MONTHLY;BYMONTHDAY=31',
  'FREQ=MONTHLY;BYMONTHDAY=-1',
  'FREQ=DAILY;BYDAY=MO,TU',
  'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29',
  'FREQ=WEEKLY;BYDAY=MO;BYMONTH=6',
];

describe('core recurrence expansion with a guard and a budget', () => {
  it.each(IMPOSSIBLE)('recognizes %s as impossible before iterating it', (rule) => {
    const ev = eventWith(rule);
    const recur = ev.component.getFirstPropertyValue('rrule') as InstanceType<typeof ICAL.Recur>;
    expect(within(2000, () => isImpossibleRule(recur, ev.startDate))).toBe(true);
  });

  it.each(POSSIBLE)('leaves %s alone', (rule) => {
    const ev = eventWith(rule);
    const recur = ev.component.getFirstPropertyValue('rrule') as InstanceType<typeof ICAL.Recur>;
    expect(within(2000, () => isImpossibleRule(recur, ev.startDate))).toBe(false);
  });

  it.each(IMPOSSIBLE)('%s: gives the series start once, then stops and says why (no hang)', (rule) => {
    const ev = eventWith(rule);
    const got = within(2000, () => {
      const it = new BoundedInstances(ev, ev.startDate, 1000);
      const times: string[] = [];
      for (let t = it.next(); t; t = it.next()) times.push(t.toString());
      return { times, problem: it.problem };
    });
    expect(got).toEqual({ times: ['2026-01-01T10:00:00Z'], problem: 'impossible-rule' });
  });

  it('a rule ical.js refuses to iterate (BYYEARDAY in a daily rule) gives its start once and says so', () => {
    const ev = eventWith('FREQ=DAILY;BYYEARDAY=10');
    const it = new BoundedInstances(ev, ev.startDate, 1000);
    expect([it.next()?.toString(), it.next(), it.problem]).toEqual(['2026-01-01T10:00:00Z', null, 'unreadable-rule']);
  });

  it('gives up after the idle budget when no instance is kept, and reports it', () => {
    const it = new BoundedInstances(eventWith('FREQ=DAILY'), eventWith('FREQ=DAILY').startDate, 50);
    let calls = 0;
    while (it.next()) calls += 1;
    expect(calls).toBe(50);
    expect(it.problem).toBe('no-instance-within-budget');
  });

  it('kept() starts the idle count again: a series whose instances are kept is not cut', () => {
    const ev = eventWith('FREQ=DAILY;COUNT=120');
    const it = new BoundedInstances(ev, ev.startDate, 50);
    let n = 0;
    for (let t = it.next(); t; t = it.next()) {
      n += 1;
      it.kept();
    }
    expect([n, it.problem]).toEqual([120, undefined]);
  });
});
