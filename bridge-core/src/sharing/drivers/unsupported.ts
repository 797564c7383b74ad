/** Servers without any sharing protocol (Radicale...): every operation says so, in plain words. */
import { sharingError } from '../errors.js';
import type { DriverContext, SharingDriver } from './driver.js';

export function noSharingError(ctx: DriverContext) {
  return sharingError('no-sharing-protocol', ctx.url, 'sharing.no-sharing-protocol', {
    server: ctx.capabilities.server,
  });
}

export function unsupportedDriver(ctx: DriverContext): SharingDriver {
  const fail = async (): Promise<never> => {
    throw noSharingError(ctx);
  };
  return {
    listShares: fail,
    share: fail,
    unshare: fail,
    published: fail,
    publish: fail,
    unpublish: fail,
    leave: fail,
  };
}
