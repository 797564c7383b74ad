/**
 * Contract of connecting Microsoft 365 for the two-way Outlook sync (routes/outlook-sync.ts; issue 15). No token
 * ever appears here: the pane learns the state and the address of the sign-in dialog, nothing else.
 */
import { Type, type Static } from '@sinclair/typebox';
import { errorResponses, NoContent, Nullable, signedIn, TextSchema } from './common.js';

export const OutlookSyncStateSchema = Type.Object({
  state: Type.Union(
    [Type.Literal('unavailable'), Type.Literal('disconnected'), Type.Literal('connected'), Type.Literal('reconnect')],
    { description: 'unavailable: the bridge has no Microsoft 365 settings (see reason)' },
  ),
  user: Nullable(Type.String({ description: 'The Microsoft account it is connected as' })),
  since: Nullable(Type.String({ format: 'date-time', description: 'Since when the state holds' })),
  reason: Nullable(Type.String({ description: "Why unavailable or reconnect, in the caller's language" })),
  reasons: Nullable(TextSchema),
});
export type OutlookSyncStateView = Static<typeof OutlookSyncStateSchema>;

const lang = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 8 })) });

export const outlookSyncSchemas = {
  get: {
    tags: ['outlook sync'],
    summary: "The user's Microsoft 365 connection: unavailable (with why), disconnected, connected as, reconnect",
    security: signedIn,
    querystring: lang,
    response: { 200: OutlookSyncStateSchema, ...errorResponses },
  },
  connect: {
    tags: ['outlook sync'],
    summary:
      'Starts a sign-in: the address (on this bridge, one use, minutes) the pane opens with ' +
      "Office.context.ui.displayDialogAsync; it redirects to Microsoft's sign-in (authorization code with PKCE, " +
      'kept server-side and bound to this session)',
    security: [{ sessionCookie: [] }],
    response: {
      200: Type.Object({ dialogUrl: Type.String({ description: 'Relative to the bridge (the pane origin)' }) }),
      ...errorResponses,
    },
  },
  disconnect: {
    tags: ['outlook sync'],
    summary: "Disconnect: the bridge forgets the user's Microsoft tokens; their Outlook sync stops",
    security: signedIn,
    response: { 204: NoContent, ...errorResponses },
  },
};
