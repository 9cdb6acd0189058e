/**
 * A real gateway for transport tests: our CA in a temp dir, a compiled policy, a recorder that keeps
 * FlowRecords, and a trivial RequestHandler that forwards every request unchanged through the real
 * Upstream (the inspecting pipeline is tested on its own) — or, with `pipeline`, the real inspecting
 * pipeline, for tests of the whole gateway.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GatewayError } from '../../src/errors.js';
import type { FlowRecord } from '../../src/ledger/index.js';
import { compilePolicy, parsePolicy, type PolicyInput } from '../../src/policy/index.js';
import {
  CertificateAuthority,
  DestinationGuard,
  createProxy,
  createRequestHandler,
  createUpstream,
  withoutHopByHop,
  type IdleTimeouts,
  type ProtectedEndpoint,
  type ProxyAddresses,
  type ProxyLog,
  type RequestHandler,
  type ResolveUpstream,
} from '../../src/proxy/index.js';

export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Record<string, unknown> | undefined;
}

export interface Gateway {
  readonly addresses: ProxyAddresses;
  readonly port: number;
  readonly ca: CertificateAuthority;
  readonly caFile: string;
  readonly records: FlowRecord[];
  readonly logs: LogLine[];
  readonly uninspectable: () => ReturnType<ReturnType<typeof createProxy>['uninspectable']>;
  readonly guard: DestinationGuard;
  /** Replaces the policy in force, as a reload of policy.json does. */
  setPolicy(policy: PolicyInput): void;
  close(): Promise<void>;
}

export interface GatewayOptions {
  readonly policy: PolicyInput;
  readonly upstreamCa?: readonly string[];
  /** Maps test names (`vendor.test`) to local upstream ports. */
  readonly routes?: Readonly<Record<string, number>>;
  /** Where hosts without a route go (default: where they name); the hostile suites keep them on loopback. */
  readonly unrouted?: ResolveUpstream;
  readonly upstreamTimeoutMs?: number;
  readonly handshakeTimeoutMs?: number;
  /** Serve requests with the real pipeline (parse, classify, evaluate, edit) under this hash key. */
  readonly pipeline?: { readonly hashKey: Buffer };
  readonly idleTimeouts?: IdleTimeouts;
  /** As when the gateway listens beyond loopback: clients that match no device are refused. */
  readonly refuseUnknownClients?: boolean;
  /** Extra endpoints never relayed to (a stand-in for the linked Home Assistant). */
  readonly protect?: readonly ProtectedEndpoint[];
  /** Where pinning clients are remembered (a file in a temp dir), to test restarts. */
  readonly uninspectableFile?: string;
}

let sharedCa: Promise<{ ca: CertificateAuthority; dir: string }> | undefined;

/** One CA per test file: minting a root is cheap, but every test re-trusting a new one is noise. */
function testCa(): Promise<{ ca: CertificateAuthority; dir: string }> {
  sharedCa ??= (async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pg-transport-'));
    return { ca: await CertificateAuthority.loadOrCreate(dir), dir };
  })();
  return sharedCa;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { ca, dir } = await testCa();
  let compiled = compilePolicy(parsePolicy(options.policy));
  const records: FlowRecord[] = [];
  const logs: LogLine[] = [];
  const logAt =
    (level: LogLine['level']) =>
    (message: string, fields?: Record<string, unknown>): void => {
      logs.push({ level, message, fields });
    };
  const log: ProxyLog = { debug: logAt('debug'), info: logAt('info'), warn: logAt('warn'), error: logAt('error') };
  const routes = options.routes ?? {};
  const resolveUpstream: ResolveUpstream = (host, port) => {
    const local = routes[host];
    if (local !== undefined) return { host: '127.0.0.1', port: local };
    return options.unrouted === undefined ? { host, port } : options.unrouted(host, port);
  };
  const limits = {
    maxBodyBytes: 1024 * 1024,
    maxDecodedBytes: 4 * 1024 * 1024,
    maxJsonDepth: 64,
    upstreamTimeoutMs: options.upstreamTimeoutMs ?? 5000,
  };
  const guard = new DestinationGuard({ resolveUpstream, refuseUnknownClients: options.refuseUnknownClients ?? false });
  for (const endpoint of options.protect ?? []) guard.protect(endpoint);
  const upstream = createUpstream({ upstreamCa: options.upstreamCa ?? [], limits, log, resolveUpstream, guard });
  const recorder = { record: (record: FlowRecord) => records.push(record) };
  // Like the real pipeline, minus inspection: honours block verdicts, forwards the rest, records each request.
  const forwardUnchanged: RequestHandler = (req, res, ctx) => {
    const url = req.url ?? '/';
    const pathAndQuery = url.startsWith('/') ? url : new URL(url).pathname + new URL(url).search;
    const recordRequest = (bytesDown: number, error?: FlowRecord['error']): void => {
      const path = pathAndQuery.split('?')[0];
      records.push({ at: ctx.startedAt, connection: ctx.connection, decision: undefined, inspectable: true, method: req.method, path,
        fingerprints: new Map(), bytesUp: 0, bytesDown, durationMs: Date.now() - ctx.startedAt, error });
    };
    if (ctx.connection.verdict === 'block') {
      const body = JSON.stringify({ error: { code: 'BLOCKED_BY_POLICY', reason: ctx.connection.explanation.reason } });
      res.writeHead(403, { 'content-type': 'application/json', 'x-privacy-gateway-rule': ctx.connection.explanation.ruleId ?? ctx.connection.mode });
      res.end(body);
      recordRequest(0);
      return;
    }
    const request = { method: req.method ?? 'GET', path: pathAndQuery, headers: withoutHopByHop(req.headers), body: req };
    upstream.forward(ctx, request, res).then(
      ({ bytesDown }) => recordRequest(bytesDown),
      (error: unknown) => recordRequest(0, error instanceof GatewayError ? error.toJSON() : { code: 'UPSTREAM_UNREACHABLE', message: String(error) }),
    );
  };
  const handler =
    options.pipeline === undefined
      ? forwardUnchanged
      : createRequestHandler({ policy: () => compiled, recorder, upstream, hashKey: options.pipeline.hashKey, limits });
  const proxy = createProxy({
    ca,
    policy: () => compiled,
    recorder,
    handler,
    limits,
    log,
    resolveUpstream,
    guard,
    ...(options.handshakeTimeoutMs !== undefined && { handshakeTimeoutMs: options.handshakeTimeoutMs }),
    ...(options.idleTimeouts !== undefined && { idleTimeouts: options.idleTimeouts }),
    ...(options.uninspectableFile !== undefined && { uninspectableFile: options.uninspectableFile }),
  });
  const addresses = await proxy.listen({ host: '127.0.0.1', port: 0, transparentHttpPort: 0, transparentTlsPort: 0 });
  return {
    addresses,
    port: addresses.proxy.port,
    ca,
    caFile: path.join(dir, 'ca.pem'),
    records,
    logs,
    uninspectable: () => proxy.uninspectable(),
    guard,
    setPolicy(policy) {
      compiled = compilePolicy(parsePolicy(policy));
    },
    async close() {
      await proxy.close();
      upstream.close();
    },
  };
}

/** Polls until `check` passes (records land when sockets close, a moment after the client sees it). */
export async function eventually(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
