/**
 * Rules that follow the home, end to end: an input_boolean created in a real Home Assistant, a field
 * rule conditioned on it, device traffic through the sidecar built from this tree (dist/cli.js) to a
 * loopback upstream. Flipping the entity in Home Assistant flips what the upstream receives; with Home
 * Assistant stopped (and the sidecar restarted meanwhile) the last known state still applies.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curl } from '../../helpers/proxy-clients.js';
import { bodyText, startUpstream, type Upstream } from '../../helpers/upstream-servers.js';
import { HaClient } from './ha-client.js';
import { freePort, haEnvironment, HomeAssistantProcess } from './ha-harness.js';
import { CONFIGURATION, editPolicy, eventually, setUpHousehold, type Household } from './setup.js';
import { ensureBuilt, SidecarProcess } from './sidecar.js';

const environment = haEnvironment();
const unavailable = 'unavailable' in environment ? environment.unavailable : undefined;
if (unavailable) console.warn(`[e2e/ha] skipped: ${unavailable}`);

const LAT = '52.37125';
const GUEST_MODE = 'input_boolean.guest_mode';
let ha: HomeAssistantProcess;
let client: HaClient;
let upstream: Upstream;
let household: Household;
let sidecar: SidecarProcess;
let dataDir: string;

/** One device request through the proxy; what the upstream received of it. */
async function forwarded(): Promise<string> {
  const before = upstream.received.length;
  const result = await curl([
    '-x', `http://127.0.0.1:${sidecar.proxyPort}`,
    '-H', 'content-type: application/json',
    '--data', `{"coords":{"lat":${LAT},"lon":4.89},"model":"tv"}`,
    `${upstream.url}/v1/telemetry`,
  ]);
  expect(result.status).toBe(200);
  const last = upstream.received[upstream.received.length - 1];
  return upstream.received.length > before && last !== undefined ? bodyText(last) : '';
}

/** Sends until the upstream receives the latitude in the clear (`raw`) or not; the last body. */
async function upstreamSees(raw: boolean, what: string): Promise<string> {
  let body = '';
  await eventually(what, async () => {
    body = await forwarded();
    return body !== '' && body.includes(LAT) === raw;
  });
  return body;
}

async function setGuestMode(on: boolean): Promise<void> {
  const answer = await client.rest('POST', `/api/services/input_boolean/turn_${on ? 'on' : 'off'}`, { entity_id: GUEST_MODE });
  expect(answer.status).toBe(200);
}

/** The reasons the ledger recorded for the latitude field, newest first. */
function ledgerReasons(): string[] {
  const db = new BetterSqlite3(join(dataDir, 'ledger.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT explanation FROM decisions_explained ORDER BY id DESC LIMIT 20').all() as { explanation: string | null }[];
    return rows.map((row) => row.explanation ?? '');
  } finally {
    db.close();
  }
}

describe.skipIf(unavailable !== undefined)('Rules that follow the home, against a real Home Assistant', () => {
  beforeAll(async () => {
    if ('unavailable' in environment) return;
    ensureBuilt();
    upstream = await startUpstream();
    ha = new HomeAssistantProcess(environment, await freePort(), CONFIGURATION);
    await ha.start();
    client = new HaClient(ha.url);
    household = await setUpHousehold(client, '127.0.0.1');
    // The owner's helper, made the way the UI makes one.
    await client.command({ type: 'input_boolean/create', name: 'Guest mode' });
    await eventually('the guest mode helper', async () => (await client.state(GUEST_MODE)) === 'off');
    await editPolicy(client, 'set_mode', { device_id: household.deviceId, mode: 'enforce' });
    await editPolicy(client, 'allow_destination', { host: '127.0.0.1', vendor: 'Local test vendor' });
    await editPolicy(client, 'set_field_action', {
      device_id: household.deviceId,
      field_path: '$.coords.lat',
      action: 'redact',
      when: { entity: GUEST_MODE, state: 'on' },
    });
    dataDir = mkdtempSync(join(tmpdir(), 'pg-e2e-conditions-'));
    sidecar = new SidecarProcess(dataDir, { url: ha.url, token: household.sidecarToken });
    await sidecar.start();
    await sidecar.waitForLog(/applied policy \w+ from Home Assistant \(mode monitor, 1 device/);
    await sidecar.waitForLog(/Home Assistant states for the policy's conditions: 1 entity\(ies\), changed input_boolean\.guest_mode/);
  }, 240_000);

  afterAll(async () => {
    client?.close();
    await sidecar?.stop();
    await ha?.stop();
    await upstream?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    ha?.remove();
  }, 90_000);

  it('flips the field at the upstream when the entity flips in Home Assistant', async () => {
    expect(await upstreamSees(true, 'the latitude in the clear while guest mode is off')).toContain(LAT);
    await setGuestMode(true);
    const redacted = await upstreamSees(false, 'the latitude redacted once guest mode is on');
    expect(redacted).toContain('"lat"');
    await eventually('the ledger to record the condition and its state', () =>
      ledgerReasons().some((reason) => reason.includes('while input_boolean.guest_mode is on (on since')),
    );
    // What the card reads: the conditioned rule and the entity's state in Home Assistant.
    const report = await client.command<{ rules: { when?: unknown }[]; condition_states?: { entity_id: string; state: string | null }[] }>({
      type: 'privacy_gateway/device_report',
      device_id: household.deviceId,
    });
    expect(report.rules.some((rule) => rule.when !== undefined)).toBe(true);
    expect(report.condition_states).toEqual([expect.objectContaining({ entity_id: GUEST_MODE, state: 'on' })]);
    await setGuestMode(false);
    await upstreamSees(true, 'the latitude in the clear again once guest mode is off');
    await setGuestMode(true);
    await upstreamSees(false, 'the latitude redacted again');
  });

  it('keeps applying the last known state with Home Assistant stopped, across a sidecar restart', async () => {
    await upstreamSees(false, 'guest mode on before Home Assistant stops');
    await ha.stop();
    await sidecar.waitForLog(/lost the connection to Home Assistant/, 20_000);
    const away = await forwarded();
    expect(away).not.toContain(LAT);
    expect(away).toContain('"lat"');
    await eventually('the ledger to say the state is the last known one', () =>
      ledgerReasons().some((reason) => reason.includes('on since') && reason.includes('last known, Home Assistant away')),
    );

    await sidecar.stop();
    expect(statSync(join(dataDir, 'hub-states.json')).mode & 0o777).toBe(0o600);
    sidecar = new SidecarProcess(dataDir, { url: ha.url, token: household.sidecarToken });
    await sidecar.start();
    await sidecar.waitForLog(/conditions read 1 last known Home Assistant state/);
    const restarted = await forwarded();
    expect(restarted).not.toContain(LAT);
    expect(restarted).toContain('"lat"');

    // Back again: the state Home Assistant holds (still on, restored) is live once more and still applies.
    await ha.start();
    await sidecar.waitForLog(/registered with Home Assistant/, 60_000);
    expect(await forwarded()).not.toContain(LAT);
  }, 240_000);
});
