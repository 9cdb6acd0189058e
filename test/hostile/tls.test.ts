/**
 * Malformed and unusual TLS ClientHellos, odd server names and fronting: each is refused (never
 * tunnelled unread, whatever onUninspectable says), recorded, and the gateway keeps serving.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectThrough, rawRequest, tlsOver } from '../helpers/proxy-clients.js';
import { startUpstream, type Upstream } from '../helpers/upstream-servers.js';
import { clientHello, type HelloShape } from './client-hello.js';
import { ALIVE_HOST, connectThen, eventuallyTrue, exchange, expectStillServing, recordedWith, startHostile, type HostileGateway } from './harness.js';

let h: HostileGateway;
let secure: Upstream;
/** A raw TCP server standing in for the vendor: counts every connection a tunnel would open. */
let vendor: net.Server;
let vendorConnections = 0;

beforeAll(async () => {
  vendor = net.createServer((socket) => {
    vendorConnections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => vendor.listen(0, '127.0.0.1', resolve));
  secure = await startUpstream({ tls: true, hostnames: ['secure.test'] });
  h = await startHostile({
    version: 1,
    mode: 'enforce',
    destinations: [
      { id: 'alive', vendor: 'Echo', hosts: [ALIVE_HOST] },
      // onUninspectable: allow is the default that used to let an unreadable hello through.
      { id: 'vendor', vendor: 'Vendor', hosts: ['vendor.test', 'other.test'], onUninspectable: 'allow' },
      { id: 'tracker', vendor: 'Tracker', hosts: ['tracker.test'], access: 'block' },
      { id: 'secure', vendor: 'Secure', hosts: ['secure.test'] },
    ],
  }, { upstreamCa: [secure.caPem] });
  const port = (vendor.address() as net.AddressInfo).port;
  Object.assign(h.routes, { 'vendor.test': port, 'other.test': port, 'secure.test': secure.port });
});

afterAll(async () => {
  await h.close();
  await new Promise((resolve) => vendor.close(resolve));
  await secure.close();
});

const MALFORMED: [string, HelloShape | Buffer][] = [
  ['an exclamation mark in the server name', { names: ['vend!or.test'] }],
  ['a space in the server name', { names: ['vendor .test'] }],
  ['UTF-8 in the server name', { names: [Buffer.from('bücher.test', 'utf8')] }],
  ['a NUL byte in the server name', { names: [Buffer.from('vendor.test\u0000.evil', 'latin1')] }],
  ['an empty server name', { names: [''] }],
  ['an empty label', { names: ['vendor..test'] }],
  ['a label of 64 characters', { names: [`${'a'.repeat(64)}.test`] }],
  ['a 300-character server name', { names: [`${'abcdefghi.'.repeat(30)}test`] }],
  ['a wildcard server name', { names: ['*.vendor.test'] }],
  ['a server name with a port', { names: ['vendor.test:443'] }],
  ['a percent-encoded server name', { names: ['%76endor.test'] }],
  ['two host names in one extension', { names: ['vendor.test', 'tracker.test'] }],
  ['two server_name extensions', { names: ['vendor.test'], duplicateExtension: true }],
  ['bytes after the server name list', { names: ['vendor.test'], trailingInExtension: 3 }],
  ['an extensions block longer than the hello', { names: ['vendor.test'], overrunExtensions: true }],
  ['a session id longer than 32 bytes', { sessionIdLength: 40 }],
  ['an odd cipher suite list', { suitesLength: 3 }],
  ['an empty cipher suite list', { suitesLength: 0 }],
  ['a handshake that is not a ClientHello', { handshakeType: 2 }],
  ['record version 2', { recordVersionMajor: 2 }],
  ['a zero-length record', Buffer.from([0x16, 0x03, 0x01, 0x00, 0x00])],
  ['a record longer than TLS allows', Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x50, 0x00]), Buffer.alloc(64, 1)])],
];

describe('a malformed or unusual ClientHello through CONNECT', () => {
  it.each(MALFORMED)('with %s is refused with an alert, never tunnelled', async (_name, shape) => {
    const hello = Buffer.isBuffer(shape) ? shape : clientHello(shape);
    const from = h.gateway.records.length;
    const before = vendorConnections;
    const answer = await connectThen(h.gateway.port, 'vendor.test:443', hello);
    expect(answer.statuses).toEqual([200]);
    const afterEstablished = answer.bytes.subarray(answer.bytes.indexOf('\r\n\r\n') + 4);
    expect([...afterEstablished]).toEqual([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 49]); // fatal access_denied
    await eventuallyTrue(() => recordedWith(h, from, 'gateway:client-hello-invalid').length === 1);
    expect(vendorConnections).toBe(before);
    await expectStillServing(h);
  });
});

describe('a malformed or unusual ClientHello on the transparent TLS listener', () => {
  it.each(MALFORMED)('with %s is refused with an alert and recorded', async (_name, shape) => {
    const hello = Buffer.isBuffer(shape) ? shape : clientHello(shape);
    const from = h.gateway.records.length;
    const before = vendorConnections;
    const answer = await exchange(h.gateway.addresses.transparentTls?.port ?? 0, hello);
    expect([...answer.bytes]).toEqual([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 112]); // fatal unrecognized_name
    await eventuallyTrue(() => recordedWith(h, from, 'gateway:client-hello-invalid').length === 1);
    expect(vendorConnections).toBe(before);
    await expectStillServing(h);
  });
});

describe('domain fronting', () => {
  it.each([
    ['SNI naming another allowed host', 'vendor.test:443', 'other.test'],
    ['SNI naming a blocked host', 'vendor.test:443', 'tracker.test'],
    ['SNI naming the alive host', 'other.test:443', ALIVE_HOST],
  ])('a CONNECT with %s is refused (sni-mismatch)', async (_name, authority, sni) => {
    const from = h.gateway.records.length;
    const answer = await connectThen(h.gateway.port, authority, clientHello({ names: [sni] }));
    expect(answer.statuses).toEqual([200]);
    expect(answer.bytes.at(-1)).toBe(49);
    await eventuallyTrue(() => recordedWith(h, from, 'gateway:sni-mismatch').length === 1);
    await expectStillServing(h);
  });

  it.each([
    ['a Host header naming a blocked host', 'tracker.test'],
    ['a Host header naming another allowed host', 'other.test'],
    ['a Host header that is no host', 'a!b.test'],
    ['an absolute-form target naming another host', undefined],
  ])('an intercepted request with %s is refused with 421', async (_name, host) => {
    const from = h.gateway.records.length;
    const { socket } = await connectThrough(h.gateway.port, `${ALIVE_HOST}:443`);
    const client = await tlsOver(socket, ALIVE_HOST, [h.gateway.ca.caPem]);
    const request =
      host === undefined
        ? `GET http://tracker.test/x HTTP/1.1\r\nHost: ${ALIVE_HOST}\r\nConnection: close\r\n\r\n`
        : `GET /x HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
    const response = await rawRequest(client, request);
    expect(response).toMatch(/^HTTP\/1\.1 421 /);
    expect(response).toContain('x-privacy-gateway-rule: gateway:host-mismatch');
    expect(recordedWith(h, from, 'gateway:host-mismatch')).toHaveLength(1);
    expect(h.upstream.received.some((r) => r.path === '/x')).toBe(false);
    await expectStillServing(h);
  });

  it('a request naming another host after requests naming the right one, on the same connection, is refused with 421', async () => {
    const from = h.gateway.records.length;
    const answer = await exchange(h.gateway.port, [
      `CONNECT ${ALIVE_HOST}:80 HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /first HTTP/1.1\r\nHost: ${ALIVE_HOST}\r\n\r\n`,
      `GET /second HTTP/1.1\r\nHost: ${ALIVE_HOST}\r\n\r\n`,
      'GET /fronted-later HTTP/1.1\r\nHost: tracker.test\r\nConnection: close\r\n\r\n',
    ], { gapMs: 50 });
    expect(answer.statuses).toEqual([200, 200, 200, 421]);
    expect(recordedWith(h, from, 'gateway:host-mismatch')).toHaveLength(1);
    expect(h.upstream.received.some((r) => r.path === '/fronted-later')).toBe(false);
    await expectStillServing(h);
  });

  it('plain HTTP inside CONNECT naming another host is refused with 421', async () => {
    const answer = await exchange(h.gateway.port, [
      `CONNECT ${ALIVE_HOST}:80 HTTP/1.1\r\nHost: x\r\n\r\n`,
      'GET /fronted HTTP/1.1\r\nHost: tracker.test\r\nConnection: close\r\n\r\n',
    ], { gapMs: 50 });
    expect(answer.statuses).toEqual([200, 421]);
    expect(h.upstream.received.some((r) => r.path === '/fronted')).toBe(false);
    await expectStillServing(h);
  });

  it('an absolute-form request with another Host header reaches the vendor with the judged Host', async () => {
    const answer = await exchange(h.gateway.port, `GET http://${ALIVE_HOST}/judged HTTP/1.1\r\nHost: tracker.test\r\nConnection: close\r\n\r\n`);
    expect(answer.statuses).toEqual([200]);
    expect(h.upstream.received.at(-1)).toMatchObject({ path: '/judged', headers: { host: ALIVE_HOST } });
  });

  it('a real TLS client whose SNI and Host agree is served', async () => {
    const { socket } = await connectThrough(h.gateway.port, 'secure.test:443');
    const client = await tlsOver(socket, 'secure.test', [h.gateway.ca.caPem]);
    const response = await rawRequest(client, 'GET /agreed HTTP/1.1\r\nHost: SECURE.test.\r\nConnection: close\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(secure.received.at(-1)).toMatchObject({ path: '/agreed', headers: { host: 'secure.test' } });
  });
});
