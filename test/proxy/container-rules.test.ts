import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pseudonymizer } from '../../src/policy/index.js';
import { HASH_KEY, lastReceived, send, startHarness, type Harness } from './pipeline-harness.js';

/**
 * Rules on objects and arrays, numbers under redact/hash, and per-vendor pseudonyms, through the real
 * pipeline to a real upstream: what the vendor receives is checked byte for byte.
 */
const REDACT = '10.1.0.1';
const HASH = '10.1.0.2';
const DROP = '10.1.0.3';
const BLOCK = '10.1.0.4';
const HOUSEHOLD = '10.1.0.5';

const device = (id: string, address: string, rules: unknown[], extra: object = {}) => ({
  id,
  name: id,
  addresses: [address],
  rules,
  ...extra,
});

const POLICY = {
  version: 1,
  mode: 'enforce',
  // The test vendors live on loopback: only destinations that name them let the gateway relay there.
  destinations: [
    { id: 'vacuum-cloud', vendor: 'Vacuum cloud', hosts: ['vendor.test'] },
    { id: 'vendor-a', vendor: 'Vendor A', hosts: ['*.vendor-a.test'] },
    { id: 'vendor-b', vendor: 'Vendor B', hosts: ['*.vendor-b.test'] },
  ],
  devices: [
    device('vacuum-redact', REDACT, [{ id: 'pos', path: '$.map.robotPos', action: 'redact' }]),
    device('vacuum-hash', HASH, [
      { id: 'pos', path: '$.map.robotPos', action: 'hash' },
      { id: 'serial', path: '$.serial', action: 'hash' },
    ]),
    device('vacuum-drop', DROP, [
      { id: 'polygons', path: '$.map.rooms[*].polygon', action: 'drop' },
      { id: 'pos', path: '$.map.robotPos', action: 'drop' },
    ]),
    device('vacuum-block', BLOCK, [{ id: 'no-map', path: '$.map', action: 'block' }]),
    device('linked', HOUSEHOLD, [{ id: 'serial', path: '$.serial', action: 'hash' }], { pseudonyms: 'household' }),
  ],
};

const MAP =
  '{"map":{"robotPos":{"x":1250,"y":-310,"label":"hall"},' +
  '"rooms":[{"name":"Kitchen","polygon":[[0,0],[4,0],[4,3]]},{"name":"Bath","polygon":[[5,5],[6,6]]}]},"battery":80}';
const JSON_TYPE = { 'content-type': 'application/json' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness(POLICY);
});
afterAll(async () => {
  await h.close();
});

const received = (): string => lastReceived(h)?.body.toString('utf8') ?? '';
/** The device's key for a vendor the policy names (vendorOf: `vendor:` and the name in lower case). */
const keyOf = (deviceId: string, vendor: string): ReturnType<Pseudonymizer['forVendor']> =>
  new Pseudonymizer(HASH_KEY).forVendor(deviceId, `vendor:${vendor.toLowerCase()}`);

describe('rules on containers through the pipeline', () => {
  it('redacts every leaf of an object rule, keeping each leaf\'s JSON type', async () => {
    const reply = await send(h, { client: REDACT, headers: JSON_TYPE, body: MAP });
    expect(reply.status).toBe(200);
    expect(received()).toBe(MAP.replace('{"x":1250,"y":-310,"label":"hall"}', '{"x":0,"y":0,"label":"[redacted:location]"}'));
    expect(reply.headers['x-privacy-gateway-edits']).toBe('3');
  });

  it('hashes every leaf of an object rule with the device\'s key for this vendor', async () => {
    await send(h, { client: HASH, headers: JSON_TYPE, body: MAP });
    const key = keyOf('vacuum-hash', 'Vacuum cloud');
    const pos = (JSON.parse(received()) as { map: { robotPos: Record<string, unknown> } }).map.robotPos;
    expect(pos).toEqual({ x: key.numericPseudonym(1250), y: key.numericPseudonym(-310), label: key.pseudonym('hall') });
  });

  it('drops whole members for object and array rules, leaving no empty shells', async () => {
    const reply = await send(h, { client: DROP, headers: JSON_TYPE, body: MAP });
    expect(reply.status).toBe(200);
    expect(received()).toBe('{"map":{"rooms":[{"name":"Kitchen"},{"name":"Bath"}]},"battery":80}');
  });

  it('blocks a request for a rule on a container, naming the field rule', async () => {
    const before = h.upstream.received.length;
    const reply = await send(h, { client: BLOCK, headers: JSON_TYPE, body: MAP });
    expect(reply.status).toBe(403);
    expect(reply.headers['x-privacy-gateway-rule']).toBe('no-map');
    expect(reply.headers['x-privacy-gateway-reason']).toBe('field');
    expect(h.upstream.received.length).toBe(before);
    const fields = h.records.at(-1)?.decision?.fields ?? [];
    expect(fields.filter((f) => f.action === 'block').map((f) => f.container?.path)).toEqual(Array(15).fill('$.map'));
  });
});

describe('numbers keep their JSON type under redact and hash', () => {
  it.each([
    ['redact', REDACT, '{"map":{"robotPos":{"x":1e400,"y":123456789012345678901234}}}', '{"map":{"robotPos":{"x":0,"y":0}}}'],
  ])('%s turns numbers kept as text (1e400, 24 digits) into 0', async (_action, client, body, expected) => {
    await send(h, { client, headers: JSON_TYPE, body });
    expect(received()).toBe(expected);
  });

  it('hash turns numbers kept as text into whole numbers derived from the key', async () => {
    await send(h, { client: HASH, headers: JSON_TYPE, body: '{"serial":1e400,"map":{"robotPos":{"x":-1234567890123456789012345}}}' });
    const key = keyOf('vacuum-hash', 'Vacuum cloud');
    expect(received()).toBe(`{"serial":${key.numericPseudonym('1e400')},"map":{"robotPos":{"x":${key.numericPseudonym('-1234567890123456789012345')}}}}`);
  });
});

describe('pseudonyms per device and vendor through the pipeline', () => {
  const serialTo = async (client: string, host: string): Promise<unknown> => {
    await send(h, { client, host, headers: JSON_TYPE, body: '{"serial":"SN-4711"}' });
    return (JSON.parse(received()) as { serial: unknown }).serial;
  };

  it('gives one vendor a stable pseudonym and another vendor a different one', async () => {
    const first = await serialTo(HASH, 'api.vendor-a.test');
    expect(await serialTo(HASH, 'eu.vendor-a.test')).toBe(first);
    expect(await serialTo(HASH, 'api.vendor-b.test')).not.toBe(first);
    expect(first).toBe(keyOf('vacuum-hash', 'Vendor A').pseudonym('SN-4711'));
  });

  it('gives every vendor the same pseudonym for a device set to household-wide pseudonyms', async () => {
    const household = new Pseudonymizer(HASH_KEY).pseudonym('SN-4711');
    expect(await serialTo(HOUSEHOLD, 'api.vendor-a.test')).toBe(household);
    expect(await serialTo(HOUSEHOLD, 'api.vendor-b.test')).toBe(household);
  });
});
