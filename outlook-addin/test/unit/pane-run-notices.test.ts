// Issue 15: a subscription's notes about Outlook in the pane (outlook-sync-model.ts runNoticesModel), without DOM:
// in the pane's language, counted without the bridge's "and N more" note, nothing when there are none.
import { outlookSyncWords, runNoticesModel } from '../../src/taskpane/outlook-sync-model.js';

const notices = [
  {
    code: 'graph.downgrade:attendees-kept-aside',
    message: 'Event m1 in Outlook: attendees kept aside.',
    messages: { en: 'Event m1 in Outlook: attendees kept aside.', fr: 'Événement m1 dans Outlook : participants.' },
  },
  {
    code: 'notices-more',
    message: 'And 3 more notes about Outlook in this run.',
    messages: {
      en: 'And 3 more notes about Outlook in this run.',
      fr: 'Et 3 autres remarques sur Outlook pendant ce passage.',
    },
  },
];

test('the notes in French, counted without the "more" note', () => {
  const m = runNoticesModel({ notices }, outlookSyncWords('fr'), 'fr');
  expect(m).toEqual({
    summary: '1 remarque sur Outlook',
    notes: ['Événement m1 dans Outlook : participants.', 'Et 3 autres remarques sur Outlook pendant ce passage.'],
  });
  expect(runNoticesModel({ notices: [notices[0]!, notices[0]!] }, outlookSyncWords('en'), 'en')?.summary).toBe(
    '2 notes about Outlook',
  );
});

test('no notes: nothing shown', () => {
  expect(runNoticesModel({ notices: [] }, outlookSyncWords('en'), 'en')).toBeUndefined();
});
