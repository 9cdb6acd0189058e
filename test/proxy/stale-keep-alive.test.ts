import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../src/policy/index.js';
import { startGateway, type Gateway } from './gateway-harness.js';

/**
 * A vendor closes an idle keep-alive connection just as the gateway sends the next request on it (a busy host
 * runs the pool's idle timer late). The request was never answered and its body is still in hand: the gateway
 * sends it again, once, on a fresh connection (upstream.ts `staleKeepAlive`), rather than failing the device's
 * request with 502. A vendor that resets the fresh connection too gets no third try.
 */
const POLICY: PolicyInput = {
  version: 1,
  mode: 'enforce',
  destinations: [{ id: 'vendor', vendor: 'Vendor', hosts: ['vendor.test'] }],
};

let vendor: http.Server;
let gateway: Gateway;
/** Requests seen per connection; the vendor resets a connection on its second request (or on every one). */
const seen = new Map<Socket, number>();
let resetAlways = false;
const received: string[] = [];

beforeAll(async () => {
  vendor = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    const count = (seen.get(req.socket) ?? 0) + 1;
    seen.set(req.socket, count);
    if (resetAlways || count === 2) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push(Buffer.concat(chunks).toString());
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => vendor.listen(0, '127.0.0.1', resolve));
  const { port } = vendor.address() as AddressInfo;
  gateway = await startGateway({
    policy: POLICY,
    pipeline: { hashKey: Buffer.from('stale-keep-alive-test-key-0123456') },
    routes: { 'vendor.test': port },
  });
});

afterAll(async () => {
  await gateway.close();
  vendor.closeAllConnections();
  await new Promise<void>((resolve) => vendor.close(() => resolve()));
});

function post(body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { host: 'vendor.test', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const req = http.request({ host: '127.0.0.1', port: gateway.port, method: 'POST', path: 'http://vendor.test/ingest', headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('a pooled vendor connection closed under the request', () => {
  it('sends the request again once on a fresh connection, and the device gets the answer', async () => {
    expect(await post('{"reading":1}')).toBe(200);
    // Second request on the pooled connection: the vendor resets it; the gateway retries on a new one.
    expect(await post('{"reading":2}')).toBe(200);
    expect(received).toEqual(['{"reading":1}', '{"reading":2}']);
    expect(seen.size).toBe(2);
  });

  it('answers 502 when the fresh connection is reset too: one retry, not a loop', async () => {
    resetAlways = true;
    const before = [...seen.values()].reduce((a, b) => a + b, 0);
    // The pooled socket left by the first test is reset, then the retry's fresh connection is reset as well.
    expect(await post('{"reading":3}')).toBe(502);
    const after = [...seen.values()].reduce((a, b) => a + b, 0);
    expect(after - before).toBeLessThanOrEqual(2);
  });
});
