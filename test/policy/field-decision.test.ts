import { describe, expect, it } from 'vitest';
import { evaluate, plainFieldDecision } from '../../src/policy/index.js';
import { compile, field, flow } from './engine-helpers.js';

// Decisions read most of what they say through their classified field (issue 12); what they show must be
// what the plain ten-property decision said, and the raw value behind them must never come out.
const SECRET = 'SN-4417-2291-08-secret';
const serial = field({ segments: ['device', 'serial'], value: SECRET, categories: ['device_id'] });
const temp = field({ segments: ['temp'], value: 21.5 });
const lat = field({ segments: ['coords', 'latitude'], value: 51.5, categories: ['location'] });

function decide() {
  const policy = compile({ mode: 'enforce', rules: [{ id: 'serial', path: '$.device.serial', action: 'hash' }] });
  return evaluate(flow([serial, temp, lat]), policy);
}

describe('field decisions', () => {
  it('say for an undecided field what the classifier found, and allow it under no rule', () => {
    expect(plainFieldDecision(decide().fields[2] ?? fail())).toEqual({
      path: '$.coords.latitude',
      template: lat.field.pathTemplate,
      source: 'body',
      categories: ['location'],
      opaque: false,
      action: 'allow',
      applied: false,
      explanation: { ruleId: undefined, reason: 'no rule' },
      decidedBy: lat.explanation === '' ? undefined : lat.explanation,
      container: undefined,
    });
  });

  it('serialise as the plain decision and never carry the raw value', () => {
    const fields = decide().fields;
    const json = JSON.stringify(fields);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(fields.map(plainFieldDecision))));
    expect(JSON.parse(json)[0]).toMatchObject({ path: '$.device.serial', action: 'hash', applied: true, explanation: { ruleId: 'serial' } });
    expect(json).not.toContain(SECRET);
    expect(JSON.stringify(structuredClone(fields))).not.toContain(SECRET);
    expect(JSON.stringify({ ...fields[0] })).not.toContain(SECRET);
  });

  it('read the same through their getters as through the plain copy', () => {
    for (const decided of decide().fields) {
      const plain = plainFieldDecision(decided);
      for (const key of Object.keys(plain) as (keyof typeof plain)[]) expect(decided[key]).toEqual(plain[key]);
    }
  });
});

function fail(): never {
  throw new Error('no decision for the third field');
}
