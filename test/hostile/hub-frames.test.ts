/**
 * Hostile websocket frames from "Home Assistant" (a real `ws` server speaking its protocol, see
 * test/hub/fake-ha.ts) against a registered hub: text that is not JSON, JSON that is not a frame, policy
 * events of the wrong shape or type, frames for commands nobody sent, oversized and deeply nested frames.
 * Each must be refused with a logged reason, leave the policy in force as it was, and leave the hub
 * registered and able to apply the next good policy.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envelope, FakeHomeAssistant, tvDevice } from '../hub/fake-ha.js';
import { hubHarness, waitFor, type HubHarness } from '../hub/hub-harness.js';

type Frame = string | ((subscriptionId: number) => string);

const event = (policyEvent: unknown): Frame => (id) => JSON.stringify({ id, type: 'event', event: policyEvent });
const good = envelope('etag-x', [tvDevice()]);
const withPolicy = (change: Record<string, unknown>): Frame => event({ ...good, policy: { ...(good.policy as object), ...change } });

/** Frames the hub must count as malformed (a warning naming why) and otherwise ignore. */
const MALFORMED: readonly (readonly [string, Frame])[] = [
  ['text that is not JSON', 'this is not json'],
  ['an empty frame', ''],
  ['half an object', '{"id": 1, "type": "ev'],
  ['JSON null', 'null'],
  ['a number', '42'],
  ['a string', '"event"'],
  ['a boolean', 'true'],
  ['an array of numbers', '[1, 2, 3]'],
  ['an array holding an array', '[[]]'],
  ['an array with one object and one number', (id) => `[${JSON.stringify({ id, type: 'event', event: good })}, 5]`],
  ['control characters', '\u0000\u0001\u0002'],
  ['invalid UTF-8 turned text', Buffer.from([0xff, 0xfe, 0x7b]).toString('latin1')],
  ['1 MB of garbage', 'x'.repeat(1024 * 1024)],
  ['arrays nested 100,000 deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
  ['an event that is null', event(null)],
  ['an event that is an array', event([])],
  ['an event that is a string', event('policy')],
  ['an envelope with an empty etag', event({ ...good, etag: '' })],
  ['an envelope with a 129-character etag', event({ ...good, etag: 'e'.repeat(129) })],
  ['an envelope whose etag is a number', event({ ...good, etag: 7 })],
  ['an envelope without a policy', event({ etag: 'etag-x' })],
  ['retention_days 0', event({ ...good, settings: { retention_days: 0 } })],
  ['retention_days 99,999', event({ ...good, settings: { retention_days: 99_999 } })],
  ['retention_days as a string', event({ ...good, settings: { retention_days: '30' } })],
  ['retention_days as a fraction', event({ ...good, settings: { retention_days: 1.5 } })],
  ['settings as an array', event({ ...good, settings: [] })],
  ['a policy of version 2', withPolicy({ version: 2 })],
  ['a policy in an unknown mode', withPolicy({ mode: 'party' })],
  ['a policy whose devices are a string', withPolicy({ devices: 'all' })],
  ['a policy with an unknown key', withPolicy({ quarantined: true })],
  ['a policy that is an array', event({ ...good, policy: [] })],
  ['a device with a 101-character name', withPolicy({ devices: [{ ...(tvDevice() as object), name: 'n'.repeat(101) }] })],
  ['a device id with upper case and markup', withPolicy({ devices: [{ ...(tvDevice() as object), id: '<B>' }] })],
  ['a device without an address', withPolicy({ devices: [{ ...(tvDevice() as object), addresses: [] }] })],
  ['a device that claims the reserved default id', withPolicy({ devices: [{ ...(tvDevice() as object), id: 'default' }] })],
  ['a rule with an unknown action', withPolicy({ rules: [{ id: 'r', path: '$.a', action: 'explode' }] })],
  ['a rule with neither path nor category', withPolicy({ rules: [{ id: 'r', action: 'drop' }] })],
  ['a destination with an empty host', withPolicy({ destinations: [{ id: 'd', hosts: [''] }] })],
  ['a policy with 10,000 rules of the wrong shape', withPolicy({ rules: Array.from({ length: 10_000 }, () => 5) })],
  ['20 MB of JSON string (under the frame ceiling)', () => JSON.stringify('y'.repeat(20 * 1024 * 1024))],
];

/** Well-formed JSON objects that answer nothing the hub asked: refused with a reason, the session goes on. */
const STRAY: readonly (readonly [string, Frame])[] = [
  ['an event for a subscription that does not exist', (id) => JSON.stringify({ id: id + 1000, type: 'event', event: good })],
  ['a result for a command never sent', (id) => JSON.stringify({ id: id + 1000, type: 'result', success: true, result: good })],
  ['a failed result for a command never sent', (id) => JSON.stringify({ id: id + 1000, type: 'result', success: false, error: { code: 'x', message: 'y' } })],
  ['a pong nobody pinged for', (id) => JSON.stringify({ id: id + 1000, type: 'pong' })],
  ['an unknown frame type', (id) => JSON.stringify({ id, type: 'frobnicate', event: good })],
  ['a frame without a type', (id) => JSON.stringify({ id, event: good })],
  ['a frame without an id', JSON.stringify({ type: 'event', event: good })],
  ['an id that is a string', (id) => JSON.stringify({ id: String(id + 1000), type: 'event', event: good })],
  ['auth_required in the middle of a session', JSON.stringify({ type: 'auth_required', ha_version: '1.0' })],
  ['auth_invalid in the middle of a session', JSON.stringify({ type: 'auth_invalid', message: 'no' })],
  ['a prototype-polluting key', (id) => `{"__proto__": {"polluted": true}, "id": ${id + 1000}, "type": "event", "event": {}}`],
  ['a second result for the policy subscription', (id) => JSON.stringify({ id, type: 'result', success: true, result: null })],
  ['an empty array', '[]'],
];

let ha: FakeHomeAssistant;
let harness: HubHarness;

/** An integration that answers subscribe_home, so the only warnings counted are the hostile frame's. */
const HOME = { etag: 'home-1', zone: null, persons: [], devices: [] };

beforeEach(async () => {
  ha = new FakeHomeAssistant();
  ha.home = HOME;
  await ha.start();
  harness = hubHarness();
});

afterEach(async () => {
  await harness.cleanup();
  await ha.stop();
});

/** A registered hub with etag-1 in force; after `frame`, etag-2 must still apply on top of it. */
async function sendAndRecover(frame: Frame): Promise<{ malformed: number; warnings: string[] }> {
  // A patient keepalive: parsing a 20 MB frame on a loaded machine must not look like a vanished hub.
  const hub = harness.create(ha.url, { keepalive: { intervalMs: 5_000, timeoutMs: 5_000 } });
  hub.start();
  await waitFor(
    'first policy and home knowledge applied',
    () => harness.applied.length === 1 && hub.status().state === 'registered' && hub.status().home.etag === HOME.etag,
  );
  const before = harness.logs.length;
  ha.sendRaw(frame);
  // The next good policy shows the frame was handled (frames are processed in order) and changed nothing.
  ha.pushPolicy(envelope('etag-2', [tvDevice()]));
  await waitFor('next good policy applied', () => harness.applied.length === 2, 10_000);
  expect(harness.applied.map((entry) => entry.etag)).toEqual(['etag-1', 'etag-2']);
  expect(hub.status()).toMatchObject({ state: 'registered', policyEtag: 'etag-2' });
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  const status = hub.status();
  return { malformed: status.malformedFrames, warnings: harness.logs.slice(before).filter((line) => line.startsWith('warn')) };
}

describe('Hub frames from a hostile Home Assistant', () => {
  it.each(MALFORMED)('refuses %s with a warning and keeps the policy in force', async (_name, frame) => {
    const { malformed, warnings } = await sendAndRecover(frame);
    expect(malformed).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Home Assistant sent|ignored a policy frame/);
  });

  it.each(STRAY)('refuses %s, saying what it answers, and keeps the policy in force', async (_name, frame) => {
    const { malformed, warnings } = await sendAndRecover(frame);
    expect(malformed).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Home Assistant sent a.*(never sent|no subscription|no ping|unknown type|without a|second result|not a JSON object)/);
  });

  it('closes the connection on a frame past the 32 MiB ceiling, says so, reconnects and keeps the policy', async () => {
    const hub = harness.create(ha.url);
    hub.start();
    await waitFor('first policy applied', () => harness.applied.length === 1 && hub.status().state === 'registered');
    const connections = ha.commands.length;
    ha.sendRaw(JSON.stringify('z'.repeat(33 * 1024 * 1024)));
    await waitFor('reconnected', () => ha.commands.length > connections && hub.status().state === 'registered', 15_000);
    expect(harness.logs.some((line) => line.startsWith('warn') && line.includes('a frame larger than 32 MiB'))).toBe(true);
    expect(hub.status().malformedFrames).toBe(1);
    ha.pushPolicy(envelope('etag-2', [tvDevice()]));
    await waitFor('next good policy applied', () => harness.applied.length === 2, 10_000);
    expect(harness.applied.map((entry) => entry.etag)).toEqual(['etag-1', 'etag-2']);
  });

  it('keeps the policy in force without a warning when Home Assistant resends it under the same etag', async () => {
    const { malformed, warnings } = await sendAndRecover(event({ ...envelope('etag-1', [tvDevice()]), etag: 'etag-1' }));
    expect(malformed).toBe(0);
    expect(warnings).toEqual([]);
  });
});
