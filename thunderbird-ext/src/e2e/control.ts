/**
 * TEST ONLY, compiled into the end-to-end build alone (background.ts calls it under `__E2E__`, false in release
 * builds, where this code is dropped): lets test/integration/tb-e2e-thunderbird.test.ts drive the extension inside
 * a real Thunderbird. The test runs an HTTP server on 127.0.0.1; this loop fetches a command, runs it, posts the
 * result, until the test says "stop". The port is in e2e-control.json, written into the installed copy by
 * test/e2e/thunderbird-harness.ts (two Thunderbirds may run on one machine); 33769 when that file is missing.
 */
import type { BridgeService } from '../background/service.js';
import type { ExtensionApi } from '../thunderbird-api.js';
import type { ApiTrace } from './api-trace.js';

interface Command {
  id: number;
  op: string;
  args: Record<string, unknown>;
  /** The harness gives up after this long; the loop gives up a little earlier and goes on polling. */
  timeoutMs?: number;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 120_000;

/** `work`, or a rejection naming the command when it takes longer than `ms` (the work itself cannot be cancelled). */
function bounded<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

interface ComposeApiE2E {
  beginNew(details: { to?: string[]; subject?: string; body?: string; isPlainText?: boolean }): Promise<{ id: number }>;
  getComposeDetails(tabId: number): Promise<{ body?: string; plainTextBody?: string; isPlainText?: boolean }>;
}

interface WriteProbeE2E {
  tryAddEvent(id: string, event: { title: string; start: string }): Promise<{ added: boolean; error?: string }>;
}

const DEFAULT_PORT = 33769;

/** The harness's port, from e2e-control.json at the extension's root. */
async function controlPort(): Promise<number> {
  try {
    const config = (await (await fetch('/e2e-control.json')).json()) as { port?: unknown };
    return typeof config.port === 'number' ? config.port : DEFAULT_PORT;
  } catch {
    return DEFAULT_PORT;
  }
}

export function startControlChannel(api: ExtensionApi, service: BridgeService, trace?: ApiTrace): void {
  void controlPort().then((port) => runControlChannel(`http://127.0.0.1:${port}`, api, service, trace));
}

function runControlChannel(base: string, api: ExtensionApi, service: BridgeService, trace?: ApiTrace): void {
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, { method: 'POST', body: JSON.stringify(body) }).catch(() => undefined);

  const run = async (c: Command): Promise<unknown> => {
    const a = c.args;
    switch (c.op) {
      case 'ask':
        return service.handle(a['request'] as never);
      case 'books':
        return api.addressBooks.list(false);
      case 'contacts':
        return api.addressBooks.contacts.list(String(a['bookId']));
      case 'updateContact':
        return api.addressBooks.contacts.update(String(a['id']), String(a['vCard']));
      case 'deleteContact':
        return api.addressBooks.contacts.delete(String(a['id']));
      case 'syncPair':
        return service.syncPair(String(a['pairId']));
      case 'pairs':
        return service.pairs();
      case 'trace':
        return trace?.take() ?? [];
      case 'storage':
        return (await api.storage.local.get(String(a['key'])))[String(a['key'])] ?? null;
      case 'storageAll':
        return api.storage.local.get(null);
      case 'calendar':
        return api.davBridgeCalendars.get(String(a['id']));
      case 'tryAddEvent': {
        // The harness's test-only experiment (test/e2e/write-probe/), in the installed copy only.
        const probe = (api as unknown as { davBridgeWriteProbe: WriteProbeE2E }).davBridgeWriteProbe;
        return probe.tryAddEvent(String(a['id']), a['event'] as { title: string; start: string });
      }
      case 'calendarEvents':
        return api.davBridgeCalendars.events(String(a['id']), a['range'] as { start: string; end: string });
      case 'beginCompose': {
        const compose = api.compose as unknown as ComposeApiE2E;
        return (await compose.beginNew(a as never)).id;
      }
      case 'composeDetails':
        return (api.compose as unknown as ComposeApiE2E).getComposeDetails(Number(a['tabId']));
      default:
        throw new Error(`unknown op ${c.op}`);
    }
  };

  const loop = async (): Promise<void> => {
    await post('/log', { started: true });
    for (;;) {
      let command: Command | { op: 'stop' | 'noop' } | undefined;
      try {
        command = (await (await fetch(`${base}/next`)).json()) as Command | { op: 'stop' | 'noop' };
      } catch {
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      if (command.op === 'stop') return;
      if (command.op === 'noop') continue;
      const c = command as Command;
      const what = c.op === 'ask' ? `ask ${String((c.args['request'] as { type?: unknown } | undefined)?.type)}` : c.op;
      // Start and end of each command reach the harness's log (TB_E2E_LOG=1 prints them): a hang names its command.
      await post('/log', { command: what, id: c.id, phase: 'start' });
      let result: { id: number; ok: boolean; value?: unknown; error?: string };
      try {
        // A little under the harness's own bound, so the test reads this error rather than a bare timeout.
        const ms = Math.max(1000, (c.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS) - 2000);
        result = { id: c.id, ok: true, value: (await bounded(what, ms, run(c))) ?? null };
        JSON.stringify(result); // not serialisable: report that instead of losing the result
      } catch (e) {
        result = { id: c.id, ok: false, error: String((e as Error)?.message ?? e) };
      }
      await post('/log', { command: what, id: c.id, phase: 'end', ok: result.ok, error: result.error });
      await post('/result', result);
    }
  };
  void loop();
}
