// The one store-contract suite (test/support/store-contract.ts) over the bridge server's mirror store: a
// subscription's items in the bridge's own SQLite database, as the server opens it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBridgeDatabase } from '../../src/middle-tier/store/sqlite-store';
import { MirrorStore } from '../../src/middle-tier/subscriptions/mirror-store';
import { describeStoreContract } from '../../../test/support/store-contract';

describeStoreContract(
  'mirror (bridge SQLite)',
  {
    kind: 'tasks',
    secondCreate: 'same-name',
    unreadable: { cannot: 'a SQLite row is read whole or the query fails as a whole: no single row is unreadable' },
    rejectsBadInput: { cannot: 'the mirror keeps what the engine gives it; the DAV side checks items' },
  },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dav-bridge-mirror-contract-'));
    const db = openBridgeDatabase(dir);
    await db.upsertAccount({
      id: 'gilles',
      serverId: 'demo',
      username: 'gilles',
      sealedPassword: 'sealed',
      principalUrl: 'http://127.0.0.1/gilles/',
      updatedAt: 0,
    });
    await db.createSubscription({
      id: 'equipe-taches',
      accountId: 'gilles',
      type: 'collection',
      url: 'http://127.0.0.1/gilles/equipe-taches/',
      name: 'Équipe technique',
      kind: 'tasks',
      readOnly: false,
      createdAt: 0,
      feedEtag: undefined,
      feedLastModified: undefined,
    });
    return {
      store: new MirrorStore(db, 'equipe-taches'),
      close: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
);
