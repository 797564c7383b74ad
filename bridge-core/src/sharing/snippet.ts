/**
 * The text to paste into a mail when sending a calendar link: what the link is, how to subscribe from Outlook,
 * Thunderbird, Apple, Google and Android, and until when it works. HTML and plain text, French and English;
 * every value from outside (names, URLs, notes) is escaped in the HTML.
 */
import { catalog, type Lang } from '../i18n/index.js';

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

export type SnippetLang = Lang;

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

export function renderLinkSnippet(input: SnippetInput): Snippet {
  // The words come from the message catalog; this module only lays them out.
  const t = catalog(input.lang).linkSnippet;
  const l = links(input.link);
  const name = input.calendarName?.trim() || t.defaultName;
  const tz = input.timeZone ?? 'UTC';
  const validity = input.expires ? t.until(formatDate(input.expires, input.lang, tz)) : t.noExpiry;
  const note = input.passwordNote?.trim();
  const sep = t.separator;

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
