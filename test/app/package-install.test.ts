/**
 * The app image installs the sidecar from this repository's own `npm pack` output (see
 * addon/privacy_gateway/Dockerfile and scripts/app-package.sh). This test walks that path on the host:
 * pack, install the tarball into an empty directory with `--omit=dev`, start the installed CLI and send a
 * request through it. It compiles better-sqlite3 from source (no prebuilt binary is reachable here),
 * which takes a minute or two.
 */
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyText, startUpstream, type Upstream } from '../helpers/upstream-servers.js';
import { cleanEnv, PROJECT_ROOT, startGateway, type StartedGateway } from './cli-process.js';

const run = promisify(execFile);
const INSTALL_TIMEOUT_MS = 600_000;

/** Runs npm with the test's clean environment; its output is returned for the assertion messages. */
async function npm(args: readonly string[], cwd: string): Promise<string> {
  const { stdout, stderr } = await run('npm', [...args], { cwd, env: cleanEnv(), timeout: INSTALL_TIMEOUT_MS, maxBuffer: 16 << 20 });
  return `${stdout}${stderr}`;
}

function proxied(proxyPort: number, target: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(target);
    const req = request({
      host: '127.0.0.1',
      port: proxyPort,
      method: 'POST',
      path: target,
      headers: { host: url.host, 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the packed sidecar, installed like the app image installs it', () => {
  let dir: string;
  let tarball: string;
  let files: string[];
  let upstream: Upstream;
  let gateway: StartedGateway | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-pack-'));
    // `npm test` has just built dist/ (pretest); packing again without scripts keeps the build single.
    const packed = JSON.parse(await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], PROJECT_ROOT)) as {
      filename: string;
      files: { path: string }[];
    }[];
    const [first] = packed;
    if (first === undefined) throw new Error('npm pack produced nothing');
    tarball = join(dir, first.filename);
    files = first.files.map((file) => file.path);
    const app = join(dir, 'app');
    await mkdir(app);
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'pg-app-image', private: true }));
    await npm(['install', '--omit=dev', '--no-fund', '--no-audit', tarball], app);
    upstream = await startUpstream();
    const dataDir = join(dir, 'data');
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    // The test upstream is on loopback: name it, as an owner would name a LAN service they want reached.
    await writeFile(
      join(dataDir, 'policy.json'),
      JSON.stringify({ version: 1, mode: 'monitor', destinations: [{ id: 'test-upstream', vendor: 'Test upstream', hosts: ['127.0.0.1'] }] }),
      { mode: 0o600 },
    );
    const cli = join(app, 'node_modules', 'privacy-gateway', 'dist', 'cli.js');
    gateway = await startGateway(['--data', dataDir, '--port', '0', '--page-port', '0'], 30_000, { cli, cwd: app });
  }, INSTALL_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    if (gateway?.child.exitCode === null) gateway.child.kill('SIGKILL');
    await upstream?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('ships the build, the page, the schema and nothing from the tests', () => {
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('www/index.html');
    expect(files).toContain('schema/policy.schema.json');
    expect(files.filter((file) => /^(test|src|data|node_modules)\//.test(file))).toEqual([]);
  });

  it('installs without development dependencies', async () => {
    const installed = await readdir(join(dir, 'app', 'node_modules'));
    expect(installed).toContain('better-sqlite3');
    for (const devOnly of ['vitest', 'typescript', 'rollup', 'playwright-core']) expect(installed).not.toContain(devOnly);
  });

  it('starts from the installed package and proxies a request to a named destination', async () => {
    const proxyPort = Number(/:(\d+)$/.exec(gateway?.banner.get('Proxy') ?? '')?.[1]);
    const answer = await proxied(proxyPort, `${upstream.url}/pack-check`, '{"hello":"world"}');
    expect(answer.status).toBe(200);
    const received = upstream.received.at(-1);
    expect(received === undefined ? undefined : bodyText(received)).toBe('{"hello":"world"}');
  });
});
