// The one store-contract suite (test/support/store-contract.ts) over the DAV store against REAL Radicale: a
// calendar and an address book made for the run.
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { createAddressBook, createCalendar, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { DavCollectionStore } from '../../bridge-core/src/stores/dav-store.js';
import { testServers, uniqueName } from '../harness/servers.js';
import { describeStoreContract, type ContractKind } from '../support/store-contract.js';
import { connect } from './dav-helpers.js';

let gilles: DavAccount | undefined;
const made: string[] = [];
afterAll(async () => {
  for (const url of made) await deleteCollection(gilles!.transport, url).catch(() => undefined);
});

async function openDav(kind: ContractKind) {
  gilles ??= await connect(testServers.radicale, 'alice');
  const name = uniqueName('Équipe technique');
  const url =
    kind === 'contacts'
      ? await createAddressBook(gilles.transport, gilles.discovery.principal.addressbookHomes[0]!, { name })
      : await createCalendar(gilles.transport, gilles.discovery.principal.calendarHomes[0]!, { name });
  made.push(url);
  return {
    store: new DavCollectionStore({
      transport: gilles.transport,
      url,
      family: kind === 'contacts' ? ('addressbook' as const) : ('calendar' as const),
      readOnly: false,
      supportsSyncCollection: true,
      name: 'Radicale',
    }),
  };
}

const notInjectable = {
  cannot:
    'real Radicale answers every item of a REPORT or fails it whole; one damaged item answer (through a proxy) is test/integration/sync-read-failures.test.ts',
};

describeStoreContract(
  'DAV calendar (real Radicale)',
  { kind: 'events', secondCreate: 'same-name', unreadable: notInjectable, rejectsBadInput: true },
  () => openDav('events'),
);
describeStoreContract(
  'DAV address book (real Radicale)',
  { kind: 'contacts', secondCreate: 'same-name', unreadable: notInjectable, rejectsBadInput: true },
  () => openDav('contacts'),
);
