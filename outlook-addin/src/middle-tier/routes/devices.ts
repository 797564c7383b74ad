/**
 * Per-device bearer tokens for the Thunderbird extension and scripts: created from a signed-in browser session
 * (so a stolen device token cannot mint more), listed, revoked. The secret is shown once; only its hash is stored.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { deviceSchemas, type DeviceView } from '../contract/devices.js';
import { ApiError } from '../http/api-error.js';
import type { AppContext } from '../http/context.js';
import { requireSession, requireUser } from '../http/session.js';
import { digest, randomId, randomToken } from '../security/tokens.js';
import type { DeviceTokenRecord } from '../store/device-tokens.js';
import { message } from '../words.js';

const deviceNotFound = (): ApiError => new ApiError(404, 'device-not-found', message('server.device-not-found', {}));

const viewOf = (d: DeviceTokenRecord): DeviceView => ({
  id: d.id,
  name: d.name,
  createdAt: new Date(d.createdAt).toISOString(),
  lastUsedAt: d.lastUsedAt === undefined ? null : new Date(d.lastUsedAt).toISOString(),
});

export function deviceRoutes(server: FastifyInstance, ctx: AppContext): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/v1/devices', { schema: deviceSchemas.create }, async (req, reply) => {
    const { account } = await requireSession(ctx, req);
    const token = randomToken();
    const device: DeviceTokenRecord = {
      id: randomId(),
      accountId: account.id,
      name: req.body.name.trim() || req.body.name,
      tokenHash: digest(token),
      createdAt: ctx.now(),
      lastUsedAt: undefined,
    };
    await ctx.deviceTokens.createDeviceToken(device);
    return reply.code(201).send({ device: viewOf(device), token });
  });

  app.get('/api/v1/devices', { schema: deviceSchemas.list }, async (req) => {
    const { account } = await requireUser(ctx, req);
    return { devices: (await ctx.deviceTokens.listDeviceTokens(account.id)).map(viewOf) };
  });

  app.delete('/api/v1/devices/:id', { schema: deviceSchemas.revoke }, async (req, reply) => {
    const { account } = await requireUser(ctx, req);
    // Someone else's device answers exactly like a missing one.
    if (!(await ctx.deviceTokens.revokeDeviceToken(account.id, req.params.id))) throw deviceNotFound();
    return reply.code(204).send(null);
  });
}
