// Issue 13: GET /manifest.xml from the running bridge (real HTTPS) passes the offline manifest checks against the
// bridge's public URL, here one behind a reverse-proxy path: every URL under it, the AppDomain its origin.
import { startBridge, type RunningBridge } from '../support/bridge.js';
import { checkOrder, checkResids, checkUrls } from '../../outlook-addin/test/support/manifest-checks.js';
import { parseManifest } from '../../outlook-addin/test/support/manifest-xml.js';

const PUBLIC_URL = 'https://intranet.example.org/dav-bridge';
let bridge: RunningBridge;

beforeAll(async () => {
  // No DAV request is made: the address only has to be a valid configuration.
  bridge = await startBridge({
    davServers: [{ id: 'none', label: 'none', url: 'http://127.0.0.1:9/' }],
    extra: { publicBaseUrl: PUBLIC_URL },
  });
});
afterAll(async () => bridge?.stop());

it('serves manifest.xml rewritten for its public URL, still valid', async () => {
  const res = await bridge.client().get('/manifest.xml');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/application\/xml/);
  expect(res.text).not.toContain('localhost:3000');
  const doc = parseManifest(res.text);
  expect(checkUrls(doc, PUBLIC_URL)).toEqual([]);
  expect(checkOrder(doc)).toEqual([]);
  expect(checkResids(doc)).toEqual([]);
});
