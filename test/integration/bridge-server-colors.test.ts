// Outlook categories in the collections API, over real HTTPS against real Radicale and Cyrus: the colors people
// pick on their servers, a category that survives a rename and a new sign-in, a user override that is kept,
// calendars created from an Outlook preset, and hostile names that stay inert data.
import { serversUnderTest, uniqueName, type TestServer } from '../harness/servers.js';
import { startBridge, type RunningBridge } from '../support/bridge.js';
import { basic, makeCalendar } from '../support/dav-fixtures.js';
import type { HttpsClient } from '../support/https-client.js';

jest.setTimeout(60_000);

const servers = serversUnderTest();
const davServers = servers.map((s) => ({ id: s.name, label: s.name, url: s.baseUrl }));
const HOSTILE = `<script>alert("x")</script> & 'Équipe'`;

interface ColView {
  url: string;
  name: string;
  color: string | null;
  kind: string;
  preset: number | null;
  presetName: string | null;
  category: string | null;
  categoryReason: string | null;
  categoryReasons: { en: string; fr: string } | null;
  categoryRenameSuggestion: string | null;
}

let bridge: RunningBridge;
beforeAll(async () => {
  bridge = await startBridge({ davServers });
});
afterAll(async () => bridge?.stop());

describe.each(servers.map((s): [string, TestServer] => [s.name, s]))('Outlook categories on %s', (name, server) => {
  const { alice } = server.users;
  const auth = basic('alice', alice.password);
  const home = server.calendarHomeUrl('alice');
  let c: HttpsClient;
  const urls: Record<string, string> = {};
  const tag = uniqueName('t').slice(-10);

  const list = async (client = c, lang = 'en'): Promise<ColView[]> => {
    const res = await client.send('GET', '/api/v1/collections', { headers: { 'accept-language': lang } });
    expect(res.status).toBe(200);
    return res.json().collections;
  };
  const find = async (url: string, client = c, lang = 'en') => {
    const col = (await list(client, lang)).find((x) => x.url === url);
    expect(col).toBeDefined();
    return col as ColView;
  };

  beforeAll(async () => {
    // Colors people actually have: Nextcloud 28's default blue, Apple's green, SOGo's default gray, Apple purple.
    urls['blue'] = await makeCalendar(home, auth, uniqueName('blue'), `Travail ${tag}`, { color: '#00679EFF' });
    urls['green'] = await makeCalendar(home, auth, uniqueName('green'), `Famille ${tag}`, { color: '#63DA38' });
    urls['gray'] = await makeCalendar(home, auth, uniqueName('gray'), `Archives ${tag}`, { color: '#AAAAAA' });
    urls['hostile'] = await makeCalendar(home, auth, uniqueName('hostile'), `${HOSTILE} ${tag}`, { color: '#CC73E1' });
    urls['none'] = await makeCalendar(home, auth, uniqueName('none'), `Sans couleur ${tag}`);
    c = bridge.client();
    expect((await c.signIn('alice', alice.password, name)).status).toBe(200);
  });

  it('gives each calendar the Outlook preset a person would pick, with a reason in English and French', async () => {
    const en = await list();
    const by = (k: string) => en.find((x) => x.url === urls[k]) as ColView;
    expect(by('blue')).toMatchObject({ preset: 22, presetName: 'DarkBlue', category: `Travail ${tag}` });
    expect(by('green')).toMatchObject({ preset: 4, presetName: 'Green', category: `Famille ${tag}` });
    expect(by('gray')).toMatchObject({ preset: 12, presetName: 'Gray' });
    expect(by('hostile')).toMatchObject({ preset: 8, presetName: 'Purple' });
    expect(by('none')).toMatchObject({ preset: null, presetName: 'None', category: `Sans couleur ${tag}` });
    expect(by('blue').categoryReason).toMatch(/Closest Outlook color to the calendar's #00679E/);
    expect(by('none').categoryReason).toMatch(/no color/);
    const fr = await find(urls['blue'] as string, c, 'fr-FR,fr;q=0.9');
    expect(fr.categoryReason).toMatch(/Couleur Outlook la plus proche du #00679E/);
    expect(fr.categoryReasons).toEqual({ en: expect.stringMatching(/Closest/), fr: fr.categoryReason });
    // Address books have no category.
    const book = en.find((x) => x.kind === 'contacts');
    if (book) expect(book).toMatchObject({ preset: null, category: null, categoryReason: null });
  });

  it('keeps the category across a rename on the server and a new sign-in, and suggests the new name', async () => {
    const renamed = await c.send('PATCH', '/api/v1/collections', {
      json: { url: urls['blue'], name: `Boulot ${tag}` },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json().collection).toMatchObject({
      name: `Boulot ${tag}`,
      category: `Travail ${tag}`,
      preset: 22,
      categoryRenameSuggestion: `Boulot ${tag}`,
    });
    const again = bridge.client();
    expect((await again.signIn('alice', alice.password, name)).status).toBe(200);
    expect(await find(urls['blue'] as string, again)).toMatchObject({ category: `Travail ${tag}`, preset: 22 });
  });

  it('keeps a user override of name and color, even when the calendar is recolored', async () => {
    const set = await c.send('PUT', '/api/v1/collections/category', {
      json: { url: urls['green'], name: `Projets ${tag}`, preset: 15 },
      headers: { 'accept-language': 'fr' },
    });
    expect(set.status).toBe(200);
    expect(set.json().collection).toMatchObject({ category: `Projets ${tag}`, preset: 15, presetName: 'DarkRed' });
    expect(set.json().collection.categoryReason).toBe('Couleur choisie par vous ; nom choisi par vous.');
    expect(
      (await c.send('PATCH', '/api/v1/collections', { json: { url: urls['green'], color: '#0000FF' } })).status,
    ).toBe(200);
    expect(await find(urls['green'] as string)).toMatchObject({ category: `Projets ${tag}`, preset: 15 });
    // ... until the user resets it: back to the color of the calendar (now blue).
    const reset = await c.send('PUT', '/api/v1/collections/category', { json: { url: urls['green'], reset: true } });
    expect(reset.status).toBe(200);
    expect(reset.json().collection).toMatchObject({ category: `Famille ${tag}`, presetName: 'DarkBlue' });
  });

  it('refuses bad overrides with a stable code', async () => {
    const bad = await c.send('PUT', '/api/v1/collections/category', { json: { url: urls['green'], preset: 25 } });
    expect(bad.status).toBe(400);
    expect(bad.json().error.code).toBe('invalid-preset');
    expect(bad.json().error.messages.fr).toMatch(/catégorie Outlook/);
    const none = await c.send('PUT', '/api/v1/collections/category', { json: { url: urls['green'] } });
    expect(none.status).toBe(400);
    const unknown = await c.send('PUT', '/api/v1/collections/category', {
      json: { url: `${urls['green']}nope/`, preset: 1 },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json().error.code).toBe('collection-not-found');
  });

  it('creates calendars and task lists in an Outlook preset color, and address books', async () => {
    const cal = await c.send('POST', '/api/v1/collections', {
      json: { name: `Réunions ${tag}`, kind: 'events', preset: 4 },
    });
    expect(cal.status).toBe(201);
    expect(cal.json().collection).toMatchObject({
      name: `Réunions ${tag}`,
      preset: 4,
      presetName: 'Green',
      category: `Réunions ${tag}`,
    });
    expect(cal.json().collection.kind).toMatch(/^events/);
    expect(cal.json().collection.color.toUpperCase()).toMatch(/^#78D168/);
    const tasks = await c.send('POST', '/api/v1/collections', {
      json: { name: `Tâches ${tag}`, kind: 'tasks', preset: 18 },
    });
    expect(tasks.status).toBe(201);
    expect(tasks.json().collection).toMatchObject({ kind: 'tasks', preset: 18, presetName: 'DarkYellow' });
    expect(tasks.json().collection.color.toUpperCase()).toMatch(/^#B9B300/);
    const book = await c.send('POST', '/api/v1/collections', { json: { name: `Carnet ${tag}`, kind: 'contacts' } });
    expect(book.status).toBe(201);
    expect(book.json().collection).toMatchObject({ kind: 'contacts', category: null });
    const bad = await c.send('POST', '/api/v1/collections', { json: { name: 'x', kind: 'journal' } });
    expect(bad.status).toBe(400);
    const badPreset = await c.send('POST', '/api/v1/collections', {
      json: { name: 'x', kind: 'events', preset: 'red' },
    });
    expect(badPreset.json().error.code).toBe('invalid-preset');
    const noCsrf = await c.send('POST', '/api/v1/collections', {
      json: { name: 'x', kind: 'events' },
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(noCsrf.status).toBe(403);
  });

  it('keeps hostile names inert: JSON strings that round-trip exactly, served as JSON with nosniff', async () => {
    const res = await c.get('/api/v1/collections');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.text).not.toContain('<script>');
    const col = (res.json().collections as ColView[]).find((x) => x.url === urls['hostile']) as ColView;
    expect(col.category).toBe(`${HOSTILE} ${tag}`);
    const set = await c.send('PUT', '/api/v1/collections/category', {
      json: { url: urls['hostile'], name: `<img src=x onerror=alert(1)> ${tag}` },
    });
    expect(set.status).toBe(200);
    expect(set.text).not.toContain('<img');
    expect(set.json().collection.category).toBe(`<img src=x onerror=alert(1)> ${tag}`);
  });
});
