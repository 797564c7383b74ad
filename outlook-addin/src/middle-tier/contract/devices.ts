/** Contract of per-device bearer tokens (routes/devices.ts). */
import { Type, type Static } from '@sinclair/typebox';
import { errorResponses, IdParams, NoContent, Nullable, signedIn, Text } from './common.js';

export const DeviceViewSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type DeviceView = Static<typeof DeviceViewSchema>;

export const deviceSchemas = {
  create: {
    tags: ['devices'],
    summary: 'Create a bearer token for a device (signed in with the session cookie); the token is shown only once',
    security: [{ sessionCookie: [] }],
    body: Type.Object({ name: Text(100, 'What the device is, e.g. "Thunderbird at the office"') }),
    response: {
      201: Type.Object({
        device: DeviceViewSchema,
        token: Type.String({ description: 'Send as "Authorization: Bearer <token>"; the bridge keeps only its hash' }),
      }),
      ...errorResponses,
    },
  },
  list: {
    tags: ['devices'],
    summary: "The user's devices (their tokens are never shown again)",
    security: signedIn,
    response: { 200: Type.Object({ devices: Type.Array(DeviceViewSchema) }), ...errorResponses },
  },
  revoke: {
    tags: ['devices'],
    summary: "Revoke a device's token: its next request gets 401",
    security: signedIn,
    params: IdParams,
    response: { 204: NoContent, ...errorResponses },
  },
};
