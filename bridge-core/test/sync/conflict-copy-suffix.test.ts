/** Issue 11 item 2: the keep-both copy's title suffix is in the user's language only, never both. */
import { message, render } from '../../src/i18n/index.js';
import { MemoryConflictLog } from '../../src/sync/conflict-log.js';
import { MemoryStore } from '../../src/sync/memory-store.js';
import { MemoryStatusStore } from '../../src/sync/status.js';
import { syncPair, type SyncOptions } from '../../src/sync/sync.js';
import { vevent } from '../../../test/support/items.js';

async function keepBothCopyTitle(extra: Partial<SyncOptions>): Promise<string> {
  const a = new MemoryStore({ name: 'A' });
  const b = new MemoryStore({ name: 'B' });
  const status = new MemoryStatusStore();
  const log = new MemoryConflictLog();
  a.put('1.ics', vevent('u1', 'Réunion Équipe technique'));
  await syncPair({ a, b, status, conflictLog: log });
  a.put('1.ics', vevent('u1', 'Réunion de Gilles', ['LAST-MODIFIED:20261121T000000Z']));
  b.put('u1', vevent('u1', "Réunion d'Alexandre", ['LAST-MODIFIED:20261122T000000Z']));
  await syncPair({ a, b, status, conflictLog: log, policy: 'keep-both', ...extra });
  const copy = a.all().find((x) => /UID:u1-conflict-/.test(x.data));
  if (!copy) throw new Error('no keep-both copy was made');
  return /SUMMARY:(.*)/.exec(copy.data)![1]!.trim();
}

describe('conflict copy title suffix', () => {
  test('French user (copySuffix rendered from the catalog in French): French only', async () => {
    const title = await keepBothCopyTitle({ copySuffix: render('fr', message('sync.conflict-copy-suffix', {})) });
    expect(title).toBe('Réunion de Gilles (copie en conflit)');
  });
  test('English user: English only', async () => {
    const title = await keepBothCopyTitle({ copySuffix: render('en', message('sync.conflict-copy-suffix', {})) });
    expect(title).toBe('Réunion de Gilles (conflict copy)');
  });
  test('a caller that does not say: one language (English), never both', async () => {
    const title = await keepBothCopyTitle({});
    expect(title).toBe('Réunion de Gilles (conflict copy)');
  });
});
