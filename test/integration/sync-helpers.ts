/** Shared by the sync integration tests: run the built CLI, read folders, fill collections. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { createItem } from '../../bridge-core/src/dav/items.js';
import { extractUid } from '../../bridge-core/src/sync/content-lines.js';

export const CLI = resolve(__dirname, '../../bridge-core/dist/node/cli/main.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env['PATH'] ?? '', LANG: 'C', ...env }, timeout: 170_000, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export function spawnCli(args: string[]): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env['PATH'] ?? '', LANG: 'C' },
    stdio: 'pipe',
  });
}

/** The final JSON summary line of `sync --json`. */
export function summaryOf(run: CliRun) {
  const lines = run.stdout.trim().split('\n');
  const last = JSON.parse(lines[lines.length - 1] ?? '{}');
  if (last.type !== 'summary') throw new Error(`no summary in: ${run.stdout} ${run.stderr}`);
  return last as {
    a: { created: number; updated: number; deleted: number; errors: number };
    b: { created: number; updated: number; deleted: number; errors: number };
    conflicts: number;
    planned: number;
    issues: { kind: string; message: string }[];
    listing: Record<'a' | 'b', string>;
    aborted: { en: string } | null;
  };
}

export function writeConfig(
  dir: string,
  accounts: Record<string, { server: string; username: string; password: string }>,
): string {
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({ accounts }));
  return file;
}

/** UID -> file contents of a vdir folder. Fails on duplicate UIDs: sync must never duplicate. */
export function folderByUid(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const text = readFileSync(join(dir, name), 'utf8');
    const uid = extractUid(text);
    if (!uid) throw new Error(`${name} has no UID`);
    if (out.has(uid)) throw new Error(`duplicate UID ${uid} in ${dir}`);
    out.set(uid, text);
  }
  return out;
}

/** Uploads items a few at a time (servers are slow to accept thousands one by one). */
export async function fill(
  account: DavAccount,
  url: string,
  items: { name: string; data: string }[],
  family: 'calendar' | 'addressbook' = 'calendar',
) {
  for (let i = 0; i < items.length; i += 8) {
    await Promise.all(items.slice(i, i + 8).map((it) => createItem(account.transport, url, it.name, it.data, family)));
  }
}
