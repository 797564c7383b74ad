/**
 * End-to-end harness for the Thunderbird extension: Debian's Thunderbird (test/e2e/install-thunderbird.sh), run
 * headless with a fresh profile (one identity) and the end-to-end build of the extension (webpack --env e2e: the
 * release build plus the test-only control channel, thunderbird-ext/src/e2e/control.ts), driven over HTTP.
 *
 * The control channel: this harness runs an HTTP server on 127.0.0.1:<controlPort>; the extension long-polls
 * `/next` for a command, runs it and posts `/result`. The port is written into the installed copy of the extension
 * (e2e-control.json), so two Thunderbirds (two engineers, a test and a benchmark) can run on one machine.
 *
 * Used by test/integration/tb-e2e-thunderbird.test.ts and the benchmarks. API (kept stable):
 *   thunderbirdMissing()            why Thunderbird cannot run here (installs it when it can), or undefined
 *   startThunderbird(options)       a RunningThunderbird: call(op, args), ask(request), stop()
 *   controlPortFromEnv()            TB_E2E_CONTROL_PORT, else 33769
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { newestMtime, withBuildLock } from '../support/bridge.js';

const ROOT = resolve(__dirname, '../..');
const EXT = join(ROOT, 'thunderbird-ext');
const E2E_DIST = join(EXT, 'e2e-build', 'dist');
const WRITE_PROBE = join(ROOT, 'test', 'e2e', 'write-probe');
export const thunderbirdPath = process.env['THUNDERBIRD_PATH'] || '/usr/bin/thunderbird';
/** The extension's id (manifest browser_specific_settings.gecko.id): the XPI's file name in the profile. */
export const GECKO_ID = 'dav-bridge@dav-bridge.invalid';
/** The control channel's port when TB_E2E_CONTROL_PORT is not set (the extension's default too). */
export const DEFAULT_CONTROL_PORT = 33769;

export function controlPortFromEnv(): number {
  const raw = process.env['TB_E2E_CONTROL_PORT'];
  if (!raw) return DEFAULT_CONTROL_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`TB_E2E_CONTROL_PORT must be a port number, got "${raw}"`);
  return port;
}

/** Installs Thunderbird when it can (root, apt-get); the reason it cannot run here otherwise. */
export function thunderbirdMissing(): string | undefined {
  const install = spawnSync('bash', [join(ROOT, 'test/e2e/install-thunderbird.sh')], { encoding: 'utf8' });
  if (install.status !== 0 || !existsSync(thunderbirdPath))
    return `Thunderbird cannot be installed here: ${install.stderr.trim()}`;
  return undefined;
}

/** The end-to-end build, rebuilt when the extension's or bridge-core's sources are newer (under a lock). */
export function ensureE2eBuild(): void {
  const out = join(E2E_DIST, 'background.js');
  const stale = () =>
    !existsSync(out) ||
    statSync(out).mtimeMs < Math.max(newestMtime(join(EXT, 'src')), newestMtime(join(ROOT, 'bridge-core', 'src')));
  if (!stale()) return;
  withBuildLock(() => {
    if (stale())
      execFileSync('npx', ['webpack', '--config', 'webpack.config.mjs', '--env', 'e2e'], { cwd: EXT, stdio: 'pipe' });
  }, 'dav-bridge-tb-e2e-build.lock');
}

export interface Identity {
  email: string;
  fullName: string;
}

/** A profile that starts quietly: no first-run dialogs, unsigned extensions allowed, one POP identity (never polled). */
function userJs(identity: Identity): string {
  const login = identity.email.split('@')[0] ?? identity.email;
  return `
user_pref("xpinstall.signatures.required", false);
user_pref("extensions.autoDisableScopes", 0);
user_pref("extensions.enabledScopes", 15);
user_pref("mail.shell.checkDefaultClient", false);
user_pref("mail.provider.suppress_dialog_on_startup", true);
user_pref("mailnews.start_page.enabled", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
user_pref("mail.accountmanager.accounts", "account1,account2");
user_pref("mail.accountmanager.defaultaccount", "account1");
user_pref("mail.accountmanager.localfoldersserver", "server2");
user_pref("mail.account.account1.identities", "id1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.account.account2.server", "server2");
user_pref("mail.server.server1.type", "pop3");
user_pref("mail.server.server1.hostname", "127.0.0.1");
user_pref("mail.server.server1.port", 11110);
user_pref("mail.server.server1.userName", ${JSON.stringify(login)});
user_pref("mail.server.server1.name", ${JSON.stringify(identity.email)});
user_pref("mail.server.server1.login_at_startup", false);
user_pref("mail.server.server1.check_new_mail", false);
user_pref("mail.server.server2.type", "none");
user_pref("mail.server.server2.hostname", "Local Folders");
user_pref("mail.server.server2.userName", "nobody");
user_pref("mail.server.server2.name", "Local Folders");
user_pref("mail.identity.id1.useremail", ${JSON.stringify(identity.email)});
user_pref("mail.identity.id1.fullName", ${JSON.stringify(identity.fullName)});
user_pref("mail.identity.id1.compose_html", true);
user_pref("mail.identity.id1.valid", true);
`;
}

/** Installs the end-to-end build into the profile as an XPI, with the control port and host permissions given. */
function installExtension(profile: string, controlPort: number, hostPermissions: string[]): void {
  const ext = mkdtempSync(join(tmpdir(), 'dav-bridge-tb-ext-'));
  try {
    cpSync(E2E_DIST, ext, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    // Optional host permissions need a click in the popup; the test profile grants the test servers' hosts up front.
    manifest['host_permissions'] = hostPermissions;
    // The test-only write probe (test/e2e/write-probe/): an experiment no build contains, added to this copy alone.
    cpSync(WRITE_PROBE, join(ext, 'experiments', 'e2e-write-probe'), { recursive: true });
    manifest['experiment_apis'] = {
      ...(manifest['experiment_apis'] as Record<string, unknown>),
      davBridgeWriteProbe: {
        schema: 'experiments/e2e-write-probe/schema.json',
        parent: {
          scopes: ['addon_parent'],
          paths: [['davBridgeWriteProbe']],
          script: 'experiments/e2e-write-probe/implementation.js',
        },
      },
    };
    writeFileSync(join(ext, 'manifest.json'), JSON.stringify(manifest));
    // Read by the control channel at start (src/e2e/control.ts): where this harness listens.
    writeFileSync(join(ext, 'e2e-control.json'), JSON.stringify({ port: controlPort }));
    mkdirSync(join(profile, 'extensions'), { recursive: true });
    execFileSync('zip', ['-qr', join(profile, 'extensions', `${GECKO_ID}.xpi`), '.', '-x', '*.map'], { cwd: ext });
  } finally {
    rmSync(ext, { recursive: true, force: true });
  }
}

interface Result {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

/** The harness's end of the control channel: commands queued here, fetched by the extension, results awaited. */
/** How long one control call may take before it fails its test (500 contacts subscribe in ~60 s here). */
export const DEFAULT_CALL_TIMEOUT_MS = 120_000;

/** What the extension runs; it gives up on the command after timeoutMs (control.ts). */
interface Command {
  id: number;
  op: string;
  args: unknown;
  timeoutMs?: number;
}

export class ControlChannel {
  private queue: Command[] = [];
  private waiting: ((body: string) => void) | undefined;
  private readonly results = new Map<number, (r: Result) => void>();
  private nextId = 1;
  private server: Server | undefined;
  private markStarted!: () => void;
  /** Resolves when the extension has said it started (its first `/log`). */
  readonly started: Promise<void> = new Promise((r) => (this.markStarted = r));

  constructor(readonly port: number) {}

  listen(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.url === '/log') {
          this.markStarted();
          // Each command's start and end, as the extension saw them: TB_E2E_LOG=<file> appends them there as they
          // come (Jest holds console output until a test ends, which a hang never does).
          const log = process.env['TB_E2E_LOG'];
          if (log) appendFileSync(log, `${new Date().toISOString()} ${body}\n`);
        }
        if (req.url === '/result') {
          let r: Result | undefined;
          try {
            r = JSON.parse(body) as Result;
          } catch {
            console.warn(`[tb-e2e] unreadable result: ${body.slice(0, 200)}`);
          }
          if (r) {
            this.results.get(r.id)?.(r);
            this.results.delete(r.id);
          }
        }
        if (req.url === '/next') {
          const next = this.queue.shift();
          if (next) return void res.end(JSON.stringify(next));
          // Long poll: answer "noop" after 10 s so the extension's fetch never times out.
          const timer = setTimeout(() => {
            if (this.waiting === waiting) this.waiting = undefined;
            res.end('{"op":"noop"}');
          }, 10_000);
          const waiting = (b: string) => {
            clearTimeout(timer);
            res.end(b);
          };
          this.waiting = waiting;
          // A poll whose connection closed cannot carry a command: forget it, or the next command is lost.
          res.on('close', () => {
            clearTimeout(timer);
            if (this.waiting === waiting) this.waiting = undefined;
          });
          return;
        }
        res.end('{}');
      });
    });
    return new Promise((resolveListen, reject) => {
      this.server!.once('error', (e: NodeJS.ErrnoException) =>
        reject(
          e.code === 'EADDRINUSE'
            ? new Error(`control port ${this.port} is taken (another Thunderbird test?): set TB_E2E_CONTROL_PORT`)
            : e,
        ),
      );
      this.server!.listen(this.port, '127.0.0.1', () => resolveListen());
    });
  }

  private push(command: Command): void {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w(JSON.stringify(command));
    } else this.queue.push(command);
  }

  /**
   * Runs one control operation in the extension (see control.ts for the list); throws its error. Rejects, naming
   * the operation, when no result came within `timeoutMs`: a hung operation fails its test instead of the suite
   * (the extension bounds each command too, so its loop goes on polling).
   */
  async call<T>(op: string, args: Record<string, unknown> = {}, timeoutMs = DEFAULT_CALL_TIMEOUT_MS): Promise<T> {
    const id = this.nextId++;
    const what = op === 'ask' ? `ask ${String((args['request'] as { type?: unknown } | undefined)?.type)}` : op;
    let timer: NodeJS.Timeout | undefined;
    const result = new Promise<Result>((resolveResult, reject) => {
      this.results.set(id, resolveResult);
      timer = setTimeout(() => {
        this.results.delete(id);
        this.queue = this.queue.filter((c) => c.id !== id);
        reject(new Error(`control call "${what}" got no result from Thunderbird within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    this.push({ id, op, args, timeoutMs });
    try {
      const r = await result;
      if (!r.ok) throw new Error(`${what}: ${r.error}`);
      return r.value as T;
    } finally {
      clearTimeout(timer);
    }
  }

  /** A request to the background service, as the popup sends it (BridgeService.handle). */
  ask<T>(request: Record<string, unknown>, timeoutMs = DEFAULT_CALL_TIMEOUT_MS): Promise<T> {
    return this.call<T>('ask', { request }, timeoutMs);
  }

  /** Tells the extension to stop polling and closes the server. */
  close(): void {
    this.push({ id: 0, op: 'stop', args: {} });
    this.server?.closeAllConnections();
    this.server?.close();
  }
}

export interface ThunderbirdOptions {
  /** Where the control channel listens (default: controlPortFromEnv()). */
  controlPort?: number;
  /** The profile's one identity (default David, david@example.org). */
  identity?: Identity;
  /** Host permissions granted up front (default http://127.0.0.1/*: the test servers). */
  hostPermissions?: string[];
  /** How long the extension may take to start (default 90 s). */
  startTimeoutMs?: number;
}

export interface RunningThunderbird {
  readonly control: ControlChannel;
  readonly profile: string;
  readonly process: ChildProcess;
  call<T>(op: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  ask<T>(request: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  /** Stops the control channel and Thunderbird (SIGTERM, SIGKILL after 10 s) and removes the profile. */
  stop(): Promise<void>;
}

/** Builds the extension when stale, makes a profile, starts headless Thunderbird and waits for the extension. */
export async function startThunderbird(options: ThunderbirdOptions = {}): Promise<RunningThunderbird> {
  ensureE2eBuild();
  const controlPort = options.controlPort ?? controlPortFromEnv();
  const profile = mkdtempSync(join(tmpdir(), 'dav-bridge-tb-profile-'));
  writeFileSync(
    join(profile, 'user.js'),
    userJs(options.identity ?? { email: 'david@example.org', fullName: 'David' }),
  );
  installExtension(profile, controlPort, options.hostPermissions ?? ['http://127.0.0.1/*']);

  const control = new ControlChannel(controlPort);
  try {
    await control.listen();
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  // TB_E2E_LOG=<file>: Thunderbird's own console (chrome code, the calendar's debug log) goes to <file>.thunderbird.
  const log = process.env['TB_E2E_LOG'];
  if (log)
    appendFileSync(
      join(profile, 'user.js'),
      'user_pref("devtools.console.stdout.chrome", true);\nuser_pref("calendar.loglevel", "Debug");\n',
    );
  const output = log ? openSync(`${log}.thunderbird`, 'a') : 'ignore';
  const tb = spawn(thunderbirdPath, ['--headless', '--no-remote', '--profile', profile], {
    stdio: ['ignore', output, output],
  });
  if (typeof output === 'number') closeSync(output); // the child has its own copy
  const exited = new Promise<void>((r) => tb.once('exit', () => r()));

  const stop = async (): Promise<void> => {
    control.close();
    if (tb.exitCode === null && tb.signalCode === null) {
      tb.kill('SIGTERM');
      const killer = setTimeout(() => tb.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(profile, { recursive: true, force: true });
  };

  const timeoutMs = options.startTimeoutMs ?? 90_000;
  let timer: NodeJS.Timeout | undefined;
  const exitedEarly = exited.then(() => {
    throw new Error(`Thunderbird exited before the extension started (exit code ${tb.exitCode})`);
  });
  exitedEarly.catch(() => undefined); // a later, normal exit is not an unhandled rejection
  try {
    await Promise.race([
      control.started,
      exitedEarly,
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the extension did not start in Thunderbird within ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
      }),
    ]);
  } catch (e) {
    await stop();
    throw e;
  } finally {
    clearTimeout(timer);
  }

  return {
    control,
    profile,
    process: tb,
    call: (op, args, timeoutMs) => control.call(op, args, timeoutMs),
    ask: (request, timeoutMs) => control.ask(request, timeoutMs),
    stop,
  };
}
