// Issue 16 item 1: the trustProxy setting from DAV_BRIDGE_TRUST_PROXY, and a hop count meaning what it says.
import { loadConfig } from '../../src/middle-tier/config';
import { fastifyTrustProxy, parseTrustProxyEnv } from '../../src/middle-tier/http/trust-proxy';

describe('trustProxy', () => {
  it('is off by default, and DAV_BRIDGE_TRUST_PROXY sets it: true/false, a hop count, addresses and CIDRs', () => {
    expect(loadConfig('/nowhere', {}).trustProxy).toBe(false);
    expect(loadConfig('/nowhere', { DAV_BRIDGE_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig('/nowhere', { DAV_BRIDGE_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig('/nowhere', { DAV_BRIDGE_TRUST_PROXY: ' 10.0.0.0/8, 127.0.0.1 ' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(parseTrustProxyEnv('False')).toBe(false);
  });

  it('a hop count trusts that many nearest hops (Fastify 5 alone would trust none)', () => {
    const fn = fastifyTrustProxy(2) as (address: string, hop: number) => boolean;
    expect([fn('10.0.0.1', 0), fn('10.0.0.2', 1), fn('203.0.113.9', 2)]).toEqual([true, true, false]);
    expect(fastifyTrustProxy(0)).toBe(false);
    expect(fastifyTrustProxy('127.0.0.1')).toBe('127.0.0.1');
  });
});
