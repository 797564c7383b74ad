/**
 * The guest pages: the agenda, the password form, and the "expired", "not found", "too many attempts" and
 * "unavailable" pages. Server-rendered HTML without scripts or third-party resources; every value coming from a
 * calendar (names, summaries, locations) goes through escapeHtml, in text and in attributes alike.
 */
import type { Lang, Text } from '../i18n.js';
import type { Agenda, Occurrence } from './agenda.js';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const L = (lang: Lang, text: Text): string => escapeHtml(text[lang]);

function page(lang: Lang, title: string, body: string, langSwitchHref: string | undefined): string {
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const switcher = langSwitchHref
    ? `<nav class="lang" aria-label="${L(lang, { en: 'Language', fr: 'Langue' })}"><a href="${escapeHtml(
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
</head>
<body>
${switcher}
<main id="main">
${body}
</main>
<footer><p>${L(lang, { en: 'Shared with DAV Bridge (read-only).', fr: 'Partagé avec DAV Bridge (lecture seule).' })}</p></footer>
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

function dayKey(d: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD, which sorts and compares as text.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

function dayTitle(key: string, lang: Lang): string {
  const [y, m, d] = key.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

function timeOf(d: Date, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

function occurrenceHtml(o: Occurrence, lang: Lang, timeZone: string): string {
  const when = o.allDayDate
    ? `<span class="when">${L(lang, { en: 'All day', fr: 'Toute la journée' })}</span>`
    : `<span class="when"><time datetime="${escapeHtml(o.start.toISOString())}">${escapeHtml(
        timeOf(o.start, lang, timeZone),
      )}</time> – <time datetime="${escapeHtml(o.end.toISOString())}">${escapeHtml(timeOf(o.end, lang, timeZone))}</time></span>`;
  const summary = o.busyOnly
    ? L(lang, { en: 'Busy', fr: 'Occupé' })
    : escapeHtml(o.summary || (lang === 'fr' ? '(sans titre)' : '(no title)'));
  const cancelled = o.cancelled ? ` <span class="tag">${L(lang, { en: 'cancelled', fr: 'annulé' })}</span>` : '';
  const location = o.location ? `<span class="where">${escapeHtml(o.location)}</span>` : '';
  return `<li class="${o.busyOnly ? 'busy' : 'event'}${o.cancelled ? ' cancelled' : ''}">${when}<span class="what">${summary}${cancelled}</span>${location}</li>`;
}

export function agendaPage(input: AgendaPageInput): string {
  const { lang, agenda, timeZone } = input;
  const groups = new Map<string, Occurrence[]>();
  for (const o of agenda.occurrences) {
    const key = o.allDayDate ?? dayKey(o.start, timeZone);
    const list = groups.get(key) ?? [];
    list.push(o);
    groups.set(key, list);
  }
  const keys = [...groups.keys()].sort();
  const daysHtml = keys.length
    ? keys
        .map(
          (k) =>
            `<section class="day" aria-labelledby="d-${k}"><h2 id="d-${k}">${escapeHtml(dayTitle(k, lang))}</h2><ul>${(
              groups.get(k) ?? []
            )
              .map((o) => occurrenceHtml(o, lang, timeZone))
              .join('')}</ul></section>`,
        )
        .join('\n')
    : `<p class="empty">${L(lang, {
        en: `Nothing planned in the next ${input.days} days.`,
        fr: `Rien de prévu dans les ${input.days} prochains jours.`,
      })}</p>`;
  const tasksHtml = agenda.tasks.length
    ? `<section class="tasks" aria-labelledby="tasks-h"><h2 id="tasks-h">${L(lang, { en: 'Open tasks', fr: 'Tâches en cours' })}</h2><ul>${agenda.tasks
        .map(
          (t) =>
            `<li>${t.busyOnly ? L(lang, { en: 'Private task', fr: 'Tâche privée' }) : escapeHtml(t.summary || '—')}${
              t.dueDate
                ? ` <span class="when">${L(lang, { en: 'due', fr: 'échéance' })} <time datetime="${escapeHtml(t.dueDate)}">${escapeHtml(dayTitle(t.dueDate, lang))}</time></span>`
                : ''
            }</li>`,
        )
        .join('')}</ul></section>`
    : '';
  const truncated = agenda.truncated
    ? `<p class="note">${L(lang, { en: 'Some repeating events are not all listed.', fr: 'Certains événements répétés ne sont pas tous affichés.' })}</p>`
    : '';
  const body = `<h1>${escapeHtml(input.calendarName)}</h1>
<p class="tz">${L(lang, { en: 'Times are shown in the time zone', fr: 'Les heures sont affichées dans le fuseau' })} ${escapeHtml(timeZone)}.</p>
<p class="subscribe"><a href="${escapeHtml(input.webcalUrl)}">${L(lang, { en: 'Subscribe in my calendar app', fr: 'M’abonner dans mon agenda' })}</a> · <a href="${escapeHtml(input.icsUrl)}">${L(lang, { en: 'Download (.ics)', fr: 'Télécharger (.ics)' })}</a></p>
${daysHtml}
${tasksHtml}
${truncated}`;
  return page(lang, input.calendarName, body, input.selfPath);
}

export function passwordPage(lang: Lang, selfPath: string, error: 'wrong' | undefined): string {
  const err =
    error === 'wrong'
      ? `<p class="error" role="alert" id="pw-error">${L(lang, { en: 'Wrong password. Try again.', fr: 'Mot de passe incorrect. Réessayez.' })}</p>`
      : '';
  const body = `<h1>${L(lang, { en: 'This calendar is protected', fr: 'Cet agenda est protégé' })}</h1>
<p>${L(lang, { en: 'Enter the password you were given with the link.', fr: 'Saisissez le mot de passe reçu avec le lien.' })}</p>
${err}
<form method="post" action="${escapeHtml(selfPath)}?lang=${lang}">
<label for="password">${L(lang, { en: 'Password', fr: 'Mot de passe' })}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${error ? ' aria-describedby="pw-error" aria-invalid="true"' : ''} autofocus>
<button type="submit">${L(lang, { en: 'Open the calendar', fr: "Ouvrir l'agenda" })}</button>
</form>`;
  return page(lang, lang === 'fr' ? 'Agenda protégé' : 'Protected calendar', body, selfPath);
}

export function messagePage(lang: Lang, title: Text, message: Text): string {
  return page(lang, title[lang], `<h1>${L(lang, title)}</h1><p>${L(lang, message)}</p>`, undefined);
}

export const GUEST_PAGES = {
  notFound: {
    title: { en: 'Link not found', fr: 'Lien introuvable' },
    message: {
      en: 'This link does not exist or was withdrawn by the person who shared it.',
      fr: "Ce lien n'existe pas ou a été retiré par la personne qui l'a partagé.",
    },
  },
  expired: {
    title: { en: 'This link has expired', fr: 'Ce lien a expiré' },
    message: {
      en: 'The person who shared this calendar set an end date, and it has passed. Ask them for a new link.',
      fr: 'La personne qui a partagé cet agenda avait fixé une date de fin, qui est passée. Demandez-lui un nouveau lien.',
    },
  },
  tooMany: {
    title: { en: 'Too many attempts', fr: 'Trop de tentatives' },
    message: {
      en: 'Too many attempts from your connection. Wait a few minutes, then try again.',
      fr: 'Trop de tentatives depuis votre connexion. Patientez quelques minutes, puis réessayez.',
    },
  },
  unavailable: {
    title: { en: 'Calendar unavailable', fr: 'Agenda indisponible' },
    message: {
      en: 'The calendar server cannot be reached right now. Try again later.',
      fr: "Le serveur d'agenda est injoignable pour le moment. Réessayez plus tard.",
    },
  },
} as const;

export const GUEST_CSS = `:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#555;--accent:#0b5cad;--line:#ddd}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#161616;--muted:#aaa;--accent:#7db7ff;--line:#333}}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:46rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.05rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem;text-transform:capitalize}
ul{list-style:none;margin:0;padding:0}li{display:grid;grid-template-columns:9rem 1fr;gap:.25rem 1rem;padding:.4rem 0;border-bottom:1px solid var(--line)}
.when{color:var(--muted);font-variant-numeric:tabular-nums}.where{grid-column:2;color:var(--muted);font-size:.95rem}
.busy .what{font-style:italic;color:var(--muted)}.cancelled .what{text-decoration:line-through}.tag{font-size:.8rem;border:1px solid var(--line);border-radius:.3rem;padding:0 .3rem}
.tasks li{grid-template-columns:1fr}.tz,.note,footer{color:var(--muted);font-size:.9rem}footer{max-width:46rem;margin:2rem auto;padding:0 1rem}
a{color:var(--accent)}.lang{max-width:46rem;margin:0 auto;padding:.5rem 1rem 0;text-align:right}
form{display:flex;flex-direction:column;gap:.5rem;max-width:20rem}input,button{font:inherit;padding:.5rem;border-radius:.3rem;border:1px solid var(--muted)}
button{background:var(--accent);color:var(--bg);border:0;cursor:pointer}.error{color:#b00020;font-weight:600}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
@media (max-width:30rem){li{grid-template-columns:1fr}.where{grid-column:1}}
`;
