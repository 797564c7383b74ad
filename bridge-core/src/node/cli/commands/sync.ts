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
import { message, render } from '../../../i18n/index.js';
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
import { counted, type Forms } from '../plural.js';

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
      ctx.err(`dav-bridge: ${ctx.lang === 'fr' ? report.aborted.fr : report.aborted.en}`);
      ctx.err(
        ctx.t(
          'dav-bridge: the limit is --max-delete N (items) or N% (default 10%).',
          'dav-bridge : la limite se règle avec --max-delete N (éléments) ou N% (10 % par défaut).',
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

/** The words of the sync summary, singular and plural, EN/FR. */
const WORDS: Record<'created' | 'updated' | 'deleted' | 'error' | 'action' | 'conflict', Forms> = {
  created: { en: ['created', 'created'], fr: ['créé', 'créés'] },
  updated: { en: ['updated', 'updated'], fr: ['modifié', 'modifiés'] },
  deleted: { en: ['deleted', 'deleted'], fr: ['supprimé', 'supprimés'] },
  error: { en: ['error', 'errors'], fr: ['erreur', 'erreurs'] },
  action: { en: ['action', 'actions'], fr: ['action prévue', 'actions prévues'] },
  conflict: { en: ['conflict', 'conflicts'], fr: ['conflit', 'conflits'] },
};

/** "gilles: 1 created, 0 updated, 0 deleted, 1 error" (French: "1 créé, 0 modifié, 0 supprimé, 1 erreur"). */
export function sideSummary(ctx: Pick<CliContext, 'lang'>, label: string, c: SyncReport['a']): string {
  const counts = [
    counted(ctx, c.created, WORDS.created),
    counted(ctx, c.updated, WORDS.updated),
    counted(ctx, c.deleted, WORDS.deleted),
    counted(ctx, c.errors, WORDS.error),
  ].join(', ');
  return ctx.lang === 'fr' ? `${label} : ${counts}` : `${label}: ${counts}`;
}

/** "1 item could not be read: left as it is..." / "2 items could not be read: left as they are...", EN/FR. */
export function unreadableLine(ctx: Pick<CliContext, 'lang'>, n: number): string {
  if (ctx.lang === 'fr') {
    return n <= 1
      ? `${n} élément illisible : laissé tel quel des deux côtés, relu au prochain passage`
      : `${n} éléments illisibles : laissés tels quels des deux côtés, relus au prochain passage`;
  }
  return n === 1
    ? `${n} item could not be read: left as it is on both sides, read again next run`
    : `${n} items could not be read: left as they are on both sides, read again next run`;
}

function printReport(ctx: CliContext, r: SyncReport, aLabel: string, bLabel: string, conflictsDir: string): void {
  if (r.dryRun) {
    const planned = counted(ctx, r.actions.length, WORDS.action);
    ctx.out(ctx.t(`Dry run: ${planned} planned, nothing written.`, `Simulation : ${planned}, rien n'a été écrit.`));
  }
  ctx.out(sideSummary(ctx, aLabel, r.a));
  ctx.out(sideSummary(ctx, bLabel, r.b));
  if (r.conflicts > 0) {
    const conflicts = counted(ctx, r.conflicts, WORDS.conflict);
    ctx.out(
      ctx.t(
        `${conflicts} (${r.unresolvedConflicts} left for you); losing versions kept in ${conflictsDir}`,
        `${conflicts} (${r.unresolvedConflicts} à trancher) ; versions perdantes gardées dans ${conflictsDir}`,
      ),
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
