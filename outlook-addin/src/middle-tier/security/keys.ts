/**
 * The master key (credentials at rest, guest grants): from config, or generated once into the data folder. A key is
 * generated only when nothing sealed exists yet: generating one over existing data would silently make every stored
 * credential and guest-link listing unreadable (owners got 500s while guests still read their links).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inBothLanguages, message, type Message } from '../words.js';

/** Startup errors, in both languages, saying what to do (core's catalog, server.key-*). */
export class KeyError extends Error {
  constructor(msg: Message) {
    const text = inBothLanguages(msg);
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
    if (!key) throw new KeyError(message('server.key-misconfigured', {}));
    return key;
  }
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    if (options.sealedDataExists) throw new KeyError(message('server.key-file-lost', { file }));
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // "wx": never overwrite an existing key (that would make every stored credential unreadable).
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  const text = readFileSync(file, 'utf8');
  if (text.trim() === '') throw new KeyError(message('server.key-file-empty', { file }));
  const key = decodeKey(text);
  if (!key) throw new KeyError(message('server.key-file-malformed', { file }));
  return key;
}
