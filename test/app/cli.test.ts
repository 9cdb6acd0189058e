import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/index.js';
import { parsePayload } from '../../src/payload/index.js';
import { classifyPayload, compilePolicy, evaluate, parsePolicy, type PolicyInput } from '../../src/policy/index.js';
import { renderDefaultPolicy } from '../../src/policy-store.js';
import { runCli } from './cli-process.js';

/** A data directory whose ledger saw one real request of `body` from `client` under `policy`. */
async function dataDirThatSaw(root: string, policy: PolicyInput, client: string, body: string): Promise<string> {
  const dataDir = await mkdtemp(join(root, 'data-'));
  const ledger = new Ledger({ file: join(dataDir, 'ledger.sqlite'), retentionDays: 30 });
  ledger.start();
  const parsed = parsePayload(Buffer.from(body), 'application/json');
  const target = { clientAddress: client, scheme: 'https' as const, host: 'api.vacuum.example', port: 443 };
  const decision = evaluate(
    { target, method: 'POST', path: '/map', payload: { format: parsed.format, fields: classifyPayload(parsed), opaque: undefined } },
    compilePolicy(parsePolicy(policy)),
  );
  ledger.record({
    at: Date.now(),
    connection: decision.connection,
    decision,
    inspectable: true,
    method: 'POST',
    path: '/map',
    fingerprints: new Map(),
    bytesUp: body.length,
    bytesDown: 2,
    durationMs: 1,
    error: undefined,
  });
  ledger.stop();
  return dataDir;
}

const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'corpus');

describe('privacy-gateway CLI', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-cli-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists every command under --help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['start', 'validate', 'inspect', 'summary', 'report']) {
      expect(result.stdout).toContain(`  ${command}`);
    }
  });

  it.each(['start', 'validate', 'inspect', 'summary', 'report'])('explains %s under COMMAND --help', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: privacy-gateway ${command}`);
  });

  it.each([
    [['frobnicate'], 'Unknown command "frobnicate"'],
    [['--frobnicate'], 'Unknown option --frobnicate'],
    [['validate', '--frobnicate', 'x.json'], "Unknown option '--frobnicate'"],
    [['validate'], 'Missing FILE'],
    [['inspect', 'a.json', 'b.json'], 'Unexpected argument "b.json"'],
    [['start', '--port'], "'--port <value>' argument missing"],
    [['report', 'cam', '--format', 'pdf', '--data', '/nonexistent'], '--format must be json or md'],
    [[], 'Missing command'],
  ])('refuses %j with a usage error and exit status 2', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('--help');
  });

  it('refuses a non-numeric port with a CONFIG_INVALID error', async () => {
    const result = await runCli(['start', '--port', 'eighty', '--data', join(dir, 'unused')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--port must be a whole number');
  });

  describe('validate', () => {
    it('accepts the default policy', async () => {
      const file = join(dir, 'good.json');
      await writeFile(file, renderDefaultPolicy());
      const result = await runCli(['validate', file]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`${file}: valid policy (mode monitor`);
    });

    it('lists each problem on its own line, naming its path', async () => {
      const file = join(dir, 'bad.json');
      const policy = JSON.parse(renderDefaultPolicy()) as Record<string, unknown>;
      await writeFile(file, JSON.stringify({ ...policy, mode: 'party', rules: [{ id: 'r', category: 'location', action: 'shred' }] }));
      const result = await runCli(['validate', file]);
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines[0]).toBe(`${file}: invalid policy`);
      expect(lines.some((line) => /^ {2}mode: /.test(line))).toBe(true);
      expect(lines.some((line) => /^ {2}rules\[0\]\.action: /.test(line))).toBe(true);
    });

    describe('against the ledger', () => {
      const policy: PolicyInput = {
        version: 1,
        mode: 'enforce',
        devices: [{ id: 'vacuum', name: 'Vacuum', addresses: ['192.168.1.30'] }],
        rules: [
          { id: 'robot-position', path: '$.map.robotPos', action: 'redact' },
          { id: 'typo', path: '$.map.robotPosition', action: 'redact' },
          { id: 'health', category: 'health', action: 'drop' },
        ],
      };

      it('warns about each rule that matches nothing the ledger has seen, and still exits 0', async () => {
        const dataDir = await dataDirThatSaw(dir, policy, '192.168.1.30', '{"map":{"robotPos":{"x":1,"y":2}},"battery":80}');
        const file = join(dir, 'vacuum.json');
        await writeFile(file, JSON.stringify(policy));
        const result = await runCli(['validate', file, '--data', dataDir]);

        expect(result.code).toBe(0);
        expect(result.stdout).toContain(`${file}: valid policy`);
        const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning:'));
        expect(warnings).toEqual([
          'warning: rule "typo" (household) matches nothing the ledger has seen: its path $.map.robotPosition matches no field seen from any of the 1 device(s) in the ledger',
          'warning: rule "health" (household) matches nothing the ledger has seen: its category health matches no field seen from any of the 1 device(s) in the ledger',
        ]);
        expect(result.stderr).toContain('run `inspect` on a captured body');
      });

      it('says so when the named data directory has no ledger', async () => {
        const file = join(dir, 'vacuum-no-ledger.json');
        await writeFile(file, JSON.stringify(policy));
        const result = await runCli(['validate', file, '--data', join(dir, 'nowhere')]);
        expect(result.code).toBe(0);
        expect(result.stderr).toContain('no ledger at');
        expect(result.stderr).not.toContain('warning:');
      });
    });

    it.each([
      ['broken JSON', '{"version": 1,', 'not valid JSON'],
      ['a missing file', undefined, 'Cannot read'],
    ])('fails with exit status 1 on %s', async (_name, text, message) => {
      const file = join(dir, `case-${String(text?.length ?? 'missing')}.json`);
      if (text !== undefined) await writeFile(file, text);
      const result = await runCli(['validate', file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(message);
    });
  });

  describe('inspect', () => {
    it('prints every field of a JSON capture with its categories as JSON', async () => {
      const result = await runCli(['inspect', join(CORPUS, 'owntracks-location-wifi.json'), '--json']);
      expect(result.code).toBe(0);
      const fields = JSON.parse(result.stdout) as { path: string; categories: string[]; opaque: boolean }[];
      expect(fields).toHaveLength(17);
      expect(fields.find((f) => f.path === '$.lat')).toEqual({
        path: '$.lat',
        categories: ['location'],
        opaque: false,
        decidedBy: ['key'],
        explanation: 'key "lat": word "latitude" → location',
      });
      expect(fields.find((f) => f.path === '$.BSSID')?.categories).toContain('network');
    });

    it('prints an aligned listing by default', async () => {
      const result = await runCli(['inspect', join(CORPUS, 'owntracks-location-wifi.json')]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Format: json, 17 fields');
      expect(result.stdout).toMatch(/^\$\.lat +location +key +no$/m);
      expect(result.stdout).toContain('$.lat: key "lat": word "latitude" → location');
    });

    it('reads a .txt capture holding a URL as its query string', async () => {
      const result = await runCli(['inspect', join(CORPUS, 'traccar-osmand-query.txt'), '--json']);
      const fields = JSON.parse(result.stdout) as { path: string; categories: string[] }[];
      expect(fields.find((f) => f.path === '$query.lat')?.categories).toContain('location');
    });

    it('reads a .txt capture holding a=1&b=2 as a form body', async () => {
      const file = join(dir, 'form.txt');
      await writeFile(file, 'ssid=HomeNet&battery=80\n');
      const result = await runCli(['inspect', file, '--json']);
      const fields = JSON.parse(result.stdout) as { path: string; categories: string[] }[];
      expect(fields.map((f) => f.path)).toEqual(['$.ssid', '$.battery']);
      expect(fields[0]?.categories).toContain('network');
    });

    it('follows --content-type over the file name', async () => {
      const file = join(dir, 'capture.bin');
      await writeFile(file, '{"lat": 51.5}');
      const result = await runCli(['inspect', file, '--json', '--content-type', 'application/json']);
      expect(JSON.parse(result.stdout)).toMatchObject([{ path: '$.lat', categories: ['location'], opaque: false, decidedBy: ['key'] }]);
    });

    it('fails with PAYLOAD_INVALID on a malformed body', async () => {
      const file = join(dir, 'broken.json');
      await writeFile(file, '{"lat": ');
      const result = await runCli(['inspect', file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('PAYLOAD_INVALID');
    });
  });
});
