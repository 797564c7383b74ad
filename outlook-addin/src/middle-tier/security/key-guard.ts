/**
 * Refuses to start with a master key that is not the one that sealed the database (a restored database with a new
 * key file, a changed DAV_BRIDGE_KEY): the bridge would run, but owners could not list their links and every
 * stored credential would fail. The database keeps a fingerprint of its key (an HMAC, which reveals nothing of the
 * key); a database from before the fingerprint is checked by opening one sealed value.
 */
import { createHmac } from 'node:crypto';
import type { KeyCheckStore } from '../store/types.js';
import { KeyError, loadMasterKey } from './keys.js';
import { SecretBox } from './secret-box.js';
import { message } from '../words.js';

const wrongKey = (source: string) => message('server.wrong-key', { source });

export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('dav-bridge master key check v1').digest('base64url').slice(0, 22);
}

function opens(key: Buffer, sample: { sealed: string; boundTo: string }): boolean {
  try {
    new SecretBox(key).open(sample.sealed, sample.boundTo);
    return true;
  } catch {
    return false;
  }
}

/** The master key for this database, or a KeyError saying what to restore. */
export async function openMasterKey(
  configured: string | undefined,
  dataDir: string,
  store: KeyCheckStore,
): Promise<Buffer> {
  const sample = await store.sealedSample();
  const key = loadMasterKey(configured, dataDir, { sealedDataExists: sample !== undefined });
  const source = configured ? 'encryptionKey / DAV_BRIDGE_KEY' : `${dataDir}/secret.key`;
  const fingerprint = keyFingerprint(key);
  const known = await store.getKeyCheck();
  if (known !== undefined && known !== fingerprint) throw new KeyError(wrongKey(source));
  if (known === undefined) {
    if (sample && !opens(key, sample)) throw new KeyError(wrongKey(source));
    await store.setKeyCheck(fingerprint);
  }
  return key;
}
