// Issue 10 item 8: rate limits key on the client's network: an IPv4 address, an IPv6 /64.
import { clientKey } from '../../src/middle-tier/security/client-key';

describe('clientKey', () => {
  it('keeps an IPv4 address, and reads IPv4-mapped IPv6 as that address', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });
  it('groups every address of one IPv6 /64 together, and only those', () => {
    const k = clientKey('2001:db8:1:2::1');
    expect(k).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe(k);
    expect(clientKey('2001:db8:1:3::1')).not.toBe(k);
    expect(clientKey('2001:db8::')).toBe('2001:db8:0:0::/64');
  });
  it('leaves anything else as it is', () => {
    expect(clientKey('unix-socket')).toBe('unix-socket');
  });
});
