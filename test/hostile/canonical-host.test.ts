/**
 * The canonicalisation table the policy and the transport share: every spelling of one destination is one
 * string, and text that is no host is refused (undefined) rather than guessed at.
 */
import { describe, expect, it } from 'vitest';
import { addressScope, canonicalHost, parseClientIp } from '../../src/policy/index.js';

describe('canonicalHost', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['127.000.000.001', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['127.0.0.1.', '127.0.0.1'],
    ['0', '0.0.0.0'],
    ['[::ffff:127.0.0.1]', '127.0.0.1'],
    ['::ffff:7f00:1', '127.0.0.1'],
    ['[0:0:0:0:0:0:0:1]', '::1'],
    ['[FE80:0:0:0:0:0:0:1]', 'fe80::1'],
    ['[2001:DB8::0:1]', '2001:db8::1'],
    ['Example.COM.', 'example.com'],
    ['BÜCHER.de', 'xn--bcher-kva.de'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['ｖｅｎｄｏｒ.test', 'vendor.test'],
    ['ven\u00addor.test', 'vendor.test'],
    ['%76endor.test', 'vendor.test'],
    ['_dmarc.example.com', '_dmarc.example.com'],
  ])('%s is %s', (text, canonical) => {
    expect(canonicalHost(text)).toBe(canonical);
  });

  it.each([
    '',
    '.',
    'a!b.com',
    'a..b',
    '-a.test',
    'a-.test',
    'foo.0x1',
    '1.2.3.4.5',
    '256.0.0.1',
    '4294967296',
    '08.1.1.1',
    '[fe80::1%25eth0]',
    '[::ffff::1]',
    'xn--a.test',
    'a b',
    'user@host',
    'host/path',
    'host:80',
    `${'a'.repeat(64)}.test`,
  ])('%j is no host', (text) => {
    expect(canonicalHost(text)).toBeUndefined();
  });
});

describe('addressScope', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.31.0.1', 'private'],
    ['192.168.0.1', 'private'],
    ['fd00::1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'shared'],
    ['224.0.0.251', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::127.0.0.1', 'reserved'],
    ['64:ff9b::a00:1', 'private'],
    ['::ffff:192.168.1.1', 'private'],
    ['93.184.216.34', 'public'],
    ['172.32.0.1', 'public'],
    ['2606:2800:220:1::1', 'public'],
  ])('%s is %s', (address, scope) => {
    const ip = parseClientIp(address);
    expect(ip).toBeDefined();
    if (ip !== undefined) expect(addressScope(ip)).toBe(scope);
  });
});
