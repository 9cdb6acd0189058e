import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/index.js';
import { compilePolicy, parsePolicy } from '../../src/policy/index.js';
import { CertificateAuthority, createProxy, type GatewayProxy, type ProxyLog } from '../../src/proxy/index.js';

const quiet: ProxyLog = { debug() {}, info() {}, warn() {}, error() {} };
const LIMITS = { maxBodyBytes: 1024 * 1024, maxDecodedBytes: 4 * 1024 * 1024, maxJsonDepth: 64, upstreamTimeoutMs: 2000 };

/** The whole answer to a CONNECT, read until the gateway closes the socket. */
function connect(port: number, authority: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

/**
 * Refusals the transport answers itself (a CONNECT to a blocked destination, to a local address nobody
 * named), with a real Ledger whose timer never fires: once the client has the refusal, another connection
 * to the file already sees the record.
 */
describe('transport refusals wait for their record', () => {
  let dir: string;
  let ledger: Ledger;
  let proxy: GatewayProxy;
  let port: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-durable-refusals-'));
    ledger = new Ledger({ file: join(dir, 'ledger.sqlite'), retentionDays: 30, flushIntervalMs: 3_600_000 });
    ledger.start();
    const ca = await CertificateAuthority.loadOrCreate(join(dir, 'ca'));
    const policy = compilePolicy(
      parsePolicy({ version: 1, mode: 'enforce', destinations: [{ vendor: 'Tracker', hosts: ['tracker.test'], access: 'block' }] }),
    );
    proxy = createProxy({ ca, policy: () => policy, recorder: ledger, handler: (_req, res) => res.writeHead(501).end(), limits: LIMITS, log: quiet });
    port = (await proxy.listen({ host: '127.0.0.1', port: 0 })).proxy.port;
  });

  afterAll(async () => {
    await proxy.close();
    ledger.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['a blocked destination', 'tracker.test:443'],
    ['a local address no destination names', '10.1.2.3:443'],
  ])('%s: the 403 reaches the client only after its record is in the file', async (_name, authority) => {
    const answer = await connect(port, authority);
    expect(answer).toMatch(/^HTTP\/1\.1 403 /);
    const db = new BetterSqlite3(join(dir, 'ledger.sqlite'), { readonly: true });
    try {
      const host = authority.split(':')[0];
      const row = db.prepare<[string], { blocked: number }>('SELECT sum(blocked) AS blocked FROM destinations WHERE host = ?').get(host ?? '');
      expect(row?.blocked).toBe(1);
    } finally {
      db.close();
    }
  });
});
