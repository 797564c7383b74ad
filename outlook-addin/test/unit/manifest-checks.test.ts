// Issue 13, manifest.xml checked offline (Microsoft's online validator is unreachable here): element order as the
// XSD requires, every resid defined and used, every URL under the bridge's public URL (as served by /manifest.xml
// too), every string in French beside English, icons present at their declared pixel sizes, and the manifest read by
// `office-addin-manifest info`. Each check is also run on a broken copy, to prove it catches what it is meant to.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { manifestForBaseUrl } from '../../src/middle-tier/routes/manifest';
import {
  checkIcons,
  checkLengths,
  checkLocale,
  checkOrder,
  checkResids,
  checkUrls,
  manifestUrls,
} from '../support/manifest-checks';
import { MANIFEST_DEV_BASE, MANIFEST_PATH, parseManifest, readManifest } from '../support/manifest-xml';

const addinRoot = resolve(__dirname, '..', '..');
const repoRoot = resolve(addinRoot, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const writeIcons = require('../../scripts/icons.cjs') as (dir: string) => void;

const xml = readManifest();
const root = parseManifest(xml);
const broken = (from: string | RegExp, to: string) => {
  const changed = xml.replace(from, to);
  if (changed === xml) throw new Error(`the mutation ${String(from)} changed nothing`);
  return parseManifest(changed);
};

let iconDir: string;
beforeAll(() => {
  iconDir = mkdtempSync(join(tmpdir(), 'manifest-icons-'));
  // The icons the build writes into dist/taskpane/assets (webpack.config.cjs calls this same script).
  writeIcons(iconDir);
});
afterAll(() => rmSync(iconDir, { recursive: true, force: true }));

/** A path of the pane as the bridge serves it, read from what the build puts there. */
function servedFile(path: string): Buffer | undefined {
  const file = path.startsWith('/assets/')
    ? join(iconDir, path.slice('/assets/'.length))
    : join(addinRoot, 'src', 'taskpane', path.replace(/^\//, '').replace(/\?.*$/, ''));
  return existsSync(file) ? readFileSync(file) : undefined;
}

describe('manifest.xml offline checks', () => {
  it('follows the XSD element order, namespaces and occurrences', () => {
    expect(checkOrder(root)).toEqual([]);
  });

  it('defines every resid it uses, in the right list, and uses every one it defines', () => {
    expect(checkResids(root)).toEqual([]);
  });

  it('names only URLs under the bridge address it is written for', () => {
    expect(manifestUrls(root).length).toBeGreaterThan(10);
    expect(checkUrls(root, MANIFEST_DEV_BASE)).toEqual([]);
  });

  it('has a French (fr-FR) override for every label, tooltip, title and description', () => {
    expect(checkLocale(root, 'fr-FR')).toEqual([]);
    expect(checkLengths(root)).toEqual([]);
  });

  it('declares icons that exist as PNGs of the declared sizes (16, 32, 80 for buttons; 64, 128 for the add-in)', () => {
    expect(checkIcons(root, MANIFEST_DEV_BASE, servedFile)).toEqual([]);
  });

  it('points its pages at files the build serves (taskpane.html, commands.html, /help)', () => {
    const pages = manifestUrls(root)
      .map(([, url]) => url)
      .filter((u) => u.startsWith(`${MANIFEST_DEV_BASE}/`) && !u.includes('/assets/'))
      .map((u) => new URL(u).pathname);
    expect(new Set(pages)).toEqual(new Set(['/taskpane.html', '/commands.html', '/help']));
    for (const p of pages.filter((x) => x !== '/help')) expect(servedFile(p)).toBeDefined();
  });
});

describe('each check catches what it is meant to (on broken copies)', () => {
  it('order: Supertip before Label, SupportsPinning in the 1.0 schema, the 1.1 level not last, Permissions moved', () => {
    expect(
      checkOrder(
        broken(
          /<Label resid="PaneButton.Label"\/>\s*<Supertip>([\s\S]*?)<\/Supertip>/,
          '<Supertip>$1</Supertip><Label resid="PaneButton.Label"/>',
        ),
      ).join('\n'),
    ).toMatch(/Label is out of order/);
    expect(
      checkOrder(
        broken(
          '<SourceLocation resid="Taskpane.Url"/>\n                  </Action>',
          '<SourceLocation resid="Taskpane.Url"/><SupportsPinning>true</SupportsPinning></Action>',
        ),
      ).join('\n'),
    ).toMatch(/VersionOverrides\[VersionOverridesV1_0\].*SupportsPinning is not allowed here/);
    expect(
      checkOrder(broken(/(<\/VersionOverrides>\n)(\s*<\/VersionOverrides>)/, '$1<Resources></Resources>$2')).join('\n'),
    ).toMatch(/Resources is out of order/);
    expect(
      checkOrder(
        broken(
          /<Permissions>ReadWriteMailbox<\/Permissions>\n(\s*<Rule[\s\S]*?<\/Rule>\n)/,
          '$1<Permissions>ReadWriteMailbox</Permissions>\n',
        ),
      ).join('\n'),
    ).toMatch(/Permissions is out of order/);
  });

  it('order: a bt: element in the wrong namespace and a missing required element are reported', () => {
    expect(
      checkOrder(
        broken(/<bt:Sets DefaultMinVersion="1.3">([\s\S]*?)<\/bt:Sets>/, '<Sets DefaultMinVersion="1.3">$1</Sets>'),
      ).join('\n'),
    ).toMatch(/Sets is out of order or in the wrong namespace/);
    expect(checkOrder(broken(/<Supertip>[\s\S]*?<\/Supertip>/, '')).join('\n')).toMatch(/Supertip missing/);
  });

  it('resids: an undefined resid, one from the wrong list, and an unused resource', () => {
    expect(
      checkResids(broken('<Label resid="ShareButton.Label"/>', '<Label resid="Share.Nowhere"/>')).join('\n'),
    ).toMatch(/"Share.Nowhere", which is not defined/);
    expect(
      checkResids(broken('<Title resid="PaneButton.Label"/>', '<Title resid="PaneButton.Tooltip"/>')).join('\n'),
    ).toMatch(/a LongStrings entry where ShortStrings is required/);
    expect(
      checkResids(
        broken(
          '<bt:ShortStrings>',
          '<bt:ShortStrings><bt:String id="Orphan" DefaultValue="x"><bt:Override Locale="fr-FR" Value="x"/></bt:String>',
        ),
      ).join('\n'),
    ).toMatch(/"Orphan" is defined but never used/);
  });

  it('URLs: one pointing elsewhere, plain http, and an AppDomain with a path', () => {
    expect(
      checkUrls(broken('https://localhost:3000/help', 'https://example.com/help'), MANIFEST_DEV_BASE).join('\n'),
    ).toMatch(/https:\/\/example.com\/help is not under/);
    expect(
      checkUrls(
        parseManifest(xml.split('https://localhost:3000').join('http://localhost:3000')),
        'http://localhost:3000',
      ).join('\n'),
    ).toMatch(/is not under/);
    expect(
      checkUrls(
        broken('<AppDomain>https://localhost:3000</AppDomain>', '<AppDomain>https://localhost:3000/x</AppDomain>'),
        MANIFEST_DEV_BASE,
      ).join('\n'),
    ).toMatch(/AppDomain .* is not the bridge's origin/);
  });

  it('French: a string without its fr-FR override, an empty one, and a display name in English only', () => {
    expect(checkLocale(broken('<bt:Override Locale="fr-FR" Value="Partager un agenda"/>', '')).join('\n')).toMatch(
      /"ShareButton.Label" has no fr-FR override/,
    );
    expect(
      checkLocale(
        broken(/<bt:Override Locale="fr-FR" Value="Agendas"\/>/g, '<bt:Override Locale="fr-FR" Value=" "/>'),
      ).join('\n'),
    ).toMatch(/"PaneButton.Label" has no fr-FR override/);
    expect(
      checkLocale(
        broken(
          /<DisplayName DefaultValue="DAV Bridge">[\s\S]*?<\/DisplayName>/,
          '<DisplayName DefaultValue="DAV Bridge"/>',
        ),
      ).join('\n'),
    ).toMatch(/DisplayName has no fr-FR override/);
    expect(checkLengths(broken('DefaultValue="Calendars"', `DefaultValue="${'x'.repeat(126)}"`)).join('\n')).toMatch(
      /longer than 125/,
    );
  });

  it('icons: a size the file does not have, a missing file, a file that is not a PNG', () => {
    expect(
      checkIcons(
        broken('<bt:Image size="16" resid="Icon.16x16"/>', '<bt:Image size="20" resid="Icon.16x16"/>'),
        MANIFEST_DEV_BASE,
        servedFile,
      ).join('\n'),
    ).toMatch(/icon-16.png is 16x16, the manifest declares 20x20/);
    expect(
      checkIcons(broken('/assets/icon-128.png', '/assets/icon-256.png'), MANIFEST_DEV_BASE, servedFile).join('\n'),
    ).toMatch(/icon-256.png \(128 px\) does not exist/);
    expect(checkIcons(root, MANIFEST_DEV_BASE, () => Buffer.from('<svg/>')).join('\n')).toMatch(/is not a PNG/);
  });
});

describe('manifest.xml as the bridge serves it (routes/manifest.ts; over HTTPS in test/integration/manifest-served)', () => {
  it.each(['https://agenda.example.org', 'https://intranet.example.org/dav-bridge'])(
    'with public URL %s: every URL under it, the AppDomain its origin, still valid',
    (base) => {
      const body = manifestForBaseUrl(xml, base);
      const doc = parseManifest(body);
      expect(body).not.toContain('localhost:3000');
      expect(checkUrls(doc, base)).toEqual([]);
      expect(checkOrder(doc)).toEqual([]);
      expect(checkResids(doc)).toEqual([]);
      expect(checkIcons(doc, base, servedFile)).toEqual([]);
    },
  );

  it('escapes a base URL that would break the XML', () => {
    const doc = parseManifest(manifestForBaseUrl(xml, 'https://agenda.example.org/a&b'));
    expect(checkUrls(doc, 'https://agenda.example.org/a&b')).toEqual([]);
  });
});

describe('office-addin-manifest info (Microsoft tooling, offline)', () => {
  const cli = join(repoRoot, 'node_modules', 'office-addin-manifest', 'cli.js');
  const info = (file: string) =>
    execFileSync(process.execPath, [cli, 'info', file], {
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('reads manifest.xml: a MailApp with its id, names, icons and ReadWriteMailbox', () => {
    const out = info(MANIFEST_PATH);
    expect(out).toMatch(/Id: 7d3c2a57-5e0b-4c51-9a43-2f8e6b1d9c40/);
    expect(out).toMatch(/Type: MailApp/);
    expect(out).toMatch(/Name: DAV Bridge/);
    expect(out).toMatch(/Permissions: ReadWriteMailbox/);
    expect(out).toMatch(/Icon Url: https:\/\/localhost:3000\/assets\/icon-64.png/);
  });

  it('reads the served manifest too, and refuses a manifest that is not XML', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-info-'));
    try {
      const rewritten = xml.split(MANIFEST_DEV_BASE).join('https://agenda.example.org');
      writeFileSync(join(dir, 'served.xml'), rewritten);
      expect(info(join(dir, 'served.xml'))).toMatch(/AppDomains: https:\/\/agenda.example.org/);
      writeFileSync(join(dir, 'bad.xml'), xml.replace('</OfficeApp>', ''));
      let failed: string | undefined;
      try {
        failed = info(join(dir, 'bad.xml'));
      } catch (err) {
        failed = `error: ${(err as { stderr?: string; stdout?: string }).stdout ?? ''}${(err as { stderr?: string }).stderr ?? ''}`;
      }
      expect(failed).not.toMatch(/Type: MailApp/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
