import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { dataDirLayout } from '../../src/data-dir.js';
import { Ledger } from '../../src/ledger/index.js';
import { flowRecord } from '../ledger/builders.js';

const DAY = 86_400_000;
const HOSTS = ['devs.tplinkcloud.com', 'ad.doubleclick.net', 'x.cloudfront.net', 'api.unknown.example'];

describe('privacy-gateway lock', () => {
  let dir: string;
  let policyFile: string;
  const policy = { version: 1, devices: [{ id: 'plug', name: 'Plug', manufacturer: 'TP-Link', addresses: ['192.168.1.30'] }] };
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
  };
  const observe = (at: number): void => {
    const ledger = new Ledger({ file: dataDirLayout(dir).ledgerFile, retentionDays: 3650 });
    ledger.start();
    for (const host of HOSTS) ledger.record(flowRecord({ device: 'plug', deviceName: 'Plug', host, at }));
    ledger.stop();
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-lock-'));
    policyFile = dataDirLayout(dir).policyFile;
    await writeFile(policyFile, JSON.stringify(policy));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('proposes first and support parties allowed, third parties blocked, unknown ones allowed for review', async () => {
    observe(Date.now() - 10 * DAY);
    const run = io();
    expect(await runCli(['lock', 'plug', '--json', '--data', dir], run.io)).toBe(0);
    const proposal = JSON.parse(run.out.join('\n')) as { learningComplete: boolean; destinations: { host: string; party: string; access: string; review: boolean }[] };
    expect(proposal.learningComplete).toBe(true);
    expect(proposal.destinations.map((d) => [d.host, d.party, d.access, d.review]).sort()).toEqual([
      ['ad.doubleclick.net', 'third', 'block', false],
      ['api.unknown.example', 'unknown', 'allow', true],
      ['devs.tplinkcloud.com', 'first', 'allow', false],
      ['x.cloudfront.net', 'support', 'allow', false],
    ]);
  });

  it('applies the proposal: lockdown with the learned destinations', async () => {
    observe(Date.now() - 10 * DAY);
    expect(await runCli(['lock', 'plug', '--apply', '--data', dir], io().io)).toBe(0);
    const written = JSON.parse(await readFile(policyFile, 'utf8')) as { devices: { mode: string; destinations: { id: string; access: string }[] }[] };
    expect(written.devices[0]?.mode).toBe('lockdown');
    expect(written.devices[0]?.destinations.find((d) => d.id === 'learned:ad.doubleclick.net')?.access).toBe('block');
    expect(written.devices[0]?.destinations).toHaveLength(4);
  });

  it('refuses to apply before the learning period ends, leaving the policy unchanged, unless forced', async () => {
    observe(Date.now());
    const before = await readFile(policyFile, 'utf8');
    const run = io();
    expect(await runCli(['lock', 'plug', '--apply', '--data', dir], run.io)).toBe(1);
    expect(run.err[0]).toMatch(/^Error REQUEST_INVALID: plug has been observed for 0 of 7 learning days/);
    expect(await readFile(policyFile, 'utf8')).toBe(before);
    expect(await runCli(['lock', 'plug', '--apply', '--force', '--data', dir], io().io)).toBe(0);
    expect(await readFile(policyFile, 'utf8')).not.toBe(before);
  });
});
