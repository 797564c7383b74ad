import type { AccessLevel, SharingCatalog, SharingOperation } from './sharing.messages.js';

export const sharingOperationEn: Record<SharingOperation, string> = {
  'ask-capabilities': 'asking the server what it supports',
  'subscribe-shared': 'subscribing to the shared collection',
  'bind-shared': 'adding the shared collection to your account',
  'change-shares': 'changing who this collection is shared with',
  'change-calendar-shares': 'changing who this calendar is shared with',
  'change-access-list': 'changing the access list of this collection',
  'read-access-list': 'reading who has access',
  'publish-calendar': 'publishing the calendar',
  'unpublish-calendar': 'unpublishing the calendar',
  'create-public-link': 'creating the public link',
  'remove-public-link': 'removing the public link',
  'leave-share': 'leaving the share',
  'read-invitations': 'reading your sharing invitations',
  'accept-invitation': 'accepting the invitation',
  'decline-invitation': 'declining the invitation',
  'find-sharee': 'looking up the person to share with',
  'find-colleagues': 'looking for colleagues who share with you',
};

const ACCESS: Record<AccessLevel, string> = {
  read: 'read',
  'read-write': 'read-write',
  admin: 'admin (may manage sharing)',
};

export const sharingEn: SharingCatalog = {
  accessLevel: ACCESS,
  'sharing.no-sharing-protocol': (p) =>
    `${p.server} has no sharing protocol: calendars on it cannot be shared, published or accepted from the mail client (its administrator sets access by hand). To let someone see this calendar, send a DAV Bridge guest link instead`,
  'sharing.unsupported-level': (p) =>
    `${p.server} cannot give "${ACCESS[p.access]}" access through its sharing protocol; it can give: ${p.possible.map((l) => ACCESS[l]).join(', ') || 'nothing'}. Nothing was changed`,
  'sharing.unsupported-private-events': (p) =>
    `${p.server} cannot set per person whether private events are visible; share without that option. Nothing was changed`,
  'sharing.cannot-publish': (p) =>
    `${p.server} cannot publish this collection as a public link; use a DAV Bridge guest link instead`,
  'sharing.cannot-leave': (p) => `${p.server} does not let a person leave a share: ask the owner to remove you`,
  'sharing.leave-own-collection': (p) =>
    p.maybeUnshared
      ? 'This collection is not a share you received (it is yours, or not shared): nothing to leave'
      : 'This collection is not a share you received (it is yours): nothing to leave',
  'sharing.not-published': () => 'This collection is not published: there is no public link to remove',
  'sharing.not-allowed': () =>
    'You may not change who has access to this collection (only its owner or someone with admin rights can)',
  'sharing.no-link-expiry': (p) =>
    `${p.server} cannot make a public link expire; publish without an expiry date (and unpublish when done)`,
  'sharing.not-shared-with-you': (p) =>
    `${p.url} is not shared with you (or does not exist): ask its owner to share it with you`,
  'sharing.own-collection': (p) => `${p.url} is your own collection: there is nothing to accept`,
  'sharing.no-subscription-needed': () =>
    'This server needs no subscription: a collection shared with you is listed by "dav-bridge discover" (or comes with an invitation, see "dav-bridge invites")',
  'sharing.not-shared-with': (p) =>
    p.what === 'calendar'
      ? `This calendar is not shared with ${p.sharee}`
      : `This collection is not shared with ${p.sharee}`,
  'sharing.sharee-not-added': (p) => `${p.server} accepted the request but did not add ${p.sharee} to the sharees`,
  'sharing.share-with-yourself': () => 'You cannot share a collection with yourself',
  'sharing.sharee-still-has-access': (p) => `${p.server} accepted the change but ${p.sharee} still has access`,
  'sharing.expiry-in-past': () => 'The expiry date of the link is in the past',
  'sharing.unknown-invitation': (p) => `No pending invitation "${p.id}" (list them with "dav-bridge invites")`,
  'sharing.invitation-reply-refused': () => 'The server refused the answer to the invitation',
  'sharing.unknown-sharee': (p) =>
    `No user of this server has the address or name "${p.input}": check the spelling, or send a guest link instead`,
  'sharing.no-public-link-yet': (p) => `${p.url} has no public link yet: run "dav-bridge publish" first`,
  'sharing.too-many-users-searched': (p) =>
    `${p.users} users on this server: only the first ${p.searched} were searched for shares; ` +
    'add another share with "dav-bridge accept <account> <address>"',
  linkSnippet: {
    subject: (n) => `Calendar link: ${n}`,
    intro: (f, n) => `${f ? `${f} shares` : 'Here is'} the calendar "${n}" with you.`,
    defaultName: 'shared calendar',
    separator: ': ',
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
};
