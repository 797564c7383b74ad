// Smoke test of the real-server harness: if this fails, every other integration test
// would fail for reasons unrelated to the code under test.
import { serversUnderTest, type TestServer } from '../harness/servers.js';

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function propfind(url: string, auth: string): Promise<Response> {
  return fetch(url, {
    method: 'PROPFIND',
    headers: { Authorization: auth, Depth: '0', 'Content-Type': 'application/xml; charset=utf-8' },
    body: '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>',
  });
}

describe.each(serversUnderTest().map((s): [string, TestServer] => [s.name, s]))('%s harness', (_name, server) => {
  const { alice } = server.users;

  it('lets alice PROPFIND her principal (207)', async () => {
    const res = await propfind(server.principalUrl('alice'), basic(alice.username, alice.password));
    const body = await res.text();
    expect(res.status).toBe(207);
    expect(body).toContain('principal');
  });

  it('rejects a wrong password (401)', async () => {
    const res = await propfind(server.principalUrl('alice'), basic(alice.username, 'wrong-password'));
    await res.text();
    expect(res.status).toBe(401);
  });
});
