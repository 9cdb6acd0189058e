import { Agent, request } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevicesView } from '../../src/page/index.js';
import { startUpstream, type Upstream } from '../helpers/upstream-servers.js';
import { appRuntime } from '../../bench/lib/app-runtime.mjs';
import { telemetryBody } from '../../bench/lib/payloads.mjs';
import { startGateway, type GatewayRuntime, type StartedGateway } from './cli-process.js';

const BURST = 600;
const CONCURRENCY = 48;
/** Killed mid-burst: answers in flight at that moment are the ones a buffered ledger would lose. */
const KILL_AFTER_ANSWERS = 350;

const portOf = (url: string | undefined): number => Number(/:(\d+)\/?$/.exec(url ?? '')?.[1]);

/** A small changing body, or the benchmark's 1 KB telemetry document (the six bench rules apply to it). */
type BodyOf = (i: number) => Buffer;
const smallBody: BodyOf = (i) => Buffer.from(JSON.stringify({ seq: i, lat: 52.1 + i / 1e4, ssid: 'HomeNet', battery: i % 100 }));
const BENCH_BODY = telemetryBody(1024);

/** One request through the proxy; resolves true only when the whole answer (status 200, full body) arrived. */
function sendThroughProxy(agent: Agent, proxyPort: number, upstream: Upstream, i: number, bodyOf: BodyOf): Promise<boolean> {
  const body = bodyOf(i);
  return new Promise((resolve) => {
    const req = request({
      agent,
      host: '127.0.0.1',
      port: proxyPort,
      method: 'POST',
      path: `${upstream.url}/ingest/${i % 7}`,
      headers: { host: `127.0.0.1:${upstream.port}`, 'content-type': 'application/json', 'content-length': body.length },
    });
    req.on('response', (res) => {
      const expected = Number(res.headers['content-length']);
      let received = 0;
      res.on('data', (chunk: Buffer) => (received += chunk.length));
      res.on('end', () => resolve(res.statusCode === 200 && received === expected));
      res.on('error', () => resolve(false));
      res.on('aborted', () => resolve(false));
    });
    req.on('error', () => resolve(false));
    req.end(body);
  });
}

function recordedRequests(ledgerFile: string): number {
  const db = new BetterSqlite3(ledgerFile);
  try {
    const row = db.prepare<[], { n: number | null }>('SELECT sum(forwarded + blocked + errors) AS n FROM destinations').get();
    return row?.n ?? 0;
  } finally {
    db.close();
  }
}

describe('the ledger after kill -9', () => {
  let dir: string;
  let upstream: Upstream;
  let gateway: StartedGateway | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-durable-'));
    upstream = await startUpstream();
  });

  afterAll(async () => {
    if (gateway && gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
    await upstream.close();
    await rm(dir, { recursive: true, force: true });
  });

  // The loopback upstream is named as a destination and the client as a device: a gateway that refuses
  // unnamed loopback destinations or unknown clients (issue 8) still forwards this burst.
  const monitorPolicy = {
    version: 1,
    mode: 'monitor',
    destinations: [{ vendor: 'Local test upstream', hosts: ['127.0.0.1'] }],
    devices: [{ id: 'burst-client', name: 'Burst client', addresses: ['127.0.0.1'] }],
  };
  /** Issue 12: the benchmark's configuration (enforce, six field rules (one a category rule), its body, the app's V8 heap limits). */
  const benchPolicy = JSON.parse(readFileSync(new URL('../../bench/policy.json', import.meta.url), 'utf8')) as object;
  const configurations: { name: string; policy: object; bodyOf: BodyOf; runtime: GatewayRuntime }[] = [
    { name: 'monitor mode, Node defaults', policy: monitorPolicy, bodyOf: smallBody, runtime: { nodeFlags: [], env: {} } },
    { name: "the benchmark's configuration", policy: benchPolicy, bodyOf: () => BENCH_BODY, runtime: appRuntime() },
  ];

  it.each(configurations)('holds every request whose answer reached the client, with the gateway killed mid-burst ($name)', async ({ name, policy, bodyOf, runtime }) => {
    const dataDir = join(dir, name.replace(/\W+/g, '-'));
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await writeFile(join(dataDir, 'policy.json'), JSON.stringify(policy), { mode: 0o600 });
    const args = ['--data', dataDir, '--port', '0', '--page-port', '0'];
    const first = await startGateway(args, 20_000, undefined, runtime);
    gateway = first;
    const proxyPort = portOf(first.banner.get('Proxy'));
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

    let answered = 0;
    let killed = false;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < BURST) {
        const i = next++;
        if (await sendThroughProxy(agent, proxyPort, upstream, i, bodyOf)) answered++;
        if (!killed && answered >= KILL_AFTER_ANSWERS) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();
    expect(await first.exited).toBeNull();
    expect(killed).toBe(true);
    expect(answered).toBeGreaterThanOrEqual(KILL_AFTER_ANSWERS);

    // The killed process left its answered records in the SQLite file (committed) or in the record
    // journal (not yet committed), private like the ledger.
    const ledgerFile = join(dataDir, 'ledger.sqlite');
    const journalFile = join(dataDir, 'ledger.journal');
    expect(statSync(journalFile).mode & 0o777).toBe(0o600);
    const committed = recordedRequests(ledgerFile);

    // The restarted gateway replays the journal before it serves, and shows them.
    const second = await startGateway(args, 20_000, undefined, runtime);
    gateway = second;
    const recorded = recordedRequests(ledgerFile);
    expect(recorded).toBeGreaterThanOrEqual(answered);
    // A request can be recorded and then lose its answer to the kill, never the other way round; and a
    // replay never counts a committed record twice.
    expect(recorded).toBeLessThanOrEqual(BURST);
    expect(recorded).toBeGreaterThanOrEqual(committed);
    const page = await fetch(`http://127.0.0.1:${portOf(second.banner.get('Local page'))}/api/devices`);
    const { devices } = (await page.json()) as DevicesView;
    expect(devices.length).toBeGreaterThan(0);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(recordedRequests(ledgerFile)).toBe(recorded);
    expect(statSync(journalFile).size).toBe(0);
  });
});
