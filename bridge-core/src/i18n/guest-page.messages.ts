/** The words of the guest pages the bridge serves at /g/<token> (outlook-addin/src/middle-tier/guest/html.ts). */

/** A page that only says one thing: its title and its sentence. */
export interface GuestMessagePage {
  title: string;
  message: string;
}

export interface GuestPageWords {
  language: string;
  footer: string;
  allDay: string;
  dayOf: (n: number, total: number) => string;
  busy: string;
  privateFree: string;
  noTitle: string;
  cancelled: string;
  free: string;
  overdue: string;
  repeats: string;
  due: string;
  privateTask: string;
  openTasks: string;
  nothingPlanned: (days: number) => string;
  someRepeatsMissing: string;
  /** Before the list of repeating events whose rule gives no date ical.js can find (30 February...). */
  notExpandable: string;
  timeZone: string;
  subscribe: string;
  download: string;
  protectedTitle: string;
  protectedHeading: string;
  enterPassword: string;
  wrongPassword: string;
  password: string;
  openCalendar: string;
  notFound: GuestMessagePage;
  expired: GuestMessagePage;
  tooMany: GuestMessagePage;
  unavailable: GuestMessagePage;
  locked: GuestMessagePage;
}

export interface GuestPageCatalog {
  guestPage: GuestPageWords;
}
