import dgram from 'node:dgram';
import net from 'node:net';
import * as packet from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsCache, DnsResolver, isLocalClient, RCODE, startDnsService, upstreamAsker, type DnsQueryEvent, type RunningDns } from '../../src/dns/index.js';
import { compilePolicy, parsePolicy } from '../../src/policy/index.js';
import { ask, startFakeUpstream, type FakeUpstream } from './fake-upstream.js';

const policy = compilePolicy(parsePolicy({ version: 1 }));

/** Sends raw bytes over UDP; resolves with the answer, or undefined when none comes within `waitMs`. */
function sendRaw(dns: RunningDns, bytes: Buffer, waitMs = 300): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      resolve(undefined);
    }, waitMs);
    socket.on('message', (message) => {
      clearTimeout(timer);
      socket.close();
      resolve(message);
    });
    socket.send(bytes, dns.address.port, dns.address.host);
  });
}

describe('the DNS listener', () => {
  let upstream: FakeUpstream;
  let dns: RunningDns;
  const events: DnsQueryEvent[] = [];

  beforeAll(async () => {
    upstream = await startFakeUpstream({ 'plain.test': [{ type: 'A', name: 'plain.test', ttl: 60, data: '198.51.100.7' }] });
    dns = await startDnsService(
      { host: '127.0.0.1', port: 0, upstream: `127.0.0.1:${upstream.port}`, answerAddresses: [], sinkhole: 'nxdomain', cacheEntries: 10 },
      { policy: () => policy, recorder: { recordQuery: (event) => events.push(event) }, log: { warn: () => undefined }, isSelf: () => false },
    );
  });
  afterAll(async () => {
    await dns.close();
    await upstream.close();
  });

  it('drops a datagram that is not DNS, and keeps answering', async () => {
    expect(await sendRaw(dns, Buffer.from('GET / HTTP/1.1\r\n\r\n'))).toBeUndefined();
    const response = await ask(dns.address, 'plain.test', 'A');
    expect(response.answers?.[0]).toMatchObject({ type: 'A', data: '198.51.100.7' });
  });

  it('ignores responses sent to it (no reflection loops)', async () => {
    const response = packet.encode({ type: 'response', id: 7, questions: [{ type: 'A', name: 'plain.test' }] });
    expect(await sendRaw(dns, response)).toBeUndefined();
  });

  it('answers NOTIMP to an opcode other than QUERY and FORMERR to a query without a question', async () => {
    const notify = packet.encode({ type: 'query', id: 9, flags: 4 << 11, questions: [{ type: 'SOA', name: 'plain.test' }] });
    const empty = packet.encode({ type: 'query', id: 10, questions: [] });
    const rcode = (bytes: Buffer | undefined): number | undefined => (bytes ? (packet.decode(bytes).flags ?? 0) & 0xf : undefined);
    expect(rcode(await sendRaw(dns, notify))).toBe(RCODE.notImp);
    expect(rcode(await sendRaw(dns, empty))).toBe(RCODE.formErr);
  });

  it('answers several queries pipelined on one TCP connection', async () => {
    const answers = await new Promise<number[]>((resolve, reject) => {
      const socket = net.connect(dns.address.port, dns.address.host);
      const ids: number[] = [];
      let buffered = Buffer.alloc(0);
      socket.on('error', reject);
      socket.on('connect', () => {
        const frames = [21, 22, 23].map((id) => {
          const query = packet.encode({ type: 'query', id, flags: packet.RECURSION_DESIRED, questions: [{ type: 'A', name: 'plain.test' }] });
          const prefix = Buffer.alloc(2);
          prefix.writeUInt16BE(query.length);
          return Buffer.concat([prefix, query]);
        });
        socket.write(Buffer.concat(frames));
      });
      socket.on('data', (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
          ids.push(packet.decode(buffered.subarray(2, 2 + buffered.readUInt16BE(0))).id ?? -1);
          buffered = buffered.subarray(2 + buffered.readUInt16BE(0));
        }
        if (ids.length === 3) {
          socket.destroy();
          resolve(ids.sort());
        }
      });
    });
    expect(answers).toEqual([21, 22, 23]);
  });

  it('refuses to start when its upstream is its own listener', async () => {
    const probe = dgram.createSocket('udp4');
    const port = await new Promise<number>((resolve) => probe.bind(0, '127.0.0.1', () => resolve(probe.address().port)));
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(
      startDnsService(
        { host: '127.0.0.1', port, upstream: `127.0.0.1:${port}`, answerAddresses: [], sinkhole: 'nxdomain', cacheEntries: 10 },
        { policy: () => policy, recorder: { recordQuery: () => undefined }, log: { warn: () => undefined } },
      ),
    ).rejects.toThrow(/would ask itself/);
  });
});

describe('clients outside the home', () => {
  it.each([
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.20', true],
    ['100.64.0.1', true],
    ['127.0.0.1', true],
    ['169.254.1.1', true],
    ['fd00::5', true],
    ['fe80::1', true],
    ['::1', true],
    ['203.0.113.9', false],
    ['2001:db8::1', false],
    ['', false],
  ])('%s is a home address: %s', (address, expected) => {
    expect(isLocalClient(address)).toBe(expected);
  });

  it('are refused unless the policy names them, and are not logged', async () => {
    const upstream = await startFakeUpstream({ 'plain.test': [{ type: 'A', name: 'plain.test', ttl: 60, data: '198.51.100.7' }] });
    const events: DnsQueryEvent[] = [];
    const named = compilePolicy(parsePolicy({ version: 1, devices: [{ id: 'phone', name: 'Phone away', addresses: ['198.51.100.50'] }] }));
    const resolver = new DnsResolver({
      policy: () => named,
      ask: upstreamAsker({ host: upstream.host, port: upstream.port }),
      steering: { answerAddresses: [] },
      sinkhole: 'nxdomain',
      recorder: { recordQuery: (event) => events.push(event) },
      cache: new DnsCache(10),
    });
    try {
      expect((await resolver.resolve('203.0.113.9', { type: 'A', name: 'plain.test' })).rcode).toBe(RCODE.refused);
      expect(events).toEqual([]);
      const answered = await resolver.resolve('198.51.100.50', { type: 'A', name: 'plain.test' });
      expect([answered.rcode, answered.answers.length]).toEqual([RCODE.noError, 1]);
      expect(events.map((event) => event.device.id)).toEqual(['phone']);
    } finally {
      await upstream.close();
    }
  });
});
