/**
 * `dav-bridge sync <A> <B> [options]` (declared in command-specs.ts): one two-way sync run of a pair, holding
 * the pair's lock (`<state>.lock`) so that two runs of one pair never act at once.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { DavError } from '../../../dav/errors.js';
import type { TimeRange } from '../../../dav/items.js';
import { type DeletionLimit, parseDeletionLimit } from '../../../sync/guard.js';
import type { ConflictPolicy, ReadOnlyPolicy } from '../../../sync/planner.js';
import type { SyncReport } from '../../../sync/report.js';
import { syncPair, type SyncProgress } from '../../../sync/sync.js';
import { message, render, type Lang, type Message } from '../../../i18n/index.js';
import type { BridgeConfig } from '../../config.js';
import { UserFacingError } from '../../localized-error.js';
import { acquirePairLock } from '../../pair-lock.js';
import {
  looksLikeAccountEndpoint,
  meansGone,
  openEndpoint,
  parseEndpoint,
  type Endpoint,
} from '../../sync-endpoint.js';
import { ConflictFolder } from '../../sync/conflict-folder.js';
import { SqliteStatusStore } from '../../sync/sqlite-status.js';
import { flag, str, parseCommandLine, type CommandLine } from '../command-line.js';
import { commandSpec } from '../command-specs.js';
import type { CliContext } from '../context.js';
import { USAGE_EXIT } from '../usage.js';
import { cliError, say } from '../words.js';

export function defaultStatePath(a: Endpoint, b: Endpoint, env: NodeJS.ProcessEnv): string {
  const base = env['XDG_STATE_HOME'] || join(homedir(), '.local', 'state');
  const key = createHash('sha256').update(`${a.label}\n${b.label}`).digest('hex').slice(0, 16);
  return join(base, 'dav-bridge', 'sync', `${key}.sqlite`);
}

function parseDate(value: string | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) {
    throw cliError('cli.bad-date', { option: flag, value }, USAGE_EXIT);
  }
  return date;
}

function deletionLimit(value: string): DeletionLimit {
  try {
    return parseDeletionLimit(value);
  } catch (err) {
    // Core's own message about the value, behind the option's name, in each language.
    const { text } = err as { text: Message };
    const words = (lang: Lang) =>
      say({ lang }, 'cli.option-error', { option: '--max-delete', detail: render(lang, text) });
    throw new UserFacingError(words('en'), words('fr'), USAGE_EXIT);
  }
}

/** Seconds a run waits for another run of the same pair before giving up. */
const DEFAULT_WAIT_SECONDS = 30;

function parseWait(value: string): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw cliError('cli.bad-wait', { value }, USAGE_EXIT);
  }
  return seconds;
}

/** A one-line progress bar on a terminal; nothing when output is piped. */
function progressBar(ctx: CliContext): (p: SyncProgress) => void {
  if (!process.stderr.isTTY) return () => {};
  return (p) => {
    const width = 30;
    const filled = p.total > 0 ? Math.round((p.done / p.total) * width) : width;
    const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
    process.stderr.write(
      `\r${say(ctx, 'cli.sync.phase', { phase: p.phase }).padEnd(15)} [${bar}] ${p.done}/${p.total}${p.phase === 'done' ? '\n' : ''}`,
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

export async function syncCommand(
  ctx: CliContext,
  argv: string[],
  line: CommandLine = parseCommandLine(commandSpec('sync'), argv),
): Promise<number> {
  const { positionals } = line;
  const values = {
    state: str(line, 'state'),
    start: str(line, 'start'),
    end: str(line, 'end'),
    'max-delete': str(line, 'max-delete'),
    wait: str(line, 'wait'),
    config: str(line, 'config'),
  };
  // --conflict and --read-only were checked against their choices by the parser (command-specs.ts).
  const policy = (str(line, 'conflict') ?? 'newest') as ConflictPolicy;
  const readOnlyPolicy = (str(line, 'read-only') ?? 'revert') as ReadOnlyPolicy;
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
    onWait: (holder) => ctx.err(say(ctx, 'cli.sync.waiting', { pid: holder?.pid, seconds: waitSeconds })),
  });
  try {
    return await syncLocked(ctx, {
      a,
      b,
      statePath,
      config,
      configFlag: values.config,
      range,
      json: flag(line, 'json'),
      refresh: flag(line, 'refresh'),
      policy,
      readOnlyPolicy,
      forceDelete: flag(line, 'force-delete'),
      dryRun: flag(line, 'dry-run'),
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
  // A revoked share's message names where the user's copy stays: the other side, when it is a folder.
  const copyOf = (other: Endpoint) => (other.type === 'folder' ? other.dir : other.label);
  const open = (e: Endpoint, other: Endpoint) =>
    openEndpoint(e, {
      copy: copyOf(other),
      config,
      configFile: ctx.configFile(run.configFlag),
      factsFile: `${statePath}.collections.json`,
      range,
      env: ctx.env,
      refresh: run.refresh,
      ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}),
    });
  const sideA = await open(a, b);
  const sideB = await open(b, a);
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
      // The guard's message names the override the way this shell spells it.
      forceDeleteName: { en: '--force-delete', fr: '--force-delete' },
      ...(run.maxDelete ? { maxDelete: run.maxDelete } : {}),
      dryRun: run.dryRun,
      copySuffix: render(ctx.lang, message('sync.conflict-copy-suffix', {})),
      onProgress: json ? (p) => ctx.out(JSON.stringify({ type: 'progress', ...p })) : progressBar(ctx),
    }).catch(async (err: unknown) => {
      // A share revoked since the facts were cached shows up as 403/404 on listing: say so, mark the pair.
      const url = err instanceof DavError ? err.url : '';
      const onlyDav = a.type === 'folder' ? sideB : b.type === 'folder' ? sideA : undefined;
      const side = [sideA, sideB].find((s) => s.markRevoked && s.facts && url.startsWith(s.facts.url)) ?? onlyDav;
      if (side?.markRevoked && meansGone(err)) {
        // Only when the collection itself is now gone or forbidden: a 403/404 on one request (an expired token,
        // one item) must not stop the pair for good.
        const stillThere = await side.store.currentToken?.().then(
          () => true,
          (again: unknown) => !meansGone(again),
        );
        if (!stillThere) throw await side.markRevoked(copyOf(side === sideA ? b : a));
      }
      throw err;
    });
    if (json) ctx.out(JSON.stringify(summaryJson(report)));
    else printReport(ctx, report, a.label, b.label, `${statePath}.conflicts`);
    if (report.aborted) {
      ctx.err(`dav-bridge: ${render(ctx.lang, report.aborted.text)}`);
      ctx.err(say(ctx, 'cli.sync.limit-hint', {}));
      return 1;
    }
    // An unreadable item is a failure a script must see, although the rest of the run went through.
    return report.a.errors + report.b.errors + report.unresolvedConflicts + report.unreadable > 0 ? 1 : 0;
  } finally {
    status.close();
  }
}

/** "gilles: 1 created, 0 updated, 0 deleted, 1 error" (French: "gilles : 1 créé, 0 modifié, 0 supprimé, 1 erreur"). */
export function sideSummary(ctx: { lang: Lang }, label: string, c: SyncReport['a']): string {
  return say(ctx, 'cli.sync.side-summary', { label, ...c });
}

/** "1 item could not be read: left as it is on both sides, read again next run" (and its plural, French). */
export function unreadableLine(ctx: { lang: Lang }, count: number): string {
  return say(ctx, 'cli.sync.unreadable', { count });
}

function printReport(ctx: CliContext, r: SyncReport, aLabel: string, bLabel: string, conflictsDir: string): void {
  if (r.dryRun) ctx.out(say(ctx, 'cli.sync.dry-run', { actions: r.actions.length }));
  ctx.out(sideSummary(ctx, aLabel, r.a));
  ctx.out(sideSummary(ctx, bLabel, r.b));
  if (r.conflicts > 0) {
    ctx.out(
      say(ctx, 'cli.sync.conflicts', { count: r.conflicts, unresolved: r.unresolvedConflicts, dir: conflictsDir }),
    );
  }
  if (r.unreadable > 0) ctx.out(unreadableLine(ctx, r.unreadable));
  // Each local change a read-only side did not take, by name, with where the user's version is kept.
  for (const revert of r.readOnlyReverts) ctx.out(ctx.lang === 'fr' ? revert.fr : revert.en);
  for (const issue of r.issues) {
    if (issue.kind !== 'conflict')
      ctx.err(`${issue.kind}: ${issue.text ? render(ctx.lang, issue.text) : issue.message}`);
  }
}
