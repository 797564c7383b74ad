// Issue 13 items 7 and 8, through the real bridge over HTTPS with the real Radicale behind it: the session cookie
// the pane needs in Outlook on the web's cross-site iframe, and the capabilities the pane shows (two-way sync
// disabled, with its reason in English and French).
import { testServers } from '../harness/servers.js';
import { startBridge, type RunningBridge } from '../../outlook-addin/test/support/bridge-process.js';

jest.setTimeout(60_000);

const radicale = testServers.radicale;
let bridge: RunningBridge;

beforeAll(async () => {
  bridge = await startBridge({ davServers: [{ id: 'radicale', label: 'Radicale', url: radicale.baseUrl }] });
});
afterAll(async () => bridge?.stop());

const setCookies = (headers: Record<string, string | string[] | undefined>): string[] =>
  ([] as string[]).concat(headers['set-cookie'] ?? []);

describe('session cookie in Outlook on the web (cross-site iframe)', () => {
  it('is Secure, SameSite=None and Partitioned (CHIPS) at sign-in, and cleared the same way at sign-out', async () => {
    const c = bridge.client();
    const res = await c.signIn(radicale.users.alice.username, radicale.users.alice.password, 'radicale');
    expect(res.status).toBe(200);
    const session = setCookies(res.headers).find((h) => h.startsWith('__Host-davbridge-session='));
    expect(session).toBeDefined();
    const attrs = session!.split(';').map((a) => a.trim().toLowerCase());
    expect(attrs).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=none', 'partitioned', 'path=/']));
    expect(attrs.some((a) => a.startsWith('domain='))).toBe(false);

    const out = await c.send('DELETE', '/api/v1/session');
    expect(out.status).toBeLessThan(300);
    const cleared = setCookies(out.headers).find((h) => h.startsWith('__Host-davbridge-session='));
    expect(cleared).toBeDefined();
    // A partitioned cookie is only removed by a Set-Cookie that is partitioned too.
    expect(cleared!.toLowerCase()).toContain('partitioned');
  });
});

describe('GET /api/v1/capabilities', () => {
  it('says two-way sync with Outlook is not available, with the reason in the caller’s language', async () => {
    const en = await bridge.client().get('/api/v1/capabilities');
    expect(en.status).toBe(200);
    const caps = en.json();
    expect(caps.graphSync.available).toBe(false);
    expect(caps.graphSync.reason).toBe(caps.graphSync.reasons.en);
    expect(caps.graphSync.reasons.en).toMatch(/Microsoft 365/);
    expect(caps.graphSync.reasons.fr).toMatch(/Microsoft 365/);
    expect(caps.outlookFeeds).toEqual({ available: true, reason: null, reasons: null });

    const fr = await bridge.client().get('/api/v1/capabilities', { 'accept-language': 'fr-FR,fr;q=0.9' });
    expect(fr.json().graphSync.reason).toBe(caps.graphSync.reasons.fr);
    expect(fr.json().graphSync.reason).toContain('lecture seule');
  });
});
