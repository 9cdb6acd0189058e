import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DnsLog, Ledger, renderReportMarkdown } from '../../src/ledger/index.js';
import { dnsQuery, flowRecord, NOON, tempLedgerFile } from './builders.js';


const query = dnsQuery;

describe('the DNS query log', () => {
  let temp: ReturnType<typeof tempLedgerFile>;
  let ledger: Ledger;
  let dnsLog: DnsLog;

  beforeEach(() => {
    temp = tempLedgerFile();
    ledger = new Ledger({ file: temp.file, retentionDays: 3_650, now: () => NOON });
    ledger.start();
    dnsLog = new DnsLog({ file: temp.file, retentionDays: 3_650 });
    dnsLog.start();
  });
  afterEach(async () => {
    dnsLog.stop();
    await ledger.stop();
    temp.cleanup();
  });

  it('keeps per device and name the count, the verdicts, and first and last seen', () => {
    dnsLog.recordQuery(query('api.acme.example', { at: NOON - 5_000 }));
    dnsLog.recordQuery(query('api.acme.example', { at: NOON, verdict: 'steer' }));
    dnsLog.recordQuery(query('ads.example', { verdict: 'sinkhole', rcode: 3 }));
    dnsLog.flush();
    dnsLog.recordQuery(query('api.acme.example', { at: NOON + 1_000 }));
    expect(dnsLog.names('thermostat')).toEqual([
      expect.objectContaining({ name: 'api.acme.example', queries: 3, steered: 1, sinkholed: 0, firstSeen: NOON - 5_000, lastSeen: NOON + 1_000, lastVerdict: 'answer' }),
      expect.objectContaining({ name: 'ads.example', queries: 1, sinkholed: 1, lastVerdict: 'sinkhole' }),
    ]);
    expect(dnsLog.names('someone-else')).toEqual([]);
  });

  it('reports a device that connects to an address it never resolved here, a DoH endpoint or a DNS port', () => {
    dnsLog.recordQuery(query('api.acme.example', { addresses: ['203.0.113.5'] }));
    dnsLog.recordQuery(query('dns.google', { encryptedDns: true, addresses: ['8.8.8.8'] }));
    dnsLog.flush();
    for (const host of ['api.acme.example', '203.0.113.5', '198.51.100.9', '1.1.1.1']) ledger.record(flowRecord({ host }));
    ledger.record(flowRecord({ host: 'resolver.example', port: 853 }));
    ledger.flush();
    const report = ledger.report('thermostat');
    const findings = report.dns.ownDns.map((finding) => [finding.kind, finding.host]);
    expect(findings).toEqual(
      expect.arrayContaining([
        ['resolved-encrypted-dns', 'dns.google'],
        ['unresolved-address', '198.51.100.9'],
        ['connected-encrypted-dns', '1.1.1.1'],
        ['connected-dns-port', 'resolver.example'],
      ]),
    );
    // Resolved here, or a name: not a finding.
    expect(findings.map(([, host]) => host)).not.toContain('203.0.113.5');
    expect(findings.map(([, host]) => host)).not.toContain('api.acme.example');
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain('## Names it looked up');
    expect(markdown).toContain('### Uses its own DNS');
    expect(markdown).toContain('198.51.100.9:443, an address it never resolved here');
  });

  it('does not call an IP connection a bypass for a device that never used this resolver', () => {
    ledger.record(flowRecord({ host: '198.51.100.9' }));
    ledger.flush();
    expect(ledger.report('thermostat').dns).toEqual({ names: [], ownDns: [] });
    expect(renderReportMarkdown(ledger.report('thermostat'))).not.toContain('Names it looked up');
  });
});
