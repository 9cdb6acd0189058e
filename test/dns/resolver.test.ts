import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as packet from 'dns-packet';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HTTPS_TYPE, RCODE, startDnsService, SteeredNames, type RunningDns, type SinkholeStyle } from '../../src/dns/index.js';
import { DnsLog, Ledger } from '../../src/ledger/index.js';
import { compilePolicy, parsePolicy } from '../../src/policy/index.js';
import { ask, startFakeUpstream, type FakeUpstream } from './fake-upstream.js';

const CAMERA = '127.0.0.2';
const PLUG = '127.0.0.3';
const GATEWAY_ITSELF = '127.0.0.9';
const STEER_TO = '10.0.0.53';

const a = (name: string, data: string, ttl = 300): packet.Answer => ({ type: 'A', name, ttl, class: 'IN', data });
const zone = {
  'api.vendor.test': [a('api.vendor.test', '203.0.113.10'), { type: 'AAAA', name: 'api.vendor.test', ttl: 300, data: '2001:db8::10' }],
  'tracker.test': [a('tracker.test', '203.0.113.66')],
  'alias.vendor.test': [{ type: 'CNAME', name: 'alias.vendor.test', ttl: 300, data: 'tracker.test' }, a('tracker.test', '203.0.113.66')],
  'plain.test': [a('plain.test', '198.51.100.7', 120)],
  'medium.test': Array.from({ length: 40 }, (_, i) => a('medium.test', `198.51.100.${i + 1}`)),
  'big.test': Array.from({ length: 100 }, (_, i) => a('big.test', `198.51.100.${i + 1}`)),
  'dns.google': [a('dns.google', '8.8.8.8')],
} satisfies Record<string, packet.Answer[]>;

const policy = compilePolicy(
  parsePolicy({
    version: 1,
    mode: 'enforce',
    destinations: [{ id: 'tracker', vendor: 'Tracker', hosts: ['tracker.test'], access: 'block' }],
    devices: [
      {
        id: 'camera',
        name: 'Camera',
        addresses: [CAMERA],
        destinations: [
          { id: 'vendor-api', vendor: 'Vendor', hosts: ['api.vendor.test'] },
          { id: 'vendor-broker', vendor: 'Vendor', hosts: ['mqtt.vendor.test'], schemes: ['mqtt'] },
        ],
      },
      { id: 'plug', name: 'Plug', addresses: [PLUG], mode: 'monitor' },
    ],
  }),
);

const addressesOf = (response: packet.DecodedPacket): string[] =>
  (response.answers ?? []).flatMap((record) => (record.type === 'A' || record.type === 'AAAA' ? [record.data] : []));
const rcodeOf = (response: packet.DecodedPacket): number => (response.flags ?? 0) & 0xf;

describe('the DNS resolver', () => {
  let upstream: FakeUpstream;
  let dir: string;
  let ledger: Ledger;
  let dnsLog: DnsLog;
  const running: RunningDns[] = [];

  let steered = new SteeredNames();
  const start = async (sinkhole: SinkholeStyle = 'nxdomain', answerAddresses = [STEER_TO]): Promise<RunningDns> => {
    steered = new SteeredNames();
    const dns = await startDnsService(
      { host: '127.0.0.1', port: 0, upstream: `127.0.0.1:${upstream.port}`, answerAddresses, sinkhole, cacheEntries: 100 },
      { policy: () => policy, recorder: dnsLog, log: { warn: () => undefined }, isSelf: (address) => address === GATEWAY_ITSELF, steered },
    );
    running.push(dns);
    return dns;
  };

  beforeAll(async () => {
    upstream = await startFakeUpstream(zone);
    dir = mkdtempSync(join(tmpdir(), 'pg-dns-'));
    ledger = new Ledger({ file: join(dir, 'ledger.sqlite'), retentionDays: 30 });
    ledger.start();
    dnsLog = new DnsLog({ file: join(dir, 'ledger.sqlite'), retentionDays: 30 });
    dnsLog.start();
  });
  afterEach(async () => {
    for (const dns of running.splice(0)) await dns.close();
  });
  afterAll(async () => {
    dnsLog.stop();
    await ledger.stop();
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a name the policy does not name truthfully, and serves a repeat from the cache with a lower TTL', async () => {
    const dns = await start();
    const first = await ask(dns.address, 'plain.test', 'A', { from: CAMERA });
    const before = upstream.asked.filter((q) => q.question === 'A plain.test').length;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const second = await ask(dns.address, 'plain.test', 'A', { from: CAMERA });
    expect(addressesOf(first)).toEqual(['198.51.100.7']);
    expect(addressesOf(second)).toEqual(['198.51.100.7']);
    expect(upstream.asked.filter((q) => q.question === 'A plain.test').length).toBe(before);
    const ttl = (response: packet.DecodedPacket): number => (response.answers?.[0] && 'ttl' in response.answers[0] ? (response.answers[0].ttl ?? 0) : 0);
    expect(ttl(second)).toBeLessThan(ttl(first));
  });

  it('sinkholes a blocked destination with NXDOMAIN for an enforcing device, but not for one in monitor mode', async () => {
    const dns = await start();
    const camera = await ask(dns.address, 'tracker.test', 'A', { from: CAMERA });
    const plug = await ask(dns.address, 'tracker.test', 'A', { from: PLUG });
    expect(rcodeOf(camera)).toBe(RCODE.nxDomain);
    expect(addressesOf(camera)).toEqual([]);
    expect(rcodeOf(plug)).toBe(RCODE.noError);
    expect(addressesOf(plug)).toEqual(['203.0.113.66']);
  });

  it('sinkholes with 0.0.0.0 and :: when configured as null', async () => {
    const dns = await start('null');
    expect(addressesOf(await ask(dns.address, 'tracker.test', 'A', { from: CAMERA }))).toEqual(['0.0.0.0']);
    expect(addressesOf(await ask(dns.address, 'tracker.test', 'AAAA', { from: CAMERA }))).toEqual(['::']);
  });

  it('sinkholes an allowed name that is an alias (CNAME) of a blocked one', async () => {
    const dns = await start();
    expect(rcodeOf(await ask(dns.address, 'alias.vendor.test', 'A', { from: CAMERA }))).toBe(RCODE.nxDomain);
  });

  it("steers a destination the device's policy inspects to the gateway, withholding AAAA and HTTPS records", async () => {
    const dns = await start();
    expect(addressesOf(await ask(dns.address, 'api.vendor.test', 'A', { from: CAMERA }))).toEqual([STEER_TO]);
    const aaaa = await ask(dns.address, 'api.vendor.test', 'AAAA', { from: CAMERA });
    expect([rcodeOf(aaaa), addressesOf(aaaa)]).toEqual([RCODE.noError, []]);
    const https = await ask(dns.address, 'api.vendor.test', HTTPS_TYPE, { from: CAMERA });
    expect([rcodeOf(https), https.answers?.length]).toEqual([RCODE.noError, 0]);
    // The plug's policy does not name the vendor: it gets the truth.
    expect(addressesOf(await ask(dns.address, 'api.vendor.test', 'A', { from: PLUG }))).toEqual(['203.0.113.10']);
  });

  it('remembers which names it steered for which client, so plain MQTT can find the broker', async () => {
    const dns = await start();
    await ask(dns.address, 'api.vendor.test', 'A', { from: CAMERA });
    // A broker the policy names for MQTT only is steered too.
    expect(addressesOf(await ask(dns.address, 'mqtt.vendor.test', 'A', { from: CAMERA }))).toEqual([STEER_TO]);
    // The AAAA question got no address (IPv4 steering only): nothing more to remember.
    await ask(dns.address, 'mqtt.vendor.test', 'AAAA', { from: CAMERA });
    await ask(dns.address, 'api.vendor.test', 'A', { from: PLUG });
    expect(steered.lastFor(CAMERA, Date.now()).map((entry) => entry.name)).toEqual(['mqtt.vendor.test', 'api.vendor.test']);
    expect(steered.lastFor(PLUG, Date.now())).toEqual([]);
  });

  it('answers truthfully with steering off, and to the gateway itself whatever the policy says', async () => {
    const off = await start('nxdomain', []);
    expect(addressesOf(await ask(off.address, 'api.vendor.test', 'A', { from: CAMERA }))).toEqual(['203.0.113.10']);
    const dns = await start();
    expect(addressesOf(await ask(dns.address, 'tracker.test', 'A', { from: GATEWAY_ITSELF }))).toEqual(['203.0.113.66']);
  });

  it('truncates a large UDP answer (TC) and gives it whole over TCP, asking the upstream over TCP too', async () => {
    const dns = await start();
    const udp = await ask(dns.address, 'big.test', 'A', { from: CAMERA });
    expect(udp.flag_tc).toBe(true);
    expect(udp.answers ?? []).toEqual([]);
    const tcp = await ask(dns.address, 'big.test', 'A', { from: CAMERA, transport: 'tcp' });
    expect(addressesOf(tcp)).toHaveLength(100);
    expect(upstream.asked).toContainEqual({ question: 'A big.test', transport: 'tcp' });
  });

  it('echoes EDNS and fits up to the size the client accepts over UDP', async () => {
    const dns = await start();
    expect((await ask(dns.address, 'medium.test', 'A', { from: CAMERA })).flag_tc).toBe(true);
    const response = await ask(dns.address, 'medium.test', 'A', { from: CAMERA, edns: 1232 });
    expect(response.flag_tc).toBe(false);
    expect(addressesOf(response)).toHaveLength(40);
    expect(response.additionals?.some((record) => record.type === 'OPT')).toBe(true);
  });

  it('answers NXDOMAIN for a name the upstream does not know', async () => {
    const dns = await start();
    expect(rcodeOf(await ask(dns.address, 'nowhere.test', 'A', { from: CAMERA }))).toBe(RCODE.nxDomain);
  });

  it('answers SERVFAIL, never a made-up address, when the upstream does not answer', async () => {
    const silent = await startFakeUpstream({});
    await silent.close();
    const dns = await startDnsService(
      { host: '127.0.0.1', port: 0, upstream: `127.0.0.1:${silent.port}`, answerAddresses: [STEER_TO], sinkhole: 'nxdomain', cacheEntries: 10 },
      { policy: () => policy, recorder: dnsLog, log: { warn: () => undefined } },
    );
    running.push(dns);
    const response = await ask(dns.address, 'unanswered.test', 'A', { from: CAMERA });
    expect([rcodeOf(response), addressesOf(response)]).toEqual([RCODE.servFail, []]);
  });

  it('logs the names each device resolved, and reports a device that looked up a DoH service as using its own DNS', async () => {
    const dns = await start();
    await ask(dns.address, 'dns.google', 'A', { from: CAMERA });
    await ask(dns.address, 'api.vendor.test', 'A', { from: CAMERA });
    const names = dnsLog.names('camera');
    const byName = new Map(names.map((n) => [n.name, n]));
    expect(byName.get('tracker.test')).toMatchObject({ sinkholed: 3, steered: 0, lastVerdict: 'sinkhole' });
    expect(byName.get('api.vendor.test')?.steered).toBeGreaterThanOrEqual(3);
    expect(byName.get('plain.test')).toMatchObject({ queries: 2, sinkholed: 0, lastVerdict: 'answer' });
    expect(dnsLog.names('plug').map((n) => n.name).sort()).toEqual(['api.vendor.test', 'tracker.test']);
    const report = ledger.report('camera');
    expect(report.dns.names.map((n) => n.name)).toContain('dns.google');
    expect(report.dns.ownDns).toEqual([expect.objectContaining({ kind: 'resolved-encrypted-dns', host: 'dns.google' })]);
  });
});
