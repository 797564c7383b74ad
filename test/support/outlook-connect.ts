/**
 * "Connect Outlook for two-way sync" as the pane's dialog goes through it, over the bridge's HTTPS API: the pane asks
 * for the dialog's address, the dialog opens it (a redirect to Microsoft's sign-in), the user signs in there (the
 * OAuth stand-in: no Microsoft service is reachable here), and the dialog follows the redirect back to the bridge.
 * Returns the status of that last answer (200 when the bridge finished the sign-in).
 */
import type { StandinUser } from './graph-fake/oauth-standin.js';
import { HttpsClient } from './https-client.js';
import type { OutlookSyncBridge } from './outlook-sync-bridge.js';

export async function connectOutlook(
  bridge: Pick<OutlookSyncBridge, 'base' | 'ca' | 'standin'>,
  pane: HttpsClient,
  mailbox: StandinUser,
): Promise<number> {
  const { dialogUrl } = (await pane.send('POST', '/api/v1/outlook-sync/connect')).json() as { dialogUrl: string };
  const dialog = new HttpsClient(bridge.base, bridge.ca);
  const start = await dialog.get(dialogUrl);
  const back = new URL(bridge.standin.authorize(start.headers['location'] as string, mailbox));
  return (await dialog.get(`${back.pathname}${back.search}`)).status;
}
