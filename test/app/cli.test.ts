import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDefaultPolicy } from '../../src/policy-store.js';
import { runCli } from './cli-process.js';

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
