// Issue 15: the master category made through Graph (colors/outlook-master-category.ts) against the Graph fake
// (written from Graph's documented contract): made when missing, never changed when there, one check per user
// and name, and a category made meanwhile by someone else (409) is taken as there.
import { GraphClient, GraphRequestError } from '../../../bridge-core/src/graph/graph-client';
import {
  graphCategoryColor,
  OutlookMasterCategories,
  RECHECK_MS,
} from '../../src/middle-tier/colors/outlook-master-category';
import { GraphFake } from '../../../test/support/graph-fake/graph-fake';

let fake: GraphFake;
beforeEach(async () => {
  fake = new GraphFake();
  await fake.start();
});
afterEach(() => fake.stop());

const clientFor = (token: string, fetchFn?: typeof fetch) =>
  new GraphClient({ baseUrl: fake.url, getToken: async () => token, ...(fetchFn ? { fetch: fetchFn } : {}) });
const calls = () => fake.requests.filter((r) => r.path.includes('/masterCategories')).map((r) => r.method);

test('graphCategoryColor: presets 0..24, none for no color', () => {
  expect([0, 22, 24].map(graphCategoryColor)).toEqual(['preset0', 'preset22', 'preset24']);
  expect([null, -1, 25, 2.5].map(graphCategoryColor)).toEqual(['none', 'none', 'none', 'none']);
});

test('made when missing, then known for the user: no request until the recheck time', async () => {
  let now = 1_000;
  const keeper = new OutlookMasterCategories(() => now);
  const client = clientFor('mb-a');
  expect(await keeper.ensure('acc-a', client, 'Équipe', 22)).toBe('created');
  expect(await keeper.ensure('acc-a', client, 'équipe', 22)).toBe('known'); // Outlook's names have no case
  expect(calls()).toEqual(['GET', 'POST']);
  // Another user is another mailbox: checked on its own.
  expect(await keeper.ensure('acc-b', clientFor('mb-b'), 'Équipe', 22)).toBe('created');
  now += RECHECK_MS + 1;
  expect(await keeper.ensure('acc-a', client, 'Équipe', 22)).toBe('exists');
  expect(fake.categories.categoriesOf(fake.mailboxOf('mb-a'))).toMatchObject([
    { displayName: 'Équipe', color: 'preset22' },
  ]);
});

test('made meanwhile by the pane (409 on create): there, and left as it is', async () => {
  const keeper = new OutlookMasterCategories(() => 0);
  // The pane makes it between the bridge's listing and its create.
  const racing: typeof fetch = async (input, init) => {
    if (init?.method === 'POST') fake.categories.userAdd(fake.mailboxOf('mb-race'), 'Équipe', 'preset4');
    return fetch(input, init);
  };
  expect(await keeper.ensure('acc', clientFor('mb-race', racing), 'Équipe', 22)).toBe('exists');
  expect(fake.categories.categoriesOf(fake.mailboxOf('mb-race'))).toMatchObject([{ color: 'preset4' }]);
});

test("another refusal is the caller's to handle", async () => {
  const keeper = new OutlookMasterCategories(() => 0);
  const denied: typeof fetch = async () =>
    new Response(JSON.stringify({ error: { code: 'ErrorAccessDenied', message: 'Access is denied.' } }), {
      status: 403,
      headers: { 'Content-Type': 'application/json' },
    });
  await expect(keeper.ensure('acc', clientFor('mb-denied', denied), 'Équipe', 22)).rejects.toBeInstanceOf(
    GraphRequestError,
  );
});
