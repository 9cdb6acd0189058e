/**
 * The simulated home (issue 9): a device whose only resolver is the gateway, a vendor serving real HTTPS
 * under its own names, and the gateway between them, in three network namespaces (network.ts, home.ts).
 * The device runs plain curl with no proxy setting; its traffic reaches the gateway by DNS alone. Runs as
 * root only (namespaces); otherwise it is skipped with the reason printed.
 */
import { spawnSync } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../ha/ha-harness.js';
import { homeUnavailable, SimulatedHome } from './home.js';
import { DEVICE_IP, GATEWAY_DEVICE_SIDE_IP, VENDOR_IP } from './network.js';

const API = 'api.vendor.test';
const PINNED = 'pinned.vendor.test';
const TRACKER = 'tracker.vendor.test';
const UNNAMED = 'cdn.vendor.test';

const POLICY = {
  version: 1,
  mode: 'enforce',
  // Household-wide, so that every client (the gateway itself included) would be steered to the vendor
  // names; named on purpose anyway: the vendor sits on a private address, and the policy names it.
  destinations: [
    { id: 'tracker', vendor: 'Tracker', hosts: [TRACKER], access: 'block' },
    { id: 'vendor', vendor: 'Vendor', hosts: [API, PINNED], onUninspectable: 'allow' },
  ],
  devices: [
    {
      id: 'camera',
      name: 'Camera',
      addresses: [DEVICE_IP],
      rules: [{ id: 'no-ssid', path: '$.wifi.ssid', action: 'redact' }],
    },
  ],
};

const unavailable = homeUnavailable();
if (unavailable !== undefined) console.warn(`[simulated home] skipped: ${unavailable}`);

describe.skipIf(unavailable !== undefined)('the simulated home: a device reaches its vendor through the gateway by DNS alone', () => {
  const home = new SimulatedHome({ policy: POLICY, vendorNames: [API, PINNED, TRACKER, UNNAMED] });
  const post = (url: string, ca: string, body: string) =>
    home.onDevice('curl', ['-sS', '--max-time', '10', '--cacert', ca, '-H', 'content-type: application/json', '--data', body, url]);
  const dig = (...args: string[]) => home.onDevice('dig', ['+time=3', '+tries=1', ...args]).stdout;

  beforeAll(async () => {
    await home.start();
  }, 300_000);
  afterAll(async () => {
    await home.close();
  });

  it('announces its DNS listener and upstream', () => {
    expect(home.gatewayBanner).toContain(`DNS: ${GATEWAY_DEVICE_SIDE_IP}:53 (upstream ${VENDOR_IP}:53;`);
  });

  it('steers a name the policy inspects to the gateway, and answers a name it does not name truthfully', () => {
    expect(dig('+short', API).trim()).toBe(GATEWAY_DEVICE_SIDE_IP);
    expect(dig('+short', UNNAMED).trim()).toBe(VENDOR_IP);
  });

  it('sinkholes a blocked name (NXDOMAIN)', () => {
    expect(dig(TRACKER, 'A')).toContain('status: NXDOMAIN');
  });

  it("delivers plain curl's HTTPS to the vendor with the field the policy redacts redacted", async () => {
    const result = post(`https://${API}/v1/state`, home.gatewayCa, JSON.stringify({ wifi: { ssid: 'Home-Net-42' }, temperature: 21.5 }));
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, served: API });
    const got = await home.received(API, 1);
    expect(got).toHaveLength(1);
    const body = JSON.parse(got[0]?.body ?? '{}') as { wifi?: { ssid?: string }; temperature?: number };
    expect(body.temperature).toBe(21.5);
    expect(body.wifi?.ssid).toMatch(/^\[redacted(:network)?\]$/);
    expect(JSON.stringify(got)).not.toContain('Home-Net-42');
  });

  it('marks a pinned client (trusting only the vendor CA) uninspectable after its strikes, then tunnels it untouched', async () => {
    const body = JSON.stringify({ wifi: { ssid: 'Pinned-Net' } });
    const attempts: (number | null)[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const result = post(`https://${PINNED}/v1/pin`, home.vendorCa, body);
      attempts.push(result.status);
      if (result.status === 0) break;
    }
    // curl rejects the gateway's certificate (60: peer certificate cannot be authenticated) until the
    // gateway believes the client pins (a rejection alert, or two silent hang-ups) and stops intercepting.
    expect(attempts[0]).toBe(60);
    expect(attempts.at(-1)).toBe(0);
    expect(attempts.length).toBeLessThanOrEqual(3);
    // Uninspectable means exactly that: the field policy could not apply, and the vendor got the raw body.
    expect((await home.received(PINNED, 1)).map((request) => request.body)).toEqual([body]);
  });

  it("keeps the names each device resolved in the gateway's query log, apart from the gateway's own lookups", async () => {
    // A device that looks up a DNS-over-HTTPS service may resolve around the gateway: a finding.
    dig('dns.google', 'A');
    await home.stopGateway();
    const report = spawnSync(process.execPath, ['dist/cli.js', 'report', 'camera', '--format', 'json', '--data', home.dataDir], {
      cwd: REPO,
      encoding: 'utf8',
    });
    expect(report.status, report.stderr).toBe(0);
    const dns = (JSON.parse(report.stdout) as { dns: { names: { name: string }[]; ownDns: { kind: string; host: string }[] } }).dns;
    expect(dns.names.map((entry) => entry.name)).toEqual(expect.arrayContaining([API, PINNED, TRACKER, UNNAMED, 'dns.google']));
    expect(dns.ownDns).toEqual([expect.objectContaining({ kind: 'resolved-encrypted-dns', host: 'dns.google' })]);
    const db = new BetterSqlite3(home.ledgerFile, { readonly: true });
    try {
      const rows = db
        .prepare<[], { device_id: string; name: string; queries: number; sinkholed: number; steered: number }>(
          'SELECT device_id, name, queries, sinkholed, steered FROM dns_names ORDER BY device_id, name',
        )
        .all();
      const camera = new Map(rows.filter((row) => row.device_id === 'camera').map((row) => [row.name, row]));
      expect(camera.get(TRACKER)?.sinkholed).toBeGreaterThanOrEqual(1);
      expect(camera.get(API)?.steered).toBeGreaterThanOrEqual(2);
      expect(camera.get(PINNED)?.steered).toBeGreaterThanOrEqual(1);
      expect(camera.get(UNNAMED)).toMatchObject({ sinkholed: 0, steered: 0 });
      // The gateway resolved the vendor's names through itself to connect upstream: true answers, never steered.
      const own = rows.filter((row) => row.device_id !== 'camera' && (row.name === API || row.name === PINNED));
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((row) => row.steered === 0)).toBe(true);
      const inspectable = db
        .prepare<[], { host: string; inspectable: number }>(
          "SELECT host, min(inspectable) AS inspectable FROM destinations WHERE device_id = 'camera' GROUP BY host",
        )
        .all();
      expect(inspectable).toEqual(expect.arrayContaining([{ host: API, inspectable: 1 }, { host: PINNED, inspectable: 0 }]));
    } finally {
      db.close();
    }
  });
});
