/** Sharing and publishing of calendars and address books, one rights model over every server family. */
export * from './types.js';
export * from './errors.js';
export * from './detect.js';
export * from './principals.js';
export * from './principal-search.js';
export * from './invitations.js';
export * from './session.js';
export * from './snippet.js';
export type { PublishOptions } from './drivers/driver.js';
export { parseAcl, buildAcl, accessFromAce, privilegesFor } from './drivers/acl.js';
export { rolesFor, rightsFromRoles } from './drivers/sogo.js';
export { ncShareeHref } from './drivers/nextcloud.js';
export { parseInvite } from './drivers/invite-sharing.js';
