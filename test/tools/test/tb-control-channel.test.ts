/**
 * Issue 14: the real-Thunderbird e2e run hung for good when one control command never returned. The harness's
 * control channel (test/e2e/thunderbird-harness.ts) alone, over real HTTP on 127.0.0.1; the extension's side is a
 * fake poller here (fetch), since these tests are about the channel, not Thunderbird.
 */
import { createServer } from 'node:net';
import { ControlChannel } from '../../e2e/thunderbird-harness.js';

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolvePort(port));
    });
  });
}

describe('the Thunderbird control channel (fake poller, real HTTP)', () => {
  let channel: ControlChannel;

  beforeEach(async () => {
    channel = new ControlChannel(await freePort());
    await channel.listen();
  });
  afterEach(() => channel.close());

  it('a call Thunderbird never answers fails after its bound, naming the command', async () => {
    await expect(channel.ask({ type: 'subscribe' }, 300)).rejects.toThrow(
      'control call "ask subscribe" got no result from Thunderbird within 300 ms',
    );
    await expect(channel.call('calendarTitles', { id: 'x' }, 300)).rejects.toThrow('"calendarTitles"');
  });

  it('a command sent while the poll that was waiting has closed reaches the next poll (it was lost)', async () => {
    const base = `http://127.0.0.1:${channel.port}`;
    const abort = new AbortController();
    const first = fetch(`${base}/next`, { signal: abort.signal }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    abort.abort();
    await first;
    await new Promise((r) => setTimeout(r, 200)); // the server sees the close
    const call = channel.call('pairs', {}, 5000);
    const next = (await (await fetch(`${base}/next`)).json()) as { id: number; op: string };
    expect(next.op).toBe('pairs');
    await fetch(`${base}/result`, { method: 'POST', body: JSON.stringify({ id: next.id, ok: true, value: [] }) });
    await expect(call).resolves.toEqual([]);
  }, 20_000);
});
