/**
 * Sharing with people, invitations and publishing, through bridge-core's sharing drivers (one rights model over
 * CalendarServer/resource sharing, WebDAV ACL, SOGo, Nextcloud; Radicale is refused clearly by the drivers).
 * Routes call this interface so that a test or another deployment can swap the implementation.
 */
import {
  acceptInvitation,
  declineInvitation,
  listInvitations,
  openSharing,
  type Invitation,
  type PublishedLinks,
  type Share,
  type ShareAccess,
  type SharingAccount,
  type SharingCapabilities,
} from '@dav-bridge/core';

export type { Invitation, PublishedLinks, Share, ShareAccess, SharingAccount, SharingCapabilities };

export interface SharingProvider {
  /** What the server's sharing driver can grant on this collection (issue 13 item 5). */
  capabilities(account: SharingAccount, collectionUrl: string): Promise<SharingCapabilities>;
  listShares(account: SharingAccount, collectionUrl: string): Promise<Share[]>;
  share(
    account: SharingAccount,
    collectionUrl: string,
    sharee: string,
    access: ShareAccess,
    privateEvents?: boolean,
  ): Promise<Share | undefined>;
  revoke(account: SharingAccount, collectionUrl: string, sharee: string): Promise<void>;
  listInvitations(account: SharingAccount): Promise<Invitation[]>;
  answerInvitation(account: SharingAccount, id: string, accept: boolean): Promise<void>;
  /** Accepts; resolves to the invitation and the URL the shared collection has for me (when the server says). */
  acceptInvitation(
    account: SharingAccount,
    id: string,
  ): Promise<{ invitation: Invitation; collection: string | undefined }>;
  publish(account: SharingAccount, collectionUrl: string, publish: boolean): Promise<PublishedLinks | null>;
}

export const coreSharing: SharingProvider = {
  capabilities: async (account, url) => (await openSharing(account, url)).capabilities,
  listShares: async (account, url) => (await openSharing(account, url)).listShares(),
  share: async (account, url, who, access, privateEvents) =>
    (await openSharing(account, url)).share(who, { access, ...(privateEvents === undefined ? {} : { privateEvents }) }),
  revoke: async (account, url, who) => (await openSharing(account, url)).unshare(who),
  listInvitations: (account) => listInvitations(account),
  answerInvitation: async (account, id, accept) => {
    if (accept) await acceptInvitation(account, id);
    else await declineInvitation(account, id);
  },
  acceptInvitation: (account, id) => acceptInvitation(account, id),
  publish: async (account, url, publish) => {
    const shared = await openSharing(account, url);
    if (!publish) {
      await shared.unpublish();
      return null;
    }
    return shared.publish();
  },
};
