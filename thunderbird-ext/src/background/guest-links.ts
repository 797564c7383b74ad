/**
 * A guest link for a collection, as core's mail snippet: the DAV server's own publishing where it has one (Cyrus,
 * DAViCal, SOGo, Nextcloud: a public ICS/webcal/HTML link), else the bridge server's guest links when the options
 * page has a bridge URL and device token (Radicale has no publishing). Neither: a clear error.
 */
import { openSharing, renderLinkSnippet, type DavAccount, type Snippet } from '@dav-bridge/core';
import type { ExtensionOptions } from '../options-store.js';
import { UiError } from '../messages.js';

export interface BridgeGuestLink {
  id: string;
  collectionUrl: string;
  collectionName: string;
  url: string | null;
  icsUrl: string | null;
  webcalUrl: string | null;
  expiresAt: string | null;
}

/** The bridge server's JSON API with the device's bearer token (never logged, never shown). */
async function bridge<T>(options: ExtensionOptions, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(new URL(path, options.bridgeUrl), {
    ...init,
    headers: {
      ...(init.headers ?? {}),
      authorization: `Bearer ${options.bridgeToken}`,
      'content-type': 'application/json',
    },
  });
  if (!res.ok) throw new UiError('errorBridgeHttp', [String(res.status), path]);
  return (await res.json()) as T;
}

export async function bridgeGuestLinks(options: ExtensionOptions): Promise<BridgeGuestLink[]> {
  if (!options.bridgeUrl || !options.bridgeToken) return [];
  return (await bridge<{ guestLinks: BridgeGuestLink[] }>(options, '/api/v1/guest-links')).guestLinks;
}

function snippetOfBridgeLink(link: BridgeGuestLink, lang: 'en' | 'fr'): Snippet {
  if (!link.icsUrl) throw new UiError('errorBridgeLinkUnreadable', [link.collectionName]);
  return renderLinkSnippet({
    link: { ics: link.icsUrl, ...(link.webcalUrl ? { webcal: link.webcalUrl } : {}), html: link.url },
    lang,
    calendarName: link.collectionName,
    expires: link.expiresAt ? new Date(link.expiresAt) : null,
  });
}

/** The snippet of an existing bridge guest link. */
export async function snippetForBridgeLink(options: ExtensionOptions, id: string, lang: 'en' | 'fr'): Promise<Snippet> {
  const link = (await bridgeGuestLinks(options)).find((l) => l.id === id);
  if (!link) throw new UiError('errorNoBridgeLink', [id]);
  return snippetOfBridgeLink(link, lang);
}

/** The snippet of a collection's guest link: native publishing first, else the bridge (an existing link is reused). */
export async function snippetForCollection(
  account: DavAccount,
  collection: { url: string; name: string },
  options: ExtensionOptions,
  lang: 'en' | 'fr',
): Promise<Snippet> {
  const sharing = await openSharing(account, new URL(collection.url).pathname);
  if (sharing.capabilities.publish) {
    const links = (await sharing.published()) ?? (await sharing.publish());
    return renderLinkSnippet({ link: links, lang, calendarName: collection.name, expires: links.expires });
  }
  if (!options.bridgeUrl || !options.bridgeToken) throw new UiError('errorNoGuestLink');
  const existing = (await bridgeGuestLinks(options)).find((l) => l.collectionUrl === collection.url && l.icsUrl);
  const link =
    existing ??
    (
      await bridge<{ guestLink: BridgeGuestLink }>(options, '/api/v1/guest-links', {
        method: 'POST',
        body: JSON.stringify({ collectionUrl: collection.url }),
      })
    ).guestLink;
  return snippetOfBridgeLink(link, lang);
}
