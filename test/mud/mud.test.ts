import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { dataDirLayout } from '../../src/data-dir.js';
import { Ledger } from '../../src/ledger/index.js';
import { flowRecord } from '../ledger/builders.js';
import { GatewayError } from '../../src/errors.js';
import { compareMud, importMud, mudDeclarations, parseMudText } from '../../src/mud/index.js';

const fixture = (name: string): Promise<string> => readFile(new URL(`../fixtures/mud/${name}`, import.meta.url), 'utf8');

function mudError(text: string): GatewayError {
  try {
    parseMudText(text, 'file.json');
  } catch (error) {
    if (error instanceof GatewayError) return error;
  }
  throw new Error('expected MUD_INVALID');
}

describe('parseMudText', () => {
  it("reads RFC 8520's example light bulb: test.example.com on port 443", async () => {
    const declarations = mudDeclarations(parseMudText(await fixture('rfc8520-lightbulb.json'), 'rfc'));
    expect(declarations).toEqual({
      url: 'https://lighting.example.com/lightbulb2000',
      vendor: 'The BMS Example Light Bulb',
      declared: [{ host: 'test.example.com', ports: [443], access: 'allow', aces: ['mud-76100-v6fr/cl0-frdev', 'mud-76100-v6to/cl0-todev'] }],
      notTranslated: [],
    });
  });

  it('merges IPv4 and IPv6 lists as MUD Maker writes them: ports per host, any-port ACEs, drops, local matches said', async () => {
    const declarations = mudDeclarations(parseMudText(await fixture('thermostat-mudmaker-shape.json'), 'thermostat'));
    expect(declarations.vendor).toBe('Thermo Example');
    expect(declarations.declared.map((d) => [d.host, d.ports, d.access])).toEqual([
      ['ads.tracker.example', [], 'block'],
      ['api.thermo.example', [443], 'allow'],
      ['firmware.thermo.example', [], 'allow'],
      ['ntp.thermo.example', [123], 'allow'],
    ]);
    expect(declarations.notTranslated).toEqual([
      'mud-52341-v4fr/loc0-frdev: matches no DNS name (local network, controller or address match)',
      'mud-52341-v6fr/loc0-frdev: matches no DNS name (local network, controller or address match)',
    ]);
  });

  it.each([
    ['wrong-types.json', ['ietf-mud:mud.mud-version: ', 'ietf-mud:mud.is-supported: ', 'ietf-access-control-list:acls.acl.0.aces.ace.0.matches.tcp.source-port']],
    ['missing-acls.json', ['ietf-access-control-list:acls: ']],
    ['unknown-acl.json', ['ietf-mud:mud.from-device-policy.access-lists.access-list.0.name: refers to ACL "mud-99999-v6fr"']],
    ['typo-key.json', ['ietf-mud:mud.acess-lists: unknown key']],
  ])('refuses %s with MUD_INVALID naming each problem', async (name, expected) => {
    const error = mudError(await fixture(name));
    expect(error.code).toBe('MUD_INVALID');
    for (const start of expected) expect(error.details.some((line) => line.startsWith(start)), `${start} in ${error.details.join(' | ')}`).toBe(true);
  });

  it('refuses text that is not JSON', () => {
    expect(mudError('{"ietf-mud:mud":').details[0]).toMatch(/^\(file\): /);
  });
});

describe('compareMud', () => {
  it('lists undeclared and unused hosts, ignoring case and a trailing dot', () => {
    expect(compareMud(['test.example.com', 'update.example.com'], ['TEST.example.com.', 'ads.tracker.example'])).toEqual({
      declared: ['test.example.com', 'update.example.com'],
      observed: ['ads.tracker.example', 'test.example.com'],
      undeclared: ['ads.tracker.example'],
      unused: ['update.example.com'],
    });
  });
});

describe('importMud and the mud CLI', () => {
  let dir: string;
  let policyFile: string;
  const policy = { version: 1, devices: [{ id: 'bulb', name: 'Bulb', addresses: ['192.168.1.20'], destinations: [{ id: 'own', vendor: 'Mine', hosts: ['own.example.net'] }] }] };
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-mud-'));
    policyFile = join(dir, 'policy.json');
    await writeFile(policyFile, JSON.stringify(policy));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes the declared hosts as the device allowlist, keeping the owner destinations, and replaces them on re-import', async () => {
    const text = await fixture('rfc8520-lightbulb.json');
    await importMud({ policyFile, deviceId: 'bulb', text, source: 'rfc', lockdown: true });
    await importMud({ policyFile, deviceId: 'bulb', text, source: 'rfc', lockdown: true });
    const written = JSON.parse(await readFile(policyFile, 'utf8')) as { devices: { mode: string; destinations: { id: string; hosts: string[]; ports?: number[] }[] }[] };
    const device = written.devices[0];
    expect(device?.mode).toBe('lockdown');
    expect(device?.destinations.map((d) => [d.id, d.hosts, d.ports])).toEqual([
      ['own', ['own.example.net'], undefined],
      ['mud:test.example.com', ['test.example.com'], [443]],
    ]);
  });

  it.each(['wrong-types.json', 'missing-acls.json', 'unknown-acl.json'])('leaves the policy byte for byte unchanged for %s', async (name) => {
    const before = await readFile(policyFile, 'utf8');
    const { out, err, io: cliIo } = io();
    const status = await runCli(['mud', 'import', 'bulb', new URL(`../fixtures/mud/${name}`, import.meta.url).pathname, '--data', dir], cliIo);
    expect(status).toBe(1);
    expect(err[0]).toMatch(/^Error MUD_INVALID: /);
    expect(out).toEqual([]);
    expect(await readFile(policyFile, 'utf8')).toBe(before);
  });

  it('refuses an unknown device and changes nothing', async () => {
    const before = await readFile(policyFile, 'utf8');
    await expect(importMud({ policyFile, deviceId: 'kettle', text: await fixture('rfc8520-lightbulb.json'), source: 'rfc', lockdown: false }))
      .rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await readFile(policyFile, 'utf8')).toBe(before);
  });

  it('imports through the CLI and says what it allowed', async () => {
    const { out, io: cliIo } = io();
    const file = new URL('../fixtures/mud/rfc8520-lightbulb.json', import.meta.url).pathname;
    expect(await runCli(['mud', 'import', 'bulb', file, '--data', dir], cliIo)).toBe(0);
    expect(out).toContain('  allow test.example.com (port 443)');
  });

  it('compares declared with observed from the real ledger, in `mud diff` and in the report', async () => {
    const ledger = new Ledger({ file: dataDirLayout(dir).ledgerFile, retentionDays: 30 });
    ledger.start();
    for (const host of ['test.example.com', 'ads.tracker.example']) ledger.record(flowRecord({ device: 'bulb', deviceName: 'Bulb', host }));
    ledger.stop();
    const file = new URL('../fixtures/mud/rfc8520-lightbulb.json', import.meta.url).pathname;
    expect(await runCli(['mud', 'import', 'bulb', file, '--data', dir], io().io)).toBe(0);

    const diff = io();
    expect(await runCli(['mud', 'diff', 'bulb', '--json', '--data', dir], diff.io)).toBe(0);
    expect(JSON.parse(diff.out.join('\n'))).toMatchObject({ undeclared: ['ads.tracker.example'], unused: [] });
    const report = io();
    expect(await runCli(['report', 'bulb', '--data', dir], report.io)).toBe(0);
    expect(report.out.join('\n')).toMatch(/Used but not declared:\n\n- ads\.tracker\.example/);
  });
});
