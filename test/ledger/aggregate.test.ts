import { describe, expect, it } from 'vitest';
import { Aggregator } from '../../src/ledger/aggregate.js';
import { flowRecord, NOON, type FieldSpec } from './builders.js';

const violation = (fields: readonly FieldSpec[], device = 'thermostat') =>
  flowRecord({ device, fields, violation: true });

const explanationOf = (aggregator: Aggregator, index: number): unknown =>
  JSON.parse(aggregator.decisions[index]?.explanation ?? 'null');

describe('Aggregator decision rows', () => {
  it('writes the explanation of each request, also when a device repeats or changes what it sends', () => {
    const aggregator = new Aggregator({ maxKeys: 1000, maxDecisions: 100 });
    const email: FieldSpec = { path: '$.email', categories: ['personal'], action: 'redact', ruleId: 'r1', reason: 'rule r1' };
    aggregator.add(violation([email, { path: '$.t' }]));
    aggregator.add(violation([email, { path: '$.t' }]));
    aggregator.add(violation([{ ...email, action: 'hash', reason: 'rule r1 now hashes' }]));
    aggregator.add(violation([{ ...email, path: '$.mail' }]));
    aggregator.add(violation([email, { ...email, path: '$.other', categories: ['personal', 'location'] }]));
    aggregator.add(violation([email], 'doorbell'));

    const entry = (path: string, action: string, reason: string, categories = ['personal']) => ({
      path, categories, action, applied: true, opaque: false, ruleId: 'r1', reason,
    });
    expect([0, 1, 2, 3, 4, 5].map((i) => explanationOf(aggregator, i))).toEqual([
      [entry('$.email', 'redact', 'rule r1')],
      [entry('$.email', 'redact', 'rule r1')],
      [entry('$.email', 'hash', 'rule r1 now hashes')],
      [entry('$.mail', 'redact', 'rule r1')],
      [entry('$.email', 'redact', 'rule r1'), entry('$.other', 'redact', 'rule r1', ['personal', 'location'])],
      [entry('$.email', 'redact', 'rule r1')],
    ]);
  });

  it('keeps the newest rows when the limit is reached, oldest first, counting what it dropped', () => {
    const aggregator = new Aggregator({ maxKeys: 1000, maxDecisions: 3 });
    for (let i = 0; i < 10; i++) aggregator.add({ ...violation([{ path: '$.a', action: 'drop' }]), at: NOON + i });
    expect(aggregator.decisions.map((row) => row.at)).toEqual([NOON + 7, NOON + 8, NOON + 9]);
    expect(aggregator.dropped).toBe(7);
    expect(aggregator.size).toBe(1 + 1 + 1 + 3); // device, destination, field row, decisions
  });

  it('starts empty again after clear', () => {
    const aggregator = new Aggregator({ maxKeys: 1000, maxDecisions: 2 });
    for (let i = 0; i < 5; i++) aggregator.add(violation([{ path: '$.a', action: 'drop' }]));
    aggregator.clear();
    expect([aggregator.decisions.length, aggregator.isEmpty]).toEqual([0, true]);
    aggregator.add(violation([{ path: '$.a', action: 'drop' }]));
    expect(aggregator.decisions).toHaveLength(1);
  });
});
