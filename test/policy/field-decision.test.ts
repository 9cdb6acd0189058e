import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parsePayload } from '../../src/payload/index.js';
import { classifyPayload, evaluate, plainDecision, type Decision } from '../../src/policy/index.js';
import { compile, target } from './engine-helpers.js';

const POLICY = compile({
  mode: 'enforce',
  rules: [
    { id: 'serial', path: '$.device.serial', action: 'hash' },
    { id: 'location', category: 'location', action: 'redact' },
  ],
});

function decide(body: string): Decision {
  const fields = classifyPayload(parsePayload(Buffer.from(body), 'application/json', { maxDepth: 64 }));
  return evaluate({ target: target({ host: 'api.vendor.com' }), method: 'POST', path: '/', payload: { format: 'json', fields, opaque: undefined } }, POLICY);
}

const BODY = JSON.stringify({
  device: { serial: 'SN-1234567', model: 'X1' },
  coords: { latitude: 52.37, longitude: 4.89 },
  ap_list: Array.from({ length: 20 }, (_, i) => ({ ssid: `net-${i}`, rssi: -40 - i })),
});

describe('field decisions (KindDecision)', () => {
  it('read as plain decisions: every property, through JSON and through plainDecision', () => {
    const decision = decide(BODY);
    const serial = decision.fields.find((f) => f.path === '$.device.serial');
    expect(serial).toMatchObject({ template: '$.device.serial', source: 'body', action: 'hash', applied: true, opaque: false, container: undefined });
    expect(serial?.explanation.ruleId).toBe('serial');
    const ssid = decision.fields.find((f) => f.path === '$.ap_list[3].ssid');
    expect(ssid).toMatchObject({ template: '$.ap_list[*].ssid', action: 'allow', applied: false, explanation: { ruleId: undefined, reason: 'no rule' } });
    for (const field of decision.fields) {
      const plain = plainDecision(field);
      expect(Object.keys(plain).sort()).toEqual(['action', 'applied', 'categories', 'container', 'decidedBy', 'explanation', 'opaque', 'path', 'source', 'template']);
      expect(JSON.parse(JSON.stringify(field))).toEqual(JSON.parse(JSON.stringify(plain)));
      expect(plain.categories).toBe(field.categories);
    }
  });

  it('decide every field of a template alike, request after request, whatever the kind a template kept', () => {
    const first = decide(BODY).fields.map(plainDecision);
    const other = decide(JSON.stringify({ ...JSON.parse(BODY), device: { serial: 'SN-7654321', model: 'X2' } })).fields.map(plainDecision);
    expect(other.map((f) => [f.path, f.action, f.applied, f.explanation.ruleId])).toEqual(first.map((f) => [f.path, f.action, f.applied, f.explanation.ruleId]));
    expect(decide(BODY).fields.map(plainDecision)).toEqual(first);
  });

  it("hand out the host's last list again while every decision in it is the same, and a new list when one differs", () => {
    // The classifier memoises a shape the second time it sees it: from then on its fields get the same categories.
    decide(BODY);
    decide(BODY);
    const first = decide(BODY).fields;
    const again = decide(BODY).fields;
    expect(again).toBe(first);
    const snapshot = first.map(plainDecision);
    // A 21st network decides one more field: a new list, and the list handed out before is unchanged.
    const longer = decide(JSON.stringify({ ...JSON.parse(BODY), ap_list: [...JSON.parse(BODY).ap_list, { ssid: 'x', rssi: -1 }] })).fields;
    expect(longer).not.toBe(first);
    expect(longer).toHaveLength(first.length + 2);
    // The same fields, one decided otherwise (a null latitude): a new list, the decisions before that field kept.
    const other = decide(JSON.stringify({ ...JSON.parse(BODY), coords: { latitude: null, longitude: 4.89 } })).fields;
    expect(other).not.toBe(first);
    expect(other[2]?.path).toBe('$.coords.latitude');
    expect(other[2]).not.toBe(first[2]);
    expect(other.slice(0, 2)).toEqual(first.slice(0, 2));
    other.slice(0, 2).forEach((decision, i) => expect(decision).toBe(first[i]));
    expect(first.map(plainDecision)).toEqual(snapshot);
    expect(decide(BODY).fields.map(plainDecision)).toEqual(snapshot);
  });

  it("give every field its own path, also allowed list items whose path is built from the template when read", () => {
    const bodies: [string, string][] = [
      [BODY, 'application/json'],
      [JSON.stringify({ a: [{ b: [1, 2, { c: 3 }] }], 'x y': [1, [2]], '[*]': [5], q: { '0': [7] }, e: [{ email: 'a@b.c', n: null }] }), 'application/json'],
      [JSON.stringify({ networks: { 'Home WiFi': [{ rssi: -40 }], Office: [{ rssi: -70 }] }, users: [{ 'first name': 'A', id: 'u-123456' }] }), 'application/json'],
      [`${JSON.stringify({ t: 1, list: [{ v: 1 }, { v: 2 }] })}\n${JSON.stringify({ t: 2, list: [{ v: 3 }] })}\n`, 'application/x-ndjson'],
      ['a=1&b=2&b=3', 'application/x-www-form-urlencoded'],
    ];
    let built = 0;
    for (const [body, type] of bodies) {
      const fields = classifyPayload(parsePayload(Buffer.from(body), type, { maxDepth: 64 }));
      const decision = evaluate({ target: target({ host: 'api.vendor.com' }), method: 'POST', path: '/', payload: { format: 'json', fields, opaque: undefined } }, POLICY);
      decision.fields.forEach((field, i) => {
        expect(field.path).toBe(fields[i]?.field.path);
        expect(plainDecision(field).path).toBe(fields[i]?.field.path);
        if (field.template !== undefined && field.path !== field.template && field.action === 'allow') built++;
      });
    }
    expect(built).toBeGreaterThan(40);
  });

  it('keep neither the classified fields nor the body alive once decided', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    let body: Buffer | undefined = Buffer.from(BODY);
    let fields: ReturnType<typeof classifyPayload> | undefined = classifyPayload(parsePayload(body, 'application/json', { maxDepth: 64 }));
    const fieldRef = new WeakRef(fields[0] as object);
    const valueRef = new WeakRef(fields[0]?.field as object);
    const decision = evaluate({ target: target({ host: 'api.vendor.com' }), method: 'POST', path: '/', payload: { format: 'json', fields, opaque: undefined } }, POLICY);
    body = undefined;
    fields = undefined;
    for (let i = 0; i < 5 && (fieldRef.deref() !== undefined || valueRef.deref() !== undefined); i++) {
      await new Promise((resolve) => setImmediate(resolve));
      gc();
    }
    expect(decision.fields.length).toBeGreaterThan(40);
    expect(fieldRef.deref()).toBeUndefined();
    expect(valueRef.deref()).toBeUndefined();
  });
});
