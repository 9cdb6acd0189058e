import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBanner, startConfig } from '../../src/cli/start.js';
import { parseUpstream, systemUpstream } from '../../src/dns/index.js';
import type { GatewayAddresses } from '../../src/main.js';

describe('DNS settings from the command line', () => {
  it('is off unless --dns-port is given', () => {
    expect(startConfig({}, {}).dns).toEqual({ answerAddresses: [], sinkhole: 'nxdomain', cacheEntries: 10_000 });
  });

  it('reads the port, upstream, answer addresses and sinkhole style', () => {
    const dns = startConfig(
      { 'dns-port': '5353', 'dns-upstream': '192.168.1.1', 'dns-answer-address': '192.168.1.5, fd00::5', 'dns-sinkhole': 'null' },
      {},
    ).dns;
    expect(dns).toEqual({ port: 5353, upstream: '192.168.1.1', answerAddresses: ['192.168.1.5', 'fd00::5'], sinkhole: 'null', cacheEntries: 10_000 });
  });

  it('takes the port from PG_DNS_PORT, the flag winning', () => {
    expect(startConfig({}, { PG_DNS_PORT: '53' }).dns.port).toBe(53);
    expect(startConfig({ 'dns-port': '5300' }, { PG_DNS_PORT: '53' }).dns.port).toBe(5300);
  });

  it.each([
    [{ 'dns-port': 'fifty' }, '--dns-port must be a whole number'],
    [{ 'dns-answer-address': 'gateway.local' }, 'dns.answerAddresses.0: must be an IPv4 or IPv6 address'],
    [{ 'dns-sinkhole': 'refuse' }, 'dns.sinkhole'],
  ])('rejects %j with a message naming the setting', (flags, message) => {
    expect(() => startConfig(flags, {})).toThrow(message);
  });
});

describe('the DNS upstream', () => {
  it.each([
    ['9.9.9.9', { host: '9.9.9.9', port: 53 }],
    ['192.168.1.1:5353', { host: '192.168.1.1', port: 5353 }],
    ['[fd00::1]:53', { host: 'fd00::1', port: 53 }],
    ['fd00::1', { host: 'fd00::1', port: 53 }],
  ])('parses %s', (text, expected) => {
    expect(parseUpstream(text)).toEqual(expected);
  });

  it.each(['dns.google', '1.2.3.4:99999', ''])('rejects %j', (text) => {
    expect(() => parseUpstream(text)).toThrow(/--dns-upstream/);
  });

  it("defaults to the system's first nameserver, and says what to do when there is none", () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-resolv-'));
    try {
      const file = join(dir, 'resolv.conf');
      writeFileSync(file, '# generated\nsearch home\nnameserver fe80::1%eth0\nnameserver 192.168.1.1\n');
      expect(systemUpstream(file)).toEqual({ host: 'fe80::1', port: 53 });
      writeFileSync(file, 'search home\n');
      expect(() => systemUpstream(file)).toThrow(/names no nameserver; pass --dns-upstream/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the start banner', () => {
  it('prints the DNS address, its upstream and what it steers', () => {
    const addresses: GatewayAddresses = {
      proxy: { host: '192.168.1.5', port: 8080 },
      transparentHttp: undefined,
      transparentTls: { host: '192.168.1.5', port: 443 },
      dns: { host: '192.168.1.5', port: 53, upstream: '192.168.1.1:53', steering: 'names to inspect resolve to 192.168.1.5' },
      page: { host: '192.168.1.5', port: 8099 },
      dataDir: '/data',
      caCertFile: '/data/ca/ca.pem',
      caFingerprintSha256: 'AB:CD',
      policyFile: '/data/policy.json',
      pageLogin: undefined,
    };
    expect(startBanner(addresses)).toContain('DNS: 192.168.1.5:53 (upstream 192.168.1.1:53; names to inspect resolve to 192.168.1.5)');
  });
});
