/**
 * Issue 12 item 5: every command answers --help (and `dav-bridge help <command>`) with its options and an
 * example, from the same declaration the parser reads; usage mistakes exit 2 and name the bad option or value
 * and what is allowed, in English and French; --driver is documented. In process, no server needed: every
 * case here is refused (or answered) before any account is opened.
 */
import { createContext, type CliContext } from '../../src/node/cli/context.js';
import { parseCommandLine } from '../../src/node/cli/command-line.js';
import { COMMAND_SPECS } from '../../src/node/cli/command-specs.js';
import { main } from '../../src/node/cli/run.js';

function capture(env: NodeJS.ProcessEnv = { LANG: 'C' }): { ctx: CliContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { ctx: { ...createContext(env), out: (l) => out.push(l), err: (l) => err.push(l) }, out, err };
}

async function run(argv: string[], env?: NodeJS.ProcessEnv) {
  const c = capture(env);
  const code = await main(argv, c.ctx);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
}

const TEAM = 'gilles:/dav/calendars/user/gilles/equipe/';

describe('--help and dav-bridge help <command>', () => {
  test('share --help shows every option with its values, the synopsis and an example, exit 0', async () => {
    const r = await run(['share', '--help']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain(
      'usage: dav-bridge share <account>:<path> --with <email|principal> --access read|read-write|admin',
    );
    for (const text of ['--private-events yes|no', '--driver calendarserver|resource-sharing|webdav-acl', '--json']) {
      expect(r.out).toContain(text);
    }
    expect(r.out).toMatch(/Example:\n {2}dav-bridge share gilles:\S+ --with alexandre@example.com --access read-write/);
  });

  test('"dav-bridge help share", "--help share" and "share -h" print the same help', async () => {
    const reference = (await run(['share', '--help'])).out;
    for (const argv of [
      ['help', 'share'],
      ['--help', 'share'],
      ['share', TEAM, '-h'],
    ]) {
      const r = await run(argv);
      expect([r.code, r.out]).toEqual([0, reference]);
    }
  });

  test('every command answers --help with its options and an example, in English and French', async () => {
    for (const spec of COMMAND_SPECS.values()) {
      const en = await run([spec.name, '--help']);
      expect([spec.name, en.code]).toEqual([spec.name, 0]);
      expect(en.out).toContain(`usage: dav-bridge ${spec.name}`);
      expect(en.out).toMatch(/Examples?:\n {2}dav-bridge /);
      for (const option of [...Object.keys(spec.options), 'config']) expect(en.out).toContain(`--${option}`);
      const fr = await run([spec.name, '--help'], { LANG: 'fr_FR.UTF-8' });
      expect(fr.out).toMatch(/Exemples? :\n {2}dav-bridge /);
    }
  });

  test('help of an unknown command is a usage error listing the commands', async () => {
    const r = await run(['help', 'shair']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command "shair" \(commands: discover, sync, .*share/);
  });

  test('every option the help lists is one the parser accepts (one declaration for both)', () => {
    for (const spec of COMMAND_SPECS.values()) {
      for (const [name, opt] of Object.entries(spec.options)) {
        const args = ['x:/a/', 'y:/b/'].slice(0, spec.positionals[0]);
        const required = Object.entries(spec.options)
          .filter(([, o]) => o.required)
          .flatMap(([n, o]) => [`--${n}`, o.choices?.[0] ?? 'v']);
        const value = opt.type === 'boolean' ? [] : [opt.choices?.[0] ?? 'v'];
        expect(() => parseCommandLine(spec, [...args, ...required, `--${name}`, ...value])).not.toThrow();
      }
    }
  });
});

describe('usage errors exit 2 and say what is wrong', () => {
  test('an unknown option names it and the options the command has', async () => {
    const r = await run(['share', TEAM, '--with', 'david@example.com', '--acess', 'read']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown option --acess');
    expect(r.err).toContain('--with, --access, --private-events, --driver, --json, --config');
    const fr = await run(['sync', 'a/', 'b/', '--dryrun'], { LANG: 'fr_FR.UTF-8' });
    expect(fr.code).toBe(2);
    expect(fr.err).toContain('option inconnue --dryrun');
  });

  test('--json, global, on a command without JSON output says so (before or after the command)', async () => {
    for (const argv of [
      ['--json', 'rename', TEAM, '--name', 'Équipe'],
      ['leave', TEAM, '--json'],
    ]) {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^dav-bridge: (rename|leave) has no JSON output: leave out --json/);
    }
  });

  test('an invalid value names the value and the allowed ones, in English and French', async () => {
    const r = await run(['share', TEAM, '--with', 'david@example.com', '--access', 'write']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('dav-bridge: share: --access "write" is not allowed: use read, read-write or admin');
    const fr = await run(['share', TEAM, '--with', 'david@example.com', '--access', 'write'], { LANG: 'fr_FR.UTF-8' });
    expect(fr.err).toContain("share : --access « write » n'est pas permis : utilisez read, read-write ou admin");
    const sync = await run(['sync', './a', './b', '--conflict', 'mine']);
    expect(sync.code).toBe(2);
    expect(sync.err).toContain('--conflict "mine" is not allowed: use newest, a-wins, b-wins, keep-both or error');
    const driver = await run(['shares', TEAM, '--driver', 'caldav']);
    expect(driver.code).toBe(2);
    expect(driver.err).toContain('--driver "caldav" is not allowed: use calendarserver, resource-sharing');
  });

  test('a missing value or a missing required option is named, with the value it takes', async () => {
    const missing = await run(['share', TEAM, '--access', 'read', '--with']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--with needs a value: --with <email|principal>');
    const required = await run(['share', TEAM, '--with', 'david@example.com']);
    expect(required.code).toBe(2);
    expect(required.err).toContain('--access read|read-write|admin is required');
    const flagValue = await run(['sync', './a', './b', '--dry-run=yes']);
    expect(flagValue.code).toBe(2);
    expect(flagValue.err).toContain('--dry-run takes no value');
  });

  test('create, rename, recolor, delete: a bad kind, a missing name, a bad color are refused before any request', async () => {
    const kind = await run(['create', 'gilles', '--kind', 'journal', '--name', 'Équipe technique']);
    expect([kind.code, kind.err]).toEqual([
      2,
      'dav-bridge: create: --kind "journal" is not allowed: use events, tasks or contacts',
    ]);
    const name = await run(['create', 'gilles', '--kind', 'events']);
    expect(name.code).toBe(2);
    expect(name.err).toContain('--name NAME is required');
    const color = await run(['create', 'gilles', '--kind', 'events', '--name', 'Équipe', '--color', 'bleu']);
    expect(color.code).toBe(2);
    expect(color.err).toContain('--color "bleu" is not a color: use #RRGGBB or #RRGGBBAA');
    const recolor = await run(['recolor', TEAM, '--color', '#12345'], { LANG: 'fr_FR.UTF-8' });
    expect(recolor.code).toBe(2);
    expect(recolor.err).toContain("--color « #12345 » n'est pas une couleur");
    const rename = await run(['rename', TEAM, '--name', '  ']);
    expect(rename.code).toBe(2);
    expect(rename.err).toContain('--name is empty');
  });

  test('a wrong number of arguments prints the usage line and where the help is', async () => {
    const r = await run(['share', '--with', 'david@example.com', '--access', 'read']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^dav-bridge: usage: dav-bridge share <account>:<path> .*\(see dav-bridge help share\)$/);
  });
});
