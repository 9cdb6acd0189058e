import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/index.js';
import { compilePolicy, evaluateConnection, parsePolicy } from '../../src/policy/index.js';
import { createRequestHandler, createUpstream, type ProxyLog, type RequestContext } from '../../src/proxy/index.js';
import { startUpstream, type Upstream } from '../helpers/upstream-servers.js';
import { HASH_KEY, LIMITS } from './pipeline-harness.js';

const quiet: ProxyLog = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Every way the pipeline answers, with a real Ledger whose timer never fires: what a client has received
 * completely must already be in the file, read by another connection the moment the answer ends.
 */
describe('answers wait for their record', () => {
  let dir: string;
  let upstream: Upstream;
  let ledger: Ledger;
  let server: http.Server;
  let url: string;
  let closeUpstreams: () => void;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pg-durable-answers-'));
    ledger = new Ledger({ file: join(dir, 'ledger.sqlite'), retentionDays: 30, flushIntervalMs: 3_600_000 });
    ledger.start();
    upstream = await startUpstream({
      respond: (request, res) => {
        if (request.path.startsWith('/stream')) {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.write('part one;');
          setTimeout(() => res.end('part two'), 30);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      },
    });
    const policy = compilePolicy(
      parsePolicy({
        version: 1,
        mode: 'enforce',
        destinations: [
          { vendor: 'Blocked', hosts: ['blocked.test'], access: 'block' },
          // The test vendors live on loopback: only a destination that names them lets the gateway relay there.
          { vendor: 'Loopback vendor', hosts: ['vendor.test', 'stream.test', 'unreachable.test'] },
        ],
        rules: [{ id: 'no-password', path: '$.password', action: 'block' }],
      }),
    );
    const resolveUpstream = (host: string) => ({ host: '127.0.0.1', port: host === 'unreachable.test' ? 1 : upstream.port });
    const forwarder = createUpstream({ limits: LIMITS, log: quiet, resolveUpstream });
    closeUpstreams = () => forwarder.close();
    const handler = createRequestHandler({ policy: () => policy, recorder: ledger, upstream: forwarder, hashKey: HASH_KEY, limits: LIMITS });
    server = http.createServer((req, res) => {
      const host = String(req.headers['x-test-host'] ?? 'vendor.test');
      const target = { clientAddress: '10.0.0.7', scheme: 'http' as const, host, port: 80 };
      const ctx: RequestContext = { target, connection: evaluateConnection(policy, target), startedAt: Date.now() };
      handler(req, res, ctx);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    closeUpstreams();
    await upstream.close();
    ledger.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Requests recorded for `host` in the file, counted by a separate connection. */
  const stored = (host: string): number => {
    const db = new BetterSqlite3(join(dir, 'ledger.sqlite'), { readonly: true });
    try {
      return (
        db.prepare<[string], { n: number | null }>('SELECT sum(forwarded + blocked + errors) AS n FROM destinations WHERE host = ?').get(host)
          ?.n ?? 0
      );
    } finally {
      db.close();
    }
  };

  /** Resolves when the answer has fully arrived, with what the file held at that moment. */
  const sendAndCount = (host: string, path: string, body: string): Promise<{ status: number; storedAtEnd: number }> =>
    new Promise((resolve, reject) => {
      const req = http.request(`${url}${path}`, {
        method: 'POST',
        headers: { 'x-test-host': host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, storedAtEnd: stored(host) }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it.each([
    ['a forwarded answer (content-length)', 'vendor.test', '/v1/t', '{"temp":21}', 200],
    ['a forwarded answer streamed in chunks', 'stream.test', '/stream', '{"temp":21}', 200],
    ['a blocked destination', 'blocked.test', '/v1/t', '{"temp":21}', 403],
    ['a blocked field', 'field.test', '/v1/t', '{"password":"x"}', 403],
    ['a refused malformed body', 'bad.test', '/v1/t', '{"temp":', 400],
    ['an unreachable vendor', 'unreachable.test', '/v1/t', '{"temp":21}', 502],
  ])('%s: the record is in the file before the client has the whole answer', async (_name, host, path, body, status) => {
    for (let i = 1; i <= 3; i++) {
      const answer = await sendAndCount(host, path, body);
      expect(answer.status).toBe(status);
      expect(answer.storedAtEnd).toBe(i);
    }
  });
});
