/**
 * `dav-bridge colors` as a user runs it: the built CLI in a child process, a config file, a category
 * memory file, real servers whose calendar colors the test sets. Build first (`npm run build`).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { connectAccount, type DavAccount } from '../../bridge-core/src/dav/account.js';
import { createCalendar, deleteCollection, renameCollection } from '../../bridge-core/src/dav/manage.js';
import { sameResource } from '../../bridge-core/src/dav/multistatus.js';
import { serversUnderTest, uniqueName } from '../harness/servers.js';
import { runCli } from './sync-helpers.js';

interface Entry {
  url: string;
  name: string;
  color: string | null;
  preset: number | null;
  presetName: string;
  category: string;
}

/** Parses the whole document with a strict XML parser; returns every text node, entities decoded. */
function parseXml(xml: string): { root: string; texts: string[] } {
  const parser = new SaxesParser({ xmlns: true });
  let root = '';
  const texts: string[] = [];
  parser.on('opentag', (t) => {
    if (!root) root = `{${t.uri}}${t.local}`;
  });
  parser.on('text', (t) => texts.push(t));
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return { root, texts };
}

const dir = mkdtempSync(join(tmpdir(), 'dav-bridge-colors-cli-'));

describe.each(serversUnderTest().map((s) => [s.name, s] as const))('dav-bridge colors on %s', (serverName, server) => {
  const configFile = join(dir, `config-${serverName}.json`);
  const stateFile = join(dir, `state-${serverName}`, 'categories.json');
  const account = `${serverName}-alice`;
  const tag = uniqueName('c');
  // [key, display name, color the test sets, presets a person picks]
  const wanted = [
    ['nextcloud', `Nextcloud ${tag}`, '#0082C9', ['DarkBlue', 'Blue']],
    ['blue', `Bleu & <pur> ${tag}`, '#0000FFFF', ['DarkBlue']],
    ['red', `Rouge "vif" ${tag}`, '#FF0000FF', ['DarkRed']],
    ['green', `Vert d'Apple ${tag}`, '#63DA38FF', ['Green']],
    ['orange', `Orange ${tag}`, '#FFA500FF', ['Orange', 'DarkOrange']],
    ['preset', `DarkTeal preset ${tag}`, '#329B7AFF', ['DarkTeal']],
    ['gray', `SOGo gris ${tag}`, '#AAAAAA', ['Gray']],
  ] as const;
  const urls: Record<string, string> = {};
  let plainUrl = '';
  let tasksUrl = '';
  let alice: DavAccount;

  beforeAll(async () => {
    writeFileSync(
      configFile,
      JSON.stringify({
        accounts: { [account]: { server: server.rootUrl, username: 'alice', password: { env: 'ALICE_PASSWORD' } } },
      }),
    );
    alice = await connectAccount({
      serverUrl: server.rootUrl,
      auth: { type: 'basic', username: 'alice', password: server.users.alice.password },
    });
    const home = alice.discovery.principal.calendarHomes[0]!;
    for (const [key, name, color] of wanted) urls[key] = await createCalendar(alice.transport, home, { name, color });
    plainUrl = await createCalendar(alice.transport, home, { name: `Sans couleur ${tag}` });
    tasksUrl = await createCalendar(alice.transport, home, {
      name: `Tâches ${tag}`,
      color: '#5C3FA3FF',
      components: ['VTODO'],
    });
  });
  afterAll(async () => {
    for (const u of [...Object.values(urls), plainUrl, tasksUrl]) if (u) await deleteCollection(alice.transport, u);
  });

  const colors = async (...extra: string[]): Promise<Entry[]> => {
    const r = await runCli(['colors', account, '--json', '--config', configFile, '--state', stateFile, ...extra], {
      ALICE_PASSWORD: server.users.alice.password,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as Entry[];
  };
  const find = (entries: Entry[], url: string): Entry => {
    const e = entries.find((x) => sameResource(x.url, url));
    if (!e) throw new Error(`${url} not listed`);
    return e;
  };

  it('maps each calendar color to the preset a person picks, named after the calendar (--json)', async () => {
    const out = await colors();
    for (const [key, name, , picks] of wanted) {
      const e = find(out, urls[key]!);
      expect(Object.keys(e).sort()).toEqual(['category', 'color', 'name', 'preset', 'presetName', 'url']);
      expect(e.name).toBe(name);
      expect(e.category).toBe(name);
      expect(picks as readonly string[]).toContain(e.presetName);
      expect(e.preset).toEqual(expect.any(Number));
      expect(e.preset).toBeGreaterThanOrEqual(0);
      expect(e.preset).toBeLessThanOrEqual(24);
    }
    expect(find(out, urls['preset']!).preset).toBe(20); // a preset's own color maps to itself
    expect(find(out, plainUrl)).toMatchObject({
      color: null,
      preset: null,
      presetName: 'None',
      category: `Sans couleur ${tag}`,
    });
    // task lists too, address books not
    expect(find(out, tasksUrl)).toMatchObject({ preset: 23, presetName: 'DarkPurple', category: `Tâches ${tag}` });
    for (const e of out) expect(sameResource(e.url, alice.discovery.principal.addressbookHomes[0]!)).toBe(false);
    expect(existsSync(stateFile)).toBe(true);
  });

  it('keeps the category when the calendar is renamed on the server', async () => {
    const before = find(await colors(), urls['nextcloud']!);
    const state = readFileSync(stateFile, 'utf8');
    await renameCollection(alice.transport, urls['nextcloud']!, `Renamed ${tag}`);
    const after = find(await colors(), urls['nextcloud']!);
    expect(after.name).toBe(`Renamed ${tag}`);
    expect(after.category).toBe(before.category);
    expect(after.preset).toBe(before.preset);
    expect(readFileSync(stateFile, 'utf8')).toBe(state);
    // the table tells why
    const table = await runCli(['colors', account, '--config', configFile, '--state', stateFile], {
      ALICE_PASSWORD: server.users.alice.password,
    });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/COLOR\s+PRESET\s+CATEGORY\s+CALENDAR\s+WHY/);
    expect(table.stdout).toContain(`renamed on the server, category kept (new name would be "Renamed ${tag}")`);
  });

  it('--svg writes a well-formed swatch sheet with every calendar name', async () => {
    const svgFile = join(dir, `sheet-${serverName}.svg`);
    const out = await colors('--svg', svgFile);
    const svg = readFileSync(svgFile, 'utf8');
    const { root, texts } = parseXml(svg);
    expect(root).toBe('{http://www.w3.org/2000/svg}svg');
    for (const e of out) expect(texts).toContain(e.name);
    for (const e of out) expect(texts).toContain(e.category);
    // escaped in the markup, not raw
    expect(svg).toContain('Bleu &amp; &lt;pur&gt;');
    expect(svg).toContain('Rouge &quot;vif&quot;');
    expect(svg).toContain('Vert d&apos;Apple');
    expect(svg).toContain('fill="#2858A5"'); // DarkBlue swatch
  });

  it('refuses a corrupt category memory with a clear error and leaves it as it was', async () => {
    const corrupt = join(dir, `corrupt-${serverName}.json`);
    writeFileSync(corrupt, '{"version": 1, "calendars": ');
    const r = await runCli(['colors', account, '--config', configFile, '--state', corrupt], {
      ALICE_PASSWORD: server.users.alice.password,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^dav-bridge: Category memory .* is unreadable: not valid JSON/);
    expect(readFileSync(corrupt, 'utf8')).toBe('{"version": 1, "calendars": ');
  });

  it('usage errors exit 2', async () => {
    const r = await runCli(['colors']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage: dav-bridge colors <account>/);
  });
});
