/** Contract of the user's calendars, task lists and address books (routes/collections.ts). */
import { Type, type Static } from '@sinclair/typebox';
import { errorResponses, Nullable, OptionalText, signedIn, Text, TextSchema } from './common.js';

export const CollectionViewSchema = Type.Object({
  url: Type.String(),
  kind: Type.Union([
    Type.Literal('events'),
    Type.Literal('tasks'),
    Type.Literal('events+tasks'),
    Type.Literal('contacts'),
  ]),
  name: Type.String(),
  description: Nullable(Type.String()),
  color: Nullable(Type.String()),
  access: Type.Union(
    [Type.Literal('read'), Type.Literal('read-write'), Type.Literal('admin'), Type.Literal('unknown')],
    { description: 'My rights; unknown where the server will not tell (then treated as read-only)' },
  ),
  sharedWithMe: Type.Boolean(),
  sharedByMe: Type.Boolean(),
  owner: Nullable(Type.String()),
  canGuestLink: Type.Boolean({ description: 'Guest links exist for calendars and task lists only' }),
  preset: Nullable(Type.Integer({ description: 'Outlook category color (null for address books)' })),
  presetName: Nullable(Type.String()),
  category: Nullable(Type.String()),
  categoryReason: Nullable(Type.String()),
  categoryReasons: Nullable(TextSchema),
  categoryRenameSuggestion: Nullable(Type.String()),
});
export type CollectionView = Static<typeof CollectionViewSchema>;

/** An Outlook category color, 0..24, or -1 / null for none (a field with its own error code: invalid-preset). */
export const PresetSchema = Type.Union([Type.Integer({ minimum: -1, maximum: 24 }), Type.Null()], {
  description: 'Outlook category color number 0..24, or -1 / null for no color',
});

const Url = Text(2048, "The collection's URL as listed by GET /api/v1/collections");
const one = Type.Object({ collection: CollectionViewSchema });

export const collectionSchemas = {
  list: {
    tags: ['collections'],
    summary: "The user's collections with their colors and Outlook categories",
    security: signedIn,
    response: {
      200: Type.Object({ collections: Type.Array(CollectionViewSchema), warnings: Type.Array(Type.String()) }),
      ...errorResponses,
    },
  },
  create: {
    tags: ['collections'],
    summary: 'Create a calendar, task list or address book',
    security: signedIn,
    body: Type.Object({
      name: Text(200),
      kind: Type.Union([Type.Literal('events'), Type.Literal('tasks'), Type.Literal('contacts')]),
      preset: Type.Optional(PresetSchema),
    }),
    response: { 201: one, ...errorResponses },
  },
  category: {
    tags: ['collections'],
    summary: "Choose a calendar's Outlook category name and/or color (reset: back to the automatic choice)",
    security: signedIn,
    body: Type.Object({
      url: Url,
      name: OptionalText(255),
      preset: Type.Optional(PresetSchema),
      reset: Type.Optional(Type.Boolean()),
    }),
    response: { 200: one, ...errorResponses },
  },
  update: {
    tags: ['collections'],
    summary: 'Recolor and/or rename a collection on the DAV server',
    security: signedIn,
    body: Type.Object({
      url: Url,
      color: Type.Optional(
        Type.Union([Type.String({ pattern: '^#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?$' }), Type.Literal(''), Type.Null()]),
      ),
      name: OptionalText(200),
    }),
    response: { 200: one, ...errorResponses },
  },
};
