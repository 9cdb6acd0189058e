import { describe, expect, it } from 'vitest';
import { Reporter, type ReportItem } from '../../src/hub/index.js';
import { flowRecord, type RecordSpec } from '../ledger/builders.js';

function reporterWith(known: [string, string][] = []): { reporter: Reporter; items: ReportItem[] } {
  const items: ReportItem[] = [];
  let n = 0;
  const reporter = new Reporter({ enqueue: (batch) => items.push(...batch), known, newId: () => `id-${++n}`, trafficWindowMs: 0 });
  return { reporter, items };
}

const seen: [string, string][] = [['thermostat', 'api.acme.example']];

describe('Reporter', () => {
  it.each<[string, RecordSpec, Partial<ReportItem>[]]>([
    [
      'a redacted field',
      { fields: [{ path: '$.lat', categories: ['location'], action: 'redact', ruleId: 'r1', reason: 'location is redacted' }], violation: true },
      [{ type: 'violation', field_path: '$.lat', category: 'location', action: 'redact', rule: 'r1', explanation: 'location is redacted' }],
    ],
    [
      'a would-be action in monitor mode',
      { mode: 'monitor', fields: [{ path: '$.ssid', categories: ['network'], action: 'drop', applied: false, reason: 'ssid dropped' }] },
      [{ type: 'violation', action: 'drop', explanation: 'monitor mode, not applied: ssid dropped' }],
    ],
    [
      'a destination blocked before any body',
      { connectionVerdict: 'block', block: { ruleId: 'ads', reason: 'ads are blocked' } },
      [{ type: 'violation', action: 'block', rule: 'ads', explanation: 'ads are blocked' }],
    ],
    [
      'a quarantined device, named by what refused it when no rule did',
      { connectionVerdict: 'block', block: { ruleId: undefined, reason: 'device cam is quarantined', blockedBy: 'quarantine' } },
      [{ type: 'violation', action: 'block', rule: 'quarantine', explanation: 'device cam is quarantined' }],
    ],
    [
      'a request blocked as a whole',
      { fields: [], verdict: 'block', block: { ruleId: 'opaque', reason: 'opaque body' } },
      [{ type: 'violation', action: 'block', rule: 'opaque', explanation: 'opaque body' }],
    ],
    [
      'an opaque field',
      { fields: [{ path: '$.blob', opaque: true }] },
      [{ type: 'opaque_payload', field_path: '$.blob' }],
    ],
    ['a client that refused our certificate', { inspectable: false }, [{ type: 'opaque_payload' }]],
    ['allowed fields', { fields: [{ path: '$.temp', categories: [] }] }, []],
  ])('reports %s', (_name, spec, expected) => {
    const { reporter, items } = reporterWith(seen);
    reporter.record(flowRecord(spec));
    reporter.flush(false);
    const events = items.filter((item) => item.type !== 'traffic');
    expect(events).toHaveLength(expected.length);
    expected.forEach((want, index) => expect(events[index]).toMatchObject(want));
  });

  it('reports a new destination once per device and host, and not for hosts the ledger knows', () => {
    const { reporter, items } = reporterWith(seen);
    for (const host of ['api.acme.example', 'new.acme.example', 'new.acme.example']) reporter.record(flowRecord({ host }));
    reporter.flush(false);
    const fresh = items.filter((item) => item.type === 'new_destination');
    expect(fresh).toEqual([expect.objectContaining({ device_id: 'thermostat', destination: { host: 'new.acme.example', vendor: 'Acme', party: 'unknown' } })]);
  });

  it('adds up traffic per device and host', () => {
    const { reporter, items } = reporterWith(seen);
    reporter.record(flowRecord({ bytesUp: 100 }));
    reporter.record(flowRecord({ bytesUp: 50, fields: [], verdict: 'block', block: { ruleId: 'x', reason: 'y' } }));
    reporter.flush(true);
    expect(items.filter((item) => item.type === 'traffic')).toEqual([
      expect.objectContaining({ requests: 2, bytes_up: 150, blocked: 1, destination: { host: 'api.acme.example', vendor: 'Acme', party: 'unknown' } }),
    ]);
  });

  it('names the destination for Home Assistant: catalogue purpose and party, the owner vendor kept', () => {
    const { reporter, items } = reporterWith(seen);
    reporter.record(flowRecord({ host: 'stats.g.doubleclick.net' }));
    reporter.flush(true);
    expect(items.find((item) => item.type === 'traffic')?.destination).toEqual({ host: 'stats.g.doubleclick.net', vendor: 'Acme', party: 'third' });
  });

  it('names the country of the vendor address the request went to', () => {
    const { reporter, items } = reporterWith(seen);
    // 1.178.10.0/24 is DE in the geo-whois-asn-country data.
    reporter.record({ ...flowRecord({ host: 'api.acme.example' }), upstreamAddress: '1.178.10.7' });
    reporter.flush(true);
    expect(items.find((item) => item.type === 'traffic')?.destination).toMatchObject({ countries: ['DE'] });
  });

  it('reports the fields a traffic window saw: path, categories, last action and how often', () => {
    const { reporter, items } = reporterWith(seen);
    reporter.record(flowRecord({ fields: [{ path: '$.lat', categories: ['location'], action: 'allow' }, { path: '$.blob', opaque: true }] }));
    reporter.record(flowRecord({ fields: [{ path: '$.lat', categories: ['location', 'personal'], action: 'redact' }] }));
    reporter.flush(true);
    const [traffic] = items.filter((item) => item.type === 'traffic');
    expect(traffic).toMatchObject({
      inspectable: true,
      fields: [
        { path: '$.lat', categories: ['location', 'personal'], action: 'redact', count: 2 },
        { path: '$.blob', categories: [], action: 'allow', count: 1, opaque: true },
      ],
    });
  });

  it('reports which detectors decided a field, the latest explanation, bounded, and nothing for a field without one', () => {
    const { reporter, items } = reporterWith(seen);
    reporter.record(flowRecord({ fields: [{ path: '$.lat', categories: ['location'], decidedBy: 'key "lat": word "latitude" → location' }, { path: '$.temp' }] }));
    reporter.record(flowRecord({ fields: [{ path: '$.lat', categories: ['location'] }, { path: '$.note', categories: ['media'], decidedBy: 'x'.repeat(400) }] }));
    reporter.flush(true);
    const [traffic] = items.filter((item) => item.type === 'traffic');
    const fields = (traffic as unknown as { fields: { path: string; why?: string }[] }).fields;
    expect(fields.find((f) => f.path === '$.lat')?.why).toBe('key "lat": word "latitude" → location');
    expect(fields.find((f) => f.path === '$.temp')).not.toHaveProperty('why');
    expect(fields.find((f) => f.path === '$.note')?.why).toHaveLength(300);
  });

  it('says a traffic window was not inspectable when one connection refused the certificate', () => {
    const { reporter, items } = reporterWith(seen);
    reporter.record(flowRecord({ fields: [] }));
    reporter.record(flowRecord({ inspectable: false }));
    reporter.flush(true);
    const traffic = items.filter((item) => item.type === 'traffic');
    expect(traffic).toEqual([expect.objectContaining({ requests: 2, inspectable: false })]);
    expect(traffic[0]).not.toHaveProperty('fields');
  });

  it('reports at most maxFieldsPerTraffic field paths per traffic item, and counts every request', () => {
    const items: ReportItem[] = [];
    const reporter = new Reporter({ enqueue: (batch) => items.push(...batch), known: seen, trafficWindowMs: 0, maxFieldsPerTraffic: 2 });
    for (const path of ['$.a', '$.b', '$.c', '$.a']) reporter.record(flowRecord({ fields: [{ path }] }));
    reporter.flush(true);
    expect(items).toEqual([
      expect.objectContaining({ type: 'traffic', requests: 4, fields: [expect.objectContaining({ path: '$.a', count: 2 }), expect.objectContaining({ path: '$.b', count: 1 })] }),
    ]);
  });

  it('reports an unassigned client once per hour, and never its traffic as a device', () => {
    const { reporter, items } = reporterWith();
    const unknown = flowRecord({ isDefault: true, device: 'default', clientAddress: '192.168.1.77' });
    reporter.record(unknown);
    reporter.record(unknown);
    reporter.flush(true);
    expect(items).toEqual([expect.objectContaining({ type: 'unassigned_client', address: '192.168.1.77' })]);
  });

  it('never puts a raw value or its fingerprint into an item', () => {
    const { reporter, items } = reporterWith();
    const record = flowRecord({
      fields: [{ path: '$.email', categories: ['personal'], action: 'hash' }],
      values: { '$.email': 'alice@example.com' },
      violation: true,
    });
    reporter.record(record);
    reporter.flush(true);
    const text = JSON.stringify(items);
    expect(text).not.toContain('alice');
    for (const print of record.fingerprints.values()) expect(text).not.toContain(print);
  });
});
