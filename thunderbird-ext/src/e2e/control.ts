/**
 * TEST ONLY, compiled into the end-to-end build alone (background.ts calls it under `__E2E__`, false in release
 * builds, where this code is dropped): lets test/integration/tb-e2e-thunderbird.test.ts drive the extension inside
 * a real Thunderbird. The test runs an HTTP server on 127.0.0.1; this loop fetches a command, runs it, posts the
 * result, until the test says "stop". The port is in e2e-control.json, written into the installed copy by
 * test/e2e/thunderbird-harness.ts (two Thunderbirds may run on one machine); 33769 when that file is missing.
 */
import type { BridgeService } from '../background/service.js';
import type { ExtensionApi } from '../thunderbird-api.js';

interface Command {
  id: number;
  op: string;
  args: Record<string, unknown>;
}

/** Used here only: what Thunderbird's own calendar holds (the experiment's titles(), after a refresh). */
interface CalendarTitlesE2E {
  titles(id: string): Promise<string[] | null>;
}

interface ComposeApiE2E {
  beginNew(details: { to?: string[]; subject?: string; body?: string; isPlainText?: boolean }): Promise<{ id: number }>;
  getComposeDetails(tabId: number): Promise<{ body?: string; plainTextBody?: string; isPlainText?: boolean }>;
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

export function startControlChannel(api: ExtensionApi, service: BridgeService): void {
  void controlPort().then((port) => runControlChannel(`http://127.0.0.1:${port}`, api, service));
}

function runControlChannel(base: string, api: ExtensionApi, service: BridgeService): void {
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
      case 'storage':
        return (await api.storage.local.get(String(a['key'])))[String(a['key'])] ?? null;
      case 'storageAll':
        return api.storage.local.get(null);
      case 'calendar':
        return api.davBridgeCalendars.get(String(a['id']));
      case 'calendarTitles':
        return (api.davBridgeCalendars as unknown as CalendarTitlesE2E).titles(String(a['id']));
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
      try {
        await post('/result', { id: c.id, ok: true, value: (await run(c)) ?? null });
      } catch (e) {
        await post('/result', { id: c.id, ok: false, error: String((e as Error)?.message ?? e) });
      }
    }
  };
  void loop();
}
