import { readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flowRecord } from '../ledger/builders.js';
import { DEVICE_ID, envelope, FakeHomeAssistant, tvDevice } from './fake-ha.js';
import { hubHarness, waitFor, type HubHarness } from './hub-harness.js';

let ha: FakeHomeAssistant;
let harness: HubHarness;

beforeEach(async () => {
  ha = new FakeHomeAssistant();
  await ha.start();
  harness = hubHarness();
});

afterEach(async () => {
  await harness.cleanup();
  await ha.stop();
});

const violation = (n: number) =>
  flowRecord({
    device: DEVICE_ID,
    host: `api${n % 3}.vendor.test`,
    fields: [{ path: '$.lat', categories: ['location'], action: 'redact', ruleId: 'no-location', reason: 'location is redacted' }],
    violation: true,
  });

describe('Hub connection', () => {
  it('registers, then subscribes to the policy, and applies the pushed policy', async () => {
    const hub = harness.create(ha.url);
    hub.start();
    await waitFor('registered', () => hub.status().state === 'registered');
    await waitFor('policy applied', () => harness.applied.length === 1);
    expect(ha.commands[0]?.slice(0, 2)).toEqual(['privacy_gateway/sidecar/register', 'privacy_gateway/sidecar/subscribe_policy']);
    expect(harness.applied[0]?.etag).toBe('etag-1');
  });

  it('caches the last good policy on disk and enforces it at the next start while Home Assistant is away', async () => {
    ha.policy = envelope('etag-cached', [tvDevice()]);
    const first = harness.create(ha.url);
    first.start();
    await waitFor('policy applied', () => harness.applied.length === 1);
    await first.stop();
    await ha.stop();
    expect(JSON.parse(readFileSync(harness.policyCacheFile, 'utf8'))).toMatchObject({ etag: 'etag-cached' });

    const second = harness.create(ha.url);
    second.start();
    expect(harness.applied[1]?.etag).toBe('etag-cached');
    expect(harness.applied[1]?.policy.devices[0]?.id).toBe(DEVICE_ID);
    expect(second.status().state).not.toBe('registered');
  });

  it('re-registers before re-subscribing after Home Assistant drops the connection', async () => {
    const hub = harness.create(ha.url);
    hub.start();
    await waitFor('registered', () => hub.status().state === 'registered');
    ha.dropConnections();
    await waitFor('second session', () => ha.commands.length === 2 && (ha.commands[1]?.length ?? 0) >= 2);
    await waitFor('registered again', () => hub.status().state === 'registered');
    expect(ha.commands[1]?.slice(0, 2)).toEqual(['privacy_gateway/sidecar/register', 'privacy_gateway/sidecar/subscribe_policy']);
  });

  it('retries register while the integration answers not_loaded, and subscribes only after it succeeds', async () => {
    ha.registerErrors = [
      { code: 'not_loaded', message: 'The Privacy Gateway entry is not loaded' },
      { code: 'not_loaded', message: 'The Privacy Gateway entry is not loaded' },
    ];
    const hub = harness.create(ha.url);
    hub.start();
    await waitFor('registered', () => hub.status().state === 'registered');
    const sent = ha.commands[0] ?? [];
    expect(sent.indexOf('privacy_gateway/sidecar/subscribe_policy')).toBe(3);
    expect(harness.logs.some((line) => line.includes('not_loaded'))).toBe(true);
  });

  it('reconnects when pongs stop coming (its own keepalive)', async () => {
    const hub = harness.create(ha.url);
    hub.start();
    await waitFor('registered', () => hub.status().state === 'registered');
    ha.answerPings = false;
    await waitFor('a new connection', () => ha.commands.length >= 2, 3000);
    ha.answerPings = true;
    await waitFor('registered again', () => hub.status().state === 'registered');
    expect(harness.logs.some((line) => line.includes('stopped answering'))).toBe(true);
  });
});

describe('Hub policy frames', () => {
  it.each([
    ['text that is not JSON', () => 'this is not json'],
    ['an event that is not an envelope', (id: number) => JSON.stringify({ id, type: 'event', event: { nope: true } })],
    [
      'a policy that does not validate',
      (id: number) => JSON.stringify({ id, type: 'event', event: { etag: 'bad', policy: { version: 2, devices: 'x' } } }),
    ],
    ['a JSON array of numbers', () => '[1, 2, 3]'],
  ])('ignores %s and keeps the policy in force', async (_name, frame) => {
    const hub = harness.create(ha.url);
    hub.start();
    await waitFor('policy applied', () => harness.applied.length === 1);
    ha.sendRaw(frame);
    await waitFor('malformed frame noticed', () => hub.status().malformedFrames === 1);
    ha.pushPolicy(envelope('etag-2', [tvDevice()]));
    await waitFor('next good policy applied', () => harness.applied.length === 2);
    expect(harness.applied.map((entry) => entry.etag)).toEqual(['etag-1', 'etag-2']);
    expect(hub.status()).toMatchObject({ state: 'registered', policyEtag: 'etag-2' });
  });
});

describe('Hub token', () => {
  it('reports a stale token clearly, keeps running and connects once the token is accepted', async () => {
    ha.token = 'another-token';
    const hub = harness.create(ha.url);
    hub.start();
    await waitFor('auth failure', () => hub.status().state === 'auth_failed');
    const status = hub.status();
    expect(status.lastError?.code).toBe('HUB_AUTH_FAILED');
    expect(status.lastError?.message).toMatch(/rejected the sidecar's token.*Reconfigure/);
    expect(harness.logs.some((line) => line.startsWith('error') && line.includes('HUB_AUTH_FAILED'))).toBe(true);
    ha.token = 'good-token';
    await waitFor('registered after the token was fixed', () => hub.status().state === 'registered');
  });
});

describe('Hub outbox', () => {
  it('delivers reports in order and deletes them once acknowledged', async () => {
    const hub = harness.create(ha.url);
    hub.start();
    await waitFor('registered', () => hub.status().state === 'registered');
    for (let n = 0; n < 5; n++) hub.record(violation(n));
    await waitFor('all delivered', () => ha.applied.size > 0 && hub.status().outbox === 0);
    const types = ha.appliedOrder.map((id) => (ha.applied.get(id) as { type: string }).type);
    expect(types.filter((type) => type === 'violation')).toHaveLength(5);
    expect(types.filter((type) => type === 'new_destination')).toHaveLength(3);
    expect(types.filter((type) => type === 'traffic')).toHaveLength(3);
    expect(types.indexOf('new_destination')).toBeLessThan(types.indexOf('violation'));
  });

  it('keeps reports on disk while Home Assistant is down and delivers them after a sidecar restart', async () => {
    const port = ha.port;
    await ha.stop();
    const first = harness.create(`http://127.0.0.1:${port}`);
    first.start();
    for (let n = 0; n < 10; n++) first.record(violation(n));
    await first.stop();
    const db = new BetterSqlite3(harness.databaseFile, { readonly: true });
    const waiting = db.prepare('SELECT COUNT(*) AS n FROM hub_outbox').get() as { n: number };
    db.close();
    expect(waiting.n).toBe(10 + 3 + 3);

    await ha.start(port);
    const second = harness.create(ha.url);
    second.start();
    await waitFor('all delivered', () => ha.applied.size === 16 && second.status().outbox === 0);
    expect(ha.duplicates).toBe(0);
  });

  it('sends batches no larger than Home Assistant announced', async () => {
    ha.maxReportItems = 7;
    const hub = harness.create(ha.url);
    for (let n = 0; n < 30; n++) hub.record(violation(n));
    hub.start();
    await waitFor('all delivered', () => ha.applied.size === 36 && hub.status().outbox === 0);
    expect(Math.max(...ha.batches)).toBeLessThanOrEqual(7);
  });

  it('resends a batch whose answer was lost; Home Assistant applies each id once', async () => {
    const hub = harness.create(ha.url);
    hub.start();
    await waitFor('registered', () => hub.status().state === 'registered');
    ha.loseNextReportAnswer = true;
    for (let n = 0; n < 4; n++) hub.record(violation(n));
    await waitFor('delivered after reconnect', () => hub.status().outbox === 0 && ha.duplicates > 0);
    expect(ha.applied.size).toBe(4 + 3 + 3);
    expect(ha.commands.length).toBeGreaterThanOrEqual(2);
  });
});
