/**
 * `dav-bridge --config FILE discover alice` was refused ("unknown command"): global options work before or
 * after the command name. Run in process against a local folder sync (no server needed) and the help text.
 */
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, type CliContext } from '../../src/node/cli/context.js';
import { splitGlobalOptions } from '../../src/node/cli/global-options.js';
import { main } from '../../src/node/cli/run.js';
import { vevent } from '../../../test/support/items.js';

function capture(env: NodeJS.ProcessEnv = { LANG: 'C' }): { ctx: CliContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { ctx: { ...createContext(env), out: (l) => out.push(l), err: (l) => err.push(l) }, out, err };
}

describe('global options before or after the command', () => {
  test('split: --config and --json move behind the command, --lang is taken out wherever it is', () => {
    expect(splitGlobalOptions(['--config', 'c.json', '--json', 'discover', 'alice'])).toEqual({
      command: 'discover',
      args: ['alice', '--config', 'c.json', '--json'],
      lang: undefined,
    });
    expect(splitGlobalOptions(['--config=c.json', 'discover', 'alice', '--lang', 'fr'])).toEqual({
      command: 'discover',
      args: ['alice', '--config=c.json'],
      lang: 'fr',
    });
    expect(splitGlobalOptions(['discover', '--config', 'c.json', 'alice'])).toEqual({
      command: 'discover',
      args: ['--config', 'c.json', 'alice'],
      lang: undefined,
    });
  });

  test('a sync with --json and --config before the command runs like one with them after it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dav-bridge-global-'));
    const [a, b] = [join(root, 'gilles'), join(root, 'david')];
    mkdirSync(a);
    writeFileSync(join(a, 'equipe.ics'), vevent('equipe', 'Réunion'));
    const config = join(root, 'config.json');
    writeFileSync(config, JSON.stringify({ accounts: {} }));
    const { ctx, out, err } = capture();
    const code = await main(['--json', '--config', config, 'sync', a, b, '--state', join(root, 's.sqlite')], ctx);
    expect([code, err]).toEqual([0, []]);
    expect(JSON.parse(out[out.length - 1] ?? '{}')).toMatchObject({ type: 'summary', b: { created: 1 } });
    expect(readdirSync(b)).toHaveLength(1);
  });

  test('--lang fr before the command speaks French whatever the locale; a bad value is a usage error', async () => {
    const fr = capture({ LANG: 'en_US.UTF-8' });
    expect(await main(['--lang', 'fr', 'nope'], fr.ctx)).toBe(2);
    expect(fr.err.join('\n')).toContain('commande inconnue');
    const bad = capture();
    expect(await main(['--lang', 'de', 'discover'], bad.ctx)).toBe(2);
    expect(bad.err.join('\n')).toContain('--lang takes en or fr');
  });
});
