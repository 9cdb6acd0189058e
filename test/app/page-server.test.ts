import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { PageServer, type DeviceQueries, type DeviceSummaryView, type StatusView } from '../../src/page/index.js';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** A raw request: the path goes out exactly as written (no client-side normalisation of `..`). */
function get(port: number, path: string, options: { method?: string; host?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: options.host ?? `127.0.0.1:${port}` } });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const HOSTILE = '<img src=x onerror=alert(1)>';
const summary: DeviceSummaryView = {
  device: { id: 'cam/1', name: HOSTILE, isDefault: false, firstSeen: 1, lastSeen: 2 },
  since: 0,
  destinations: [],
  categories: [],
  decisions: [],
  notShown: { destinations: 0, fields: 0, requestsPastBounds: 0, bytesUpPastBounds: 0, bytesDownPastBounds: 0, fieldSightingsPastBounds: 0 },
  network: { dns: { names: [], ownDns: [] }, mqtt: { topics: [] } },
};
const status: StatusView = {
  version: '0.1.0',
  startedAt: 0,
  uptimeSeconds: 5,
  proxy: { http: '127.0.0.1:8080', transparentHttp: null, transparentTls: null },
  policy: { file: '/data/policy.json', mode: 'monitor', loadedAt: 0, lastError: null },
  ca: { fingerprintSha256: 'AA:BB', pemPath: '/ca.pem', derPath: '/ca.der' },
  hub: null,
};
const devices: DeviceQueries = {
  devices: () => [{ ...summary.device, destinations: 0, fields: 0, categories: [], violationsToday: 0, bytesUp: 0, bytesDown: 0 }],
  deviceSummary: (id) => (id === 'cam/1' ? summary : undefined),
  reportJson: (id) => {
    if (id !== 'cam/1') throw new GatewayError('NOT_FOUND', `No device "${id}"`);
    return { device: summary.device };
  },
  reportMarkdown: (id) => (id === 'cam/1' ? '# Report\n' : undefined),
};

describe('PageServer', () => {
  let root: string;
  let port: number;
  let server: PageServer;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pg-page-'));
    const www = join(root, 'www');
    await mkdir(join(www, 'build'), { recursive: true });
    await writeFile(join(www, 'index.html'), '<!doctype html><title>page</title>');
    await writeFile(join(www, 'build', 'page.js'), 'export {};');
    await writeFile(join(www, 'secret.txt'), 'not listed');
    await writeFile(join(root, 'secret.key'), 'outside www');
    server = new PageServer({ status: () => status, ca: { pem: 'PEM TEXT', der: Buffer.from([0x30, 0x82]) }, devices, wwwDir: www });
    ({ port } = await server.start('127.0.0.1', 0));
  });

  afterAll(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('serves the page with a strict content security policy', async () => {
    const answer = await get(port, '/');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
    expect(answer.body.toString()).toContain('<title>page</title>');
  });

  it.each([
    ['/ca.pem', 'application/x-pem-file', 'privacy-gateway-ca.pem', 'PEM TEXT'],
    ['/ca.der', 'application/x-x509-ca-cert', 'privacy-gateway-ca.crt', '\u0030\u0082'],
  ])('offers %s as a download of type %s', async (path, type, name, body) => {
    const answer = await get(port, path);
    expect(answer.headers['content-type']).toBe(type);
    expect(answer.headers['content-disposition']).toBe(`attachment; filename="${name}"`);
    expect(answer.body.toString('latin1')).toBe(body);
  });

  it('answers the status as JSON', async () => {
    const answer = await get(port, '/api/status');
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(answer.body.toString())).toEqual(status);
  });

  it('lists devices and finds one by its percent-encoded id', async () => {
    expect(JSON.parse((await get(port, '/api/devices')).body.toString()).devices).toHaveLength(1);
    const answer = await get(port, '/api/devices/cam%2F1');
    expect(JSON.parse(answer.body.toString())).toEqual(summary);
  });

  it.each(['/api/devices/ghost', '/api/devices/ghost/report', '/api/devices/ghost/report?format=md'])(
    'answers %s for an unknown device with a NOT_FOUND error',
    async (path) => {
      const answer = await get(port, path);
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.body.toString()).error.code).toBe('NOT_FOUND');
    },
  );

  it('serves the Markdown report as a download', async () => {
    const answer = await get(port, '/api/devices/cam%2F1/report?format=md');
    expect(answer.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(answer.headers['content-disposition']).toBe('attachment; filename="privacy-report-cam_1.md"');
    expect(answer.body.toString()).toBe('# Report\n');
  });

  it('rejects an unknown report format with REQUEST_INVALID', async () => {
    const answer = await get(port, '/api/devices/cam%2F1/report?format=pdf');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body.toString()).error.code).toBe('REQUEST_INVALID');
  });

  it.each([
    '/../secret.key',
    '/%2e%2e/secret.key',
    '/build/../../secret.key',
    '/build/%2e%2e/%2e%2e/secret.key',
    '/build/..%2f..%2fsecret.key',
    '/secret.txt',
    '//secret.txt',
    '/index.html/',
    '/build/page.js%00.html',
    '/www/index.html',
    '/api/devices/cam%2F1/extra/parts',
  ])('answers %s with 404 and nothing from disk', async (path) => {
    const answer = await get(port, path);
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body.toString()).error.code).toBe('NOT_FOUND');
  });

  it.each(['POST', 'PUT', 'DELETE'])('refuses %s with 405 and the allowed methods', async (method) => {
    const answer = await get(port, '/api/status', { method });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });

  it('answers HEAD with headers only', async () => {
    const answer = await get(port, '/ca.pem', { method: 'HEAD' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-length']).toBe('8');
    expect(answer.body).toHaveLength(0);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const answer = await get(port, '/api/devices', { host: 'attacker.example' });
    expect(answer.status).toBe(403);
  });

  it.each(['localhost:8099', '192.168.1.5', '[::1]:8099'])('answers to Host %s', async (host) => {
    expect((await get(port, '/api/status', { host })).status).toBe(200);
  });
});
