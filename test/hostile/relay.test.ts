/**
 * Relay attempts: the gateway's own ports, the Home Assistant it reports to, loopback and LAN addresses
 * and names that resolve there (DNS rebinding), and clients that match no device. Monitor mode, the
 * default: none of these are privacy choices, so they hold there too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADD_DEVICE_HINT } from '../../src/proxy/index.js';
import { startUpstream, type Upstream } from '../helpers/upstream-servers.js';
import {
  absoluteForm,
  ALIVE_HOST,
  eventuallyTrue,
  exchange,
  expectStillServing,
  originForm,
  recordedWith,
  ruleOf,
  startHostile,
  type HostileGateway,
} from './harness.js';

let homeAssistant: Upstream;
let lan: Upstream;
let h: HostileGateway;

beforeAll(async () => {
  [homeAssistant, lan] = await Promise.all([startUpstream(), startUpstream()]);
  h = await startHostile(
    {
      version: 1,
      mode: 'monitor',
      destinations: [
        { id: 'alive', vendor: 'Echo', hosts: [ALIVE_HOST] },
        // The owner named loopback (a local service): still never the gateway itself or Home Assistant.
        { id: 'local-service', vendor: 'Local service', hosts: ['127.0.0.1', 'nas.test'] },
        { id: 'opaque', vendor: 'Tunnelled', hosts: ['tunnel.test', 'rebind-tunnel.test'], inspect: false },
      ],
    },
    { protect: [{ host: '127.0.0.1', port: 0, what: 'home-assistant' }] },
  );
  h.gateway.guard.protect({ host: '127.0.0.1', port: homeAssistant.port, what: 'home-assistant' });
  Object.assign(h.routes, { 'nas.test': lan.port, 'rebind.test': lan.port, 'rebind-tunnel.test': lan.port, 'ha.test': homeAssistant.port });
});

afterAll(async () => {
  await h.close();
  await Promise.all([homeAssistant.close(), lan.close()]);
});

const ownPorts = (): [string, number][] => [
  ['the proxy', h.gateway.port],
  ['the transparent HTTP listener', h.gateway.addresses.transparentHttp?.port ?? 0],
  ['the transparent TLS listener', h.gateway.addresses.transparentTls?.port ?? 0],
];

describe('relaying to the gateway itself', () => {
  it.each(['127.0.0.1', '127.1', '0x7f000001', '[::ffff:127.0.0.1]', '127.0.0.2', '0.0.0.0', '[::1]', '0'])(
    'is refused for %s on each of its ports, in absolute-form and CONNECT',
    async (host) => {
      for (const [, port] of ownPorts()) {
        const from = h.gateway.records.length;
        const absolute = await exchange(h.gateway.port, absoluteForm(`${host}:${port}`));
        expect(absolute.statuses).toEqual([403]);
        const connect = await exchange(h.gateway.port, `CONNECT ${host}:${port} HTTP/1.1\r\nHost: x\r\n\r\n`);
        expect(connect.statuses).toEqual([403]);
        expect(ruleOf(absolute)).toBe('gateway:self');
        expect(ruleOf(connect)).toBe('gateway:self');
        expect(recordedWith(h, from, 'gateway:self')).toHaveLength(2);
      }
      await expectStillServing(h);
    },
  );
});

describe('relaying to the linked Home Assistant', () => {
  it.each([
    ['absolute-form', (port: number) => absoluteForm(`127.0.0.1:${port}`)],
    ['absolute-form, another spelling', (port: number) => absoluteForm(`2130706433:${port}`)],
    ['CONNECT', (port: number) => `CONNECT 127.0.0.1:${port} HTTP/1.1\r\nHost: x\r\n\r\n`],
    ['CONNECT to a name that resolves to it', () => `CONNECT ha.test:443 HTTP/1.1\r\nHost: x\r\n\r\n`],
  ])('is refused in %s even though 127.0.0.1 is a named destination', async (_name, request) => {
    const answer = await exchange(h.gateway.port, request(homeAssistant.port));
    if (answer.statuses[0] === 200) {
      // CONNECT to a name is intercepted first; its requests are then refused before any byte goes out.
      expect(homeAssistant.received).toHaveLength(0);
    } else {
      expect(answer.statuses).toEqual([403]);
      expect(ruleOf(answer)).toBe('gateway:home-assistant');
    }
    expect(homeAssistant.received).toHaveLength(0);
    await expectStillServing(h);
  });

  it('is refused through the transparent Host header and by a name that resolves to it', async () => {
    const transparent = h.gateway.addresses.transparentHttp?.port ?? 0;
    const byHost = await exchange(transparent, originForm(`127.0.0.1:${homeAssistant.port}`));
    expect(ruleOf(byHost)).toBe('gateway:home-assistant');
    const byName = await exchange(h.gateway.port, absoluteForm('ha.test'));
    expect(byName.statuses).toEqual([403]);
    expect(ruleOf(byName)).toBe('gateway:home-assistant');
    expect(homeAssistant.received).toHaveLength(0);
    await expectStillServing(h);
  });
});

describe('relaying to loopback, link-local and LAN addresses nobody named', () => {
  it.each([
    '127.0.0.2:80',
    '127.255.255.254:80',
    '[::1]:80',
    '0.0.0.0:80',
    '0:80',
    '10.0.0.1:80',
    '10.1.2.3:8080',
    '172.16.0.1:80',
    '172.31.255.255:80',
    '192.168.1.1:80',
    '0xc0a80101:80',
    '169.254.169.254:80',
    '100.64.0.1:80',
    '[fe80::1]:80',
    '[fc00::1]:80',
    '[fd12:3456::1]:80',
    '224.0.0.1:80',
    '255.255.255.255:80',
    '[::]:80',
    '[::ffff:10.0.0.1]:80',
    '[::ffff:192.168.1.1]:80',
    '[64:ff9b::a00:1]:80',
    '[::127.0.0.1]:80',
  ])('%s is refused on every listener, and recorded', async (authority) => {
    const from = h.gateway.records.length;
    const absolute = await exchange(h.gateway.port, absoluteForm(authority));
    expect(absolute.statuses).toEqual([403]);
    expect(ruleOf(absolute)).toBe('gateway:local-destination');
    const connect = await exchange(h.gateway.port, `CONNECT ${authority} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(connect.statuses).toEqual([403]);
    const transparent = await exchange(h.gateway.addresses.transparentHttp?.port ?? 0, originForm(authority));
    expect(transparent.statuses).toEqual([403]);
    expect(recordedWith(h, from, 'gateway:local-destination')).toHaveLength(3);
    await expectStillServing(h);
  });

  it.each([
    ['absolute-form to a name resolving to loopback', () => absoluteForm('rebind.test')],
    ['absolute-form to localhost', () => absoluteForm(`localhost:${lan.port}`)],
  ])('%s is refused as DNS rebinding', async (_name, request) => {
    const from = h.gateway.records.length;
    const answer = await exchange(h.gateway.port, request());
    expect(answer.statuses).toEqual([403]);
    expect(ruleOf(answer)).toBe('gateway:resolved-local');
    expect(answer.text).toContain('DESTINATION_REFUSED');
    expect(lan.received).toHaveLength(0);
    expect(h.gateway.records.slice(from).some((r) => r.error?.code === 'DESTINATION_REFUSED')).toBe(true);
    await expectStillServing(h);
  });

  it('closes a CONNECT whose uninspectable protocol would be tunnelled to a name resolving to loopback', async () => {
    const from = h.gateway.records.length;
    // An MQTT CONNECT packet: neither TLS nor HTTP, so onUninspectable (allow) would tunnel it.
    const mqtt = Buffer.from([0x10, 0x0c, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, 0x02, 0x00, 0x3c, 0x00, 0x00]);
    const answer = await exchange(h.gateway.port, ['CONNECT rebind.test:1883 HTTP/1.1\r\nHost: x\r\n\r\n', mqtt], { gapMs: 50 });
    expect(answer.statuses).toEqual([200]);
    expect(answer.bytes.length).toBe('HTTP/1.1 200 Connection Established\r\n\r\n'.length);
    await eventuallyTrue(() => recordedWith(h, from, 'gateway:resolved-local').length === 1);
    await expectStillServing(h);
  });

  it('relays to a loopback name the policy names explicitly', async () => {
    const answer = await exchange(h.gateway.port, absoluteForm('nas.test', '/named'));
    expect(answer.statuses).toEqual([200]);
    expect(lan.received.at(-1)?.path).toBe('/named');
  });
});

describe('clients that match no device while the gateway listens beyond loopback', () => {
  let strict: HostileGateway;
  let welcoming: HostileGateway;
  const policy = (accept: boolean) => ({
    version: 1 as const,
    destinations: [{ id: 'alive', vendor: 'Echo', hosts: [ALIVE_HOST] }],
    defaultProfile: { acceptUnknownClients: accept },
    devices: [{ id: 'known', name: 'Known device', addresses: ['127.0.0.1'] }],
  });

  beforeAll(async () => {
    [strict, welcoming] = await Promise.all([
      startHostile(policy(false), { refuseUnknownClients: true }),
      startHostile(policy(true), { refuseUnknownClients: true }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([strict.close(), welcoming.close()]);
  });

  it.each([
    ['absolute-form', (g: HostileGateway) => [g.gateway.port, absoluteForm(ALIVE_HOST)] as const],
    ['CONNECT', (g: HostileGateway) => [g.gateway.port, `CONNECT ${ALIVE_HOST}:443 HTTP/1.1\r\nHost: x\r\n\r\n`] as const],
    ['transparent Host', (g: HostileGateway) => [g.gateway.addresses.transparentHttp?.port ?? 0, originForm(ALIVE_HOST)] as const],
  ])('are refused in %s with a body saying how to add them, and recorded', async (_name, request) => {
    const [port, payload] = request(strict);
    const from = strict.gateway.records.length;
    const refused = await exchange(port, payload, { localAddress: '127.0.0.9' });
    expect(refused.statuses).toEqual([403]);
    expect(ruleOf(refused)).toBe('gateway:unknown-client');
    expect(refused.text).toContain(ADD_DEVICE_HINT.slice(0, 40));
    expect(recordedWith(strict, from, 'gateway:unknown-client')[0]?.connection.client.address).toBe('127.0.0.9');
    // The known device is served, and so is the unknown client when the default profile accepts it.
    await expectStillServing(strict);
    const [openPort, openPayload] = request(welcoming);
    const served = await exchange(openPort, openPayload, { localAddress: '127.0.0.9', waitMs: 500 });
    expect(served.statuses[0]).toBe(200);
  });
});
