import { describe, expect, it } from 'vitest';
import { parsePayload, parseQuery, type PayloadField } from '../../src/payload/index.js';
import { classifyPayload, evaluate, plainDecision, type ClassifiedField, type Decision, type FieldDecision, type PolicyInput } from '../../src/policy/index.js';
import { compile, target } from './engine-helpers.js';

/**
 * Parsed fields carry a path template, and classify/evaluate cache per template; hand-built fields have
 * none and take the uncached path. Both must decide exactly alike, whatever the cache has seen before.
 */
const BODY = JSON.stringify({
  device: { serial: 'SN-1', mac: 'a4:cf:12:9e:77:01', ids: [7, 8] },
  coords: { latitude: 52.37, longitude: 4.89 },
  ap_list: [
    { ssid: 'home', bssid: '00:11:22:33:44:55', rssi: -40 },
    { ssid: 'cafe', bssid: '00:11:22:33:44:66', rssi: -70 },
  ],
  m: [[1, 2], [3]],
  odd: { 'a b': 'x', '0': 'zero' },
  owner: { email: 'someone@example.org' },
});

const RULES: PolicyInput['rules'] = [
  { id: 'first-ap', path: '$.ap_list[0].ssid', action: 'drop' },
  { id: 'any-ap', path: '$.ap_list[*].bssid', action: 'hash' },
  { id: 'deep-rssi', path: '$..rssi', action: 'redact' },
  { id: 'one-of-m', path: '$.m[1][0]', action: 'drop' },
  { id: 'star', path: '$.odd.*', action: 'redact' },
  { id: 'quoted', path: '$.odd["0"]', action: 'hash' },
  { id: 'ids', path: '$.device.ids[*]', action: 'drop' },
  { id: 'location', category: 'location', action: 'redact', destinations: ['api.vendor.com'] },
  { id: 'personal', category: 'personal', action: 'hash', except: ['api.vendor.com'] },
  { id: 'imei', path: '$query.imei', action: 'drop' },
];

/** The same field without its template: what a hand-built field looks like to the policy. */
function untemplated(field: PayloadField): PayloadField {
  return {
    source: field.source,
    segments: [...field.segments],
    path: field.path,
    key: field.key,
    value: field.value,
    valueStart: field.valueStart,
    valueEnd: field.valueEnd,
    memberStart: field.memberStart,
    memberEnd: field.memberEnd,
  };
}

function parsedFields(): PayloadField[] {
  return [...parsePayload(Buffer.from(BODY), 'application/json').fields, ...parseQuery('?imei=3569&q=1')];
}

function decide(fields: readonly ClassifiedField[], host: string): Decision {
  const policy = compile({ mode: 'enforce', rules: RULES });
  return evaluate({ target: target({ host }), method: 'POST', path: '/', payload: { format: 'json', fields, opaque: undefined } }, policy);
}

describe('per-template caches in classify and evaluate', () => {
  it('classify the same with and without templates', () => {
    const fields = parsedFields();
    const cached = classifyPayload({ format: 'json', fields, opaqueReason: undefined });
    const uncached = classifyPayload({ format: 'json', fields: fields.map(untemplated), opaqueReason: undefined });
    expect(cached.map((cf) => [cf.field.path, cf.categories])).toEqual(uncached.map((cf) => [cf.field.path, cf.categories]));
  });

  it.each(['api.vendor.com', 'other.example', 'api.vendor.com'])('decide every field the same with and without templates for %s', (host) => {
    const fields = parsedFields();
    const cached = classifyPayload({ format: 'json', fields, opaqueReason: undefined });
    const uncached = cached.map((cf) => ({ ...cf, field: untemplated(cf.field) }));
    const withCache = decide(cached, host).fields;
    // The template itself is only carried through for the ledger; the decisions must match.
    const withoutTemplate = (field: FieldDecision): Omit<FieldDecision, 'template'> => {
      const { template: _template, ...decision } = plainDecision(field);
      return decision;
    };
    expect(withCache.map(withoutTemplate)).toEqual(decide(uncached, host).fields.map(withoutTemplate));
    // A second request of the same shape is served from the caches and still decides alike.
    expect(decide(cached, host).fields.map(plainDecision)).toEqual(withCache.map(plainDecision));
  });

  it('applies an index pattern only to its item although the items share a template', () => {
    const fields = classifyPayload({ format: 'json', fields: parsedFields(), opaqueReason: undefined });
    const actions = new Map(decide(fields, 'api.vendor.com').fields.map((fd) => [fd.path, fd.explanation.ruleId]));
    expect([actions.get('$.ap_list[0].ssid'), actions.get('$.ap_list[1].ssid')]).toEqual(['first-ap', undefined]);
    expect([actions.get('$.m[1][0]'), actions.get('$.m[0][0]')]).toEqual(['one-of-m', undefined]);
    expect([actions.get('$.odd["0"]'), actions.get('$.odd.{name}')]).toEqual(['quoted', 'star']);
  });

  it('keeps category rules per field, not per template', () => {
    const doc = { readings: [{ v: '192.168.1.7' }, { v: 'plain' }] };
    const fields = classifyPayload(parsePayload(Buffer.from(JSON.stringify(doc)), 'application/json'));
    const policy = compile({ mode: 'enforce', rules: [{ id: 'net', category: 'network', action: 'drop' }] });
    const decision = evaluate({ target: target(), method: 'POST', path: '/', payload: { format: 'json', fields, opaque: undefined } }, policy);
    expect(decision.fields.map((fd) => fd.action)).toEqual(['drop', 'allow']);
  });

  it('starts afresh for a recompiled policy', () => {
    const fields = classifyPayload(parsePayload(Buffer.from('{"a": {"b": 1}}'), 'application/json'));
    const flowOf = { target: target(), method: 'POST', path: '/', payload: { format: 'json' as const, fields, opaque: undefined } };
    expect(evaluate(flowOf, compile({ mode: 'enforce', rules: [] })).fields[0]?.action).toBe('allow');
    const strict = compile({ mode: 'enforce', rules: [{ id: 'b', path: '$.a.b', action: 'drop' }] });
    expect(evaluate(flowOf, strict).fields[0]?.action).toBe('drop');
  });
});
