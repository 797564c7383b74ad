import type { ServerCatalog } from './server.messages.js';

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
  object: 'an object',
  array: 'a list',
};

export const serverEn: ServerCatalog = {
  'server.too-large': () => 'The request is too large.',
  'server.internal-error': () =>
    'Something went wrong in the bridge. Try again; if it persists, tell your administrator.',
  'server.invalid-request': () => 'The request is missing information or is malformed.',
  'server.not-signed-in': () => 'You are not signed in (or your session has expired). Please sign in again.',
  'server.too-many-attempts': (p) => `Too many attempts. Wait ${p.seconds} seconds before trying again.`,
  'server.not-found': () => 'Nothing here.',
  'server.invalid-preset': () =>
    '"preset" must be an Outlook category color number from 0 to 24 (or null for no color).',
  'server.field-missing': (p) => `"${p.field}" is missing.`,
  'server.field-too-long': (p) => `"${p.field}" must be at most ${p.max} characters long.`,
  'server.field-empty': (p) => `"${p.field}" cannot be empty.`,
  'server.field-type': (p) => `"${p.field}" must be ${TYPE_NAMES[p.type] ?? p.type}.`,
  'server.field-not-allowed': (p) => `"${p.field}" has a value that is not allowed.`,
  'server.field-bad-form': (p) => `"${p.field}" is not in the expected form.`,
  'server.session-expired': () => 'Your session has expired. Please sign in again.',
  'server.csrf-rejected': () =>
    'This request was refused because it did not come from the DAV Bridge pane. Reload the pane and try again.',
  'server.invalid-device-token': () =>
    'This device token is not valid or was revoked. Create a new one in the DAV Bridge pane.',
  'server.origin-not-allowed': (p) =>
    `The bridge only contacts the servers its administrator allowed; ${p.origin} is not one of them`,
  'server.database-too-new': (p) =>
    `The bridge database ${p.file} has schema version ${p.found}, written by a newer DAV Bridge; this version knows up to ${p.known}. Start the newer DAV Bridge again, or restore the backup made before the upgrade. Nothing was changed.`,
  'server.key-misconfigured': () =>
    'encryptionKey / DAV_BRIDGE_KEY must be 32 bytes in base64 (openssl rand -base64 32).',
  'server.key-file-empty': (p) =>
    `The key file ${p.file} is empty. Restore it from your backup (it must hold the key that sealed the database), or set encryptionKey / DAV_BRIDGE_KEY to that key.`,
  'server.key-file-malformed': (p) =>
    `The key file ${p.file} does not hold a key (32 bytes in base64). Restore it from your backup, or set encryptionKey / DAV_BRIDGE_KEY to the key that sealed the database.`,
  'server.key-file-lost': (p) =>
    `The key file ${p.file} is missing, but the database holds credentials and guest links sealed with it. Restore ${p.file} from your backup (or set encryptionKey / DAV_BRIDGE_KEY to that key). The bridge will not make a new key: that would make them unreadable.`,
  'server.wrong-key': (p) =>
    `The encryption key (${p.source}) is not the one that sealed this database's credentials and guest links. Restore the key file from the backup made with the database (or set encryptionKey / DAV_BRIDGE_KEY to that key).`,
  'server.password-too-short': (p) => `The password must have at least ${p.min} characters.`,
  'server.password-too-common': () =>
    'This password is among the first ones attackers try. Choose another, for example three unrelated words.',
  'server.sign-in-json-required': () => 'Sign in from the DAV Bridge pane: this request must be sent as JSON.',
  'server.sign-in-cross-site': () =>
    'Sign-in refused: the request came from another site. Open the DAV Bridge pane to sign in.',
  'server.item-errors': (p) => `${p.count} item(s) could not be copied; they will be tried again at the next sync.`,
  'server.collection-gone': (p) =>
    `"${p.name}" no longer exists on the server, or is no longer shared with you. Remove this subscription, or subscribe again if it was moved.`,
  'server.sync-password-refused': () =>
    'The server refused the password the bridge keeps for you (it may have been changed or revoked). Sign in to the pane again.',
  'server.sync-failed': () =>
    'The sync stopped because of an unexpected problem in the bridge; it will be tried again. If it persists, tell your administrator.',
  'server.category-reason': ({ color, naming }) => {
    const colorPart =
      color.kind === 'set-by-user'
        ? 'Color chosen by you'
        : color.kind === 'nearest'
          ? `Closest Outlook color to the calendar's ${color.color} (CIEDE2000 difference ${color.deltaE.toFixed(1)})`
          : color.kind === 'unusable'
            ? "The calendar's color is not a color Outlook can use: no category color"
            : 'The calendar has no color: no category color';
    const namePart = !naming
      ? ''
      : naming.kind === 'set-by-user'
        ? '; name chosen by you'
        : `; named "${naming.name}" because "${naming.avoided}" is already used`;
    return `${colorPart}${namePart}.`;
  },
  'server.server-not-allowed': () =>
    'This server is not one the bridge is allowed to use. Choose a server from the list.',
  'server.authentication-failed': () =>
    'The server rejected this user name or password. Check them, or create a new app password.',
  'server.collection-not-found': () => 'This calendar or address book was not found in your account.',
  'server.empty-name': () => 'The name cannot be empty.',
  'server.address-book-no-color': () => 'Address books have no color: create it without "preset".',
  'server.no-home': (p) =>
    p.kind === 'contacts'
      ? 'Your server offers no place for new address books in your account.'
      : 'Your server offers no place for new calendars in your account.',
  'server.nothing-to-change': () => 'Nothing to change.',
  'server.categories-calendars-only': () => 'Outlook categories are for calendars and task lists only.',
  'server.subscription-not-found': () => 'This subscription does not exist or was already removed.',
  'server.device-not-found': () => 'This device does not exist or was already revoked.',
  'server.guest-password-required': () => 'Your administrator requires a password on every guest link.',
  'server.guest-expiry-too-far': (p) =>
    `Your administrator allows guest links for ${p.days} days at most: choose an expiry on or before ${p.latest}.`,
  'server.guest-link-not-found': () => 'This guest link does not exist or was already withdrawn.',
  'server.expiry-invalid': () => 'The expiry date is not a valid date.',
  'server.expiry-in-past': () => 'The expiry date must be in the future.',
  'server.guest-links-calendars-only': () => 'Guest links can be made for calendars and task lists only.',
  'server.sharing-not-available': () =>
    'Sharing with people is not available on this bridge yet. Guest links work on every server.',
  'server.already-subscribed': () => 'You are already subscribed to this.',
  'server.subscribable-not-found': () => 'No calendar or address book you can read was found at this address.',
  'server.url-not-an-address': () => '"url" is not an address.',
  'server.url-not-on-your-server': () =>
    'This address is not on your DAV server. To follow a calendar published elsewhere, subscribe to its feed (feedUrl).',
  'server.subscribe-exactly-one': () =>
    'Give exactly one of "invitationId", "url" (a calendar or address book shared with you) or "feedUrl" (an ICS/webcal feed).',
  'server.tls-generation-failed': (p) =>
    `Could not generate a self-signed certificate with openssl (${p.reason}). Install openssl or set "tls" in the config.`,
  'server.demo-radicale-missing': () =>
    'Radicale is not installed: run `sudo apt-get install radicale` (or configure a DAV server).',
  'server.demo-radicale-installing': () => 'Installing Radicale from Debian (apt-get install radicale)...',
  'server.demo-port-taken': (p) => `Port ${p.port} is taken by another program; set DAV_BRIDGE_DEMO_PORT.`,
  'server.demo-radicale-not-started': (p) => `The demo Radicale did not start; see ${p.log}.`,
  'server.demo-seeding': () => 'Seeding the demo data (Gilles, Alexandre, David)...',
  'server.help-title': () => 'DAV Bridge help',
  'server.help-text': () =>
    'Sign in with your calendar user name and app password, pick a calendar, then create a guest link and insert it into your mail.',
};
