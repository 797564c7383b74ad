/**
 * The user's calendars, task lists and address books, with their colors, Outlook categories and real rights;
 * recolor, rename, choose the category, create a collection from an Outlook category color.
 */
import {
  createAddressBook,
  createCalendar,
  PRESET_NONE,
  presetToCalendarColor,
  recolorCollection,
  renameCollection,
  type Collection,
} from '@dav-bridge/core';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UserCategories, type CategoryView } from '../colors/categories.js';
import { collectionSchemas, type CollectionView } from '../contract/collections.js';
import { ApiError, badRequest } from '../http/api-error.js';
import type { AppContext } from '../http/context.js';
import { requireUser } from '../http/session.js';
import { pickLang, type Lang } from '../i18n.js';
import type { AccountRecord } from '../store/types.js';
import { message } from '../words.js';

export type { CollectionView };

const noCategory = {
  preset: null,
  presetName: null,
  category: null,
  categoryReason: null,
  categoryReasons: null,
  categoryRenameSuggestion: null,
};

const withCategory = (base: ReturnType<typeof baseView>, cat: CategoryView | undefined, lang: Lang): CollectionView =>
  cat
    ? {
        ...base,
        preset: cat.preset,
        presetName: cat.presetName,
        category: cat.category,
        categoryReason: cat.categoryReason[lang],
        categoryReasons: cat.categoryReason,
        categoryRenameSuggestion: cat.categoryRenameSuggestion,
      }
    : { ...base, ...noCategory };

const langOf = (req: FastifyRequest): Lang => pickLang(undefined, req.headers['accept-language']);

/** Views of collections with their categories (the memory is saved when a category was given or changed). */
async function viewsOf(ctx: AppContext, account: AccountRecord, list: Collection[], lang: Lang) {
  const cats = await UserCategories.load(ctx.store, account.id);
  const views = list.map((c) =>
    withCategory(baseView(c), UserCategories.applies(c) ? cats.assign(c) : undefined, lang),
  );
  await cats.save();
  return views;
}

/** The view of one collection (saving its category like a listing does). */
async function viewOf(ctx: AppContext, account: AccountRecord, c: Collection, lang: Lang): Promise<CollectionView> {
  const [v] = await viewsOf(ctx, account, [c], lang);
  if (!v) throw new Error('a collection without its view');
  return v;
}

const baseView = (c: Collection) => ({
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
    throw new ApiError(404, 'collection-not-found', message('server.collection-not-found', {}));
  }
  return found;
}

/** The schema takes -1..24 or null; null and -1 both mean "no color". */
const presetOf = (v: number | null | undefined): number | undefined => (v === null ? PRESET_NONE : (v ?? undefined));

export function collectionRoutes(server: FastifyInstance, ctx: AppContext): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/v1/collections', { schema: collectionSchemas.list }, async (req) => {
    const { account } = await requireUser(ctx, req);
    const { collections, warnings } = await listUserCollections(ctx, account);
    return { collections: await viewsOf(ctx, account, collections, langOf(req)), warnings };
  });

  /** Creates a calendar, task list or address book; calendars and task lists may take an Outlook preset's color. */
  app.post('/api/v1/collections', { schema: collectionSchemas.create }, async (req, reply) => {
    const { account } = await requireUser(ctx, req);
    const name = req.body.name.trim();
    if (!name) throw badRequest(message('server.empty-name', {}));
    const kind = req.body.kind;
    const preset = presetOf(req.body.preset);
    if (kind === 'contacts' && preset !== undefined && preset !== PRESET_NONE) {
      throw new ApiError(400, 'invalid-preset', message('server.address-book-no-color', {}));
    }
    const dav = await ctx.dav.accountFor(account);
    const me = dav.discovery.principal;
    const home = kind === 'contacts' ? me.addressbookHomes[0] : me.calendarHomes[0];
    if (!home) {
      throw new ApiError(
        409,
        'cannot-create-collection',
        message('server.no-home', { kind: kind === 'contacts' ? 'contacts' : 'calendars' }),
      );
    }
    let url: string;
    if (kind === 'contacts') {
      url = await createAddressBook(dav.transport, home, { name });
    } else {
      const color = preset === undefined ? null : presetToCalendarColor(preset);
      url = await createCalendar(dav.transport, home, {
        name,
        components: kind === 'tasks' ? ['VTODO'] : ['VEVENT'],
        ...(color ? { color } : {}),
      });
    }
    const created = await findUserCollection(ctx, account, url);
    return reply.code(201).send({ collection: await viewOf(ctx, account, created, langOf(req)) });
  });

  /** The user's choice of Outlook category name and/or color for a calendar; kept on every later listing. */
  app.put('/api/v1/collections/category', { schema: collectionSchemas.category }, async (req) => {
    const { account } = await requireUser(ctx, req);
    const url = req.body.url;
    const name = req.body.name?.trim();
    const preset = presetOf(req.body.preset);
    const reset = req.body.reset === true;
    if (!reset && !name && preset === undefined) throw badRequest(message('server.nothing-to-change', {}));
    const collection = await findUserCollection(ctx, account, url);
    if (!UserCategories.applies(collection)) {
      throw new ApiError(400, 'not-a-calendar', message('server.categories-calendars-only', {}));
    }
    const cats = await UserCategories.load(ctx.store, account.id);
    const cat = reset
      ? cats.reset(collection)
      : cats.override(collection, { ...(name ? { name } : {}), ...(preset !== undefined ? { preset } : {}) });
    await cats.save();
    return { collection: withCategory(baseView(collection), cat, langOf(req)) };
  });

  app.patch('/api/v1/collections', { schema: collectionSchemas.update }, async (req) => {
    const { account } = await requireUser(ctx, req);
    const url = req.body.url;
    // The schema checks the color's #RRGGBB[AA] form; '' and null mean "unchanged", as before.
    const color = req.body.color || undefined;
    const name = req.body.name || undefined;
    if (color === undefined && name === undefined) throw badRequest(message('server.nothing-to-change', {}));
    const collection = await findUserCollection(ctx, account, url);
    const transport = ctx.dav.transportFor(account);
    if (color !== undefined) await recolorCollection(transport, collection.url, color);
    if (name !== undefined) await renameCollection(transport, collection.url, name);
    const updated = await findUserCollection(ctx, account, collection.url);
    return { collection: await viewOf(ctx, account, updated, langOf(req)) };
  });
}
