/**
 * The master key (credentials at rest, guest grants): from config, or generated once into the data folder. A key is
 * generated only when nothing sealed exists yet: generating one over existing data would silently make every stored
 * credential and guest-link listing unreadable (owners got 500s while guests still read their links).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Startup errors, in both languages, saying what to do. */
const MESSAGES = {
  badConfigured: {
    en: 'encryptionKey / DAV_BRIDGE_KEY must be 32 bytes in base64 (openssl rand -base64 32).',
    fr: 'encryptionKey / DAV_BRIDGE_KEY doit contenir 32 octets en base64 (openssl rand -base64 32).',
  },
  emptyFile: (file: string) => ({
    en: `The key file ${file} is empty. Restore it from your backup (it must hold the key that sealed the database), or set encryptionKey / DAV_BRIDGE_KEY to that key.`,
    fr: `Le fichier de clé ${file} est vide. Restaurez-le depuis votre sauvegarde (il doit contenir la clé qui a scellé la base), ou indiquez cette clé dans encryptionKey / DAV_BRIDGE_KEY.`,
  }),
  malformedFile: (file: string) => ({
    en: `The key file ${file} does not hold a key (32 bytes in base64). Restore it from your backup, or set encryptionKey / DAV_BRIDGE_KEY to the key that sealed the database.`,
    fr: `Le fichier de clé ${file} ne contient pas de clé (32 octets en base64). Restaurez-le depuis votre sauvegarde, ou indiquez dans encryptionKey / DAV_BRIDGE_KEY la clé qui a scellé la base.`,
  }),
  lostFile: (file: string) => ({
    en: `The key file ${file} is missing, but the database holds credentials and guest links sealed with it. Restore ${file} from your backup (or set encryptionKey / DAV_BRIDGE_KEY to that key). The bridge will not make a new key: that would make them unreadable.`,
    fr: `Le fichier de clé ${file} est absent, mais la base contient des identifiants et des liens invités scellés avec lui. Restaurez ${file} depuis votre sauvegarde (ou indiquez cette clé dans encryptionKey / DAV_BRIDGE_KEY). La passerelle ne créera pas de nouvelle clé : ils deviendraient illisibles.`,
  }),
};

export class KeyError extends Error {
  constructor(text: { en: string; fr: string }) {
    super(`${text.en}\n${text.fr}`);
    this.name = 'KeyError';
  }
}

const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/;

/** A base64 text of exactly 32 bytes, or undefined (Buffer.from would silently skip invalid characters). */
function decodeKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  return BASE64_KEY.test(trimmed) ? Buffer.from(trimmed, 'base64') : undefined;
}

export function loadMasterKey(
  configured: string | undefined,
  dataDir: string,
  options: { sealedDataExists: boolean } = { sealedDataExists: false },
): Buffer {
  if (configured !== undefined && configured !== '') {
    const key = decodeKey(configured);
    if (!key) throw new KeyError(MESSAGES.badConfigured);
    return key;
  }
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    if (options.sealedDataExists) throw new KeyError(MESSAGES.lostFile(file));
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // "wx": never overwrite an existing key (that would make every stored credential unreadable).
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  const text = readFileSync(file, 'utf8');
  if (text.trim() === '') throw new KeyError(MESSAGES.emptyFile(file));
  const key = decodeKey(text);
  if (!key) throw new KeyError(MESSAGES.malformedFile(file));
  return key;
}
