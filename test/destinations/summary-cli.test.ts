import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { dataDirLayout } from '../../src/data-dir.js';
import { Ledger } from '../../src/ledger/index.js';
import { flowRecord } from '../ledger/builders.js';

describe('summary and report name destinations', () => {
  let dir: string;
  const run = async (args: string[]): Promise<{ status: number; out: string; err: string }> => {
    const out: string[] = [];
    const err: string[] = [];
    const status = await runCli([...args, '--data', dir], { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { status, out: out.join('\n'), err: err.join('\n') };
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-naming-'));
    const ledger = new Ledger({ file: dataDirLayout(dir).ledgerFile, retentionDays: 3650 });
    ledger.start();
    // 1.178.10.0/24 is DE in the geo-whois-asn-country data.
    ledger.record({ ...flowRecord({ device: 'plug', deviceName: 'Plug', host: 'devs.tplinkcloud.com' }), upstreamAddress: '1.178.10.7' });
    ledger.record(flowRecord({ device: 'plug', deviceName: 'Plug', host: 'ad.doubleclick.net' }));
    ledger.stop();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("uses the policy's manufacturer and the addresses used", async () => {
    await writeFile(dataDirLayout(dir).policyFile, JSON.stringify({
      version: 1, devices: [{ id: 'plug', name: 'Plug', manufacturer: 'TP-Link', addresses: ['192.168.1.30'] }],
    }));
    const summary = await run(['summary', 'plug']);
    expect(summary.status).toBe(0);
    expect(summary.out).toMatch(/https:\/\/devs\.tplinkcloud\.com:443 {2}Acme \(first party, DE\)/);
    expect(summary.out).toMatch(/https:\/\/ad\.doubleclick\.net:443 {2}Acme \(third party\)/);
    const report = await run(['report', 'plug']);
    expect(report.out).toContain('| Acme | first | DE | https://devs.tplinkcloud.com:443 |');
  });

  it('names from the catalogue alone, and says so, when the policy cannot be read', async () => {
    const summary = await run(['summary', 'plug']);
    expect(summary.status).toBe(0);
    expect(summary.err).toMatch(/^Naming destinations from the built-in catalogue only: /);
    expect(summary.out).toMatch(/devs\.tplinkcloud\.com:443 {2}Acme \(unknown party, DE\)/);
  });
});
