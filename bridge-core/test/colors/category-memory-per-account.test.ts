/**
 * Issue 12 item 7: categories are remembered per account (per config file and account), not in one global
 * file where the same calendar name on a second server became "Équipe technique (DAV)"; the old global file
 * is read once per account so the categories already in use are kept. The accounts are fakes (two servers'
 * listings served in process: fake servers), the memory files are real files.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Collection } from '../../src/dav/collections.js';
import type { DavAccount } from '../../src/dav/account.js';
import { accountCategoryMemoryPath } from '../../src/node/category-memory-file.js';
import { colorsCommand, type ColorsJsonEntry } from '../../src/node/cli/commands/colors.js';
import type { CliContext } from '../../src/node/cli/context.js';

const CYRUS = 'http://127.0.0.1:58008/dav/calendars/user/gilles/equipe/';
const DAVICAL = 'http://127.0.0.1:58081/caldav.php/gilles/equipe/';

function calendar(url: string): Collection {
  return {
    url,
    kind: 'events',
    name: 'Équipe technique',
    description: undefined,
    color: '#0082C9FF',
    order: undefined,
    owner: undefined,
    sharedWithMe: false,
    sharedByMe: false,
    access: 'admin',
    privileges: [],
    components: ['VEVENT'],
    syncToken: undefined,
    ctag: undefined,
    supportsSyncCollection: true,
    homeUrl: url.replace(/equipe\/$/, ''),
  };
}

let state: string;
beforeEach(() => {
  state = mkdtempSync(join(tmpdir(), 'dav-bridge-catacct-'));
});
afterEach(() => rmSync(state, { recursive: true, force: true }));

/** A context whose accounts "cyrus" and "davical" (fake servers) each hold Gilles's "Équipe technique". */
function context(configFile = '/home/gilles/.config/dav-bridge/config.json') {
  const out: string[] = [];
  const servers: Record<string, string> = { cyrus: CYRUS, davical: DAVICAL };
  const ctx: CliContext = {
    out: (l) => out.push(l),
    err: () => undefined,
    env: { XDG_STATE_HOME: state },
    lang: 'en',
    configFile: (flag) => flag ?? configFile,
    config: () => Promise.resolve({ accounts: {} }),
    openAccount: (name) =>
      Promise.resolve({
        listCollections: () => Promise.resolve({ collections: [calendar(servers[name] as string)], warnings: [] }),
      } as unknown as DavAccount),
  };
  return { ctx, out };
}

async function category(account: string, extra: string[] = [], configFile?: string): Promise<string> {
  const { ctx, out } = context(configFile);
  expect(await colorsCommand(ctx, [account, '--json', ...extra])).toBe(0);
  return (JSON.parse(out.join('\n')) as ColorsJsonEntry[])[0]?.category ?? '';
}

describe('category memory per account (fake servers)', () => {
  test('the same calendar name on a second server keeps its plain name: no "(DAV)"', async () => {
    expect(await category('cyrus')).toBe('Équipe technique');
    expect(await category('davical')).toBe('Équipe technique');
    expect(await category('cyrus')).toBe('Équipe technique'); // and stays so
    expect(readdirSync(join(state, 'dav-bridge', 'categories')).sort()).toEqual([
      expect.stringMatching(/^cyrus-[0-9a-f]{12}\.json$/),
      expect.stringMatching(/^davical-[0-9a-f]{12}\.json$/),
    ]);
    expect(existsSync(join(state, 'dav-bridge', 'categories.json'))).toBe(false);
  });

  test('two config files naming an account alike have two memories', () => {
    const env = { XDG_STATE_HOME: state };
    expect(accountCategoryMemoryPath('/a/config.json', 'gilles', env)).not.toBe(
      accountCategoryMemoryPath('/b/config.json', 'gilles', env),
    );
  });

  test('the old global file is read once per account: categories in use are kept, the old file untouched', async () => {
    const legacy = join(state, 'dav-bridge', 'categories.json');
    // The world before: both accounts in one global file, the second server's calendar got "(DAV)".
    expect(await category('cyrus', ['--state', legacy])).toBe('Équipe technique');
    expect(await category('davical', ['--state', legacy])).toBe('Équipe technique (DAV)');
    const before = readFileSync(legacy, 'utf8');

    // Each account now has its own memory, started from the old file: the category the user has in Outlook stays.
    expect(await category('davical')).toBe('Équipe technique (DAV)');
    expect(await category('cyrus')).toBe('Équipe technique');
    expect(readFileSync(legacy, 'utf8')).toBe(before);
    const own = JSON.parse(
      readFileSync(
        accountCategoryMemoryPath('/home/gilles/.config/dav-bridge/config.json', 'cyrus', { XDG_STATE_HOME: state }),
        'utf8',
      ),
    ) as { calendars: Record<string, unknown> };
    expect(Object.keys(own.calendars)).toEqual([CYRUS]); // only this account's calendars came over

    // Read once: the old file is not read again (a broken one no longer matters).
    writeFileSync(legacy, '{ broken');
    expect(await category('cyrus')).toBe('Équipe technique');
  });
});
