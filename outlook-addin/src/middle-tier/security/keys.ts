/** The master key (credentials at rest, guest grants): from config, or generated once into the data folder. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function loadMasterKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) {
    const key = Buffer.from(configured, 'base64');
    if (key.length !== 32)
      throw new Error('encryptionKey / DAV_BRIDGE_KEY must be 32 bytes in base64 (openssl rand -base64 32)');
    return key;
  }
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // "wx": never overwrite an existing key (that would make every stored credential unreadable).
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return loadMasterKey(readFileSync(file, 'utf8').trim(), dataDir);
}
