/** The user's calendars, task lists and address books, with their colors and real rights; recolor and rename. */
import { recolorCollection, renameCollection, type Collection } from '@dav-bridge/core';
import type { FastifyInstance } from 'fastify';
import { ApiError, badRequest } from '../http/api-error.js';
import type { AppContext } from '../http/context.js';
import { requireSession } from '../http/session.js';
import { objectBody, optionalString, requiredString } from '../http/validate.js';
import type { AccountRecord } from '../store/types.js';

export interface CollectionView {
  url: string;
  kind: Collection['kind'];
  name: string;
  description: string | null;
  color: string | null;
  access: Collection['access'];
  sharedWithMe: boolean;
  sharedByMe: boolean;
  owner: string | null;
  /** Guest links exist for calendars and task lists only. */
  canGuestLink: boolean;
}

const view = (c: Collection): CollectionView => ({
  url: c.url,
  kind: c.kind,
  name: c.name,
  description: c.description ?? null,
  color: c.color ?? null,
  access: c.access,
  sharedWithMe: c.sharedWithMe,
  sharedByMe: c.sharedByMe,
  owner: c.owner ?? null,
  canGuestLink: c.kind !== 'contacts',
});

export async function listUserCollections(
  ctx: AppContext,
  account: AccountRecord,
): Promise<{ collections: Collection[]; warnings: string[] }> {
  const dav = await ctx.dav.accountFor(account);
  return dav.listCollections();
}

/** Finds one of the user's collections by URL: the API acts only on collections the DAV server listed for them. */
export async function findUserCollection(ctx: AppContext, account: AccountRecord, url: string): Promise<Collection> {
  const { collections } = await listUserCollections(ctx, account);
  const found = collections.find((c) => c.url === url || c.url.replace(/\/?$/, '/') === url.replace(/\/?$/, '/'));
  if (!found) {
    throw new ApiError(404, 'collection-not-found', {
      en: 'This calendar or address book was not found in your account.',
      fr: "Cet agenda ou ce carnet d'adresses est introuvable dans votre compte.",
    });
  }
  return found;
}

const COLOR = /^#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?$/;

export function collectionRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/collections', async (req) => {
    const { account } = await requireSession(ctx, req);
    const { collections, warnings } = await listUserCollections(ctx, account);
    return { collections: collections.map(view), warnings };
  });

  app.patch('/api/v1/collections', async (req) => {
    const { account } = await requireSession(ctx, req);
    const body = objectBody(req.body);
    const url = requiredString(body, 'url', 2048);
    const color = optionalString(body, 'color', 9);
    const name = optionalString(body, 'name', 200);
    if (color === undefined && name === undefined)
      throw badRequest({ en: 'Nothing to change.', fr: 'Rien à modifier.' });
    if (color !== undefined && !COLOR.test(color)) {
      throw badRequest({ en: 'The color must look like #RRGGBB.', fr: 'La couleur doit être de la forme #RRVVBB.' });
    }
    const collection = await findUserCollection(ctx, account, url);
    const transport = ctx.dav.transportFor(account);
    if (color !== undefined) await recolorCollection(transport, collection.url, color);
    if (name !== undefined) await renameCollection(transport, collection.url, name);
    const updated = await findUserCollection(ctx, account, collection.url);
    return { collection: view(updated) };
  });
}
