/**
 * Idle timeouts and the uninspectable list: idle tunnels and client connections are closed after the
 * configured time (short here), and pinning is judged per client address, with evidence, across restarts.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../src/policy/index.js';
import { tlsOver } from '../helpers/proxy-clients.js';
import { startUpstream, type Upstream } from '../helpers/upstream-servers.js';
import { eventually, startGateway, type Gateway } from './gateway-harness.js';

/** CONNECT from a chosen loopback address; resolves with the socket once the 200 is in. */
function connectFrom(port: number, authority: string, localAddress: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress });
    socket.once('error', reject);
    socket.once('connect', () => socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`));
    socket.once('data', (chunk: Buffer) => {
      if (chunk.toString('latin1').startsWith('HTTP/1.1 200')) resolve(socket);
      else reject(new Error(chunk.toString('latin1')));
    });
  });
}

const closedWithin = (socket: net.Socket, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    if (socket.destroyed) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

describe('idle timeouts', () => {
  let echo: net.Server;
  let gateway: Gateway;

  beforeAll(async () => {
    echo = net.createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const port = (echo.address() as net.AddressInfo).port;
    gateway = await startGateway({
      policy: { version: 1, destinations: [{ id: 'raw', vendor: 'Raw', hosts: ['raw.test'], inspect: false }] },
      routes: { 'raw.test': port },
      idleTimeouts: { tunnelMs: 300, clientMs: 300 },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await new Promise((resolve) => echo.close(resolve));
  });

  it('closes a tunnel with no byte either way for the tunnel idle time, and records it', async () => {
    const socket = await connectFrom(gateway.port, 'raw.test:443', '127.0.0.1');
    const started = Date.now();
    expect(await closedWithin(socket, 3000)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await eventually(() => gateway.records.some((r) => r.connection.destination.host === 'raw.test'));
  });

  it('keeps a tunnel open while bytes flow, for longer than the idle time', async () => {
    const socket = await connectFrom(gateway.port, 'raw.test:443', '127.0.0.1');
    socket.on('data', () => undefined);
    for (let i = 0; i < 8; i += 1) {
      socket.write('ping');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(socket.destroyed).toBe(false);
    socket.destroy();
  });

  it('closes a client connection that sends nothing for the client idle time', async () => {
    const socket = net.connect(gateway.port, '127.0.0.1');
    socket.on('error', () => undefined);
    expect(await closedWithin(socket, 3000)).toBe(true);
  });
});

describe('the uninspectable list', () => {
  let secure: Upstream;
  let dir: string;
  const policy: PolicyInput = {
    version: 1,
    destinations: [{ id: 'pinned', vendor: 'Pinned', hosts: ['pinned.test'], onUninspectable: 'allow' }],
  };
  const start = (): Promise<Gateway> =>
    startGateway({ policy, upstreamCa: [secure.caPem], routes: { 'pinned.test': secure.port }, uninspectableFile: join(dir, 'uninspectable.json') });

  beforeAll(async () => {
    secure = await startUpstream({ tls: true, hostnames: ['pinned.test'] });
    dir = mkdtempSync(join(tmpdir(), 'pg-uninspectable-'));
  });
  afterAll(async () => {
    await secure.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A pinning device: trusts only the vendor's CA, so it rejects the gateway's certificate. */
  const pinFrom = async (gateway: Gateway, address: string): Promise<void> => {
    const socket = await connectFrom(gateway.port, 'pinned.test:443', address);
    await tlsOver(socket, 'pinned.test', [secure.caPem]).then(
      (client) => client.destroy(),
      () => undefined,
    );
  };

  it('marks the client that pins, not every client that matches no device', async () => {
    const gateway = await start();
    try {
      await pinFrom(gateway, '127.0.0.3');
      await new Promise((resolve) => setTimeout(resolve, 100));
      await pinFrom(gateway, '127.0.0.3');
      await eventually(() => gateway.uninspectable().length === 1);
      const [entry] = gateway.uninspectable();
      expect(entry).toMatchObject({ clientAddress: '127.0.0.3', deviceId: 'default', host: 'pinned.test' });
      expect(entry?.evidence).toMatch(/TLS alert|silent closes/);
      const record = gateway.records.find((r) => r.inspectable === false);
      expect(record?.connection.explanation.reason).toContain(entry?.evidence ?? '?');

      // Another unknown client is still intercepted: it gets the gateway's certificate.
      const other = await connectFrom(gateway.port, 'pinned.test:443', '127.0.0.4');
      const intercepted = await tlsOver(other, 'pinned.test', [gateway.ca.caPem]);
      intercepted.destroy();
    } finally {
      await gateway.close();
    }
  });

  it('remembers it across a restart, in a 0600 file', async () => {
    const file = join(dir, 'uninspectable.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1, entries: [{ clientAddress: '127.0.0.3', host: 'pinned.test' }] });
    const gateway = await start();
    try {
      expect(gateway.uninspectable()).toHaveLength(1);
      // The pinning client is tunnelled at once: it sees the vendor's own certificate.
      const socket = await connectFrom(gateway.port, 'pinned.test:443', '127.0.0.3');
      const tunnelled = await tlsOver(socket, 'pinned.test', [secure.caPem]);
      tunnelled.destroy();
      await eventually(() => gateway.records.some((r) => r.connection.verdict === 'tunnel'));
    } finally {
      await gateway.close();
    }
  });
});
