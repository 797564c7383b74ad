/**
 * The sharing words' keys and parameters (sharing/**, dav/shared-with-me.ts): the error of each refusal, what a
 * sharing request was doing, the rights' names and the mail snippet of a calendar link. Wired into messages.ts.
 */

/** The rights a share gives: read (Lecture), read-write (Ecriture), admin (Gestion). */
export type AccessLevel = 'read' | 'read-write' | 'admin';

/** What a sharing request was doing, named in "you may not do X" errors (dav.forbidden). */
export type SharingOperation =
  | 'ask-capabilities'
  | 'subscribe-shared'
  | 'bind-shared'
  | 'change-shares'
  | 'change-calendar-shares'
  | 'change-access-list'
  | 'read-access-list'
  | 'publish-calendar'
  | 'unpublish-calendar'
  | 'create-public-link'
  | 'remove-public-link'
  | 'leave-share'
  | 'read-invitations'
  | 'accept-invitation'
  | 'decline-invitation'
  | 'find-sharee'
  | 'find-colleagues';

export interface SharingMessageParams {
  'sharing.no-sharing-protocol': { server: string };
  /** `possible`: the levels the server can give (empty: none). */
  'sharing.unsupported-level': { server: string; access: AccessLevel; possible: AccessLevel[] };
  'sharing.unsupported-private-events': { server: string };
  'sharing.cannot-publish': { server: string };
  'sharing.cannot-leave': { server: string };
  /** Leaving a collection that is the user's own; `maybeUnshared`: it may also simply not be shared. */
  'sharing.leave-own-collection': { maybeUnshared: boolean };
  'sharing.not-published': Record<string, never>;
  'sharing.not-allowed': Record<string, never>;
  'sharing.no-link-expiry': { server: string };
  'sharing.not-shared-with-you': { url: string };
  'sharing.own-collection': { url: string };
  'sharing.no-subscription-needed': Record<string, never>;
  'sharing.not-shared-with': { sharee: string; what: 'collection' | 'calendar' };
  'sharing.sharee-not-added': { server: string; sharee: string };
  'sharing.share-with-yourself': Record<string, never>;
  'sharing.sharee-still-has-access': { server: string; sharee: string };
  'sharing.expiry-in-past': Record<string, never>;
  'sharing.unknown-invitation': { id: string };
  'sharing.invitation-reply-refused': Record<string, never>;
  'sharing.unknown-sharee': { input: string };
  'sharing.no-public-link-yet': { url: string };
  'sharing.too-many-users-searched': { users: number; searched: number };
}

/** The words of the text to paste into a mail with a calendar link (sharing/snippet.ts). */
export interface LinkSnippetWords {
  subject: (name: string) => string;
  intro: (from: string | undefined, name: string) => string;
  /** The calendar's name when it has none. */
  defaultName: string;
  /** Between a label and its value ("Link: x" / "Lien : x"). */
  separator: string;
  what: string;
  linkLabel: (scheme: string) => string;
  webcalLabel: string;
  htmlLabel: string;
  howTitle: string;
  /** Each client app and how to subscribe in it. */
  steps: Array<[app: string, how: string]>;
  password: string;
  until: (date: string) => string;
  noExpiry: string;
  privacy: string;
}

/** The sharing part of a language's catalog (its operations go into the catalog's `operation`). */
export type SharingCatalog = { [K in keyof SharingMessageParams]: (params: SharingMessageParams[K]) => string } & {
  accessLevel: Record<AccessLevel, string>;
  linkSnippet: LinkSnippetWords;
};
