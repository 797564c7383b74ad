/** Contract of the private "Add to Outlook" feeds (routes/outlook-feeds.ts; issue 13 item 1). */
import { Type, type Static } from '@sinclair/typebox';
import { errorResponses, IdParams, NoContent, Nullable, signedIn, Text } from './common.js';

export const OutlookFeedViewSchema = Type.Object({
  id: Type.String(),
  name: Type.String({ description: "The calendar's or task list's name" }),
  collectionUrl: Type.String(),
  kind: Type.String(),
  httpsUrl: Nullable(
    Type.String({ description: 'The feed (https). null when the stored token cannot be read: revoke it' }),
  ),
  webcalUrl: Nullable(Type.String({ description: "The same as webcal:, which opens Outlook's subscribe dialog" })),
  createdAt: Type.String({ format: 'date-time' }),
  lastFetchedAt: Nullable(Type.String({ format: 'date-time' })),
  fetchCount: Type.Integer({ description: 'Fetches served (counts only: nothing about who fetched is kept)' }),
});
export type OutlookFeedView = Static<typeof OutlookFeedViewSchema>;

const one = Type.Object({ outlookFeed: OutlookFeedViewSchema });

export const outlookFeedSchemas = {
  list: {
    tags: ['outlook feeds'],
    summary: "The user's private feeds (full detail, read-only in Outlook), newest first",
    security: signedIn,
    response: { 200: Type.Object({ outlookFeeds: Type.Array(OutlookFeedViewSchema) }), ...errorResponses },
  },
  create: {
    tags: ['outlook feeds'],
    summary:
      "A private feed of one of the user's calendars or task lists, to add to Outlook; the live one is given back " +
      '(200) when the collection already has one, a new one is 201',
    security: signedIn,
    body: Type.Object({ collectionUrl: Text(2048) }),
    response: { 200: one, 201: one, ...errorResponses },
  },
  revoke: {
    tags: ['outlook feeds'],
    summary: 'Withdraw a private feed: its address answers 404 from now on',
    security: signedIn,
    params: IdParams,
    response: { 204: NoContent, ...errorResponses },
  },
};
