/** The sharing entry point: one object per collection that picks its driver and maps the one rights model. */
import { resolveHref } from '../dav/multistatus.js';
import { detectSharing } from './detect.js';
import { aclDriver } from './drivers/acl.js';
import type { DriverContext, PublishOptions, SharingDriver } from './drivers/driver.js';
import { inviteDriver } from './drivers/invite-sharing.js';
import { nextcloudDriver } from './drivers/nextcloud.js';
import { sogoDriver } from './drivers/sogo.js';
import { noSharingError, unsupportedDriver } from './drivers/unsupported.js';
import { sharingError } from './errors.js';
import { asCollectionUrl } from './http.js';
import type { SharingAccount } from './invitations.js';
import { resolveSharee } from './principals.js';
import type { DriverKind, PublishedLinks, ResolvedSharee, Share, ShareRights, SharingCapabilities } from './types.js';

export interface OpenSharingOptions {
  /** Use this driver when the server supports several (Cyrus: resource-sharing, calendarserver, webdav-acl). */
  prefer?: DriverKind;
}

export interface SharedCollection {
  readonly url: string;
  readonly capabilities: SharingCapabilities;
  /** Email, mailto:, principal URL/path or user id -> the server's principal; unknown addresses are an error. */
  resolve(who: string): Promise<ResolvedSharee>;
  listShares(): Promise<Share[]>;
  /** Adds or changes a sharee's rights; resolves to the share as the server lists it afterwards. */
  share(who: string, rights: ShareRights): Promise<Share | undefined>;
  unshare(who: string): Promise<void>;
  published(): Promise<PublishedLinks | null>;
  publish(options?: PublishOptions): Promise<PublishedLinks>;
  unpublish(): Promise<void>;
  /** Leaves a share I received (the collection URL is my copy, or the shared collection on servers without copies). */
  leave(): Promise<void>;
}

export function driverFor(ctx: DriverContext): SharingDriver {
  switch (ctx.capabilities.driver) {
    case 'resource-sharing':
    case 'calendarserver':
      return inviteDriver(ctx, ctx.capabilities.driver);
    case 'davical':
      return aclDriver(ctx, { tickets: ctx.capabilities.publish });
    case 'webdav-acl':
      return aclDriver(ctx, { tickets: false });
    case 'sogo':
      return sogoDriver(ctx);
    case 'nextcloud':
      return nextcloudDriver(ctx);
    default:
      return unsupportedDriver(ctx);
  }
}

/** `target` is an absolute URL or a path relative to the account's server. */
export function collectionUrl(account: SharingAccount, target: string): string {
  return asCollectionUrl(resolveHref(target, account.discovery.principal.url));
}

export async function openSharing(
  account: SharingAccount,
  target: string,
  options: OpenSharingOptions = {},
): Promise<SharedCollection> {
  const url = collectionUrl(account, target);
  const capabilities = await detectSharing(account.transport, url, options.prefer);
  const ctx: DriverContext = { transport: account.transport, me: account.discovery.principal, url, capabilities };
  const driver = driverFor(ctx);
  const resolve = async (who: string): Promise<ResolvedSharee> => {
    if (capabilities.driver === 'none') throw noSharingError(ctx);
    return resolveSharee(account.transport, ctx.me, who);
  };
  const mustManage = () => {
    if (capabilities.driver !== 'none' && !capabilities.canManage) {
      throw sharingError('not-allowed', url, 'sharing.not-allowed', {});
    }
  };
  const matchShare = (list: Share[], s: ResolvedSharee) =>
    list.find(
      (x) =>
        (x.principal !== undefined && asCollectionUrl(x.principal) === asCollectionUrl(s.principal)) ||
        (s.email !== undefined && x.sharee.replace(/^mailto:/i, '').toLowerCase() === s.email) ||
        x.sharee
          .replace(/^mailto:/i, '')
          .split('@')[0]
          ?.toLowerCase() === s.userId.toLowerCase(),
    );
  return {
    url,
    capabilities,
    resolve,
    listShares: () => driver.listShares(),
    async share(who, rights) {
      mustManage();
      const sharee = await resolve(who);
      await driver.share(sharee, rights);
      return matchShare(await driver.listShares(), sharee);
    },
    async unshare(who) {
      mustManage();
      await driver.unshare(await resolve(who));
    },
    published: () => driver.published(),
    async publish(opts = {}) {
      mustManage();
      if (opts.expires && !capabilities.publishExpiry && capabilities.driver !== 'none') {
        throw sharingError('refused', url, 'sharing.no-link-expiry', { server: capabilities.server });
      }
      return driver.publish(opts);
    },
    async unpublish() {
      mustManage();
      await driver.unpublish();
    },
    leave: () => driver.leave(),
  };
}
