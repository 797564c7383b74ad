import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../../src/node/cli/context.js';
import { main } from '../../src/node/cli/run.js';
import { parseEndpoint } from '../../src/node/sync-endpoint.js';
import type { BridgeConfig } from '../../src/node/config.js';
import { vevent } from '../../../test/support/items.js';

const config: BridgeConfig = {
  accounts: {
    gilles: { server: 'http://127.0.0.1:1/', username: 'gilles', password: 'x' },
    david: { server: 'http://127.0.0.1:1/', username: 'david', password: 'x' },
  },
};

function cliContext(lang: 'en' | 'fr' = 'en') {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: {},
    lang,
    configFile: () => '/dev/null',
    config: () => Promise.resolve(config),
    openAccount: () => Promise.reject(new Error('not used')),
  };
  return { ctx, out, err };
}

let work: string;
let cwd: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'davbridge-endpoint-'));
  cwd = process.cwd();
  process.chdir(work);
});
afterEach(() => {
  process.chdir(cwd);
  rmSync(work, { recursive: true, force: true });
});

describe('sync endpoints: a mistyped account is an error, never a local folder', () => {
  test('"gillse:/dav/calendars/..." (no such account): usage error listing the known accounts, nothing written', async () => {
    const src = join(work, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'e1.ics'), vevent('e1', 'Réunion Équipe technique'));
    const { ctx, out, err } = cliContext();
    const code = await main(
      ['sync', src, 'gillse:/dav/calendars/user/alice/equipe/mycal', '--state', join(work, 'state.sqlite')],
      ctx,
    );
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/"gillse" is not a configured account \(known accounts: david, gilles\)/);
    expect(err.join('\n')).toContain('./gillse:');
    expect(out.join('\n')).not.toMatch(/created/);
    // nothing was created in the working folder, the source is untouched
    expect(readdirSync(work).sort()).toEqual(['src']);
    expect(existsSync(join(work, 'gillse:'))).toBe(false);
  });

  test('the same in French', async () => {
    const { ctx, err } = cliContext('fr');
    const code = await main(['sync', './a', 'gillse:/cal/'], ctx);
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/« gillse » n'est pas un compte configuré \(comptes connus : david, gilles\)/);
  });

  test('known accounts, paths and a folder name holding a colon written as a path', () => {
    expect(parseEndpoint('gilles:/cal/equipe/', config)).toMatchObject({ type: 'dav', account: 'gilles' });
    expect(parseEndpoint('./gillse:/x', config)).toMatchObject({ type: 'folder', dir: join(work, 'gillse:/x') });
    expect(parseEndpoint('/tmp/a:b', config)).toMatchObject({ type: 'folder', dir: '/tmp/a:b' });
    expect(parseEndpoint('../x', config)).toMatchObject({ type: 'folder' });
    expect(parseEndpoint('~/agenda', config)).toMatchObject({ type: 'folder', dir: join(homedir(), 'agenda') });
    expect(parseEndpoint('plain-folder', config)).toMatchObject({ type: 'folder', dir: join(work, 'plain-folder') });
    expect(() => parseEndpoint('gilles:', config)).toThrow(/give the collection after the colon/);
    expect(() => parseEndpoint('nobody:/x', { accounts: {} })).toThrow(/no account is configured/);
  });
});
