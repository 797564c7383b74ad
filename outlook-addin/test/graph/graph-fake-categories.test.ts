// The Graph fake's master categories (categories-fake.ts): it must reject what Graph rejects, or the bridge's
// category tests built on it prove nothing.
import { GraphFake } from '../../../test/support/graph-fake/graph-fake.js';

const TOKEN = 'gilles-categories';
let fake: GraphFake;
let base: string;

beforeEach(async () => {
  fake = new GraphFake();
  base = await fake.start();
});
afterEach(() => fake.stop());

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const PATH = '/me/outlook/masterCategories';

test('Graph fake: a category is created with its preset and listed; color defaults to none', async () => {
  const made = await call('POST', PATH, { displayName: 'Équipe technique', color: 'preset22' });
  expect(made.status).toBe(201);
  expect(made.body).toMatchObject({ displayName: 'Équipe technique', color: 'preset22' });
  expect((await call('POST', PATH, { displayName: 'Sans couleur' })).body).toMatchObject({ color: 'none' });
  const listed = await call('GET', PATH);
  expect(listed.body.value.map((c: { displayName: string }) => c.displayName)).toEqual([
    'Équipe technique',
    'Sans couleur',
  ]);
  expect((await call('GET', `${PATH}/${made.body.id}`)).body).toEqual(made.body);
});

test('Graph fake: unknown property, bad color, missing name and duplicate name (any case) are refused', async () => {
  const unknown = await call('POST', PATH, { displayName: 'A', color: 'preset1', hexColor: '#ff0000' });
  expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'RequestBodyRead' } } });
  for (const color of ['preset25', 'Preset1', 'red', 3]) {
    const bad = await call('POST', PATH, { displayName: 'A', color });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'RequestBodyRead' } } });
  }
  expect((await call('POST', PATH, { color: 'preset1' })).status).toBe(400);
  expect((await call('POST', PATH, { displayName: 'Projets', color: 'preset3' })).status).toBe(201);
  const dup = await call('POST', PATH, { displayName: 'PROJETS', color: 'preset4' });
  expect(dup.status).toBe(409);
  expect(fake.categories.categoriesOf(fake.mailboxOf(TOKEN))).toMatchObject([
    { displayName: 'Projets', color: 'preset3' },
  ]);
});

test('Graph fake: the name cannot be changed, the color can; a category can be deleted', async () => {
  const { body } = await call('POST', PATH, { displayName: 'Projets', color: 'preset3' });
  expect((await call('PATCH', `${PATH}/${body.id}`, { displayName: 'Autre' })).status).toBe(400);
  expect((await call('PATCH', `${PATH}/${body.id}`, { color: 'preset9' })).body).toMatchObject({ color: 'preset9' });
  expect((await call('DELETE', `${PATH}/${body.id}`)).status).toBe(204);
  expect((await call('GET', `${PATH}/${body.id}`)).status).toBe(404);
});
