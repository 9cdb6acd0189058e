import { describe, expect, it } from 'vitest';
import { Reporter, type ReportItem } from '../../src/hub/index.js';
import { DnsBypassDetector } from '../../src/hub/dns-bypass.js';
import { dnsQuery, flowRecord, HOUR, NOON, type RecordSpec } from '../ledger/builders.js';

function reporterAt(clock: { now: number }): { reporter: Reporter; items: ReportItem[] } {
  const items: ReportItem[] = [];
  let n = 0;
  const reporter = new Reporter({
    enqueue: (batch) => items.push(...batch),
    known: [['thermostat', 'api.acme.example']],
    newId: () => `id-${++n}`,
    trafficWindowMs: 0,
    now: () => clock.now,
  });
  return { reporter, items };
}

const bypasses = (items: readonly ReportItem[]): ReportItem[] => items.filter((item) => item.type === 'dns_bypass');

describe('DnsBypassDetector', () => {
  it.each<[string, RecordSpec, string | undefined]>([
    ['a known DoH service by name', { host: 'dns.google', port: 443 }, 'connected-encrypted-dns'],
    ['a known DoT service by address', { host: '1.1.1.1', port: 853 }, 'connected-encrypted-dns'],
    ['port 53 elsewhere', { host: 'resolver.example', port: 53 }, 'connected-dns-port'],
    ['an address it never resolved here', { host: '198.51.100.7', port: 443 }, 'unresolved-address'],
    ['an address this resolver gave it', { host: '203.0.113.5', port: 443 }, undefined],
    ['a name (the proxy resolves it itself)', { host: 'api.acme.example', port: 443 }, undefined],
  ])('for a device using this resolver, reports %s', (_name, spec, signal) => {
    const detector = new DnsBypassDetector({ now: () => NOON });
    detector.noteQuery(dnsQuery('api.acme.example', { addresses: ['203.0.113.5'] }));
    expect(detector.noteFlow(flowRecord(spec))?.signal).toBe(signal);
  });

  it('counts no unresolved address for a device that never asked this resolver', () => {
    const detector = new DnsBypassDetector({ now: () => NOON });
    expect(detector.noteFlow(flowRecord({ host: '198.51.100.7' }))).toBeUndefined();
    detector.seed(['thermostat'], [['thermostat', '198.51.100.8']]);
    expect(detector.noteFlow(flowRecord({ host: '198.51.100.8' }))).toBeUndefined();
    expect(detector.noteFlow(flowRecord({ host: '198.51.100.7' }))?.signal).toBe('unresolved-address');
  });

  it('ignores the default profile (unassigned clients have no device page)', () => {
    const detector = new DnsBypassDetector({ now: () => NOON });
    expect(detector.noteFlow(flowRecord({ host: 'dns.google', isDefault: true }))).toBeUndefined();
    expect(detector.noteQuery(dnsQuery('dns.google', { encryptedDns: true, device: { id: 'default', name: 'Default', isDefault: true } }))).toBeUndefined();
  });
});

describe('Reporter dns_bypass items', () => {
  it('reports a lookup of a DoH service and a connection to one, with no raw value', () => {
    const clock = { now: NOON };
    const { reporter, items } = reporterAt(clock);
    reporter.recordQuery(dnsQuery('dns.google', { encryptedDns: true, addresses: ['8.8.8.8'] }));
    reporter.record(flowRecord({ host: '8.8.8.8', port: 443, values: { '$.ssid': 'HomeNet-4821' } }));
    reporter.flush(false);
    expect(bypasses(items)).toEqual([
      {
        id: 'id-1',
        ts: NOON,
        type: 'dns_bypass',
        device_id: 'thermostat',
        signal: 'resolved-encrypted-dns',
        host: 'dns.google',
        count: 1,
        explanation: 'looked up dns.google, a public DNS-over-HTTPS/TLS service: it may resolve names without this gateway',
      },
      expect.objectContaining({ type: 'dns_bypass', signal: 'connected-encrypted-dns', host: '8.8.8.8', port: 443, count: 1 }),
    ]);
    expect(JSON.stringify(items)).not.toContain('HomeNet-4821');
  });

  it('reports a signal at most hourly per device and host, with the sightings in between counted', () => {
    const clock = { now: NOON };
    const { reporter, items } = reporterAt(clock);
    for (let i = 0; i < 3; i++) reporter.record(flowRecord({ host: 'resolver.example', port: 53 }));
    clock.now = NOON + HOUR;
    reporter.record(flowRecord({ host: 'resolver.example', port: 53 }));
    reporter.record(flowRecord({ host: 'other.example', port: 53 }));
    reporter.flush(false);
    expect(bypasses(items).map((item) => item.type === 'dns_bypass' && [item.host, item.count])).toEqual([
      ['resolver.example', 1],
      ['resolver.example', 3],
      ['other.example', 1],
    ]);
  });
});
