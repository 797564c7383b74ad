/**
 * The text to paste into a mail when sending a calendar link: what the link is, how to subscribe from Outlook,
 * Thunderbird, Apple, Google and Android, and until when it works. HTML and plain text, French and English;
 * every value from outside (names, URLs, notes) is escaped in the HTML.
 */
/**
 * Escapes text for HTML element content and double-quoted attributes. `'` becomes `&#39;`, not `&apos;`
 * (an XML entity HTML 4 does not know, shown raw by some mail clients).
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export type SnippetLang = 'en' | 'fr';

export interface SnippetInput {
  /** The ICS (https) link, or a { ics, webcal, html } triple as publish() returns. */
  link: string | { ics: string; webcal?: string; html?: string | null };
  lang: SnippetLang;
  calendarName?: string;
  /** Who shares it (shown as "Alice shares ..."). */
  from?: string;
  /** e.g. "the password is the project code name": shown as is (escaped), never a password itself. */
  passwordNote?: string;
  /** The link stops working after this date. */
  expires?: Date | null;
  /** IANA zone for the expiry date; default UTC. */
  timeZone?: string;
}

export interface Snippet {
  subject: string;
  html: string;
  text: string;
}

/**
 * The subscription link (kept on its own scheme: an http:// server's link is labelled http, never https),
 * the webcal one and the browser page.
 */
function links(link: SnippetInput['link']): { feed: string; scheme: string; webcal: string; html: string | null } {
  const ics = typeof link === 'string' ? link : link.ics;
  const feed = ics.replace(/^webcals?:/i, 'https:');
  const scheme = /^http:/i.test(feed) ? 'http' : 'https';
  const webcal = typeof link !== 'string' && link.webcal ? link.webcal : feed.replace(/^https?:/i, 'webcal:');
  return { feed, scheme, webcal, html: typeof link === 'string' ? null : (link.html ?? null) };
}

function formatDate(d: Date, lang: SnippetLang, timeZone: string): string {
  return (
    new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone,
    }).format(d) + (timeZone === 'UTC' ? ' (UTC)' : ` (${timeZone})`)
  );
}

interface Texts {
  subject: (name: string) => string;
  intro: (from: string | undefined, name: string) => string;
  what: string;
  linkLabel: (scheme: string) => string;
  webcalLabel: string;
  htmlLabel: string;
  howTitle: string;
  steps: [string, string][];
  password: string;
  until: (d: string) => string;
  noExpiry: string;
  privacy: string;
}

const T: Record<SnippetLang, Texts> = {
  en: {
    subject: (n) => `Calendar link: ${n}`,
    intro: (f, n) => `${f ? `${f} shares` : 'Here is'} the calendar "${n}" with you.`,
    what: 'This is a read-only subscription link: your calendar app shows the events and keeps them up to date. You cannot change them, and you need no account.',
    linkLabel: (scheme) => `Subscription link (${scheme})`,
    webcalLabel: 'One-click subscription (webcal)',
    htmlLabel: 'View in a web browser',
    howTitle: 'How to subscribe',
    steps: [
      [
        'Outlook',
        'Calendar > Add calendar > Subscribe from web (Outlook on the web / new Outlook), or File > Account Settings > Internet Calendars > New (classic Outlook); paste the subscription link.',
      ],
      [
        'Thunderbird',
        'Calendar > New Calendar > On the Network; paste the subscription link as the location, then choose a name and color.',
      ],
      [
        'Apple (Mac, iPhone, iPad)',
        'Calendar on Mac: File > New Calendar Subscription; iPhone/iPad: Settings > Calendar > Accounts > Add Account > Other > Add Subscribed Calendar; paste the link (or click the webcal link).',
      ],
      [
        'Google Calendar',
        'On calendar.google.com: Other calendars > + > From URL; paste the subscription link. Google refreshes it every few hours.',
      ],
      [
        'Android',
        'Subscribe once in Google Calendar on the web (it then appears on the phone), or use an app such as ICSx5 with the subscription link.',
      ],
    ],
    password: 'Access note',
    until: (d) => `This link works until ${d}. After that date the calendar stops updating and the link is refused.`,
    noExpiry: 'This link has no end date; the owner can revoke it at any time.',
    privacy: 'Please do not forward this link: anyone who has it can read the calendar.',
  },
  fr: {
    subject: (n) => `Lien d'agenda : ${n}`,
    intro: (f, n) => `${f ? `${f} partage` : 'Voici'} l'agenda « ${n} » avec vous.`,
    what: "Ceci est un lien d'abonnement en lecture seule : votre application d'agenda affiche les événements et les tient à jour. Vous ne pouvez pas les modifier, et aucun compte n'est nécessaire.",
    linkLabel: (scheme) => `Lien d'abonnement (${scheme})`,
    webcalLabel: 'Abonnement en un clic (webcal)',
    htmlLabel: 'Voir dans un navigateur web',
    howTitle: "Comment s'abonner",
    steps: [
      [
        'Outlook',
        "Calendrier > Ajouter un calendrier > S'abonner à partir du web (Outlook sur le web / nouvel Outlook), ou Fichier > Paramètres du compte > Calendriers Internet > Nouveau (Outlook classique) ; collez le lien d'abonnement.",
      ],
      [
        'Thunderbird',
        "Agenda > Nouvel agenda > Sur le réseau ; collez le lien d'abonnement comme emplacement, puis choisissez un nom et une couleur.",
      ],
      [
        'Apple (Mac, iPhone, iPad)',
        'Calendrier sur Mac : Fichier > Nouvel abonnement à un calendrier ; iPhone/iPad : Réglages > Calendrier > Comptes > Ajouter un compte > Autre > Ajouter un calendrier avec abonnement ; collez le lien (ou cliquez sur le lien webcal).',
      ],
      [
        'Google Agenda',
        "Sur calendar.google.com : Autres agendas > + > À partir de l'URL ; collez le lien d'abonnement. Google le met à jour toutes les quelques heures.",
      ],
      [
        'Android',
        "Abonnez-vous une fois dans Google Agenda sur le web (l'agenda apparaît ensuite sur le téléphone), ou utilisez une application comme ICSx5 avec le lien d'abonnement.",
      ],
    ],
    password: "Note d'accès",
    until: (d) =>
      `Ce lien fonctionne jusqu'au ${d}. Après cette date, l'agenda n'est plus mis à jour et le lien est refusé.`,
    noExpiry: "Ce lien n'a pas de date de fin ; le propriétaire peut le révoquer à tout moment.",
    privacy: "Merci de ne pas transférer ce lien : toute personne qui l'a peut lire l'agenda.",
  },
};

export function renderLinkSnippet(input: SnippetInput): Snippet {
  const t = T[input.lang];
  const l = links(input.link);
  const name = input.calendarName?.trim() || (input.lang === 'fr' ? 'agenda partagé' : 'shared calendar');
  const tz = input.timeZone ?? 'UTC';
  const validity = input.expires ? t.until(formatDate(input.expires, input.lang, tz)) : t.noExpiry;
  const note = input.passwordNote?.trim();
  const sep = input.lang === 'fr' ? ' : ' : ': ';

  const text = [
    t.intro(input.from, name),
    '',
    t.what,
    '',
    `${t.linkLabel(l.scheme)}${sep}${l.feed}`,
    `${t.webcalLabel}${sep}${l.webcal}`,
    ...(l.html ? [`${t.htmlLabel}${sep}${l.html}`] : []),
    ...(note ? ['', `${t.password}${sep}${note}`] : []),
    '',
    validity,
    '',
    `${t.howTitle}${sep.trimEnd()}`,
    ...t.steps.map(([app, how]) => `- ${app}${sep}${how}`),
    '',
    t.privacy,
  ].join('\n');

  const e = escapeHtml;
  const a = (href: string) => `<a href="${e(href)}">${e(href)}</a>`;
  const html = [
    `<div class="dav-bridge-link" lang="${input.lang}">`,
    `<p>${e(t.intro(input.from, name))}</p>`,
    `<p>${e(t.what)}</p>`,
    '<ul>',
    `<li>${e(t.linkLabel(l.scheme))}${sep}${a(l.feed)}</li>`,
    `<li>${e(t.webcalLabel)}${sep}${a(l.webcal)}</li>`,
    ...(l.html ? [`<li>${e(t.htmlLabel)}${sep}${a(l.html)}</li>`] : []),
    '</ul>',
    ...(note ? [`<p><strong>${e(t.password)}</strong>${sep}${e(note)}</p>`] : []),
    `<p>${e(validity)}</p>`,
    `<p><strong>${e(t.howTitle)}</strong></p>`,
    '<ul>',
    ...t.steps.map(([app, how]) => `<li><strong>${e(app)}</strong>${sep}${e(how)}</li>`),
    '</ul>',
    `<p><em>${e(t.privacy)}</em></p>`,
    '</div>',
  ].join('\n');

  return { subject: t.subject(name), html, text };
}
