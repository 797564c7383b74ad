/** What every sharing driver implements, and what it gets to work with. */
import type { Principal } from '../../dav/discovery.js';
import type { Transport } from '../../dav/transport.js';
import { ACCESS_LABEL, sharingError } from '../errors.js';
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
    const can = caps.levels.map((l) => ACCESS_LABEL[l]);
    throw sharingError(
      'unsupported-level',
      ctx.url,
      `${caps.server} cannot give "${ACCESS_LABEL[rights.access].en}" access through its sharing protocol; it can give: ${can.map((c) => c.en).join(', ') || 'nothing'}. Nothing was changed`,
      `${caps.server} ne peut pas donner le droit « ${ACCESS_LABEL[rights.access].fr} » par son protocole de partage ; droits possibles : ${can.map((c) => c.fr).join(', ') || 'aucun'}. Rien n'a été modifié`,
    );
  }
  if (rights.privateEvents !== undefined && !caps.privateEvents) {
    throw sharingError(
      'unsupported-private-events',
      ctx.url,
      `${caps.server} cannot set per person whether private events are visible; share without that option. Nothing was changed`,
      `${caps.server} ne permet pas de choisir par personne si les événements privés sont visibles ; partagez sans cette option. Rien n'a été modifié`,
    );
  }
}

export function cannotPublish(ctx: DriverContext): never {
  throw sharingError(
    'cannot-publish',
    ctx.url,
    `${ctx.capabilities.server} cannot publish this collection as a public link; use a DAV Bridge guest link instead`,
    `${ctx.capabilities.server} ne peut pas publier cette collection par un lien public ; utilisez plutôt un lien invité DAV Bridge`,
  );
}

export function cannotLeave(ctx: DriverContext, why?: { en: string; fr: string }): never {
  throw sharingError(
    'cannot-leave',
    ctx.url,
    why?.en ?? `${ctx.capabilities.server} does not let a person leave a share: ask the owner to remove you`,
    why?.fr ??
      `${ctx.capabilities.server} ne permet pas de quitter un partage soi-même : demandez au propriétaire de vous retirer`,
  );
}

export function notPublished(ctx: DriverContext): never {
  throw sharingError(
    'not-published',
    ctx.url,
    'This collection is not published: there is no public link to remove',
    "Cette collection n'est pas publiée : il n'y a pas de lien public à retirer",
  );
}
