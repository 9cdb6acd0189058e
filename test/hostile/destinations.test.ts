/**
 * Hostile destinations: an IP spelled another way, an IDN or case trick, a host that is no host. Each
 * must land on the destination the policy names (and be refused as it says), through every listener.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../src/policy/index.js';
import { startUpstream, type Upstream } from '../helpers/upstream-servers.js';
import {
  absoluteForm,
  ALIVE_HOST,
  exchange,
  expectStillServing,
  originForm,
  recordedWith,
  ruleOf,
  startHostile,
  type HostileGateway,
} from './harness.js';

let local: Upstream;
let h: HostileGateway;

beforeAll(async () => {
  local = await startUpstream();
  const policy: PolicyInput = {
    version: 1,
    mode: 'enforce',
    destinations: [
      { id: 'alive', vendor: 'Echo', hosts: [ALIVE_HOST] },
      { id: 'blocked-port', vendor: 'Local service', hosts: ['127.0.0.1'], ports: [local.port], access: 'block' },
      { id: 'blocked-vendor', vendor: 'Blocked', hosts: ['vendor.test', 'bücher.test'], access: 'block' },
    ],
  };
  h = await startHostile(policy);
});

afterAll(async () => {
  await h.close();
  await local.close();
});

const SPELLINGS = [
  '127.0.0.1',
  '127.1',
  '127.0.1',
  '2130706433',
  '0x7f000001',
  '0X7F000001',
  '017700000001',
  '0177.0.0.1',
  '0x7f.0.0.1',
  '0x7f.1',
  '127.000.000.001',
  '127.0.0.1.',
  '[::ffff:127.0.0.1]',
  '[::ffff:7f00:1]',
  '[0:0:0:0:0:ffff:127.0.0.1]',
];

describe('a blocked IP destination spelled another way', () => {
  it.each(SPELLINGS)('absolute-form http://%s:PORT is refused by the rule for 127.0.0.1', async (spelling) => {
    const from = h.gateway.records.length;
    const answer = await exchange(h.gateway.port, absoluteForm(`${spelling}:${local.port}`));
    expect(answer.statuses).toEqual([403]);
    expect(ruleOf(answer)).toBe('blocked-port');
    expect(local.received).toHaveLength(0);
    expect(recordedWith(h, from, 'blocked-port')).toHaveLength(1);
    await expectStillServing(h);
  });

  it.each(SPELLINGS)('CONNECT %s:PORT is refused and recorded', async (spelling) => {
    const from = h.gateway.records.length;
    const answer = await exchange(h.gateway.port, `CONNECT ${spelling}:${local.port} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(answer.statuses).toEqual([403]);
    expect(ruleOf(answer)).toBe('blocked-port');
    expect(recordedWith(h, from, 'blocked-port')).toHaveLength(1);
    expect(recordedWith(h, from, 'blocked-port')[0]?.connection.destination.host).toBe('127.0.0.1');
    await expectStillServing(h);
  });

  it.each(SPELLINGS)('transparent Host: %s:PORT is refused', async (spelling) => {
    const port = h.gateway.addresses.transparentHttp?.port ?? 0;
    const answer = await exchange(port, originForm(`${spelling}:${local.port}`));
    expect(answer.statuses).toEqual([403]);
    expect(ruleOf(answer)).toBe('blocked-port');
    expect(local.received).toHaveLength(0);
    await expectStillServing(h);
  });
});

describe('a blocked name in another case, with a trailing dot, or as an IDN', () => {
  // Raw UTF-8 is refused by Node's parser in a request line (400) but allowed in a Host header value,
  // where it is decoded and canonicalised: either way it never reaches the vendor under another name.
  it.each([
    ['upper case', 'VENDOR.TEST', 403, 403],
    ['mixed case and a trailing dot', 'Vendor.Test.', 403, 403],
    ['percent-encoded letters (decoded, as URL hosts are)', '%76endor.test', 403, 403],
    ['the IDN as punycode', 'xn--bcher-kva.test', 403, 403],
    ['the IDN as punycode in upper case', 'XN--BCHER-KVA.TEST.', 403, 403],
    ['fullwidth letters (UTS #46 maps them)', 'ｖｅｎｄｏｒ.test', 400, 403],
    ['a soft hyphen inside (UTS #46 drops it)', 'ven\u00addor.test', 400, 403],
    ['the IDN as UTF-8', 'bücher.test', 400, 403],
    ['the IDN in upper case', 'BÜCHER.TEST', 400, 403],
    ['the IDN with a trailing dot', 'bücher.test.', 400, 403],
  ])('%s (%s): absolute-form and CONNECT %i, transparent Host %i', async (_name, host, lineStatus, hostStatus) => {
    const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');
    const from = h.gateway.records.length;
    const absolute = await exchange(h.gateway.port, bytes(absoluteForm(host)));
    expect(absolute.statuses).toEqual([lineStatus]);
    const tunnel = await exchange(h.gateway.port, bytes(`CONNECT ${host}:443 HTTP/1.1\r\nHost: x\r\n\r\n`));
    expect(tunnel.statuses).toEqual([lineStatus]);
    const transparent = await exchange(h.gateway.addresses.transparentHttp?.port ?? 0, bytes(originForm(host)));
    expect(transparent.statuses).toEqual([hostStatus]);
    expect(ruleOf(transparent)).toBe('blocked-vendor');
    const blocked = recordedWith(h, from, 'blocked-vendor');
    expect(blocked.length).toBe(lineStatus === 403 ? 3 : 1);
    expect(blocked.every((r) => r.connection.destination.host === 'vendor.test' || r.connection.destination.host === 'xn--bcher-kva.test')).toBe(true);
    await expectStillServing(h);
  });
});

describe('a host that is no host', () => {
  it.each([
    ['an exclamation mark', 'a!b.test'],
    ['an empty label', 'a..b.test'],
    ['a label starting with a hyphen', '-a.test'],
    ['a hexadecimal last label', 'vendor.0x1'],
    ['five numeric parts', '1.2.3.4.5'],
    ['an IPv4 part out of range', '256.0.0.1'],
    ['an IPv4 number out of range', '4294967296'],
    ['a decimal part with a leading zero that is not octal', '08.0.0.1'],
    ['a zone id', '[fe80::1%25eth0]'],
    ['a bad IPv6', '[::ffff::1]'],
    ['invalid punycode', 'xn--a.test'],
    ['a label of 64 characters', `${'a'.repeat(64)}.test`],
    ['a name of 260 characters', `${'abcdefghi.'.repeat(26)}test`],
    ['an underscore-only name with a space', 'a b.test'],
  ])('with %s (%s) is refused as invalid on every listener', async (_name, host) => {
    const absolute = await exchange(h.gateway.port, absoluteForm(host));
    expect(absolute.statuses).toEqual([400]);
    expect(absolute.text).toContain('REQUEST_INVALID');
    const connect = await exchange(h.gateway.port, `CONNECT ${host}:443 HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(connect.statuses).toEqual([400]);
    const transparent = await exchange(h.gateway.addresses.transparentHttp?.port ?? 0, originForm(host));
    expect(transparent.statuses).toEqual([400]);
    await expectStillServing(h);
  });
});
