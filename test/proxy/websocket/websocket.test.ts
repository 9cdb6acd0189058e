import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { FlowRecord } from '../../../src/ledger/index.js';
import { compilePolicy, parsePolicy, type PolicyInput } from '../../../src/policy/index.js';
import { CertificateAuthority, createProxy, upgradeOnDemand, type GatewayProxy, type ProxyAddresses, type ProxyLog } from '../../../src/proxy/index.js';
import { startUpstream, type Upstream } from '../../helpers/upstream-servers.js';

const VENDOR = 'vendor.test';
const UNNAMED = 'unnamed.test';
const POLICY: PolicyInput = {
  version: 1,
  mode: 'enforce',
  destinations: [{ vendor: 'Test vendor', hosts: [VENDOR] }],
  rules: [
    { id: 'redact-ssid', path: '$.ssid', action: 'redact' },
    { id: 'block-position', path: '$.lat', action: 'block' },
    { id: 'hash-token', path: '$query.token', action: 'hash' },
    { id: 'block-position-in-query', path: '$query.lat', action: 'block' },
  ],
};
const silent: ProxyLog = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A vendor WebSocket server: keeps what it received and the request URL, picks the first subprotocol. */
class VendorSockets {
  readonly received: string[] = [];
  readonly urls: string[] = [];
  readonly sockets: WebSocket[] = [];
  readonly server = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => [...protocols][0] ?? false });
  private waiters: (() => void)[] = [];

  constructor() {
    this.server.on('connection', (socket, req) => {
      this.urls.push(req.url ?? '');
      this.sockets.push(socket);
      socket.on('message', (data, isBinary) => {
        this.received.push(isBinary ? `binary:${Buffer.from(data as Buffer).toString('hex')}` : String(data));
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
  }

  async count(n: number): Promise<string[]> {
    while (this.received.length < n) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.received;
  }
}

function open(url: string, options: ConstructorParameters<typeof WebSocket>[2] & object, protocols: string[] = []): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols, options);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('WebSocket upgrades through the gateway', () => {
  let plainVendor: VendorSockets;
  let tlsVendor: VendorSockets;
  let plain: Upstream;
  let secure: Upstream;
  let proxy: GatewayProxy;
  let addresses: ProxyAddresses;
  let caPem: string;
  let dir: string;
  const records: FlowRecord[] = [];
  /** Commits the ledger would make: released on the next turn, or kept while a test holds them. */
  const commits = { holding: false, waiting: [] as (() => void)[] };

  beforeAll(async () => {
    plainVendor = new VendorSockets();
    tlsVendor = new VendorSockets();
    plain = await startUpstream({ upgrade: (req, socket, head) => plainVendor.server.handleUpgrade(req, socket, head, (ws) => plainVendor.server.emit('connection', ws, req)) });
    secure = await startUpstream({ tls: true, upgrade: (req, socket, head) => tlsVendor.server.handleUpgrade(req, socket, head, (ws) => tlsVendor.server.emit('connection', ws, req)) });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pg-ws-'));
    const ca = await CertificateAuthority.loadOrCreate(dir);
    caPem = ca.caPem;
    const compiled = compilePolicy(parsePolicy(POLICY));
    const recorder = {
      record: (record: FlowRecord) => void records.push(record),
      recordDurably: (record: FlowRecord, stored: () => void) => {
        records.push(record);
        if (commits.holding) commits.waiting.push(stored);
        else setImmediate(stored);
      },
    };
    const limits = { maxBodyBytes: 1024 * 1024, maxDecodedBytes: 4 * 1024 * 1024, maxJsonDepth: 64, upstreamTimeoutMs: 5000 };
    // UNNAMED reaches the same loopback vendor, but no destination names it: the no-relay rules apply.
    const resolveUpstream = (host: string, port: number) =>
      host === VENDOR || host === UNNAMED ? { host: '127.0.0.1', port: port === 443 ? secure.port : plain.port } : { host, port };
    // As main.ts wires it: the pipeline loads on the first upgrade (the first test's), then serves the rest.
    const upgrade = upgradeOnDemand({ policy: () => compiled, recorder, hashKey: Buffer.alloc(32, 3), limits, log: silent, upstreamCa: [secure.caPem], resolveUpstream });
    proxy = createProxy({ ca, policy: () => compiled, recorder, handler: (_req, res) => res.writeHead(501).end(), upgrade, limits, log: silent, resolveUpstream });
    addresses = await proxy.listen({ host: '127.0.0.1', port: 0, transparentHttpPort: 0, transparentTlsPort: 0 });
  });

  afterAll(async () => {
    await proxy?.close();
    await plain?.close();
    await secure?.close();
    if (dir !== undefined) await fs.rm(dir, { recursive: true, force: true });
  });

  const plainUrl = (pathAndQuery: string): string => `ws://127.0.0.1:${addresses.transparentHttp?.port ?? 0}${pathAndQuery}`;

  it('edits JSON text frames, hashes the handshake query and drops a blocked frame', async () => {
    const device = await open(plainUrl('/socket?token=abc123&v=2'), { headers: { host: VENDOR } });
    device.send(JSON.stringify({ ssid: 'Home-WiFi', temp: 21 }));
    device.send(JSON.stringify({ lat: 52.1, lon: 4.3 }));
    device.send(JSON.stringify({ ok: 1 }));
    device.send(Buffer.from([0xde, 0xad]), { binary: true });
    const received = await plainVendor.count(3);
    expect(received).toEqual(['{"ssid":"[redacted:network]","temp":21}', '{"ok":1}', 'binary:dead']);
    expect(plainVendor.urls[0]).toMatch(/^\/socket\?token=pg_[\w-]+&v=2$/);
    device.close(1000);
    await new Promise((resolve) => device.once('close', resolve));
    const blocked = records.find((r) => r.method === 'WS MESSAGE' && r.decision?.verdict === 'block');
    expect(blocked?.decision?.block?.ruleId).toBe('block-position');
    expect(blocked?.connection.destination).toMatchObject({ host: VENDOR, scheme: 'http' });
  });

  it('sends a judged frame on only once its record is committed, and the frames behind it after it', async () => {
    const device = await open(plainUrl('/held'), { headers: { host: VENDOR } });
    const before = plainVendor.received.length;
    commits.holding = true;
    try {
      device.send(JSON.stringify({ ssid: 'Held-Net' }));
      device.send(Buffer.from([0xbe, 0xef]), { binary: true });
      while (!records.some((r) => r.method === 'WS MESSAGE' && r.path === '/held')) await new Promise((r) => setTimeout(r, 10));
      // The binary frame has no record of its own, but it came after the held one: it waits too.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(plainVendor.received.length).toBe(before);
    } finally {
      commits.holding = false;
      for (const stored of commits.waiting.splice(0)) stored();
    }
    expect((await plainVendor.count(before + 2)).slice(before)).toEqual(['{"ssid":"[redacted:network]"}', 'binary:beef']);
    device.close(1000);
  });

  it('observes the vendor\'s frames without editing them and records the session at close', async () => {
    const device = await open(plainUrl('/events'), { headers: { host: VENDOR } });
    const arrived = new Promise<string>((resolve) => device.once('message', (data) => resolve(String(data))));
    const command = JSON.stringify({ cmd: 'reboot', ssid: 'Home-WiFi' });
    plainVendor.sockets.at(-1)?.send(command);
    expect(await arrived).toBe(command);
    device.close(1000);
    await new Promise((resolve) => device.once('close', resolve));
    const inbound = records.find((r) => r.method === 'INBOUND WS MESSAGE' && r.path === '/events');
    expect(inbound?.decision?.fields.find((f) => f.path === '$.ssid')).toMatchObject({ action: 'redact', applied: false });
    while (!records.some((r) => r.method === 'GET' && r.path === '/events')) await new Promise((r) => setTimeout(r, 10));
    expect(records.find((r) => r.method === 'GET' && r.path === '/events')?.bytesDown).toBe(command.length);
  });

  it('relays wss through the TLS listener with the gateway\'s CA and the vendor\'s subprotocol', async () => {
    const url = `wss://127.0.0.1:${addresses.transparentTls?.port ?? 0}/live`;
    // ws passes servername on to tls.connect; its option type does not list it.
    const tlsOptions = { servername: VENDOR, ca: caPem, headers: { host: VENDOR } };
    const device = await open(url, tlsOptions, ['v2.json', 'v1.json']);
    expect(device.protocol).toBe('v2.json');
    device.send(JSON.stringify({ ssid: 'Attic' }));
    expect(await tlsVendor.count(1)).toEqual(['{"ssid":"[redacted:network]"}']);
    device.close(1000);
    expect(records.some((r) => r.method === 'WS MESSAGE' && r.connection.destination.scheme === 'https' && r.path === '/live')).toBe(true);
  });

  it('refuses an upgrade to a name on this machine that no destination names, as HTTP is refused', async () => {
    const before = plainVendor.urls.length;
    const failure = await open(plainUrl('/socket'), { headers: { host: UNNAMED } }).then(
      () => 'opened',
      (error: unknown) => String(error),
    );
    expect(failure).toMatch(/403/);
    expect(plainVendor.urls.length).toBe(before);
    const refused = records.find((r) => r.connection.destination.host === UNNAMED);
    expect(refused?.error).toMatchObject({ code: 'DESTINATION_REFUSED', message: expect.stringContaining('unnamed.test resolves to 127.0.0.1') });
  });

  it('refuses the upgrade with 403 when the handshake breaks the policy', async () => {
    const refused = open(plainUrl('/socket?lat=52.1'), { headers: { host: VENDOR } });
    await expect(refused).rejects.toThrow(/403/);
    expect(records.find((r) => r.method === 'GET' && r.path === '/socket' && r.decision?.verdict === 'block')?.decision?.block?.ruleId).toBe(
      'block-position-in-query',
    );
  });
});
