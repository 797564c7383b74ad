/**
 * The guest pages: the agenda, the password form, and the "expired", "not found", "too many attempts" and
 * "unavailable" pages. Server-rendered HTML without scripts or third-party resources; every value coming from a
 * calendar (names, summaries, locations) goes through escapeHtml, in text and in attributes alike.
 */
import type { Lang } from '../i18n.js';
import { guestWords } from '../words.js';
import type { Agenda, Occurrence, Task } from './agenda.js';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A guest-page word in the page's language (core's catalog, guest-page.*), escaped for HTML. */
const W = (lang: Lang, pick: (w: ReturnType<typeof guestWords>) => string): string =>
  escapeHtml(pick(guestWords(lang)));

function page(lang: Lang, title: string, body: string, langSwitchHref: string | undefined): string {
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const switcher = langSwitchHref
    ? `<nav class="lang" aria-label="${W(lang, (w) => w.language)}"><a href="${escapeHtml(
        `${langSwitchHref}?lang=${other}`,
      )}" hreflang="${other}" lang="${other}">${other === 'fr' ? 'Français' : 'English'}</a></nav>`
    : '';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/g/assets/guest.css">
<link rel="icon" type="image/svg+xml" href="/g/assets/favicon.svg">
</head>
<body>
${switcher}
<main id="main">
${body}
</main>
<footer><p>${W(lang, (w) => w.footer)}</p></footer>
</body>
</html>
`;
}

export interface AgendaPageInput {
  lang: Lang;
  calendarName: string;
  agenda: Agenda;
  timeZone: string;
  days: number;
  /** /g/<token> (no query) */
  selfPath: string;
  icsUrl: string;
  webcalUrl: string;
}

// Building an Intl.DateTimeFormat costs about 0.4 ms, formatting with one a few microseconds: a page of 2,000
// events built one per call took 6 s. One formatter per locale, zone and style, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

function dayKey(d: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD, which sorts and compares as text.
  return formatter('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** "Monday 1 December 2026" / "Lundi 1 décembre 2026": only the first letter capitalized (CSS capitalize would
 * give "Lundi 1 Décembre" in French, where month names take no capital). */
function dayTitle(key: string, lang: Lang): string {
  const [y, m, d] = key.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
  const text = formatter(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
  return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
}

/** A date inside a sentence ("due Monday 7 December" / "échéance lundi 7 décembre 2026"): no capital in French. */
function dateInSentence(key: string, lang: Lang): string {
  const title = dayTitle(key, lang);
  return lang === 'fr' ? title.charAt(0).toLocaleLowerCase('fr') + title.slice(1) : title;
}

/** "Tue 2 Dec" / "mar. 2 déc.": the end date of an event that ends on another day. */
function shortDate(d: Date, lang: Lang, timeZone: string): string {
  return formatter(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(d);
}

function timeOf(d: Date, lang: Lang, timeZone: string): string {
  return formatter(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** One line of a day. `day` is the day it is shown on (an all-day item spanning days is shown on each). */
function occurrenceHtml(o: Occurrence, day: string, lang: Lang, timeZone: string): string {
  let when: string;
  if (o.allDayDate) {
    const allDay = o.allDayDate;
    const total = o.allDayEndDate ? daysBetween(allDay, o.allDayEndDate) : 1;
    const part = total > 1 ? ` · ${W(lang, (w) => w.dayOf(daysBetween(allDay, day) + 1, total))}` : '';
    when = `<span class="when">${W(lang, (w) => w.allDay)}${part}</span>`;
  } else {
    // An event ending on another day (overnight, several days) says on which day it ends.
    const endsOtherDay = dayKey(o.end, timeZone) !== dayKey(o.start, timeZone) && o.end.getTime() !== o.start.getTime();
    const endDate = endsOtherDay ? `${escapeHtml(shortDate(o.end, lang, timeZone))} ` : '';
    when = `<span class="when"><time datetime="${escapeHtml(o.start.toISOString())}">${escapeHtml(
      timeOf(o.start, lang, timeZone),
    )}</time> – <time datetime="${escapeHtml(o.end.toISOString())}">${endDate}${escapeHtml(timeOf(o.end, lang, timeZone))}</time></span>`;
  }
  // A private item that leaves the time free is not "busy": it says private, and the free-time tag follows.
  const title = o.busyOnly
    ? W(lang, (w) => (o.free ? w.privateFree : w.busy))
    : escapeHtml(o.summary || guestWords(lang).noTitle);
  const tags = [
    o.cancelled ? `<span class="tag">${W(lang, (w) => w.cancelled)}</span>` : '',
    o.free ? `<span class="tag">${W(lang, (w) => w.free)}</span>` : '',
  ].join('');
  const location = o.location ? `<span class="where">${escapeHtml(o.location)}</span>` : '';
  const classes = [o.busyOnly ? 'busy' : 'event', o.cancelled ? 'cancelled' : '', o.free ? 'free' : '']
    .filter(Boolean)
    .join(' ');
  // Only the title is struck through when cancelled: the tag saying so stays readable.
  return `<li class="${classes}">${when}<span class="what"><span class="title">${title}</span>${tags ? ` ${tags}` : ''}</span>${location}</li>`;
}

function taskHtml(t: Task, lang: Lang): string {
  const title = t.busyOnly ? W(lang, (w) => w.privateTask) : escapeHtml(t.summary || '—');
  const due = t.dueDate
    ? ` <span class="when">${W(lang, (w) => w.due)} <time datetime="${escapeHtml(t.dueDate)}">${escapeHtml(dateInSentence(t.dueDate, lang))}</time></span>`
    : '';
  const tags = [
    t.overdue ? `<span class="tag overdue">${W(lang, (w) => w.overdue)}</span>` : '',
    t.recurring ? `<span class="tag">${W(lang, (w) => w.repeats)}</span>` : '',
  ].join(' ');
  return `<li${t.overdue ? ' class="overdue"' : ''}><span class="title">${title}</span>${due}${tags.trim() ? ` ${tags.trim()}` : ''}</li>`;
}

// Pages already rendered, per agenda (agendas are cached per feed version and hour, and these entries go with them).
const rendered = new WeakMap<Agenda, Map<string, string>>();

/** The agenda page; the same agenda and inputs give the same page, rendered once. */
export function agendaPage(input: AgendaPageInput): string {
  const key = JSON.stringify([
    input.lang,
    input.calendarName,
    input.timeZone,
    input.days,
    input.selfPath,
    input.icsUrl,
    input.webcalUrl,
  ]);
  let pages = rendered.get(input.agenda);
  if (!pages) {
    pages = new Map();
    rendered.set(input.agenda, pages);
  }
  const known = pages.get(key);
  if (known !== undefined) return known;
  const html = renderAgendaPage(input);
  pages.set(key, html);
  return html;
}

function renderAgendaPage(input: AgendaPageInput): string {
  const { lang, agenda, timeZone } = input;
  const groups = new Map<string, Array<{ o: Occurrence; day: string }>>();
  const add = (day: string, o: Occurrence) => {
    const list = groups.get(day) ?? [];
    list.push({ o, day });
    groups.set(day, list);
  };
  const firstDay = dayKey(agenda.windowStart, timeZone);
  const lastDay = dayKey(agenda.windowEnd, timeZone);
  for (const o of agenda.occurrences) {
    if (o.allDayDate) {
      // Each day of a multi-day all-day item, within the window.
      const end = o.allDayEndDate ?? addDays(o.allDayDate, 1);
      for (let d = o.allDayDate < firstDay ? firstDay : o.allDayDate; d < end && d <= lastDay; d = addDays(d, 1))
        add(d, o);
    } else {
      add(dayKey(o.start, timeZone), o);
    }
  }
  const keys = [...groups.keys()].sort();
  const daysHtml = keys.length
    ? keys
        .map(
          (k) =>
            `<section class="day" aria-labelledby="d-${k}"><h2 id="d-${k}">${escapeHtml(dayTitle(k, lang))}</h2><ul>${(
              groups.get(k) ?? []
            )
              .map(({ o, day }) => occurrenceHtml(o, day, lang, timeZone))
              .join('')}</ul></section>`,
        )
        .join('\n')
    : `<p class="empty">${W(lang, (w) => w.nothingPlanned(input.days))}</p>`;
  const tasksHtml = agenda.tasks.length
    ? `<section class="tasks" aria-labelledby="tasks-h"><h2 id="tasks-h">${W(lang, (w) => w.openTasks)}</h2><ul>${agenda.tasks
        .map((t) => taskHtml(t, lang))
        .join('')}</ul></section>`
    : '';
  const truncated = agenda.truncated ? `<p class="note">${W(lang, (w) => w.someRepeatsMissing)}</p>` : '';
  // Series whose rule gives no date ical.js can find (30 February...): named once, never left out silently.
  const notExpandable = agenda.notExpandable.length
    ? `<p class="note">${W(lang, (w) => w.notExpandable)}</p><ul class="note">${agenda.notExpandable
        .map(
          (n) =>
            `<li>${n.busyOnly ? W(lang, (w) => w.busy) : escapeHtml(n.summary || W(lang, (w) => w.noTitle))} (${escapeHtml(n.allDayDate ? dateInSentence(n.allDayDate, lang) : shortDate(n.start, lang, timeZone))})</li>`,
        )
        .join('')}</ul>`
    : '';
  const body = `<h1>${escapeHtml(input.calendarName)}</h1>
<p class="tz">${W(lang, (w) => w.timeZone)} ${escapeHtml(timeZone)}.</p>
<p class="subscribe"><a href="${escapeHtml(input.webcalUrl)}">${W(lang, (w) => w.subscribe)}</a> · <a href="${escapeHtml(input.icsUrl)}">${W(lang, (w) => w.download)}</a></p>
${daysHtml}
${tasksHtml}
${truncated}${notExpandable}`;
  return page(lang, input.calendarName, body, input.selfPath);
}

export function passwordPage(lang: Lang, selfPath: string, error: 'wrong' | undefined): string {
  const err =
    error === 'wrong' ? `<p class="error" role="alert" id="pw-error">${W(lang, (w) => w.wrongPassword)}</p>` : '';
  const body = `<h1>${W(lang, (w) => w.protectedHeading)}</h1>
<p>${W(lang, (w) => w.enterPassword)}</p>
${err}
<form method="post" action="${escapeHtml(selfPath)}?lang=${lang}">
<label for="password">${W(lang, (w) => w.password)}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${error ? ' aria-describedby="pw-error" aria-invalid="true"' : ''} autofocus>
<button type="submit">${W(lang, (w) => w.openCalendar)}</button>
</form>`;
  return page(lang, guestWords(lang).protectedTitle, body, selfPath);
}

/** A page that says one thing; `title` and `message` are already in the page's language. */
export function messagePage(lang: Lang, title: string, message: string): string {
  return page(lang, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`, undefined);
}

/** The guest pages that say one thing (their words: the catalog's guestPage.<name>). */
export type GuestMessagePageName = 'notFound' | 'expired' | 'tooMany' | 'unavailable' | 'locked';

export function guestMessagePage(lang: Lang, which: GuestMessagePageName): string {
  const { title, message } = guestWords(lang)[which];
  return messagePage(lang, title, message);
}

/** A guest page's title in both languages, for answers a calendar app shows as text (the .ics address). */
export function guestPageTitleInBoth(which: GuestMessagePageName): string {
  return `${guestWords('en')[which].title} / ${guestWords('fr')[which].title}`;
}

export const GUEST_CSS = `:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#555;--accent:#0b5cad;--line:#ddd}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#161616;--muted:#aaa;--accent:#7db7ff;--line:#333}}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:46rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.05rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
ul{list-style:none;margin:0;padding:0}li{display:grid;grid-template-columns:11rem 1fr;gap:.25rem 1rem;padding:.4rem 0;border-bottom:1px solid var(--line)}
.when{color:var(--muted);font-variant-numeric:tabular-nums}.where{grid-column:2;color:var(--muted);font-size:.95rem}
.busy .what{font-style:italic;color:var(--muted)}.cancelled .title{text-decoration:line-through}.tag{font-size:.8rem;border:1px solid var(--line);border-radius:.3rem;padding:0 .3rem;white-space:nowrap}
.free .title{color:var(--muted)}.overdue .tag.overdue,.tag.overdue{color:#b00020;border-color:#b00020;font-weight:600}
.tasks li{display:flex;flex-wrap:wrap;align-items:baseline;gap:.25rem .75rem}.tz,.note,footer{color:var(--muted);font-size:.9rem}footer{max-width:46rem;margin:2rem auto;padding:0 1rem}
a{color:var(--accent)}.lang{max-width:46rem;margin:0 auto;padding:.5rem 1rem 0;text-align:right}
form{display:flex;flex-direction:column;gap:.5rem;max-width:20rem}input,button{font:inherit;padding:.5rem;border-radius:.3rem;border:1px solid var(--muted)}
button{background:var(--accent);color:var(--bg);border:0;cursor:pointer}.error{color:#b00020;font-weight:600}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
@media (max-width:30rem){li{grid-template-columns:1fr}.where{grid-column:1}}
`;

/** The guest pages' icon: a calendar page, drawn inline (no third-party resource). */
export const GUEST_FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="3" y="5" width="26" height="24" rx="4" fill="#0b5cad"/><rect x="3" y="5" width="26" height="7" rx="3" fill="#083f77"/><rect x="9" y="2" width="3" height="7" rx="1.5" fill="#083f77"/><rect x="20" y="2" width="3" height="7" rx="1.5" fill="#083f77"/><rect x="8" y="16" width="6" height="5" rx="1" fill="#fff"/><rect x="18" y="16" width="6" height="5" rx="1" fill="#fff"/><rect x="8" y="23" width="6" height="4" rx="1" fill="#fff"/></svg>
`;
