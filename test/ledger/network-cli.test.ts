import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { dataDirLayout } from '../../src/data-dir.js';
import { DnsLog, Ledger } from '../../src/ledger/index.js';
import { dnsQuery, flowRecord, NOON } from './builders.js';

describe('the CLI summary of a device network', () => {
  let dir: string;
  const run = async (args: string[]): Promise<{ status: number; out: string }> => {
    const out: string[] = [];
    const status = await runCli([...args, '--data', dir], { out: (t) => out.push(t), err: () => undefined });
    return { status, out: out.join('\n') };
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-network-cli-'));
    const file = dataDirLayout(dir).ledgerFile;
    const ledger = new Ledger({ file, retentionDays: 3650, now: () => NOON });
    ledger.start();
    const broker = { host: 'mqtt.acme.example', port: 1883, scheme: 'mqtt' as const };
    ledger.record(flowRecord({ ...broker, method: 'PUBLISH', path: '/owntracks/alice/phone' }));
    ledger.record(flowRecord({ ...broker, method: 'INBOUND PUBLISH', path: '/cmnd/POWER' }));
    ledger.record(flowRecord({ host: 'resolver.example', port: 53 }));
    const dnsLog = new DnsLog({ file, retentionDays: 3650 });
    dnsLog.start();
    dnsLog.recordQuery(dnsQuery('api.acme.example', { verdict: 'steer' }));
    dnsLog.recordQuery(dnsQuery('api.acme.example'));
    dnsLog.stop();
    ledger.stop();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lists names with how they were answered, own-DNS findings and topics by direction', async () => {
    const { status, out } = await run(['summary', 'thermostat']);
    expect(status).toBe(0);
    expect(out).toMatch(/Names looked up through the gateway:\n {2}api\.acme\.example {2}x2 \(steered ×1, truthful ×1\)/);
    expect(out).toMatch(/USES ITS OWN DNS:\n {2}connected to resolver\.example:53, a DNS port outside this gateway/);
    expect(out).toMatch(/published {2}mqtt\.acme\.example \/owntracks\/\{personal\}\/\{device\} {2}x1/);
    expect(out).toMatch(/received {3}mqtt\.acme\.example \/cmnd\/POWER {2}x1/);
  });
});
