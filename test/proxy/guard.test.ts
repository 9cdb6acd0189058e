import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluateConnection, parsePolicy, type PolicyInput } from '../../src/policy/index.js';
import { DestinationGuard } from '../../src/proxy/index.js';

const POLICY: PolicyInput = {
  version: 1,
  destinations: [
    { id: 'nas', vendor: 'NAS', hosts: ['nas.home.test'] },
    { id: 'everything', vendor: 'Any', hosts: ['*'] },
  ],
  devices: [{ id: 'tv', name: 'TV', addresses: ['192.168.1.20'] }],
};
const compiled = compilePolicy(parsePolicy(POLICY));
const decide = (host: string, clientAddress = '192.168.1.20') =>
  evaluateConnection(compiled, { clientAddress, scheme: 'https', host, port: 443 });

/** A guard whose DNS is a table: no packet leaves the machine. */
function guardWith(dns: Record<string, readonly string[]>, settings: { refuseUnknownClients?: boolean } = {}): DestinationGuard {
  return new DestinationGuard({
    ...settings,
    lookup: async (name) => {
      const found = dns[name];
      if (found === undefined) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      return found;
    },
  });
}

describe('DestinationGuard.endpoint', () => {
  it.each([
    ['a public address', ['93.184.216.34'], '93.184.216.34'],
    ['the first public address when a private one comes first (rebinding mix)', ['10.0.0.5', '93.184.216.34'], '93.184.216.34'],
    ['an IPv6 public address', ['2606:2800:220:1::1'], '2606:2800:220:1::1'],
  ])('connects to %s', async (_name, addresses, expected) => {
    const guard = guardWith({ 'vendor.example': addresses });
    await expect(guard.endpoint(decide('vendor.example'), 'vendor.example', 443)).resolves.toEqual({ host: expected, port: 443 });
  });

  it.each([
    ['loopback', ['127.0.0.1']],
    ['a private address', ['192.168.1.1']],
    ['link-local metadata', ['169.254.169.254']],
    ['IPv6 loopback', ['::1']],
    ['an IPv4-mapped private address', ['::ffff:10.0.0.1']],
    ['only local addresses', ['10.0.0.1', 'fd00::1']],
  ])('refuses a name matched only by `*` that resolves to %s (gateway:resolved-local)', async (_name, addresses) => {
    const guard = guardWith({ 'evil.example': addresses });
    await expect(guard.endpoint(decide('evil.example'), 'evil.example', 443)).rejects.toMatchObject({
      code: 'DESTINATION_REFUSED',
      details: ['gateway:resolved-local'],
    });
  });

  it('lets a destination that names the host resolve to the LAN', async () => {
    const guard = guardWith({ 'nas.home.test': ['192.168.1.50'] });
    await expect(guard.endpoint(decide('nas.home.test'), 'nas.home.test', 443)).resolves.toEqual({ host: '192.168.1.50', port: 443 });
  });

  it('refuses Home Assistant by the address its name resolves to, even for a named host', async () => {
    const guard = guardWith({ 'homeassistant.local': ['192.168.1.5'], 'nas.home.test': ['192.168.1.5'] });
    guard.protect({ host: 'homeassistant.local', port: 443, what: 'home-assistant' });
    await expect(guard.endpoint(decide('nas.home.test'), 'nas.home.test', 443)).rejects.toMatchObject({ details: ['gateway:home-assistant'] });
    expect(guard.judge(decide('homeassistant.local'), compiled).explanation.ruleId).toBe('gateway:home-assistant');
  });

  it('answers UPSTREAM_UNREACHABLE for a name that does not resolve', async () => {
    await expect(guardWith({}).endpoint(decide('nowhere.example'), 'nowhere.example', 443)).rejects.toMatchObject({ code: 'UPSTREAM_UNREACHABLE' });
  });
});

describe('DestinationGuard.judge', () => {
  it('refuses an unknown client only when told the gateway listens beyond loopback', () => {
    const unknown = decide('vendor.example', '192.168.1.99');
    expect(guardWith({}).judge(unknown, compiled).verdict).toBe('inspect');
    const strict = guardWith({}, { refuseUnknownClients: true }).judge(unknown, compiled);
    expect(strict).toMatchObject({ verdict: 'block', explanation: { ruleId: 'gateway:unknown-client' } });
    expect(strict.explanation.reason).toContain('192.168.1.99');
    expect(guardWith({}, { refuseUnknownClients: true }).judge(decide('vendor.example'), compiled).verdict).toBe('inspect');
  });

  it('refuses the gateway itself on any local address when it listens on a wildcard', () => {
    const guard = guardWith({});
    guard.protect({ host: '0.0.0.0', port: 443, what: 'gateway' });
    for (const host of ['127.0.0.1', '127.0.0.7', '::1', '0.0.0.0']) {
      expect(guard.judge(decide(host), compiled).explanation.ruleId).toBe('gateway:self');
    }
    expect(guard.judge(decide('93.184.216.34'), compiled).verdict).toBe('inspect');
  });
});
