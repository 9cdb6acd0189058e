import net from 'node:net';
import tls from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseClientHello } from '../../src/proxy/index.js';
import { clientAddressOf, parseAuthority } from '../../src/proxy/transport/addresses.js';

/** The first bytes a real Node TLS client sends: a genuine ClientHello, with or without SNI. */
async function captureClientHello(servername: string | undefined): Promise<Buffer> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const captured = new Promise<Buffer>((resolve) => {
    server.once('connection', (socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        const data = Buffer.concat(chunks);
        if (data.length >= 5 && data.length >= 5 + data.readUInt16BE(3)) {
          socket.destroy();
          resolve(data);
        }
      });
    });
  });
  const client = tls.connect({ host: '127.0.0.1', port, ...(servername !== undefined && { servername }) });
  client.on('error', () => undefined);
  const hello = await captured;
  client.destroy();
  server.close();
  return hello;
}

/** Re-frames one handshake message into two TLS records, as some stacks do with large hellos. */
function splitIntoTwoRecords(hello: Buffer, at: number): Buffer {
  const body = hello.subarray(5);
  const record = (part: Buffer): Buffer =>
    Buffer.concat([Buffer.from([0x16, 0x03, 0x01, part.length >> 8, part.length & 0xff]), part]);
  return Buffer.concat([record(body.subarray(0, at)), record(body.subarray(at))]);
}

let withSni: Buffer;
let withoutSni: Buffer;

beforeAll(async () => {
  [withSni, withoutSni] = await Promise.all([captureClientHello('Vendor.Test'), captureClientHello(undefined)]);
});

describe('parseClientHello', () => {
  it('reads the server name of a real ClientHello, lower-cased', () => {
    expect(parseClientHello(withSni)).toEqual({ kind: 'client-hello', serverName: 'vendor.test' });
  });

  it('reports a ClientHello without the server_name extension', () => {
    expect(parseClientHello(withoutSni)).toEqual({ kind: 'client-hello', serverName: undefined });
  });

  it('reassembles a ClientHello split across two records', () => {
    expect(parseClientHello(splitIntoTwoRecords(withSni, 40))).toEqual({ kind: 'client-hello', serverName: 'vendor.test' });
  });

  it.each([0, 1, 4, 5, 9, 60, -1])('asks for more bytes when the hello is cut at %i', (cut) => {
    const end = cut < 0 ? withSni.length + cut : cut;
    expect(parseClientHello(withSni.subarray(0, end))).toEqual({ kind: 'incomplete' });
  });

  it.each([
    ['an HTTP request', Buffer.from('GET / HTTP/1.1\r\n\r\n')],
    ['an MQTT CONNECT', Buffer.from([0x10, 0x12, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x54])],
  ])('says %s is not TLS', (_name, data) => {
    expect(parseClientHello(data)).toEqual({ kind: 'not-tls' });
  });

  it.each([
    ['an unknown record version', Buffer.from([0x16, 0x07, 0x01, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00])],
    ['a zero-length record', Buffer.from([0x16, 0x03, 0x01, 0x00, 0x00])],
    ['a ServerHello instead of a ClientHello', Buffer.from([0x16, 0x03, 0x03, 0x00, 0x04, 0x02, 0x00, 0x00, 0x00])],
    ['a hello whose fields overrun it', Buffer.from([0x16, 0x03, 0x01, 0x00, 0x06, 0x01, 0x00, 0x00, 0x02, 0x03, 0x03])],
    ['a non-handshake record in the middle', Buffer.from([0x16, 0x03, 0x01, 0x00, 0x04, 0x01, 0x00, 0x00, 0x40, 0x17, 0x03, 0x03, 0x00, 0x01, 0x00])],
    ['a ClientHello claiming more than 64 KiB', Buffer.from([0x16, 0x03, 0x01, 0x00, 0x04, 0x01, 0x01, 0x00, 0x01])],
  ])('calls %s malformed', (_name, data) => {
    expect(parseClientHello(data).kind).toBe('malformed');
  });

  it('calls a server name with control characters malformed', () => {
    const at = withSni.toString('latin1').toLowerCase().indexOf('vendor.test');
    expect(at).toBeGreaterThan(40);
    const corrupt = Buffer.from(withSni);
    corrupt[at + 2] = 0x00;
    expect(parseClientHello(corrupt).kind).toBe('malformed');
  });
});

describe('clientAddressOf', () => {
  it.each([
    ['::ffff:192.168.1.20', '192.168.1.20'],
    ['192.168.1.20', '192.168.1.20'],
    ['fe80::1', 'fe80::1'],
    [undefined, ''],
  ])('normalises %s to %j', (remoteAddress, expected) => {
    expect(clientAddressOf({ remoteAddress })).toBe(expected);
  });
});

describe('parseAuthority', () => {
  it.each([
    ['vendor.test:443', undefined, { host: 'vendor.test', port: 443 }],
    ['Vendor.Test.:8883', undefined, { host: 'vendor.test', port: 8883 }],
    ['[::1]:443', undefined, { host: '::1', port: 443 }],
    ['plain.test', 80, { host: 'plain.test', port: 80 }],
    ['plain.test', undefined, undefined],
    ['vendor.test:0', undefined, undefined],
    ['vendor.test:70000', undefined, undefined],
    ['user@vendor.test:443', undefined, undefined],
    ['[nonsense]:443', undefined, undefined],
  ])('reads %j (default port %s) as %j', (value, defaultPort, expected) => {
    expect(parseAuthority(value, defaultPort)).toEqual(expected);
  });
});
