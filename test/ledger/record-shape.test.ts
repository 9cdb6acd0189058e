import { describe, expect, it } from 'vitest';
import { Aggregator } from '../../src/ledger/aggregate.js';
import { RecordShapes } from '../../src/ledger/record-shape.js';
import type { FlowRecord } from '../../src/ledger/index.js';
import { DAY, fingerprint, flowRecord, NOON, type FieldSpec, type RecordSpec } from './builders.js';

/** A Wi-Fi scan of `n` networks: two fields per network under two templates, as the parser gives them. */
function scan(n: number, overrides: Partial<FieldSpec> = {}): FieldSpec[] {
  return Array.from({ length: n }, (_, i): FieldSpec[] => [
    { path: `$.ap_list[${i}].ssid`, template: '$.ap_list[*].ssid', categories: ['network', 'third_party'], decidedBy: 'key "ssid" → network', ...overrides },
    { path: `$.ap_list[${i}].rssi`, template: '$.ap_list[*].rssi', categories: ['third_party'], decidedBy: 'inside "ap_list" → third_party' },
  ]).flat();
}

const email: FieldSpec = { path: '$.owner.email', categories: ['personal'], action: 'redact', ruleId: 'owner-email', reason: 'rule owner-email', decidedBy: 'key "email" → personal' };
const plain: FieldSpec[] = [{ path: '$.temp' }, { path: '$.t', categories: ['bogus' as never, 'also-bogus' as never] }];

/** One record of the telemetry stream, values changing as they do between requests. */
function telemetry(i: number, spec: Partial<RecordSpec> = {}, fields: FieldSpec[] = [email, ...scan(5), ...plain]): FlowRecord {
  const record = flowRecord({ at: NOON + i * 1000, violation: true, fields, ...spec });
  const fingerprints = new Map([
    ['$.owner.email', fingerprint(i % 3 === 0 ? 'a@example.org' : 'b@example.org')],
    ['$.ap_list[*].ssid', fingerprint(`scan-${Math.floor(i / 4)}`)],
  ]);
  return { ...record, fingerprints };
}

/** Every pending row of an aggregator, in a stable order. */
function rowsOf(aggregator: Aggregator): string {
  return JSON.stringify({
    fields: aggregator.pendingFields(),
    decisions: aggregator.decisions,
    destinations: [...aggregator.destinations.values()].map((row) => ({ ...row, addresses: [...row.addresses] })),
    devices: [...aggregator.devices.values()],
  });
}

describe('RecordShapes', () => {
  it('gives a record the shape of an equal earlier one, also when its device alternates between two', () => {
    const shapes = new RecordShapes();
    const first = shapes.of('cam', 'api.example', telemetry(0).decision);
    const other = shapes.of('cam', 'api.example', telemetry(1, {}, [email]).decision);
    expect(first).toBeDefined();
    expect(other?.id).not.toBe(first?.id);
    expect(shapes.of('cam', 'api.example', telemetry(2).decision)?.id).toBe(first?.id);
    expect(shapes.of('cam', 'api.example', telemetry(3, {}, [email]).decision)?.id).toBe(other?.id);
    // The key the ledger aggregates by, and the first field of each (fingerprints are per template).
    expect(first?.firstIndex.get('$.ap_list[*].rssi')).toBe(2);
  });

  it('tells apart every difference the ledger would write', () => {
    const changed: [string, FieldSpec[]][] = [
      ['action', [{ ...email, action: 'hash' }, ...scan(5), ...plain]],
      ['applied', [{ ...email, applied: false }, ...scan(5), ...plain]],
      ['opaque', [email, ...scan(5, { opaque: true }), ...plain]],
      ['categories', [email, ...scan(5, { categories: ['network'] }), ...plain]],
      ['decidedBy', [email, ...scan(5, { decidedBy: 'key "ssid" → network; more' }), ...plain]],
      ['rule', [{ ...email, ruleId: 'other' }, ...scan(5), ...plain]],
      ['reason', [{ ...email, reason: 'another reason' }, ...scan(5), ...plain]],
      ['own path of an edited field', [{ ...email, path: '$.owner.mail' }, ...scan(5), ...plain]],
      ['one network more', [email, ...scan(6), ...plain]],
    ];
    for (const [what, fields] of changed) {
      const shapes = new RecordShapes();
      const first = shapes.of('cam', 'api.example', telemetry(0).decision);
      expect(shapes.of('cam', 'api.example', telemetry(1, {}, fields).decision)?.id, what).not.toBe(first?.id);
    }
    // A path of an allowed field inside a list is not written: the same shape.
    const shapes = new RecordShapes();
    const first = shapes.of('cam', 'api.example', telemetry(0).decision);
    const renumbered = scan(5).map((spec, i) => (i === 0 ? { ...spec, path: '$.ap_list[9].ssid' } : spec));
    expect(shapes.of('cam', 'api.example', telemetry(1, {}, [email, ...renumbered, ...plain]).decision)?.id).toBe(first?.id);
  });
});

describe('Aggregator with record shapes', () => {
  it('folds records of a known shape into exactly the rows folding them field by field gives', () => {
    const byField = new Aggregator({ maxKeys: 10_000, maxDecisions: 1000 });
    const byShape = new Aggregator({ maxKeys: 10_000, maxDecisions: 1000 });
    const shapes = new RecordShapes();
    const stream: FlowRecord[] = [];
    for (let i = 0; i < 40; i++) {
      if (i % 10 === 7) stream.push(telemetry(i, { verdict: 'block', block: { ruleId: 'owner-email', reason: 'blocked', blockedBy: 'field' } }));
      else if (i % 10 === 5) stream.push(telemetry(i, {}, [{ ...email, action: 'hash' }, ...scan(5), ...plain]));
      else if (i === 20) stream.push(telemetry(i, { at: NOON + DAY }));
      else if (i === 25) stream.push(telemetry(i, { device: 'doorbell' }));
      else stream.push(telemetry(i));
    }
    stream.forEach((record, i) => {
      byField.add(record);
      byShape.add(record, shapes.of(record.connection.device.id, record.connection.destination.host, record.decision));
      // A flush empties the pending rows (and the plans that point at them) every so often.
      if (i === 15) {
        expect(rowsOf(byShape)).toBe(rowsOf(byField));
        byField.clear();
        byShape.clear();
      }
    });
    expect(byShape.pendingFields().find((row) => row.path === '$.ap_list[*].ssid' && row.category === 'network')?.changes).toBeGreaterThan(0);
    expect(rowsOf(byShape)).toBe(rowsOf(byField));
  });

  it('does not reuse a plan whose rows did not all fit under the limit', () => {
    const byField = new Aggregator({ maxKeys: 6, maxDecisions: 1000 });
    const byShape = new Aggregator({ maxKeys: 6, maxDecisions: 1000 });
    const shapes = new RecordShapes();
    for (let i = 0; i < 5; i++) {
      const record = telemetry(i);
      byField.add(record);
      byShape.add(record, shapes.of('thermostat', 'api.acme.example', record.decision));
    }
    expect(byShape.dropped).toBe(byField.dropped);
    expect(rowsOf(byShape)).toBe(rowsOf(byField));
  });
});
