/** The options page's settings, in extension storage (no secret here: the bridge token is a revocable device token). */
import type { StorageArea } from './thunderbird-api.js';
import { UiError } from './messages.js';

export interface ExtensionOptions {
  /** Minutes between periodic contact syncs. */
  syncMinutes: number;
  /** The bridge server, for guest links where the DAV server has no publishing of its own. */
  bridgeUrl: string;
  /** A device bearer token made on the bridge (POST /api/v1/devices). */
  bridgeToken: string;
}

export const DEFAULT_OPTIONS: ExtensionOptions = { syncMinutes: 15, bridgeUrl: '', bridgeToken: '' };
const KEY = 'options';

export async function readOptions(area: StorageArea): Promise<ExtensionOptions> {
  return { ...DEFAULT_OPTIONS, ...((await area.get(KEY))[KEY] as Partial<ExtensionOptions> | undefined) };
}

/** Saves the options; a sync interval under 1 minute or not a number is refused (alarms fire at most each minute). */
export async function saveOptions(area: StorageArea, options: ExtensionOptions): Promise<void> {
  if (!Number.isFinite(options.syncMinutes) || options.syncMinutes < 1) {
    throw new UiError('optionsBadInterval', [String(options.syncMinutes)]);
  }
  if (options.bridgeUrl && !/^https?:\/\//.test(options.bridgeUrl)) {
    throw new UiError('optionsBadBridgeUrl', [options.bridgeUrl]);
  }
  await area.set({ [KEY]: options });
}
