import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { request } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevicesView, DeviceSummaryView, StatusView } from '../../src/page/index.js';
import { renderDefaultPolicy } from '../../src/policy-store.js';
import { startUpstream, type Upstream } from '../helpers/upstream-servers.js';
import { cleanEnv, runCli, startGateway, type StartedGateway } from './cli-process.js';

const OWNTRACKS = join(import.meta.dirname, '..', 'fixtures', 'corpus', 'owntracks-location-wifi.json');

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

function send(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const portOf = (url: string | undefined): number => Number(/:(\d+)\/?$/.exec(url ?? '')?.[1]);

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('privacy-gateway start', () => {
  let dir: string;
  let dataDir: string;
  let plain: Upstream;
  let secure: Upstream;
  let gateway: StartedGateway;
  let proxyPort: number;
  let pagePort: number;

  const api = async <T>(path: string): Promise<T> => JSON.parse((await send(pagePort, path)).body.toString()) as T;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-start-'));
    dataDir = join(dir, 'data');
    // The test vendors are on loopback, where the gateway relays only to destinations the policy names.
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const policy = { ...(JSON.parse(renderDefaultPolicy()) as Record<string, unknown>), destinations: [{ vendor: 'Local test vendors', hosts: ['127.0.0.1'] }] };
    await writeFile(join(dataDir, 'policy.json'), JSON.stringify(policy));
    plain = await startUpstream();
    secure = await startUpstream({ tls: true });
    const upstreamCa = join(dir, 'upstream-ca.pem');
    await writeFile(upstreamCa, secure.caPem);
    gateway = await startGateway(['--data', dataDir, '--port', '0', '--page-port', '0', '--upstream-ca', upstreamCa]);
    proxyPort = portOf(gateway.banner.get('Proxy'));
    pagePort = portOf(gateway.banner.get('Local page'));
  });

  afterAll(async () => {
    if (gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
    await Promise.all([plain.close(), secure.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the proxy address, the CA certificate path and the local page URL', () => {
    expect(gateway.banner.get('Proxy')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(gateway.banner.get('Local page')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(gateway.banner.get('CA certificate')).toBe(join(dataDir, 'ca', 'ca.pem'));
    expect(proxyPort).toBeGreaterThan(0);
    expect(pagePort).not.toBe(proxyPort);
  });

  it('keeps its secrets private in the data directory', async () => {
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
    for (const name of ['ledger.sqlite', 'ledger.sqlite-wal', 'ledger.sqlite-shm', 'policy.json', 'ca/ca.pem', 'ca/ca-key.pem']) {
      expect((await stat(join(dataDir, name))).mode & 0o777, name).toBe(0o600);
    }
    expect((await stat(join(dataDir, 'ca'))).mode & 0o777).toBe(0o700);
    expect((await readFile(join(dataDir, 'secret.key'))).length).toBe(32);
  });

  it('serves the local page', async () => {
    const answer = await send(pagePort, '/');
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toContain('<title>Privacy Gateway</title>');
  });

  it('offers the CA as PEM and DER, matching the certificate file and the fingerprint in the status', async () => {
    const pem = await send(pagePort, '/ca.pem');
    const der = await send(pagePort, '/ca.der');
    const certificate = new X509Certificate(pem.body);
    expect(certificate.ca).toBe(true);
    expect(pem.body.toString()).toBe(await readFile(gateway.banner.get('CA certificate') ?? '', 'utf8'));
    expect(der.body.equals(certificate.raw)).toBe(true);
    const status = await api<StatusView>('/api/status');
    expect(status.ca.fingerprintSha256).toBe(certificate.fingerprint256);
    expect(gateway.banner.get('CA fingerprint (SHA-256)')).toBe(certificate.fingerprint256);
  });

  it('never relays to its own local page or proxy, though the policy names 127.0.0.1', async () => {
    for (const port of [pagePort, proxyPort]) {
      const answer = await send(proxyPort, `http://127.0.0.1:${port}/api/status`, { headers: { host: `127.0.0.1:${port}` } });
      expect(answer.status).toBe(403);
      expect(answer.headers['x-privacy-gateway-rule']).toBe('gateway:self');
      expect(answer.body.toString()).not.toContain('uptimeSeconds');
    }
  });

  it('answers path traversal attempts with 404', async () => {
    for (const path of ['/../secret.key', '/%2e%2e/data/secret.key', '/build/../../package.json']) {
      expect((await send(pagePort, path)).status).toBe(404);
    }
  });

  it('forwards a request through the proxy and shows its device on the page', async () => {
    const body = await readFile(OWNTRACKS);
    const answer = await send(proxyPort, `${plain.url}/owntracks/pub`, {
      method: 'POST',
      headers: { host: `127.0.0.1:${plain.port}`, 'content-type': 'application/json' },
      body,
    });
    expect(answer.status).toBe(200);
    expect(plain.received.at(-1)?.path).toBe('/owntracks/pub');
    const { devices } = await until(async () => {
      const view = await api<DevicesView>('/api/devices');
      return view.devices.length > 0 ? view : undefined;
    });
    const device = devices[0];
    expect(device?.categories).toContain('location');
    const summary = await api<DeviceSummaryView>(`/api/devices/${encodeURIComponent(device?.id ?? '')}`);
    expect(summary.destinations.map((d) => d.host)).toContain('127.0.0.1');
    const paths = summary.categories.flatMap((c) => c.fields.map((f) => f.path));
    expect(paths).toContain('$.lat');
  });

  it('inspects HTTPS through CONNECT, trusting the upstream CA given with --upstream-ca', async () => {
    const { stdout } = await promisify(execFile)(
      'curl',
      ['-sS', '--noproxy', '', '--proxy', `http://127.0.0.1:${proxyPort}`, '--cacert', gateway.banner.get('CA certificate') ?? '',
        '-H', 'content-type: application/json', '--data', '{"ssid":"HomeNet"}', `${secure.url}/v1/telemetry`],
      { env: cleanEnv() },
    );
    expect(JSON.parse(stdout)).toMatchObject({ method: 'POST', path: '/v1/telemetry' });
  });

  it('summarises and reports a device from the command line while the gateway runs', async () => {
    const { devices } = await api<DevicesView>('/api/devices');
    const id = devices[0]?.id ?? '';
    const summary = await runCli(['summary', id, '--data', dataDir]);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toContain('http://127.0.0.1:');
    expect(summary.stdout).toContain('$.lat');
    const out = join(dir, 'report.json');
    const report = await runCli(['report', id, '--format', 'json', '--out', out, '--data', dataDir]);
    expect(report.code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ device: { id } });
    const markdown = await runCli(['report', id, '--data', dataDir]);
    expect(markdown.stdout).toMatch(/^# /);
  });

  it('fails with NOT_FOUND for a device the ledger never saw', async () => {
    const result = await runCli(['summary', 'no-such-device', '--data', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('NOT_FOUND');
  });

  it('keeps the last good policy after an invalid edit, reports it, then applies a valid edit', async () => {
    const file = join(dataDir, 'policy.json');
    const policy = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...policy, mode: 'party' }));
    const rejected = await until(async () => {
      const status = await api<StatusView>('/api/status');
      return status.policy.lastError === null ? undefined : status;
    });
    expect(rejected.policy.mode).toBe('monitor');
    expect(rejected.policy.lastError?.message).toContain(file);
    expect(rejected.policy.lastError?.details.some((line) => line.startsWith('mode:'))).toBe(true);
    expect(gateway.stderr()).toContain('keeping the last good policy');

    await writeFile(file, JSON.stringify({ ...policy, mode: 'enforce' }));
    const applied = await until(async () => {
      const status = await api<StatusView>('/api/status');
      return status.policy.mode === 'enforce' ? status : undefined;
    });
    expect(applied.policy.lastError).toBeNull();
  });

  it('stops cleanly on SIGTERM', async () => {
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
    expect(gateway.stderr()).toContain('Received SIGTERM');
  });
});
