import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger, type PrivacyReport, renderReportMarkdown } from '../../src/ledger/index.js';
import { DAY, flowRecord, HOUR, NOON, tempLedgerFile } from './builders.js';

describe('Ledger.report', () => {
  let cleanup: () => void;
  let ledger: Ledger;
  let report: PrivacyReport;

  beforeEach(() => {
    let file: string;
    ({ file, cleanup } = tempLedgerFile());
    ledger = new Ledger({ file, retentionDays: 30, now: () => NOON });
    ledger.start();
    ledger.record(
      flowRecord({
        at: NOON - HOUR,
        fields: [{ path: '$.lat', categories: ['location'], action: 'block' }, { path: '$.temp' }],
        verdict: 'block',
        block: { ruleId: 'no-location', reason: 'Location may not leave the house' },
        bytesUp: 1500,
      }),
    );
    ledger.record(
      flowRecord({
        at: NOON - DAY,
        host: 'metrics.other.example',
        vendor: 'Other',
        mode: 'monitor',
        fields: [{ path: '$.ssid', categories: ['network'], action: 'redact', applied: false }],
        violation: true,
        block: { ruleId: 'no-network', reason: 'Network ids are redacted' },
      }),
    );
    // A host name is whatever the client put in SNI: the Markdown must not let it break the table.
    ledger.record(flowRecord({ at: NOON - 2 * HOUR, host: 'pinned|<b>x.example', inspectable: false }));
    report = ledger.report('thermostat');
  });

  afterEach(() => {
    ledger.stop();
    cleanup();
  });

  it('says where the device sends data, with the categories per destination', () => {
    expect(report.destinations.map((d) => [d.vendor, d.host, d.inspectable, d.requests, d.blocked, d.categories])).toEqual([
      ['Acme', 'api.acme.example', true, 1, 1, ['location']],
      ['Acme', 'pinned|<b>x.example', false, 1, 0, []],
      ['Other', 'metrics.other.example', true, 1, 0, ['network']],
    ]);
  });

  it('says what it sends per category and how each field was handled', () => {
    expect(report.categories).toEqual([
      expect.objectContaining({
        category: 'location',
        hosts: ['api.acme.example'],
        fields: [expect.objectContaining({ path: '$.lat', actions: [{ action: 'block', applied: true, count: 1 }] })],
      }),
      expect.objectContaining({
        category: 'network',
        fields: [expect.objectContaining({ path: '$.ssid', actions: [{ action: 'redact', applied: false, count: 1 }] })],
      }),
      expect.objectContaining({ category: null, label: 'Not classified' }),
    ]);
  });

  it('says what was blocked and what monitor mode let through, with totals', () => {
    expect(report.blocked).toEqual([
      { host: 'api.acme.example', ruleId: 'no-location', kind: 'policy', reason: 'Location may not leave the house', enforced: true, count: 1, lastAt: NOON - HOUR },
      { host: 'metrics.other.example', ruleId: 'no-network', kind: 'policy', reason: 'Network ids are redacted', enforced: false, count: 1, lastAt: NOON - DAY },
    ]);
    expect(report.totals).toEqual({ requests: 3, forwarded: 2, edited: 0, blocked: 1, errors: 0, violations: 2, bytesUp: 1700, bytesDown: 60 });
    expect(report.generatedAt).toBe(NOON);
    expect(report.period).toEqual({ from: NOON - DAY - 12 * HOUR, to: NOON });
  });

  it('renders Markdown with every section and escapes what came off the network', () => {
    expect(renderReportMarkdown(report)).toBe(`# Privacy report: Hall thermostat

Device \`thermostat\` · 2025-06-14 00:00 to 2025-06-15 12:00 · generated 2025-06-15 12:00

## Summary

- 3 requests to 3 destinations: 2 forwarded (0 with personal data changed by the policy), 1 blocked, 0 failed.
- 1.7 kB sent, 60 B received.
- 2 policy violations.
- Personal data seen: Location, Network identifiers.

## Where it sends data

| Vendor | Party | Country | Destination | Inspected | Requests | Blocked | Sent | Personal data |
|---|---|---|---|---|---|---|---|---|
| Acme | unknown | - | https://api.acme.example:443 | yes | 1 | 1 | 1.5 kB | Location |
| Acme | unknown | - | https://pinned\\|\\<b\\>x.example:443 | no (certificate pinned) | 1 | 0 | 100 B | - |
| Other | unknown | - | https://metrics.other.example:443 | yes | 1 | 0 | 100 B | Network identifiers |

## What it sends

### Location

| Destination | Field | Handling | Value changes | Last seen |
|---|---|---|---|---|
| api.acme.example | $.lat | not sent (request blocked) ×1 | 0 | 2025-06-15 11:00 |

### Network identifiers

| Destination | Field | Handling | Value changes | Last seen |
|---|---|---|---|---|
| metrics.other.example | $.ssid | sent as is ×1 (policy says redact; monitor mode, not enforced) | 0 | 2025-06-14 12:00 |

### Not classified

| Destination | Field | Handling | Value changes | Last seen |
|---|---|---|---|---|
| api.acme.example | $.temp | not sent (request blocked) ×1 | 0 | 2025-06-15 11:00 |

## What was blocked

| Destination | Blocked by | Rule | Why | Times | Last |
|---|---|---|---|---|---|
| api.acme.example | policy | no-location | Location may not leave the house | 1 | 2025-06-15 11:00 |
| metrics.other.example | policy | no-network | Network ids are redacted (monitor mode: not enforced, the request was sent) | 1 | 2025-06-14 12:00 |
`);
  });

  it('renders a device with nothing inspected without empty tables', () => {
    ledger.record(flowRecord({ device: 'tv', deviceName: 'TV', host: 'ads.example', inspectable: false }));
    const markdown = renderReportMarkdown(ledger.report('tv'));

    expect(markdown).toContain('- Personal data seen: none.');
    expect(markdown).toContain('No inspected fields recorded.');
    expect(markdown).toContain('Nothing was blocked.');
  });

  it("names each destination with the owner's maker and party, and compares with the MUD declarations", () => {
    ledger.record(flowRecord({ device: 'tv', deviceName: 'TV', host: 'devs.tplinkcloud.com' }));
    ledger.record(flowRecord({ device: 'tv', deviceName: 'TV', host: 'ad.doubleclick.net' }));
    ledger.record(flowRecord({ device: 'tv', deviceName: 'TV', host: 'x.cloudfront.net' }));
    const named = ledger.report('tv', {
      naming: { manufacturer: 'TP-Link', ownerParty: (host) => (host === 'x.cloudfront.net' ? 'first' : undefined) },
      declaredHosts: ['devs.tplinkcloud.com', 'firmware.tplinkcloud.com'],
    });
    const byHost = new Map(named.destinations.map((d) => [d.host, d.name]));
    // The flows carry the owner's vendor name (the builder's 'Acme'): it overrides the catalogue's.
    expect(byHost.get('devs.tplinkcloud.com')).toMatchObject({ vendor: 'Acme', vendorSource: 'owner', party: 'first', domain: 'tplinkcloud.com' });
    expect(byHost.get('ad.doubleclick.net')).toMatchObject({ purpose: 'advertising', party: 'third' });
    expect(byHost.get('x.cloudfront.net')).toMatchObject({ party: 'first', partyReason: 'the owner chose it in the policy' });
    expect(named.mud).toMatchObject({ undeclared: ['ad.doubleclick.net', 'x.cloudfront.net'], unused: ['firmware.tplinkcloud.com'] });
    const markdown = renderReportMarkdown(named);
    expect(markdown).toContain('## Declared by the maker (MUD) vs used');
    expect(markdown).toContain('- firmware.tplinkcloud.com');
    expect(ledger.report('tv').mud).toBeUndefined();
  });

  it('names the countries of the vendor addresses a destination used, kept per day', () => {
    // 1.178.10.0-1.178.10.255 is DE and 89.116.160.0 LT in the geo-whois-asn-country data.
    for (const upstreamAddress of ['1.178.10.7', '1.178.10.7', '89.116.160.1', '10.0.0.9']) {
      ledger.record({ ...flowRecord({ device: 'tv', deviceName: 'TV', host: 'cdn.vendor.example' }), upstreamAddress });
    }
    expect(ledger.upstreamAddresses('tv').get('cdn.vendor.example')?.sort()).toEqual(['1.178.10.7', '10.0.0.9', '89.116.160.1']);
    expect(ledger.report('tv').destinations[0]?.name.countries).toEqual(['DE', 'LT']);
  });
});
