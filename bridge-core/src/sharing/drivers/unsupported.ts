/** Servers without any sharing protocol (Radicale...): every operation says so, in plain words. */
import { sharingError } from '../errors.js';
import type { DriverContext, SharingDriver } from './driver.js';

export function noSharingError(ctx: DriverContext) {
  const s = ctx.capabilities.server;
  return sharingError(
    'no-sharing-protocol',
    ctx.url,
    `${s} has no sharing protocol: calendars on it cannot be shared, published or accepted from the mail client (its administrator sets access by hand). To let someone see this calendar, send a DAV Bridge guest link instead`,
    `${s} n'a pas de protocole de partage : ses agendas ne peuvent pas être partagés, publiés ni acceptés depuis le client de messagerie (son administrateur règle les accès à la main). Pour montrer cet agenda à quelqu'un, envoyez plutôt un lien invité DAV Bridge`,
  );
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
