/** What every sharing driver implements, and what it gets to work with. */
import type { Principal } from '../../dav/discovery.js';
import type { Transport } from '../../dav/transport.js';
import { sharingError } from '../errors.js';
import type { PublishedLinks, ResolvedSharee, Share, ShareRights, SharingCapabilities } from '../types.js';

export interface DriverContext {
  transport: Transport;
  me: Principal;
  /** Collection URL, ending in "/". */
  url: string;
  capabilities: SharingCapabilities;
}

export interface PublishOptions {
  /** The link stops working after this date (only where capabilities.publishExpiry). */
  expires?: Date;
}

export interface SharingDriver {
  listShares(): Promise<Share[]>;
  share(sharee: ResolvedSharee, rights: ShareRights): Promise<void>;
  unshare(sharee: ResolvedSharee): Promise<void>;
  /** Current public links, or null when not published. */
  published(): Promise<PublishedLinks | null>;
  publish(options: PublishOptions): Promise<PublishedLinks>;
  unpublish(): Promise<void>;
  leave(): Promise<void>;
}

/** Refuses a level or private-event setting the server cannot express (never downgrades). */
export function checkRights(ctx: DriverContext, rights: ShareRights): void {
  const caps = ctx.capabilities;
  if (!caps.levels.includes(rights.access)) {
    throw sharingError('unsupported-level', ctx.url, 'sharing.unsupported-level', {
      server: caps.server,
      access: rights.access,
      possible: caps.levels,
    });
  }
  if (rights.privateEvents !== undefined && !caps.privateEvents) {
    throw sharingError('unsupported-private-events', ctx.url, 'sharing.unsupported-private-events', {
      server: caps.server,
    });
  }
}

export function cannotPublish(ctx: DriverContext): never {
  throw sharingError('cannot-publish', ctx.url, 'sharing.cannot-publish', { server: ctx.capabilities.server });
}

/** The server cannot leave a share; or (`own`) the collection is the user's own, so there is nothing to leave. */
export function cannotLeave(ctx: DriverContext, own?: { maybeUnshared: boolean }): never {
  throw own
    ? sharingError('cannot-leave', ctx.url, 'sharing.leave-own-collection', own)
    : sharingError('cannot-leave', ctx.url, 'sharing.cannot-leave', { server: ctx.capabilities.server });
}

export function notPublished(ctx: DriverContext): never {
  throw sharingError('not-published', ctx.url, 'sharing.not-published', {});
}
