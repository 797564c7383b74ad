import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConflictFolder } from '../../src/node/sync/conflict-folder.js';
import { VdirStore } from '../../src/node/sync/vdir-store.js';
import { MemoryConflictLog } from '../../src/sync/conflict-log.js';
import { MemoryStore } from '../../src/sync/memory-store.js';
import { MemoryStatusStore } from '../../src/sync/status.js';
import { syncPair } from '../../src/sync/sync.js';
import { vcard, vevent } from '../../../test/support/items.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'davbridge-ro-report-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a local change reverted because the other side is read-only is reported (issue 9 item 5)', () => {
  test("David's edit of a read-only shared event: reported by title, with the file that keeps his version", async () => {
    const shared = new MemoryStore({ name: 'Équipe technique (Gilles)', readOnly: true });
    shared.put('weekly.ics', vevent('weekly', 'Point hebdo'));
    const folder = new VdirStore(join(dir, 'david'), { name: 'david-folder' });
    const status = new MemoryStatusStore();
    const conflictLog = new ConflictFolder(join(dir, 'state.conflicts'));
    const run = () => syncPair({ a: shared, b: folder, status, conflictLog });
    expect((await run()).b.created).toBe(1);

    const [file] = (await folder.list()).map((r) => r.id);
    writeFileSync(join(dir, 'david', file!), vevent('weekly', 'Point hebdo, déplacé par David'));
    const r = await run();
    expect(r.b.updated).toBe(1); // reverted
    expect(r.readOnlyReverts).toHaveLength(1);
    const revert = r.readOnlyReverts[0]!;
    expect(revert).toMatchObject({ ident: 'weekly', side: 'b', title: 'Point hebdo, déplacé par David' });
    expect(revert.keptAt).toMatch(new RegExp(`^${join(dir, 'state.conflicts')}/weekly\\.b\\.[0-9a-f]+\\.ics$`));
    expect(readFileSync(revert.keptAt!, 'utf8')).toContain('SUMMARY:Point hebdo\\, déplacé par David');
    expect(revert.en).toBe(
      `your change to "Point hebdo, déplacé par David" was not sent: Équipe technique (Gilles) is read-only; kept at ${revert.keptAt}`,
    );
    expect(revert.fr).toBe(
      `votre modification de « Point hebdo, déplacé par David » n'a pas été envoyée : Équipe technique (Gilles) est en lecture seule ; conservée dans ${revert.keptAt}`,
    );
    expect(readFileSync(join(dir, 'david', file!), 'utf8')).toContain('SUMMARY:Point hebdo\r\n');
    // nothing more to say on the next run
    expect((await run()).readOnlyReverts).toEqual([]);
  });

  test('a local creation the read-only side will not take, and readOnlySides, are reported too; plain conflicts are not', async () => {
    const a = new MemoryStore({ name: 'A' });
    const b = new MemoryStore({ name: 'Carnet partagé' });
    const status = new MemoryStatusStore();
    const log = new MemoryConflictLog();
    b.put('c1.vcf', vcard('c1', 'Alexandre'));
    await syncPair({ a, b, status, conflictLog: log, readOnlySides: { b: true } });
    a.put('new.vcf', vcard('new', 'François (invité)'));
    const r = await syncPair({ a, b, status, conflictLog: log, readOnlySides: { b: true } });
    expect(r.a.deleted).toBe(1);
    expect(r.readOnlyReverts.map((x) => [x.title, x.side, x.keptAt])).toEqual([['François (invité)', 'a', 'memory:0']]);

    // a conflict between two writable sides sets a version aside, but no change was refused: not reported
    a.put(a.all()[0]!.id, vcard('c1', 'Alexandre A', ['REV:20261121T000000Z']));
    b.put('c1.vcf', vcard('c1', 'Alexandre B', ['REV:20261122T000000Z']));
    const c = await syncPair({ a, b, status, conflictLog: log });
    expect(c.conflicts).toBe(1);
    expect(c.readOnlyReverts).toEqual([]);
  });
});
