import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../src/policy/index.js';
import { startGateway, type Gateway } from './gateway-harness.js';

/**
 * The answer's relay and the request body's read take a shortcut when Node's parser already has the whole
 * message (read-body.ts, upstream.ts `relay`): the streams must still end, or the vendor's keep-alive socket
 * never goes back to the pool and every request opens a new connection (and the pool runs dry).
 */
const POLICY: PolicyInput = {
  version: 1,
  mode: 'enforce',
  // The vendor lives on loopback: only a destination that names it lets the gateway relay there.
  destinations: [{ id: 'vendor', vendor: 'Vendor', hosts: ['vendor.test'] }],
};

const BIG = 'x'.repeat(300_000);
let vendor: http.Server;
let connections = 0;
let gateway: Gateway;

beforeAll(async () => {
  vendor = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      if (req.url === '/empty') {
        res.writeHead(204, { 'X-Vendor': 'empty' });
        res.end();
      } else if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(BIG.length) });
        res.end(BIG);
      } else if (req.url === '/chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('one;');
        setTimeout(() => res.end('two'), 10);
      } else {
        const json = JSON.stringify({ got: body, method: req.method });
        res.writeHead(200, { 'Content-Type': 'application/json', 'X-Vendor': 'echo', Connection: 'keep-alive, x-drop', 'X-Drop': '1' });
        res.end(json);
      }
    });
  });
  vendor.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => vendor.listen(0, '127.0.0.1', resolve));
  const { port } = vendor.address() as AddressInfo;
  gateway = await startGateway({
    policy: POLICY,
    pipeline: { hashKey: Buffer.from('vendor-reuse-test-key-0123456789ab') },
    routes: { 'vendor.test': port },
  });
});

afterAll(async () => {
  await gateway.close();
  vendor.closeAllConnections();
  await new Promise<void>((resolve) => vendor.close(() => resolve()));
});

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function send(method: string, path: string, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { host: 'vendor.test' };
    if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    const req = http.request({ host: '127.0.0.1', port: gateway.port, method, path: `http://vendor.test${path}`, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('one keep-alive connection to the vendor', () => {
  it('serves a run of small, empty, large and streamed exchanges, each answer whole', async () => {
    connections = 0;
    for (let i = 0; i < 12; i++) {
      const echo = await send('POST', '/ingest', JSON.stringify({ reading: i, unit: 'C' }));
      expect(echo.status).toBe(200);
      expect(JSON.parse(echo.body)).toEqual({ got: JSON.stringify({ reading: i, unit: 'C' }), method: 'POST' });
      expect(echo.headers['x-vendor']).toBe('echo');
      // Hop-by-hop headers, and those the vendor's Connection header names, stop at the gateway.
      expect(echo.headers['x-drop']).toBeUndefined();
      expect(echo.headers.via).toBe('1.1 privacy-gateway');
      const get = await send('GET', '/ingest');
      expect(JSON.parse(get.body)).toEqual({ got: '', method: 'GET' });
      const empty = await send('POST', '/empty', '');
      expect([empty.status, empty.body, empty.headers['x-vendor']]).toEqual([204, '', 'empty']);
    }
    const big = await send('GET', '/big');
    expect(big.body).toBe(BIG);
    const chunked = await send('GET', '/chunked');
    expect(chunked.body).toBe('one;two');
    // 38 exchanges, one vendor connection: each answer ended and gave its socket back to the pool.
    expect(connections).toBe(1);
    expect(gateway.records.length).toBeGreaterThanOrEqual(38);
  });
});

describe('a pooled vendor connection with a short Keep-Alive hint', () => {
  // Node lowers an idle pooled socket's timer to a vendor's `Keep-Alive: timeout=N` hint (less a second) and re-arms
  // it for the next request only when the request's timeout differs from its agent's. An agent given the request
  // timeout as its own (tried to save two timer updates per request) would keep the hint's: a vendor hinting 2 s
  // that takes 1.3 s to answer would be cut off after 1 s.
  let slow: http.Server;
  let slowGateway: Gateway;
  let slowConnections = 0;

  beforeAll(async () => {
    slow = http.createServer({ keepAliveTimeout: 10_000 }, (req, res) => {
      req.resume();
      req.on('end', () => {
        const wait = req.url === '/slow' ? 1300 : 0;
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'text/plain', 'keep-alive': 'timeout=2' });
          res.end(req.url);
        }, wait);
      });
    });
    slow.on('connection', () => (slowConnections += 1));
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const { port } = slow.address() as AddressInfo;
    slowGateway = await startGateway({
      policy: POLICY,
      pipeline: { hashKey: Buffer.from('vendor-reuse-test-key-0123456789ab') },
      routes: { 'vendor.test': port },
      upstreamTimeoutMs: 5_000,
    });
  });

  afterAll(async () => {
    await slowGateway.close();
    slow.closeAllConnections();
    await new Promise<void>((resolve) => slow.close(() => resolve()));
  });

  it('waits the request timeout on the reused connection, not the hint', async () => {
    const ask = (path: string): Promise<{ status: number; body: string }> =>
      new Promise((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port: slowGateway.port, method: 'GET', path: `http://vendor.test${path}`, headers: { host: 'vendor.test' }, agent: false },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect(await ask('/quick')).toEqual({ status: 200, body: '/quick' });
    expect(await ask('/slow')).toEqual({ status: 200, body: '/slow' });
    // The second request went over the first one's pooled connection (the case the hint's timer applies to).
    expect(slowConnections).toBe(1);
  });
});
