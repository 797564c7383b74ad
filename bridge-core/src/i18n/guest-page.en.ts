import type { GuestPageCatalog } from './guest-page.messages.js';

export const guestPageEn: GuestPageCatalog = {
  guestPage: {
    language: 'Language',
    footer: 'Shared with DAV Bridge (read-only).',
    allDay: 'All day',
    dayOf: (n, total) => `day ${n} of ${total}`,
    busy: 'Busy',
    privateFree: 'Private',
    noTitle: '(no title)',
    cancelled: 'cancelled',
    free: 'free time',
    overdue: 'overdue',
    repeats: 'repeats',
    due: 'due',
    privateTask: 'Private task',
    openTasks: 'Open tasks',
    nothingPlanned: (days) => `Nothing planned in the next ${days} days.`,
    someRepeatsMissing: 'Some repeating events are not all listed.',
    notExpandable:
      'These repeating events have a rule that gives no dates or cannot be read; only their first date is known:',
    timeZone: 'Times are shown in the time zone',
    subscribe: 'Subscribe in my calendar app',
    download: 'Download (.ics)',
    protectedTitle: 'Protected calendar',
    protectedHeading: 'This calendar is protected',
    enterPassword: 'Enter the password you were given with the link.',
    wrongPassword: 'Wrong password. Try again.',
    password: 'Password',
    openCalendar: 'Open the calendar',
    notFound: {
      title: 'Link not found',
      message: 'This link does not exist or was withdrawn by the person who shared it.',
    },
    expired: {
      title: 'This link has expired',
      message: 'The person who shared this calendar set an end date, and it has passed. Ask them for a new link.',
    },
    tooMany: {
      title: 'Too many attempts',
      message: 'Too many attempts from your connection. Wait a few minutes, then try again.',
    },
    unavailable: {
      title: 'Calendar unavailable',
      message: 'The calendar server cannot be reached right now. Try again later.',
    },
    locked: {
      title: 'This link is locked',
      message: 'Too many wrong passwords were typed for this link. Ask the person who shared it to unlock it.',
    },
  },
};
