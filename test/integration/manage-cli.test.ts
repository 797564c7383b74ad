/**
 * Issue 12 item 6: Gilles creates, renames, recolors and deletes his collections from the command line, on
 * every server the harness runs (Radicale, Cyrus; DAViCal and SOGo when DAV_TEST_EXTRA_SERVERS has them; on
 * SOGo an address book's name and a calendar's color used to be ignored). The built CLI in a child process, real servers; each
 * result is checked with `discover --json`, as the user would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startedServers, uniqueName, type TestServer } from '../harness/servers.js';
import { runCli, writeConfig, type CliRun } from './sync-helpers.js';

const work = mkdtempSync(join(tmpdir(), 'dav-bridge-manage-'));
const servers = startedServers();
const config = writeConfig(
  work,
  Object.fromEntries(
    servers.map((s) => [
      `gilles-${s.name}`,
      { server: s.rootUrl, username: 'alice', password: s.users.alice.password },
    ]),
  ),
);
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Found {
  url: string;
  kind: string;
  name: string;
  color: string | null;
}

function ok(r: CliRun): string {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return r.stdout;
}

async function discover(account: string): Promise<Found[]> {
  return (JSON.parse(ok(await runCli(['discover', account, '--json', '--config', config]))) as { collections: Found[] })
    .collections;
}

async function find(account: string, url: string): Promise<Found | undefined> {
  return (await discover(account)).find((c) => c.url === url);
}

/** Servers store "#0082C9" as "#0082C9", "#0082c9" or "#0082C9FF": the same color. */
function sameColor(stored: string | null, given: string): boolean {
  return (stored ?? '').toLowerCase().replace(/^(#[0-9a-f]{6})ff$/, '$1') === given.toLowerCase();
}

describe.each(servers.map((s) => [s.name, s] as [string, TestServer]))(
  'dav-bridge create/rename/recolor/delete on %s',
  (name) => {
    const account = `gilles-${name}`;
    // SOGo has no event-only or task-only calendars: every calendar there takes both.
    const kindOf = (kind: 'events' | 'tasks') => (name === 'sogo' ? 'events+tasks' : kind);
    const made: string[] = [];
    afterAll(async () => {
      for (const target of made) await runCli(['delete', target, '--yes', '--config', config]);
    });

    async function create(kind: string, title: string, color?: string): Promise<{ url: string; target: string }> {
      const args = ['create', account, '--kind', kind, '--name', title, '--json', '--config', config];
      const created = JSON.parse(ok(await runCli(color ? [...args, '--color', color] : args))) as {
        url: string;
        target: string;
      };
      made.push(created.target);
      return created;
    }

    it('creates a calendar, a task list and an address book with their names (and a color)', async () => {
      const suffix = uniqueName('');
      const cal = await create('events', `Équipe technique ${suffix}`, '#0082C9');
      const tasks = await create('tasks', `Tâches de l'équipe ${suffix}`, '#E2620D');
      const book = await create('contacts', `Contacts équipe ${suffix}`);
      const found = await discover(account);
      const byUrl = (url: string) => found.find((c) => c.url === url);
      expect(byUrl(cal.url)).toMatchObject({ kind: kindOf('events'), name: `Équipe technique ${suffix}` });
      expect(sameColor(byUrl(cal.url)?.color ?? null, '#0082C9')).toBe(true);
      expect(byUrl(tasks.url)).toMatchObject({ kind: kindOf('tasks'), name: `Tâches de l'équipe ${suffix}` });
      expect(sameColor(byUrl(tasks.url)?.color ?? null, '#E2620D')).toBe(true);
      expect(byUrl(book.url)).toMatchObject({ kind: 'contacts', name: `Contacts équipe ${suffix}` });
    });

    it('prints where it made it, as <account>:<path> the other commands take, in English and French', async () => {
      const title = `Réunions ${uniqueName('')}`;
      const r = await runCli(['create', account, '--kind', 'events', '--name', title, '--config', config]);
      const target = /: (gilles-\S+:\/\S+)$/.exec(ok(r).trim())?.[1] ?? '';
      made.push(target);
      expect(r.stdout).toContain(`Created the calendar "${title}": ${account}:/`);
      const fr = await runCli(['create', account, '--kind', 'tasks', '--name', title, '--config', config], {
        LANG: 'fr_FR.UTF-8',
      });
      made.push(/: (gilles-\S+:\/\S+)$/.exec(ok(fr).trim())?.[1] ?? '');
      expect(fr.stdout).toContain(`La liste de tâches « ${title} » est créée : ${account}:/`);
    });

    it('renames and recolors; a bad color is a usage error that changes nothing', async () => {
      const { url, target } = await create('events', `Équipe ${uniqueName('')}`, '#0082C9');
      ok(await runCli(['rename', target, '--name', 'Équipe technique 2027', '--config', config]));
      ok(await runCli(['recolor', target, '--color', '#C11A25', '--config', config]));
      const after = await find(account, url);
      expect(after?.name).toBe('Équipe technique 2027');
      expect(sameColor(after?.color ?? null, '#C11A25')).toBe(true);
      const bad = await runCli(['recolor', target, '--color', 'red', '--config', config]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--color "red" is not a color: use #RRGGBB or #RRGGBBAA');
      expect(sameColor((await find(account, url))?.color ?? null, '#C11A25')).toBe(true);
    });

    it('deletes only with --yes; without it says what it would delete and keeps it; never a home', async () => {
      const { url, target } = await create('events', `À supprimer ${uniqueName('')}`);
      const asked = await runCli(['delete', target, '--config', config]);
      expect(asked.code).toBe(2);
      expect(asked.stderr).toMatch(/delete would remove "À supprimer .*" .*nothing was deleted: add --yes/);
      expect(await find(account, url)).toBeDefined();
      const done = await runCli(['delete', target, '--yes', '--config', config]);
      expect(ok(done)).toContain('Deleted "À supprimer');
      expect(await find(account, url)).toBeUndefined();

      const home = new URL('..', url).pathname;
      const refused = await runCli(['delete', `${account}:${home}`, '--yes', '--config', config]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('is not a calendar, task list or address book: nothing was deleted');
    });
  },
);
