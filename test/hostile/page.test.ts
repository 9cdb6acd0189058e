/**
 * Hostile inputs against the local page and its API, sent to a real gateway process with the page login
 * on (`--page-auth token`): path traversal, odd and huge targets, bad tokens, method confusion, raw
 * protocol garbage and a hostile device name. Each test checks the answer; after each, the gateway must
 * still answer and still be the same process.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type StartedGateway } from '../app/cli-process.js';
import { startUpstream, type Upstream } from '../helpers/upstream-servers.js';

const HOSTILE_NAME = '<img src=x onerror="alert(1)"><script>alert(2)</script>|**x**[a](javascript:1)\u202e';

interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Sends `text` as is over TCP and parses the answer; status 0 when the server closed without one. */
function raw(port: number, text: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), 3_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseAnswer(Buffer.concat(chunks).toString('latin1')));
    });
    socket.on('connect', () => socket.write(text));
    socket.on('timeout', () => reject(new Error('no answer')));
  });
}

function parseAnswer(text: string): Answer {
  const match = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/.exec(text);
  if (!match) return { status: 0, headers: {}, body: text };
  const end = text.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of text.slice(match[0].length, end).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(match[1]), headers, body: end === -1 ? '' : text.slice(end + 4) };
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { connection: 'close', ...headers } });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        const flat: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) flat[name] = Array.isArray(value) ? value.join('\n') : String(value);
        resolve({ status: res.statusCode ?? 0, headers: flat, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const portOf = (url: string | undefined): number => Number(/:(\d+)/.exec(url?.replace(/^http:\/\//, '') ?? '')?.[1]);
const errorCode = (answer: Answer): string | undefined => {
  try {
    return (JSON.parse(answer.body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};

describe('the local page under hostile input', () => {
  let dir: string;
  let dataDir: string;
  let upstream: Upstream;
  let gateway: StartedGateway;
  let page: number;
  let token: string;
  let loginPath: string;
  let secrets: string[];
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-hostile-page-'));
    dataDir = join(dir, 'data');
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const device = { id: 'hostile-cam', name: HOSTILE_NAME, addresses: ['127.0.0.1'] };
    const destinations = [{ vendor: 'Local test upstream', hosts: ['127.0.0.1'] }];
    await writeFile(join(dataDir, 'policy.json'), JSON.stringify({ version: 1, mode: 'monitor', destinations, devices: [device] }), {
      mode: 0o600,
    });
    upstream = await startUpstream();
    gateway = await startGateway(['--data', dataDir, '--port', '0', '--page-port', '0', '--page-auth', 'token']);
    page = portOf(gateway.banner.get('Local page'));
    loginPath = new URL(gateway.banner.get('Page login (one use)') ?? 'http://x/').pathname + new URL(gateway.banner.get('Page login (one use)') ?? 'http://x/').search;
    token = (await readFile(join(dataDir, 'page-token'), 'utf8')).trim();
    secrets = [token, (await readFile(join(dataDir, 'secret.key'))).toString('latin1'), await readFile(join(dataDir, 'ca', 'ca-key.pem'), 'utf8')];
    // One request through the proxy so the ledger knows the device with the hostile name.
    const proxy = portOf(gateway.banner.get('Proxy'));
    await raw(proxy, `POST ${upstream.url}/v1/t HTTP/1.1\r\nHost: 127.0.0.1:${upstream.port}\r\nContent-Type: application/json\r\nContent-Length: 9\r\nConnection: close\r\n\r\n{"a":"b"}`);
  });

  afterEach(async () => {
    // Still up, still the same process, still answering.
    expect(gateway.child.exitCode).toBeNull();
    expect((await get(page, '/ca.pem')).status).toBe(200);
  });

  afterAll(async () => {
    if (gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
    await upstream.close();
    await rm(dir, { recursive: true, force: true });
  });

  const leaksNothing = (answer: Answer): void => {
    for (const secret of secrets) expect(answer.body.includes(secret.trim())).toBe(false);
  };

  describe('path traversal and paths that are not the page', () => {
    it.each([
      '/../secret.key',
      '/%2e%2e/secret.key',
      '/%2e%2e%2fsecret.key',
      '/build/../../package.json',
      '/build/%2e%2e/%2e%2e/package.json',
      '/..%5c..%5csecret.key',
      '/%252e%252e/secret.key',
      '/index.html/../../secret.key',
      '/ca/ca-key.pem',
      '/page-token',
      '/ledger.sqlite',
      '/policy.json',
      '/build/page.js%00.map',
      '/style.css;.key',
      '/.%2e/.%2e/etc/passwd',
      '//etc/passwd',
      '/build/',
      '/BUILD/PAGE.JS',
      '/index.html%20',
    ])('answers %s with 404 and no file', async (path) => {
      const answer = await get(page, path, auth());
      expect(answer.status).toBe(404);
      expect(errorCode(answer)).toBe('NOT_FOUND');
      leaksNothing(answer);
    });
  });

  describe('odd and huge request targets', () => {
    it.each([
      ['a 3,000-character query', `/api/devices?${'a'.repeat(3000)}`, 400, 'REQUEST_INVALID'],
      ['a device id that is not percent-encoding', '/api/devices/%ZZ', 400, 'REQUEST_INVALID'],
      ['a NUL device id', '/api/devices/%00', 400, 'REQUEST_INVALID'],
      ['a 200-character device id', `/api/devices/${'a'.repeat(200)}`, 400, 'REQUEST_INVALID'],
      ['an encoded traversal as device id', '/api/devices/..%2f..%2fsecret.key', 400, 'REQUEST_INVALID'],
      ['a device id with markup', `/api/devices/${encodeURIComponent('<script>')}`, 400, 'REQUEST_INVALID'],
      ['a device nobody saw', '/api/devices/no-such-device', 404, 'NOT_FOUND'],
      ['an unknown report format', '/api/devices/hostile-cam/report?format=pdf', 400, 'REQUEST_INVALID'],
      ['a report format with a NUL', '/api/devices/hostile-cam/report?format=md%00', 400, 'REQUEST_INVALID'],
      ['a report format as markup', '/api/devices/hostile-cam/report?format=%3Cb%3E', 400, 'REQUEST_INVALID'],
      ['an extra path segment', '/api/devices/hostile-cam/report/x', 404, 'NOT_FOUND'],
      ['an unknown API path', '/api/secret', 404, 'NOT_FOUND'],
    ])('answers %s with %i %s', async (_name, path, status, code) => {
      const answer = await get(page, path, auth());
      expect(answer.status).toBe(status);
      expect(errorCode(answer)).toBe(code);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      leaksNothing(answer);
    });

    it.each([
      ['undecodable query bytes', '/api/devices?x=%ff%fe%00'],
      ['a query on a static file', '/?<script>alert(1)</script>'],
      ['a repeated query parameter', '/api/devices/hostile-cam/report?format=json&format=md'],
    ])('ignores %s where it means nothing', async (_name, path) => {
      expect((await get(page, path, auth())).status).toBe(200);
    });

    it('refuses a request line past the server\'s header limit with 431', async () => {
      const answer = await raw(page, `GET /api/status?${'q'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      expect([400, 431]).toContain(answer.status);
    });

    it('refuses 20,000 headers', async () => {
      const headers = Array.from({ length: 20_000 }, (_, i) => `x-h${i}: 1`).join('\r\n');
      const answer = await raw(page, `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}\r\n\r\n`);
      expect([400, 431]).toContain(answer.status);
    });
  });

  describe('login and tokens', () => {
    type Credentials = (token: string) => { readonly path?: string; readonly headers: Record<string, string> };
    it.each<[string, Credentials]>([
      ['no credentials', () => ({ headers: {} })],
      ['a wrong bearer token', () => ({ headers: { authorization: 'Bearer wrong' } })],
      ['an empty bearer token', () => ({ headers: { authorization: 'Bearer ' } })],
      ['basic credentials', () => ({ headers: { authorization: 'Basic dXNlcjpwYXNz' } })],
      ['a bearer token with one character more', (t) => ({ headers: { authorization: `Bearer ${t}x` } })],
      ['a bearer token one character short', (t) => ({ headers: { authorization: `Bearer ${t.slice(0, -1)}` } })],
      ['a bearer token in the wrong case', (t) => ({ headers: { authorization: `Bearer ${t.toUpperCase()}` } })],
      ['a wrong cookie', () => ({ headers: { cookie: 'pg_page=wrong' } })],
      ['the token under another cookie name', (t) => ({ headers: { cookie: `pg_pagex=${t}` } })],
      ['two tokens in one header', (t) => ({ headers: { authorization: `Bearer ${t} ${t}` } })],
      ['a token in the query string', (t) => ({ path: `/api/devices?token=${t}`, headers: {} })],
    ])('refuses the API with 401 PAGE_UNAUTHORIZED for %s', async (_name, credentials) => {
      const { path = '/api/devices', headers } = credentials(token);
      const answer = await get(page, path, headers);
      expect(answer.status).toBe(401);
      expect(errorCode(answer)).toBe('PAGE_UNAUTHORIZED');
      expect(answer.headers['www-authenticate']).toBe('Bearer realm="privacy-gateway"');
      expect(answer.body).not.toContain('hostile-cam');
      leaksNothing(answer);
    });

    it.each(['/api/status', '/api/devices', '/api/devices/hostile-cam', '/api/devices/hostile-cam/report?format=md'])(
      'keeps %s behind the login',
      async (path) => {
        expect((await get(page, path)).status).toBe(401);
        expect((await get(page, path, auth())).status).toBe(200);
      },
    );

    it.each([
      ['the CA as PEM', '/ca.pem'],
      ['the CA as DER', '/ca.der'],
      ['the page itself', '/'],
      ['its script', '/build/page.js'],
    ])('serves %s without a login (devices need the CA; the page holds no data)', async (_name, path) => {
      expect((await get(page, path)).status).toBe(200);
    });

    it('accepts the bearer scheme in any case', async () => {
      expect((await get(page, '/api/status', { authorization: `bearer ${token}` })).status).toBe(200);
    });

    it.each([
      ['a made-up code', '/login?code=bogus'],
      ['an empty code', '/login?code='],
      ['no code at all', '/login'],
      ['a wrong token', '/login?token=wrong'],
      ['a huge code', `/login?code=${'c'.repeat(1500)}`],
    ])('refuses a login link with %s (401, no cookie)', async (_name, path) => {
      const answer = await get(page, path);
      expect(answer.status).toBe(401);
      expect(answer.headers['set-cookie']).toBeUndefined();
    });

    it('does not spend a one-time code on HEAD (a link preview)', async () => {
      const answer = await get(page, '/login?code=anything', {}, 'HEAD');
      expect(answer.status).toBe(405);
    });

    it('turns the printed one-time link into a cookie once, then refuses it', async () => {
      const first = await get(page, loginPath);
      expect(first.status).toBe(303);
      expect(first.headers.location).toBe('/');
      const cookie = first.headers['set-cookie'] ?? '';
      expect(cookie).toMatch(/^pg_page=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
      const session = cookie.split(';')[0] ?? '';
      expect((await get(page, '/api/devices', { cookie: `theme=dark; ${session}` })).status).toBe(200);
      const again = await get(page, loginPath);
      expect(again.status).toBe(401);
      expect(again.headers['set-cookie']).toBeUndefined();
    });

    it('logs a second browser in with the token itself', async () => {
      const answer = await get(page, `/login?token=${encodeURIComponent(token)}`);
      expect(answer.status).toBe(303);
      expect(answer.headers['set-cookie']).toContain(`pg_page=${token}`);
    });
  });

  describe('methods and raw requests', () => {
    it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'PROPFIND'])('refuses %s with 405 and an Allow header', async (method) => {
      const answer = await get(page, '/api/devices/hostile-cam', auth(), method);
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe('GET, HEAD');
      expect(errorCode(answer)).toBe('REQUEST_INVALID');
    });

    it('answers HEAD with the headers and no body', async () => {
      const answer = await get(page, '/api/status', auth(), 'HEAD');
      expect(answer.status).toBe(200);
      expect(answer.body).toBe('');
    });

    it.each([
      ['an absolute-form target (the page is no proxy)', 'GET http://example.com/api/status HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n', 403],
      ['an absolute-form target with the page\'s own host', 'GET http://127.0.0.1/api/status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', 400],
      ['OPTIONS *', 'OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', 405],
      ['a host name that is not the gateway (DNS rebinding)', 'GET /api/status HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n', 403],
      ['no Host header', 'GET / HTTP/1.1\r\n\r\n', 400],
      ['a lower-case method', 'get / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 400],
      ['Content-Length with Transfer-Encoding', 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400],
      ['a bare CR in a header', 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: b\rc\r\n\r\n', 400],
      ['HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 400],
      ['an unknown HTTP version', 'GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n', 400],
    ])('refuses %s', async (_name, text, status) => {
      const answer = await raw(page, text);
      expect(answer.status).toBe(status);
    });

    it.each([
      ['a CONNECT request', 'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n'],
      ['a TLS ClientHello', Buffer.from('16030100a5010000a10303', 'hex')],
      ['random binary', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256))],
    ])('closes the connection on %s without serving anything', async (_name, payload) => {
      const answer = await raw(page, payload);
      expect([0, 400]).toContain(answer.status);
      expect(answer.body).not.toContain('hostile-cam');
    });
  });

  describe('a device with a hostile name', () => {
    it('is data in the JSON API, served as JSON that no browser may sniff or frame', async () => {
      const answer = await get(page, '/api/devices', auth());
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
      expect(answer.headers['x-frame-options']).toBe('DENY');
      const { devices } = JSON.parse(answer.body) as { devices: { id: string; name: string }[] };
      expect(devices.find((d) => d.id === 'hostile-cam')?.name).toBe(HOSTILE_NAME);
    });

    it('is escaped in the Markdown report and cannot break its download header', async () => {
      const answer = await get(page, '/api/devices/hostile-cam/report?format=md', auth());
      expect(answer.status).toBe(200);
      // Every markup character arrives escaped (`\<`), so no renderer turns it into an element.
      expect(answer.body).not.toMatch(/(^|[^\\])<(img|script)/);
      expect(answer.body).toContain('\\<img src=x onerror="alert(1)"\\>');
      expect(answer.headers['content-disposition']).toBe('attachment; filename="privacy-report-hostile-cam.md"');
    });

    it('is the same string in the device summary', async () => {
      const answer = await get(page, '/api/devices/hostile-cam', auth());
      const summary = JSON.parse(answer.body) as { device: { name: string }; notShown: Record<string, number> };
      expect(summary.device.name).toBe(HOSTILE_NAME);
      expect(summary.notShown).toMatchObject({ destinations: 0, fields: 0 });
    });
  });
});
