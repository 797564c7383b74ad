/**
 * The `dav-bridge` accounts file. Passwords are never stored in the clear by us: they come from an environment
 * variable or a command (a password manager), and are never printed.
 *
 * { "accounts": { "alice": { "server": "http://127.0.0.1:5232/", "username": "alice",
 *                            "password": { "env": "ALICE_PASSWORD" } } } }
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AccountTarget } from '../dav/account.js';
import { message } from '../i18n/index.js';
import { UserFacingError } from './localized-error.js';

export type SecretSource = string | { env: string } | { command: string[] };

export interface AccountConfig {
  server?: string;
  email?: string;
  username: string;
  password?: SecretSource;
  token?: SecretSource;
}

export interface BridgeConfig {
  accounts: Record<string, AccountConfig>;
}

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_CONFIG_HOME'] || join(homedir(), '.config');
  return join(base, 'dav-bridge', 'config.json');
}

export function configPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env['DAV_BRIDGE_CONFIG'] || defaultConfigPath(env);
}

function isSecretSource(v: unknown): v is SecretSource {
  if (typeof v === 'string') return true;
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  if (typeof o['env'] === 'string') return true;
  return Array.isArray(o['command']) && o['command'].length > 0 && o['command'].every((x) => typeof x === 'string');
}

export function validateConfig(raw: unknown, path: string): BridgeConfig {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw UserFacingError.of(message('config.not-an-object', { path }));
  const accounts = (raw as Record<string, unknown>)['accounts'];
  if (!accounts || typeof accounts !== 'object' || Array.isArray(accounts)) {
    throw UserFacingError.of(message('config.no-accounts', { path }));
  }
  for (const [name, acc] of Object.entries(accounts as Record<string, unknown>)) {
    if (!acc || typeof acc !== 'object')
      throw UserFacingError.of(message('config.account-not-object', { path, account: name }));
    const a = acc as Record<string, unknown>;
    if (typeof a['username'] !== 'string' || !a['username']) {
      throw UserFacingError.of(message('config.account-no-username', { path, account: name }));
    }
    if (typeof a['server'] !== 'string' && typeof a['email'] !== 'string') {
      throw UserFacingError.of(message('config.account-no-server', { path, account: name }));
    }
    if (typeof a['server'] === 'string') {
      try {
        const u = new URL(a['server']);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
      } catch {
        throw UserFacingError.of(message('config.account-bad-server', { path, account: name }));
      }
    }
    for (const key of ['password', 'token'] as const) {
      if (a[key] !== undefined && !isSecretSource(a[key])) {
        throw UserFacingError.of(message('config.account-bad-secret', { path, account: name, key }));
      }
    }
  }
  return raw as BridgeConfig;
}

export async function loadConfig(path: string): Promise<BridgeConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw UserFacingError.of(message('config.missing', { path }));
    }
    throw UserFacingError.of(message('config.unreadable', { path, code: String(code) }));
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const why = (err as Error).message;
    throw UserFacingError.of(message('config.invalid-json', { path, reason: why }));
  }
  return validateConfig(raw, path);
}

export function runSecretCommand(command: string[], account: string): Promise<string> {
  const [file, ...args] = command;
  return new Promise((resolve, reject) => {
    // execFile, not a shell: the command is an argument vector the user wrote, never re-parsed.
    execFile(file as string, args, { timeout: 30_000, maxBuffer: 1 << 20 }, (err, stdout) => {
      if (err) {
        const reason = String((err as NodeJS.ErrnoException).code ?? err.message.split('\n')[0]);
        reject(UserFacingError.of(message('config.secret-command-failed', { account, reason })));
        return;
      }
      // Like `pass`, the secret is the first line.
      resolve(stdout.split(/\r?\n/)[0] ?? '');
    });
  });
}

export async function resolveSecret(
  source: SecretSource,
  account: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  if (typeof source === 'string') return source;
  if ('env' in source) {
    const value = env[source.env];
    if (value === undefined || value === '') {
      throw UserFacingError.of(message('config.secret-env-unset', { account, variable: source.env }));
    }
    return value;
  }
  return runSecretCommand(source.command, account);
}

export async function accountTarget(
  config: BridgeConfig,
  name: string,
  configFile: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<AccountTarget> {
  const acc = config.accounts[name];
  if (!acc) {
    const known = Object.keys(config.accounts).join(', ') || '-';
    throw UserFacingError.of(message('config.unknown-account', { account: name, path: configFile, known }));
  }
  const auth = acc.token
    ? { type: 'bearer' as const, token: await resolveSecret(acc.token, name, env) }
    : acc.password
      ? { type: 'basic' as const, username: acc.username, password: await resolveSecret(acc.password, name, env) }
      : { type: 'basic' as const, username: acc.username, password: '' };
  return { ...(acc.server ? { serverUrl: acc.server } : {}), ...(acc.email ? { email: acc.email } : {}), auth };
}
