// Issue 15: a run's notes about Outlook (subscriptions/run-notices.ts) are said once each, in both languages, and
// bounded: the last one says how many more there were.
import { message } from '../../src/middle-tier/words.js';
import { MAX_NOTICES, RunNotices } from '../../src/middle-tier/subscriptions/run-notices.js';

const attendees = (uid: string) =>
  message('graph.downgrade', { uid, downgrade: { code: 'attendees-kept-aside', count: 2 } });

test('the same note reported twice in a run is kept once; codes name the downgrade', () => {
  const notices = new RunNotices();
  notices.add(attendees('m1'));
  notices.add(attendees('m1'));
  notices.add(message('graph.instance-edit-reverted', { uid: 's1', title: 'Standup' }));
  const list = notices.list();
  expect(list.map((n) => n.code)).toEqual(['graph.downgrade:attendees-kept-aside', 'graph.instance-edit-reverted']);
  expect(list[0]!.en).toContain('m1');
  expect(list[1]!.fr).toContain('Standup');
  expect(list[1]!.fr).not.toBe(list[1]!.en);
});

test(`at most ${MAX_NOTICES} notes, then one that counts the others (English and French)`, () => {
  const notices = new RunNotices();
  for (let i = 0; i < MAX_NOTICES + 7; i++) notices.add(attendees(`m${i}`));
  const list = notices.list();
  expect(list).toHaveLength(MAX_NOTICES + 1);
  expect(list.at(-1)).toEqual({
    code: 'notices-more',
    en: 'And 7 more notes about Outlook in this run.',
    fr: 'Et 7 autres remarques sur Outlook pendant ce passage.',
  });
});
