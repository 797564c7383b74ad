/**
 * HTTPS material: the configured certificate, or a self-signed one for localhost generated once with the openssl CLI
 * (present on Debian/Ubuntu/macOS; works offline). Outlook requires HTTPS for add-ins; the README explains how to trust
 * the generated certificate.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { message, onOneLine } from './words.js';

export interface TlsMaterial {
  cert: string;
  key: string;
  certFile: string;
  generated: boolean;
}

export function loadOrCreateTls(tls: { certFile: string; keyFile: string } | undefined, dataDir: string): TlsMaterial {
  if (tls)
    return {
      cert: readFileSync(tls.certFile, 'utf8'),
      key: readFileSync(tls.keyFile, 'utf8'),
      certFile: tls.certFile,
      generated: false,
    };
  const dir = join(dataDir, 'tls');
  const certFile = join(dir, 'localhost.crt');
  const keyFile = join(dir, 'localhost.key');
  let generated = false;
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-sha256',
          '-days',
          '825',
          '-keyout',
          keyFile,
          '-out',
          certFile,
          '-subj',
          '/CN=localhost/O=DAV Bridge (local development)',
          '-addext',
          'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
          '-addext',
          'extendedKeyUsage=serverAuth',
        ],
        { stdio: 'pipe' },
      );
    } catch (err) {
      throw new Error(onOneLine(message('server.tls-generation-failed', { reason: (err as Error).message })));
    }
    generated = true;
  }
  return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), certFile, generated };
}
