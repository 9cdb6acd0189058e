/**
 * The traffic knowledge on what the real gateway records: three devices (each its own loopback address,
 * real curl) send telemetry through the proxy; the ledger file it leaves behind names the field that
 * carries each device's own serial an identifier, without holding one raw serial.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { LedgerTrafficKnowledge } from '../../src/ledger/index.js';
import { Gateway } from '../../src/main.js';
import { DEFAULT_POLICY_INPUT } from '../../src/policy/index.js';
import { curl } from '../helpers/proxy-clients.js';
import { startUpstream, type Upstream } from '../helpers/upstream-servers.js';

const PLUGS = [
  { id: 'plug-a', address: '127.0.0.2', serial: 'KP115-7A1X0' },
  { id: 'plug-b', address: '127.0.0.3', serial: 'KP115-7B2Y1' },
  { id: 'plug-c', address: '127.0.0.4', serial: 'KP115-7C3Z2' },
];
const REQUESTS = 10;
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('LedgerTrafficKnowledge on the gateway\'s own ledger', () => {
  let dir: string;
  let upstream: Upstream;
  let knowledge: LedgerTrafficKnowledge;
  let host: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pg-traffic-'));
    upstream = await startUpstream();
    host = new URL(upstream.url).hostname;
    const devices = PLUGS.map(({ id, address }) => ({ id, name: id, addresses: [address] }));
    // The upstream is on loopback: only a destination that names it lets the gateway relay there.
    const destinations = [{ id: 'loopback-vendor', vendor: 'Loopback vendor', hosts: [host] }];
    writeFileSync(join(dir, 'policy.json'), JSON.stringify({ ...DEFAULT_POLICY_INPUT, devices, destinations }));
    const gateway = new Gateway(parseConfig({ dataDir: dir, proxy: { port: 0 }, page: { port: 0 } }), { logger: silent });
    const { proxy } = await gateway.start();
    try {
      for (let i = 0; i < REQUESTS; i++) {
        for (const plug of PLUGS) {
          const body = JSON.stringify({ xs: plug.serial, model: 'KP115-EU', power: 10 + i, uptime: 1_000_000 + i * 60 });
          const sent = await curl(['--interface', plug.address, '-x', `http://127.0.0.1:${proxy.port}`, '-H', 'content-type: application/json', '--data', body, `${upstream.url}/v1/telemetry`]);
          expect(sent.status).toBe(200);
        }
      }
    } finally {
      await gateway.stop();
    }
    knowledge = new LedgerTrafficKnowledge({ file: join(dir, 'ledger.sqlite'), minRequests: REQUESTS });
    knowledge.refresh();
  }, 60_000);

  afterAll(async () => {
    knowledge?.stop();
    await upstream?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the field that holds each device\'s own value an identifier, whatever its key', () => {
    expect(knowledge.identifierEvidence(host, '$.xs')).toBe(
      `constant across at least ${REQUESTS} requests of each device, different on each of 3 devices`,
    );
  });

  it.each([['$.model'], ['$.uptime'], ['$.power']])('does not name %s an identifier', (path) => {
    expect(knowledge.identifierEvidence(host, path)).toBeUndefined();
  });

  it('found it in a ledger that holds no serial number', () => {
    const files = readdirSync(dir).filter((name) => name.startsWith('ledger.sqlite'));
    expect(files.length).toBeGreaterThan(0);
    const bytes = files.map((name) => readFileSync(join(dir, name)).toString('latin1')).join('');
    for (const { serial } of PLUGS) expect(bytes).not.toContain(serial);
  });
});
