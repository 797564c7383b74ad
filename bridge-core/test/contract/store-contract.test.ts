// The one store-contract suite (test/support/store-contract.ts) over the stores that run without a server: the
// in-memory reference store, the local folder store (a temp dir), and the Graph event, To Do and contacts stores against the
// Graph fake (an in-process fake of Microsoft Graph v1.0 from its documented contract: no Microsoft service is
// reachable here).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphClient } from '../../src/graph/graph-client.js';
import { ensureGraphCalendar, GraphEventStore } from '../../src/graph/graph-store.js';
import { ensureContactFolder, GraphContactStore } from '../../src/graph/contact-store.js';
import { ensureTodoList, GraphTodoStore } from '../../src/graph/todo-store.js';
import { VdirStore } from '../../src/node/sync/vdir-store.js';
import { MemoryStore } from '../../src/sync/memory-store.js';
import { GraphFake } from '../../../test/support/graph-fake/graph-fake.js';
import { describeStoreContract } from '../../../test/support/store-contract.js';
import { failingReadsFetch } from '../../../test/support/graph-fake/fault-fetch.js';

describeStoreContract(
  'memory',
  {
    kind: 'events',
    secondCreate: 'same-name',
    unreadable: true,
    rejectsBadInput: {
      cannot: 'the reference store keeps any text; checking items is the other stores and the engine job',
    },
  },
  async () => {
    const broken = new Set<string>();
    const store = new MemoryStore({ incremental: true, failReads: (id) => broken.has(id) });
    return { store, makeUnreadable: (id) => void broken.add(id) };
  },
);

describeStoreContract(
  'folder (vdir in a temp dir)',
  {
    kind: 'contacts',
    secondCreate: 'same-name',
    unreadable: {
      cannot:
        'the tests run as root here: no file permission stops root reading, and a file changing under the reader is a race no test can time',
    },
    rejectsBadInput: { cannot: 'a folder keeps any file as it is (vdirsyncer layout); the engine checks items' },
  },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dav-bridge-contract-'));
    const store = new VdirStore(join(dir, 'Équipe technique'));
    return {
      store,
      close: async () => {
        await store.flush();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
);

const fakes: GraphFake[] = [];
afterAll(async () => {
  for (const f of fakes) await f.stop();
});

describeStoreContract(
  'Graph event store (Graph fake)',
  { kind: 'events', secondCreate: 'same-uid', unreadable: true, rejectsBadInput: true },
  async () => {
    const fake = new GraphFake({ pageSize: 3 });
    fakes.push(fake);
    await fake.start();
    const broken = new Set<string>();
    const client = new GraphClient({
      baseUrl: fake.url,
      getToken: async () => 'gilles',
      fetch: failingReadsFetch(broken),
    });
    const calendarId = await ensureGraphCalendar(client, 'Équipe technique', '#1E88E5');
    return {
      store: new GraphEventStore({ client, calendarId }),
      makeUnreadable: (id) => void broken.add(id),
      close: () => fake.stop(),
    };
  },
);

describeStoreContract(
  'Graph To Do store (Graph fake)',
  { kind: 'tasks', secondCreate: 'same-uid', unreadable: true, rejectsBadInput: true },
  async () => {
    const fake = new GraphFake({ pageSize: 3 });
    fakes.push(fake);
    await fake.start();
    const broken = new Set<string>();
    const client = new GraphClient({
      baseUrl: fake.url,
      getToken: async () => 'gilles',
      fetch: failingReadsFetch(broken),
    });
    const listId = await ensureTodoList(client, 'Équipe technique');
    return {
      store: new GraphTodoStore({ client, listId }),
      makeUnreadable: (id) => void broken.add(id),
      close: () => fake.stop(),
    };
  },
);

describeStoreContract(
  'Graph contacts store (Graph fake)',
  { kind: 'contacts', secondCreate: 'same-uid', unreadable: true, rejectsBadInput: true },
  async () => {
    const fake = new GraphFake({ pageSize: 3 });
    fakes.push(fake);
    await fake.start();
    const broken = new Set<string>();
    const client = new GraphClient({
      baseUrl: fake.url,
      getToken: async () => 'gilles',
      fetch: failingReadsFetch(broken),
    });
    const folderId = await ensureContactFolder(client, 'Équipe technique');
    return {
      store: new GraphContactStore({ client, folderId }),
      makeUnreadable: (id) => void broken.add(id),
      close: () => fake.stop(),
    };
  },
);
