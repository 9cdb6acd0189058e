/**
 * A real gateway for pipeline tests: an http.Server whose handler is the pipeline, forwarding through
 * the transport's createUpstream to a real echoing upstream, with a real compiled policy and a real
 * Ledger on a temp SQLite file. The client address comes from the `x-test-client` header so one
 * server can play several devices, and `x-test-host` names the destination (default VENDOR_HOST).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ledger, type FlowRecord, type FlowRecorder } from '../../src/ledger/index.js';
import { compilePolicy, evaluateConnection, parsePolicy, type CompiledPolicy } from '../../src/policy/index.js';
import { createRequestHandler, createUpstream, type ProxyLimits, type ProxyLog, type RequestContext } from '../../src/proxy/index.js';
import { startUpstream, type Upstream as UpstreamServer, type UpstreamOptions } from '../helpers/upstream-servers.js';

export const HASH_KEY = Buffer.from('pipeline-test-key-0123456789abcdef');

export const LIMITS: ProxyLimits = {
  maxBodyBytes: 64 * 1024,
  maxDecodedBytes: 256 * 1024,
  maxJsonDepth: 16,
  upstreamTimeoutMs: 5000,
};

export interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface Harness {
  readonly url: string;
  readonly upstream: UpstreamServer;
  readonly records: FlowRecord[];
  readonly ledger: Ledger;
  /** Where the ledger's SQLite files live. */
  readonly ledgerDir: string;
  readonly policy: CompiledPolicy;
  /** Makes the next records throw inside the recorder (the request must not notice). */
  failRecorder: boolean;
  close(): Promise<void>;
}

/** The vendor's name as the device uses it; the transport's resolver maps it to the local upstream. */
export const VENDOR_HOST = 'vendor.test';
export const UNREACHABLE_HOST = 'unreachable.test';

const quietLog: ProxyLog = { debug() {}, info() {}, warn() {}, error() {} };

export async function startHarness(policyInput: unknown, limits: ProxyLimits = LIMITS, vendor: UpstreamOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'pg-pipeline-'));
  const ledger = new Ledger({ file: join(dir, 'ledger.sqlite'), retentionDays: 30 });
  ledger.start();
  const upstream = await startUpstream(vendor);
  const policy = compilePolicy(parsePolicy(policyInput));
  const records: FlowRecord[] = [];
  const harness = { failRecorder: false };
  const recorder: FlowRecorder = {
    record(record) {
      if (harness.failRecorder) throw new Error('recorder is broken');
      records.push(record);
      ledger.record(record);
    },
  };
  // Every name reaches the local upstream except UNREACHABLE_HOST, which gets a refused port.
  const resolveUpstream = (host: string) => ({ host: '127.0.0.1', port: host === UNREACHABLE_HOST ? 1 : upstream.port });
  const forwarder = createUpstream({ limits, log: quietLog, resolveUpstream });
  const handler = createRequestHandler({ policy: () => policy, recorder, upstream: forwarder, hashKey: HASH_KEY, limits });
  const server = http.createServer((req, res) => {
    const clientAddress = String(req.headers['x-test-client'] ?? '10.0.0.99');
    const host = String(req.headers['x-test-host'] ?? VENDOR_HOST);
    const target = { clientAddress, scheme: 'http' as const, host, port: 80 };
    const ctx: RequestContext = { target, connection: evaluateConnection(policy, target), startedAt: Date.now() };
    handler(req, res, ctx);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(harness, {
    url: `http://127.0.0.1:${port}`,
    upstream,
    records,
    ledger,
    ledgerDir: dir,
    policy,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      forwarder.close();
      await upstream.close();
      ledger.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

export interface SendOptions {
  readonly client: string;
  readonly host?: string;
  readonly method?: string;
  readonly path?: string;
  readonly headers?: http.OutgoingHttpHeaders;
  readonly body?: Buffer | string;
  /** Send the body in several chunks without Content-Length (Transfer-Encoding: chunked). */
  readonly chunked?: boolean;
}

/** Sends one request with Node's http client. */
export function send(h: Harness, options: SendOptions): Promise<Reply> {
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  const headers: http.OutgoingHttpHeaders = { 'x-test-client': options.client, ...options.headers };
  if (options.host !== undefined) headers['x-test-host'] = options.host;
  if (body !== undefined && options.chunked !== true) headers['content-length'] = body.length;
  return new Promise((resolve, reject) => {
    const req = http.request(`${h.url}${options.path ?? '/v1/report'}`, { method: options.method ?? 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (body !== undefined && options.chunked === true) {
      for (let i = 0; i < body.length; i += 16 * 1024) req.write(body.subarray(i, i + 16 * 1024));
    }
    req.end(options.chunked === true ? undefined : body);
  });
}

/** Runs the system curl against the gateway; returns status, lower-cased headers and body. */
export function curl(h: Harness, args: readonly string[], path = '/v1/report'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    execFile(
      'curl',
      ['-sS', '-i', '--max-time', '10', ...args, `${h.url}${path}`],
      { encoding: 'buffer', maxBuffer: 4 * 1024 * 1024 },
      (error, stdout) => {
        if (error) return reject(error);
        const split = stdout.indexOf('\r\n\r\n');
        const head = stdout.subarray(0, split).toString('latin1').split('\r\n');
        const status = Number(head[0]?.split(' ')[1] ?? 0);
        const headers: http.IncomingHttpHeaders = {};
        for (const line of head.slice(1)) {
          const colon = line.indexOf(':');
          headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        resolve({ status, headers, body: stdout.subarray(split + 4) });
      },
    );
  });
}

/** The body the upstream received last, as bytes (undefined when it received nothing). */
export function lastReceived(h: Harness): { path: string; headers: http.IncomingHttpHeaders; body: Buffer } | undefined {
  const last = h.upstream.received.at(-1);
  if (last === undefined) return undefined;
  return { path: last.path, headers: last.headers, body: Buffer.from(last.body, 'base64') };
}
