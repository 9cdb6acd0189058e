/**
 * The simulated home (issue 9): a device whose only resolver is the gateway, a vendor serving real HTTPS
 * under its own names, and the gateway between them, in three network namespaces (see network.ts). The
 * device runs plain curl with no proxy setting; its traffic reaches the gateway by DNS alone. Runs as
 * root only (namespaces); otherwise it is skipped with the reason printed.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintServerCertificate } from '../../helpers/upstream-servers.js';
import { REPO } from '../ha/ha-harness.js';
import { ensureBuilt } from '../ha/sidecar.js';
import {
  createHome,
  destroyHome,
  DEVICE_IP,
  GATEWAY_DEVICE_SIDE_IP,
  removeStale,
  runIn,
  spawnIn,
  unavailableReason,
  VENDOR_IP,
  type Namespaces,
} from './network.js';

const API = 'api.vendor.test';
const PINNED = 'pinned.vendor.test';
const TRACKER = 'tracker.vendor.test';
const UNNAMED = 'cdn.vendor.test';

const POLICY = {
  version: 1,
  mode: 'enforce',
  destinations: [{ id: 'tracker', vendor: 'Tracker', hosts: [TRACKER], access: 'block' }],
  devices: [
    {
      id: 'camera',
      name: 'Camera',
      addresses: [DEVICE_IP],
      // Named on purpose: the vendor sits on a private address, and the policy names what it inspects.
      destinations: [{ id: 'vendor', vendor: 'Vendor', hosts: [API, PINNED], onUninspectable: 'allow' }],
      rules: [{ id: 'no-ssid', path: '$.wifi.ssid', action: 'redact' }],
    },
  ],
};

const setup = (() => {
  const reason = unavailableReason();
  if (reason !== undefined) return { reason };
  const env = spawnSync(join(REPO, 'test/e2e/home/home-env.sh'), { encoding: 'utf8', timeout: 600_000 });
  if (env.status !== 0) return { reason: `tools missing: ${env.stderr.trim()}` };
  return { reason: undefined };
})();
if (setup.reason !== undefined) console.warn(`[simulated home] skipped: ${setup.reason}`);

interface VendorRequest {
  readonly host: string;
  readonly method: string;
  readonly path: string;
  readonly body: string;
}

/** Collects a child's stdout and resolves when `pattern` shows up in it. */
function output(child: ChildProcess): { text: () => string; waitFor: (pattern: RegExp, what: string) => Promise<void> } {
  let text = '';
  let errors = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return {
    text: () => text,
    waitFor: async (pattern, what) => {
      const deadline = Date.now() + 30_000;
      while (!pattern.test(text)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${what} did not start: ${errors || text}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

describe.skipIf(setup.reason !== undefined)('the simulated home: a device reaches its vendor through the gateway by DNS alone', () => {
  let ns: Namespaces | undefined;
  let dir: string;
  let vendor: ChildProcess | undefined;
  let gateway: ChildProcess | undefined;
  let vendorOut: ReturnType<typeof output>;
  let gatewayCa: string;
  let vendorCa: string;

  /** What the vendor logged for `host`, once `count` requests are in (curl runs synchronously, the log arrives after). */
  const received = async (host: string, count: number): Promise<VendorRequest[]> => {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const requests = vendorOut
        .text()
        .split('\n')
        .filter((line) => line.includes('"event":"request"'))
        .map((line) => JSON.parse(line) as VendorRequest)
        .filter((request) => request.host === host);
      if (requests.length >= count || Date.now() > deadline) return requests;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const curl = (url: string, ca: string, body: string) =>
    runIn(ns?.device ?? '', 'curl', ['-sS', '--max-time', '10', '--cacert', ca, '-H', 'content-type: application/json', '--data', body, url]);
  const dig = (name: string) => runIn(ns?.device ?? '', 'dig', ['+time=3', '+tries=1', name, 'A']).stdout;

  beforeAll(async () => {
    ensureBuilt();
    removeStale();
    ns = createHome();
    dir = mkdtempSync(join(tmpdir(), 'pg-home-'));
    const certificate = await mintServerCertificate([API, PINNED, UNNAMED]);
    vendorCa = join(dir, 'vendor-ca.pem');
    writeFileSync(vendorCa, certificate.caPem);
    writeFileSync(join(dir, 'vendor-cert.pem'), certificate.certPem);
    writeFileSync(join(dir, 'vendor-key.pem'), certificate.keyPem);
    const zone = Object.fromEntries([API, PINNED, TRACKER, UNNAMED].map((name) => [name, VENDOR_IP]));
    vendor = spawnIn(ns.vendor, process.execPath, ['test/e2e/home/vendor-host.mjs', join(dir, 'vendor-cert.pem'), join(dir, 'vendor-key.pem'), JSON.stringify(zone)], REPO);
    vendorOut = output(vendor);
    await vendorOut.waitFor(/"event":"ready"/, 'the vendor host');

    const data = join(dir, 'gateway');
    spawnSync('mkdir', ['-p', data]);
    writeFileSync(join(data, 'policy.json'), JSON.stringify(POLICY));
    // No --dns-upstream: the gateway takes its namespace's /etc/resolv.conf, the vendor side's resolver.
    gateway = spawnIn(ns.gateway, process.execPath, [
      'dist/cli.js', 'start', '--data', data, '--host', GATEWAY_DEVICE_SIDE_IP, '--port', '8080', '--page-port', '8099',
      '--transparent-http-port', '80', '--transparent-tls-port', '443',
      '--dns-port', '53', '--dns-answer-address', GATEWAY_DEVICE_SIDE_IP, '--upstream-ca', vendorCa,
    ], REPO);
    const gatewayOut = output(gateway);
    await gatewayOut.waitFor(/Press Ctrl\+C to stop/, 'the gateway');
    expect(gatewayOut.text()).toContain(`DNS: ${GATEWAY_DEVICE_SIDE_IP}:53 (upstream ${VENDOR_IP}:53;`);
    gatewayCa = join(data, 'ca', 'ca.pem');
  }, 300_000);

  afterAll(async () => {
    await stop(gateway);
    await stop(vendor);
    if (ns) destroyHome(ns);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('steers a name the policy inspects to the gateway, and answers a name it does not name truthfully', () => {
    expect(runIn(ns?.device ?? '', 'dig', ['+short', API]).stdout.trim()).toBe(GATEWAY_DEVICE_SIDE_IP);
    expect(runIn(ns?.device ?? '', 'dig', ['+short', UNNAMED]).stdout.trim()).toBe(VENDOR_IP);
  });

  it('sinkholes a blocked name (NXDOMAIN)', () => {
    expect(dig(TRACKER)).toContain('status: NXDOMAIN');
  });

  it("delivers plain curl's HTTPS to the vendor with the field the policy redacts redacted", async () => {
    const result = curl(`https://${API}/v1/state`, gatewayCa, JSON.stringify({ wifi: { ssid: 'Home-Net-42' }, temperature: 21.5 }));
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, served: API });
    const got = await received(API, 1);
    expect(got).toHaveLength(1);
    const body = JSON.parse(got[0]?.body ?? '{}') as { wifi?: { ssid?: string }; temperature?: number };
    expect(body.temperature).toBe(21.5);
    expect(body.wifi?.ssid).toMatch(/^\[redacted(:network)?\]$/);
    expect(JSON.stringify(got)).not.toContain('Home-Net-42');
  });

  it('marks a pinned client (trusting only the vendor CA) uninspectable after its strikes, then tunnels it untouched', async () => {
    const body = JSON.stringify({ wifi: { ssid: 'Pinned-Net' } });
    const attempts = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const result = curl(`https://${PINNED}/v1/pin`, vendorCa, body);
      attempts.push(result.status);
      if (result.status === 0) break;
    }
    // curl rejects the gateway's certificate (60: peer certificate cannot be authenticated) until the
    // gateway believes the client pins (a rejection alert, or two silent hang-ups) and stops intercepting.
    expect(attempts[0]).toBe(60);
    expect(attempts.at(-1)).toBe(0);
    expect(attempts.length).toBeLessThanOrEqual(3);
    // Uninspectable means exactly that: the field policy could not apply, and the vendor got the raw body.
    expect((await received(PINNED, 1)).map((request) => request.body)).toEqual([body]);
  });

  it("keeps the names each device resolved in the gateway's query log", async () => {
    await stop(gateway);
    const db = new BetterSqlite3(join(dir, 'gateway', 'ledger.sqlite'), { readonly: true });
    try {
      const rows = db
        .prepare<[], { name: string; queries: number; sinkholed: number; steered: number }>(
          "SELECT name, queries, sinkholed, steered FROM dns_names WHERE device_id = 'camera' ORDER BY name",
        )
        .all();
      const byName = new Map(rows.map((row) => [row.name, row]));
      expect(byName.get(TRACKER)?.sinkholed).toBeGreaterThanOrEqual(1);
      expect(byName.get(API)?.steered).toBeGreaterThanOrEqual(2);
      expect(byName.get(PINNED)?.steered).toBeGreaterThanOrEqual(3);
      expect(byName.get(UNNAMED)).toMatchObject({ sinkholed: 0, steered: 0 });
      const inspectable = db
        .prepare<[], { host: string; inspectable: number }>("SELECT host, min(inspectable) AS inspectable FROM destinations WHERE device_id = 'camera' GROUP BY host")
        .all();
      expect(inspectable).toEqual(expect.arrayContaining([{ host: API, inspectable: 1 }, { host: PINNED, inspectable: 0 }]));
    } finally {
      db.close();
    }
  });
});
