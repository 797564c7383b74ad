/**
 * Issue 12 item 8, the wording a newcomer meets: counts agree with their number ("1 error", "1 erreur"), the
 * deletion guard names the CLI's own option (--force-delete), and `share` asks to accept an invitation only
 * while the sharee has not accepted it yet (re-sharing on Cyrus printed "(read, accepted)" AND "must accept").
 */
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, type CliContext } from '../../src/node/cli/context.js';
import { shareOutcome } from '../../src/node/cli/commands/share.js';
import { sideSummary, unreadableLine } from '../../src/node/cli/commands/sync.js';
import { main } from '../../src/node/cli/run.js';
import type { Share, SharingCapabilities } from '../../src/sharing/types.js';
import { vevent } from '../../../test/support/items.js';

function capture(env: NodeJS.ProcessEnv = { LANG: 'C' }): { ctx: CliContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { ctx: { ...createContext(env), out: (l) => out.push(l), err: (l) => err.push(l) }, out, err };
}

const counts = (created: number, errors: number) => ({ created, updated: 0, deleted: 0, errors });

describe('sync summary counts agree with their number', () => {
  test('English: "1 error", "2 errors", "0 errors"', () => {
    const en = { lang: 'en' as const };
    expect(sideSummary(en, 'gilles', counts(1, 1))).toBe('gilles: 1 created, 0 updated, 0 deleted, 1 error');
    expect(sideSummary(en, 'gilles', counts(2, 2))).toBe('gilles: 2 created, 0 updated, 0 deleted, 2 errors');
    expect(sideSummary(en, 'gilles', counts(0, 0))).toBe('gilles: 0 created, 0 updated, 0 deleted, 0 errors');
  });
  test('French: "1 erreur", "0 erreur", "2 erreurs", "1 créé"', () => {
    const fr = { lang: 'fr' as const };
    expect(sideSummary(fr, 'gilles', counts(1, 1))).toBe('gilles : 1 créé, 0 modifié, 0 supprimé, 1 erreur');
    expect(sideSummary(fr, 'gilles', counts(2, 2))).toBe('gilles : 2 créés, 0 modifié, 0 supprimé, 2 erreurs');
  });

  test('unreadable items: "1 item could not be read", "2 items"; "1 élément illisible", "2 éléments illisibles"', () => {
    expect(unreadableLine({ lang: 'en' }, 1)).toMatch(/^1 item could not be read: left as it is/);
    expect(unreadableLine({ lang: 'en' }, 2)).toMatch(/^2 items could not be read: left as they are/);
    expect(unreadableLine({ lang: 'fr' }, 1)).toMatch(/^1 élément illisible : laissé tel quel/);
    expect(unreadableLine({ lang: 'fr' }, 2)).toMatch(/^2 éléments illisibles : laissés tels quels/);
  });

  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'dav-bridge-wording-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function folders(n: number): [string, string] {
    const [a, b] = [join(root, 'gilles'), join(root, 'david')];
    mkdirSync(a);
    for (let i = 0; i < n; i++) writeFileSync(join(a, `e${i}.ics`), vevent(`e${i}`, `Réunion ${i}`));
    return [a, b];
  }

  test('a real run of one new event says "1 créé ... 0 erreur" in French', async () => {
    const [a, b] = folders(1);
    const { ctx, out } = capture({ LANG: 'fr_FR.UTF-8' });
    expect(await main(['sync', a, b, '--state', join(root, 's.sqlite')], ctx)).toBe(0);
    expect(out).toContain(`${b} : 1 créé, 0 modifié, 0 supprimé, 0 erreur`);
  });

  test('the deletion guard tells the CLI user to run with --force-delete, in English and French', async () => {
    const [a, b] = folders(10);
    const state = join(root, 's.sqlite');
    expect(await main(['sync', a, b, '--state', state], capture().ctx)).toBe(0);
    for (const f of readdirSync(b).slice(0, 3)) rmSync(join(b, f));
    for (const [env, words] of [
      [{ LANG: 'C' }, 'run again with --force-delete'],
      [{ LANG: 'fr_FR.UTF-8' }, 'relancez avec --force-delete'],
    ] as const) {
      const { ctx, err } = capture(env);
      expect(await main(['sync', a, b, '--state', state], ctx)).toBe(1);
      expect(err.join('\n')).toContain(words);
      expect(err.join('\n')).not.toMatch(/force delete"|forcer la suppression/);
    }
    expect(readdirSync(a)).toHaveLength(10); // nothing deleted
  });
});

describe('share asks to accept only while the invitation is pending', () => {
  const cyrus = { url: '/dav/calendars/user/gilles/equipe/', capabilities: { server: 'Cyrus', invitations: true } };
  const shared = cyrus as unknown as { url: string; capabilities: SharingCapabilities };
  const share = (status: Share['status']) => ({ sharee: 'mailto:david@example.com', access: 'read', status }) as Share;

  test('a re-share of an accepted invitation does not ask to accept again', () => {
    const lines = shareOutcome(capture().ctx, shared, 'david@example.com', 'read', share('accepted'));
    expect(lines.join('\n')).toContain('accepted');
    expect(lines.join('\n')).not.toContain('must accept');
  });
  test('a new (pending) invitation asks to accept it, in English and French', () => {
    expect(shareOutcome(capture().ctx, shared, 'david@example.com', 'read', share('pending'))[1]).toBe(
      'david@example.com must accept the invitation (dav-bridge invites / accept).',
    );
    const fr = capture({ LANG: 'fr_FR.UTF-8' }).ctx;
    expect(shareOutcome(fr, shared, 'david@example.com', 'read', share('pending'))[1]).toContain(
      "doit accepter l'invitation",
    );
  });
});
