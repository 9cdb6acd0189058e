/**
 * Home Assistant's ingress serves the app's page under /api/hassio_ingress/<token>/ and strips that
 * prefix before the request reaches the sidecar. The page works there only if everything it loads is
 * addressed relative to it: this test serves the real page behind such a prefix-stripping proxy.
 */
import { createServer, request, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type StartedGateway } from './cli-process.js';

const PREFIX = '/api/hassio_ingress/0123456789abcdef/';

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

/** A stand-in for the Supervisor's ingress: only PREFIX is served, with the prefix removed. */
function ingress(pagePort: number): Promise<Server> {
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    if (!url.startsWith(PREFIX)) {
      res.writeHead(404).end('outside the ingress prefix');
      return;
    }
    const upstream = request({ host: '127.0.0.1', port: pagePort, path: `/${url.slice(PREFIX.length)}`, headers: { host: `127.0.0.1:${pagePort}` } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    upstream.end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the local page behind an ingress prefix', () => {
  let dir: string;
  let gateway: StartedGateway;
  let proxy: Server;
  let port: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-ingress-'));
    gateway = await startGateway(['--data', join(dir, 'data'), '--port', '0', '--page-port', '0']);
    const pagePort = Number(/:(\d+)\/?$/.exec(gateway.banner.get('Local page') ?? '')?.[1]);
    proxy = await ingress(pagePort);
    const address = proxy.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  });

  afterAll(async () => {
    if (gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
    await new Promise((resolve) => proxy.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('loads every asset and the status API through the prefix', async () => {
    const page = await get(port, PREFIX);
    expect(page.status).toBe(200);
    const references = [...page.body.matchAll(/\b(?:href|src)="([^"#]+)"/g)].map((match) => match[1] ?? '');
    expect(references.length).toBeGreaterThan(3);
    // What a browser at PREFIX would request for each reference, and the page script's API call.
    const resolved = [...references, 'api/status'].map((reference) => new URL(reference, `http://ingress${PREFIX}`).pathname);
    for (const path of resolved) {
      expect(path.startsWith(PREFIX), `${path} leaves the ingress prefix`).toBe(true);
      expect((await get(port, path)).status, path).toBe(200);
    }
  });
});
