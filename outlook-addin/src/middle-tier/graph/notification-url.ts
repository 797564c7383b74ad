/**
 * Where Graph sends change notifications (issue 15): the bridge's public base URL (publicBaseUrl, env
 * DAV_BRIDGE_PUBLIC_URL) + NOTIFICATIONS_PATH. Graph calls only https endpoints it can reach, so notifications are
 * on only when that URL is https and was set: the default, https://localhost:3000, is no address Microsoft can
 * reach, and a subscription made with it would only fail its validation. Loopback addresses are accepted so tests
 * can run the Graph fake against a bridge on 127.0.0.1 (Microsoft would refuse them as unreachable). The
 * administrator can turn notifications off with `graphNotifications: false` (env DAV_BRIDGE_GRAPH_NOTIFICATIONS=off),
 * e.g. when Microsoft cannot reach the bridge through the firewall: polling on the sync interval stays.
 */
import type { ServerConfig } from '../config.js';

export const NOTIFICATIONS_PATH = '/api/v1/graph/notifications';

export function notificationUrlOf(
  config: Pick<ServerConfig, 'publicBaseUrl' | 'graphNotifications'>,
): string | undefined {
  if (!config.graphNotifications || !URL.canParse(config.publicBaseUrl)) return undefined;
  const base = new URL(config.publicBaseUrl);
  if (base.protocol !== 'https:' || base.hostname === 'localhost') return undefined;
  return `${config.publicBaseUrl.replace(/\/+$/, '')}${NOTIFICATIONS_PATH}`;
}
