/**
 * Hostile policy edits against a real gateway process (`--page-auth token`): cross-site requests, missing
 * or wrong credentials, odd bodies and hostile values. Each is refused with a stable code, and the policy
 * file stays byte for byte what it was; the gateway keeps answering.
 */
import { request } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EDIT_HEADER, POLICY_EDITS_PATH } from '../../src/page/index.js';
import { startGateway, type StartedGateway } from '../app/cli-process.js';

interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly code: string | undefined;
}

function send(port: number, method: string, headers: Record<string, string>, body: string | Buffer = ''): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: POLICY_EDITS_PATH, method, headers: { host: `127.0.0.1:${port}`, ...headers } });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        let code: string | undefined;
        try {
          code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
        } catch {
          code = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, code });
      });
    });
    // The server may answer and close before it read a body it refuses.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end(body);
  });
}

const QUARANTINE = JSON.stringify({ operation: 'quarantine', data: { device_id: 'cam' } });
const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('policy edits under hostile input', () => {
  let dir: string;
  let file: string;
  let gateway: StartedGateway;
  let page: number;
  let token: string;
  let original: string;

  const good = (): Record<string, string> => ({
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    [EDIT_HEADER]: '1',
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-hostile-edits-'));
    const dataDir = join(dir, 'data');
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    file = join(dataDir, 'policy.json');
    await writeFile(file, JSON.stringify({ version: 1, mode: 'enforce', devices: [{ id: 'cam', name: 'Cam', addresses: ['127.0.0.9'] }] }), { mode: 0o600 });
    gateway = await startGateway(['--data', dataDir, '--port', '0', '--page-port', '0', '--page-auth', 'token']);
    page = Number(/:(\d+)\/?$/.exec(gateway.banner.get('Local page') ?? '')?.[1]);
    token = (await readFile(join(dataDir, 'page-token'), 'utf8')).trim();
    original = await readFile(file, 'utf8');
  });

  afterEach(async () => {
    expect(gateway.child.exitCode).toBeNull();
    expect(await readFile(file, 'utf8')).toBe(original);
  });

  afterAll(async () => {
    if (gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it.each<[string, () => Record<string, string>, number, string]>([
    ['no credentials', () => ({ 'content-type': 'application/json', [EDIT_HEADER]: '1' }), 401, 'PAGE_UNAUTHORIZED'],
    ['a wrong token', () => ({ ...good(), authorization: 'Bearer wrong' }), 401, 'PAGE_UNAUTHORIZED'],
    ['the login cookie from another site (Origin)', () => ({ ...good(), authorization: '', cookie: `pg_page=${token}`, origin: 'http://evil.example' }), 403, 'PAGE_FORBIDDEN'],
    ['another port of this machine as Origin', () => ({ ...good(), origin: 'http://127.0.0.1:1' }), 403, 'PAGE_FORBIDDEN'],
    ['Origin: null (a sandboxed frame)', () => ({ ...good(), origin: 'null' }), 403, 'PAGE_FORBIDDEN'],
    ['Sec-Fetch-Site: cross-site', () => ({ ...good(), 'sec-fetch-site': 'cross-site' }), 403, 'PAGE_FORBIDDEN'],
    ['Sec-Fetch-Site: same-site (a sibling host)', () => ({ ...good(), 'sec-fetch-site': 'same-site' }), 403, 'PAGE_FORBIDDEN'],
    ['no edit header (an HTML form)', () => ({ ...good(), [EDIT_HEADER]: '' }), 403, 'PAGE_FORBIDDEN'],
    ['a form content type', () => ({ ...good(), 'content-type': 'application/x-www-form-urlencoded' }), 400, 'REQUEST_INVALID'],
    ['text/plain', () => ({ ...good(), 'content-type': 'text/plain' }), 400, 'REQUEST_INVALID'],
  ])('refuses an edit with %s', async (_name, headers, status, code) => {
    const answer = await send(page, 'POST', headers(), QUARANTINE);
    expect([answer.status, answer.code]).toEqual([status, code]);
  });

  it.each<[string, string | Buffer, number, string]>([
    ['an empty body', '', 400, 'REQUEST_INVALID'],
    ['half a JSON document', '{"operation":"quarantine","data":{', 400, 'REQUEST_INVALID'],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 400, 'REQUEST_INVALID'],
    ['300 KiB of JSON', JSON.stringify({ operation: 'quarantine', data: { device_id: 'cam', pad: 'x'.repeat(300 * 1024) } }), 413, 'PAYLOAD_TOO_LARGE'],
    ['arrays nested 5,000 deep', nested(5000), 400, 'REQUEST_INVALID'],
    ['a __proto__ key', '{"__proto__":{"polluted":true},"operation":"quarantine","data":{"device_id":"cam"}}', 400, 'REQUEST_INVALID'],
    ['operation "constructor"', '{"operation":"constructor","data":{}}', 400, 'REQUEST_INVALID'],
    ['a traversal as device id', JSON.stringify({ operation: 'quarantine', data: { device_id: '../../etc/passwd' } }), 404, 'NOT_FOUND'],
    ['markup as a host', JSON.stringify({ operation: 'block_destination', data: { device_id: 'cam', host: '<script>alert(1)</script>' } }), 400, 'REQUEST_INVALID'],
    ['a NUL in a host', JSON.stringify({ operation: 'block_destination', data: { device_id: 'cam', host: 'a.example\u0000.evil' } }), 400, 'REQUEST_INVALID'],
    ['a newline in a field path', JSON.stringify({ operation: 'set_field_action', data: { device_id: 'cam', field_path: '$.a\nb', action: 'drop' } }), 400, 'REQUEST_INVALID'],
    ['a 1,001-destination lockdown', JSON.stringify({ operation: 'lock_down', data: { device_id: 'cam', destinations: Array.from({ length: 1001 }, (_, i) => ({ host: `h${i}.example`, access: 'allow' })) } }), 400, 'REQUEST_INVALID'],
    ['101 hosts on one rule', JSON.stringify({ operation: 'set_field_action', data: { category: 'location', action: 'drop', destinations: Array.from({ length: 101 }, (_, i) => `h${i}.example`) } }), 400, 'REQUEST_INVALID'],
    ['a number as device id', JSON.stringify({ operation: 'quarantine', data: { device_id: 7 } }), 400, 'REQUEST_INVALID'],
  ])('refuses %s and changes nothing', async (name, body, status, code) => {
    const answer = await send(page, 'POST', good(), body);
    expect([answer.status, answer.code], name).toEqual([status, code]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lies about its length in vain: a declared 1 GB body is refused before it is read', async () => {
    const answer = await send(page, 'POST', { ...good(), 'content-length': String(1024 ** 3) });
    expect([answer.status, answer.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS'])('answers %s with 405 naming POST (no CORS preflight is granted)', async (method) => {
    const answer = await send(page, method, { ...good(), origin: 'http://evil.example', 'access-control-request-method': 'POST' });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD, POST');
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });
});
