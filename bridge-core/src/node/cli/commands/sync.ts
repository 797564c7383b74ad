/**
 * `dav-bridge sync <A> <B> [--state FILE] [--conflict POLICY] [--start DATE] [--end DATE] [--read-only MODE]
 *  [--max-delete N|N%] [--force-delete] [--wait SECONDS] [--dry-run] [--json]`: one two-way sync run of a pair,
 *  holding the pair's lock (`<state>.lock`) so that two runs of one pair never act at once.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { TimeRange } from '../../../dav/items.js';
import { type DeletionLimit, parseDeletionLimit } from '../../../sync/guard.js';
import type { ConflictPolicy, ReadOnlyPolicy } from '../../../sync/planner.js';
import type { SyncReport } from '../../../sync/report.js';
import { syncPair, type SyncProgress } from '../../../sync/sync.js';
import { message, render } from '../../../i18n/index.js';
import type { BridgeConfig } from '../../config.js';
import { UserFacingError } from '../../localized-error.js';
import { acquirePairLock } from '../../pair-lock.js';
import { looksLikeAccountEndpoint, openEndpoint, parseEndpoint, type Endpoint } from '../../sync-endpoint.js';
import { ConflictFolder } from '../../sync/conflict-folder.js';
import { SqliteStatusStore } from '../../sync/sqlite-status.js';
import type { CliContext } from '../context.js';
import { usageError } from '../usage.js';

const POLICIES: ConflictPolicy[] = ['newest', 'a-wins', 'b-wins', 'keep-both', 'error'];
const READ_ONLY: ReadOnlyPolicy[] = ['revert', 'ignore', 'error'];
const SYNOPSIS =
  'sync <A> <B> [--state FILE] [--conflict newest|a-wins|b-wins|keep-both|error] [--start DATE] [--end DATE] ' +
  '[--read-only revert|ignore|error] [--max-delete N|N%] [--force-delete] [--wait SECONDS] [--dry-run] [--json]   ' +
  '(A, B: <account>:<collection> or a folder path)';

export function defaultStatePath(a: Endpoint, b: Endpoint, env: NodeJS.ProcessEnv): string {
  const base = env['XDG_STATE_HOME'] || join(homedir(), '.local', 'state');
  const key = createHash('sha256').update(`${a.label}\n${b.label}`).digest('hex').slice(0, 16);
  return join(base, 'dav-bridge', 'sync', `${key}.sqlite`);
}

function parseDate(value: string | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) {
    throw new UserFacingError(
      `${flag}: not a date: "${value}" (use YYYY-MM-DD)`,
      `${flag} : date invalide « ${value} » (format AAAA-MM-JJ)`,
      2,
    );
  }
  return date;
}

function deletionLimit(value: string): DeletionLimit {
  try {
    return parseDeletionLimit(value);
  } catch (err) {
    const { en, fr } = err as { en: string; fr: string };
    throw new UserFacingError(`--max-delete: ${en}`, `--max-delete : ${fr}`, 2);
  }
}

/** Seconds a run waits for another run of the same pair before giving up. */
const DEFAULT_WAIT_SECONDS = 30;

function parseWait(value: string): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new UserFacingError(
      `--wait: not a number of seconds: "${value}"`,
      `--wait : nombre de secondes invalide « ${value} »`,
      2,
    );
  }
  return seconds;
}

function oneOf<T extends string>(value: string | undefined, allowed: T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as string[]).includes(value)) {
    throw new UserFacingError(
      `${flag} must be one of ${allowed.join(', ')}`,
      `${flag} doit valoir ${allowed.join(', ')}`,
      2,
    );
  }
  return value as T;
}

/** A one-line progress bar on a terminal; nothing when output is piped. */
function progressBar(ctx: CliContext): (p: SyncProgress) => void {
  if (!process.stderr.isTTY) return () => {};
  const labels: Record<SyncProgress['phase'], [string, string]> = {
    list: ['listing', 'inventaire'],
    fetch: ['downloading', 'téléchargement'],
    plan: ['planning', 'planification'],
    execute: ['writing', 'écriture'],
    done: ['done', 'terminé'],
  };
  return (p) => {
    const width = 30;
    const filled = p.total > 0 ? Math.round((p.done / p.total) * width) : width;
    const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
    process.stderr.write(
      `\r${ctx.t(...labels[p.phase]).padEnd(15)} [${bar}] ${p.done}/${p.total}${p.phase === 'done' ? '\n' : ''}`,
    );
  };
}

function summaryJson(report: SyncReport) {
  return {
    type: 'summary',
    a: report.a,
    b: report.b,
    conflicts: report.conflicts,
    unresolvedConflicts: report.unresolvedConflicts,
    deferred: report.deferred,
    unreadable: report.unreadable,
    skipped: report.skipped,
    recorded: report.recorded,
    dryRun: report.dryRun,
    pending: report.pending,
    listing: report.listing,
    fetched: report.fetched,
    aborted: report.aborted ?? null,
    issues: report.issues,
    readOnlyReverts: report.readOnlyReverts,
    planned: report.actions.length,
  };
}

export async function syncCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      state: { type: 'string' },
      conflict: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      'read-only': { type: 'string' },
      'max-delete': { type: 'string' },
      wait: { type: 'string' },
      'force-delete': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      refresh: { type: 'boolean' },
      config: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (positionals.length !== 2) throw usageError(ctx, SYNOPSIS);
  const policy = oneOf(values.conflict, POLICIES, '--conflict') ?? 'newest';
  const readOnlyPolicy = oneOf(values['read-only'], READ_ONLY, '--read-only') ?? 'revert';
  const start = parseDate(values.start, '--start');
  const end = parseDate(values.end, '--end');
  const maxDelete = values['max-delete'] === undefined ? undefined : deletionLimit(values['max-delete']);
  const waitSeconds = values.wait === undefined ? DEFAULT_WAIT_SECONDS : parseWait(values.wait);
  const range: TimeRange | undefined =
    start || end ? { ...(start ? { start } : {}), ...(end ? { end } : {}) } : undefined;

  // The config is needed only for DAV endpoints: two folders sync without one.
  const needsConfig = positionals.some(looksLikeAccountEndpoint);
  const config = needsConfig ? await ctx.config(values.config) : { accounts: {} };
  const [aArg, bArg] = positionals as [string, string];
  const a = parseEndpoint(aArg, config);
  const b = parseEndpoint(bArg, config);
  const statePath = values.state ?? defaultStatePath(a, b, ctx.env);
  mkdirSync(dirname(statePath), { recursive: true });

  // One run per pair: a second one (cron overlap, another terminal) waits for this one, then finds nothing to do.
  const lock = await acquirePairLock(`${statePath}.lock`, {
    waitMs: waitSeconds * 1000,
    onWait: (holder) =>
      ctx.err(
        ctx.t(
          `dav-bridge: another sync of this pair is running${holder ? ` (pid ${holder.pid})` : ''}; waiting up to ${waitSeconds} s...`,
          `dav-bridge : une autre synchronisation de cette paire est en cours${holder ? ` (pid ${holder.pid})` : ''} ; attente jusqu'à ${waitSeconds} s...`,
        ),
      ),
  });
  try {
    return await syncLocked(ctx, {
      a,
      b,
      statePath,
      config,
      configFlag: values.config,
      range,
      json: values.json ?? false,
      refresh: values.refresh ?? false,
      policy,
      readOnlyPolicy,
      forceDelete: values['force-delete'] ?? false,
      dryRun: values['dry-run'] ?? false,
      ...(maxDelete ? { maxDelete } : {}),
    });
  } finally {
    await lock.release();
  }
}

interface LockedRun {
  a: Endpoint;
  b: Endpoint;
  statePath: string;
  config: BridgeConfig;
  configFlag: string | undefined;
  range: TimeRange | undefined;
  json: boolean;
  refresh: boolean;
  policy: ConflictPolicy;
  readOnlyPolicy: ReadOnlyPolicy;
  forceDelete: boolean;
  dryRun: boolean;
  maxDelete?: DeletionLimit;
}

/** The run itself, once the pair's lock is held. */
async function syncLocked(ctx: CliContext, run: LockedRun): Promise<number> {
  const { a, b, statePath, config, range, json } = run;
  const timeout = Number(ctx.env['DAV_BRIDGE_TIMEOUT_MS']);
  const open = (e: Endpoint) =>
    openEndpoint(e, {
      config,
      configFile: ctx.configFile(run.configFlag),
      factsFile: `${statePath}.collections.json`,
      range,
      env: ctx.env,
      refresh: run.refresh,
      ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}),
    });
  const sideA = await open(a);
  const sideB = await open(b);
  const status = new SqliteStatusStore(statePath, `${a.label}\n${b.label}`);
  try {
    const report = await syncPair({
      a: sideA.store,
      b: sideB.store,
      status,
      conflictLog: new ConflictFolder(`${statePath}.conflicts`),
      policy: run.policy,
      readOnly: run.readOnlyPolicy,
      readOnlySides: { a: sideA.readOnly, b: sideB.readOnly },
      forceDelete: run.forceDelete,
      ...(run.maxDelete ? { maxDelete: run.maxDelete } : {}),
      dryRun: run.dryRun,
      copySuffix: render(ctx.lang, message('sync.conflict-copy-suffix', {})),
      onProgress: json ? (p) => ctx.out(JSON.stringify({ type: 'progress', ...p })) : progressBar(ctx),
    });
    if (json) ctx.out(JSON.stringify(summaryJson(report)));
    else printReport(ctx, report, a.label, b.label, `${statePath}.conflicts`);
    if (report.aborted) {
      ctx.err(`dav-bridge: ${ctx.lang === 'fr' ? report.aborted.fr : report.aborted.en}`);
      ctx.err(
        ctx.t(
          'dav-bridge: "force delete" is --force-delete; the limit is --max-delete N (items) or N% (default 10%).',
          'dav-bridge : « forcer la suppression » se dit --force-delete ; la limite est --max-delete N (éléments) ou N % (10 % par défaut).',
        ),
      );
      return 1;
    }
    // An unreadable item is a failure a script must see, although the rest of the run went through.
    return report.a.errors + report.b.errors + report.unresolvedConflicts + report.unreadable > 0 ? 1 : 0;
  } finally {
    status.close();
  }
}

function printReport(ctx: CliContext, r: SyncReport, aLabel: string, bLabel: string, conflictsDir: string): void {
  const side = (label: string, c: SyncReport['a']) =>
    ctx.t(
      `${label}: ${c.created} created, ${c.updated} updated, ${c.deleted} deleted, ${c.errors} errors`,
      `${label} : ${c.created} créés, ${c.updated} modifiés, ${c.deleted} supprimés, ${c.errors} erreurs`,
    );
  if (r.dryRun)
    ctx.out(
      ctx.t(
        `Dry run: ${r.actions.length} actions planned, nothing written.`,
        `Simulation : ${r.actions.length} actions prévues, rien n'a été écrit.`,
      ),
    );
  ctx.out(side(aLabel, r.a));
  ctx.out(side(bLabel, r.b));
  if (r.conflicts > 0) {
    ctx.out(
      ctx.t(
        `${r.conflicts} conflicts (${r.unresolvedConflicts} left for you); losing versions kept in ${conflictsDir}`,
        `${r.conflicts} conflits (${r.unresolvedConflicts} à trancher) ; versions perdantes gardées dans ${conflictsDir}`,
      ),
    );
  }
  if (r.unreadable > 0) {
    ctx.out(
      ctx.t(
        `${r.unreadable} item(s) could not be read: left as they are on both sides, read again next run`,
        `${r.unreadable} élément(s) illisible(s) : laissé(s) tel(s) quel(s) des deux côtés, relu(s) au prochain passage`,
      ),
    );
  }
  // Each local change a read-only side did not take, by name, with where the user's version is kept.
  for (const revert of r.readOnlyReverts) ctx.out(ctx.lang === 'fr' ? revert.fr : revert.en);
  for (const issue of r.issues) {
    if (issue.kind !== 'conflict')
      ctx.err(`${issue.kind}: ${issue.text ? render(ctx.lang, issue.text) : issue.message}`);
  }
}
