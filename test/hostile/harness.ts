/**
 * Shared by the hostile-input suites: a real gateway (test/proxy/gateway-harness.ts) in a sandbox where
 * every destination the tests do not route goes to a closed loopback port (no packet ever leaves
 * loopback, no DNS is asked), raw-socket exchanges, and the "still serving, nothing lost" check.
 */
import net from 'node:net';
import { expect } from 'vitest';
import type { FlowRecord } from '../../src/ledger/index.js';
import type { PolicyInput } from '../../src/policy/index.js';
import { startUpstream, type Upstream } from '../helpers/upstream-servers.js';
import { startGateway, type Gateway, type GatewayOptions } from '../proxy/gateway-harness.js';

/** A loopback port nothing listens on: where unrouted destinations would go if a guard failed. */
export const CLOSED_PORT = 1;

export interface HostileGateway {
  readonly gateway: Gateway;
  readonly upstream: Upstream;
  /** Test names → loopback ports; mutable so a test can route a name to the gateway's own port. */
  readonly routes: Record<string, number>;
  close(): Promise<void>;
}

/** The control request: plain.test is routed to the echo upstream and named by every hostile policy. */
export const ALIVE_HOST = 'plain.test';

export async function startHostile(policy: PolicyInput, options: Omit<GatewayOptions, 'policy' | 'routes'> = {}): Promise<HostileGateway> {
  const upstream = await startUpstream();
  const routes: Record<string, number> = { [ALIVE_HOST]: upstream.port };
  // Loopback literals go where they say (the tests' own servers); anything else to a closed loopback port.
  const unrouted = (host: string, port: number): { host: string; port: number } =>
    /^127\.\d+\.\d+\.\d+$/.test(host) ? { host, port } : { host: '127.0.0.1', port: CLOSED_PORT };
  const gateway = await startGateway({ ...options, policy, routes, unrouted });
  return {
    gateway,
    upstream,
    routes,
    async close() {
      await gateway.close();
      await upstream.close();
    },
  };
}

export interface RawAnswer {
  readonly text: string;
  readonly bytes: Buffer;
  /** Status codes of every HTTP response in the answer, in order. */
  readonly statuses: number[];
}

/** Writes `payload` on a fresh connection and reads until the gateway closes it (or `waitMs` passes). */
export function exchange(
  port: number,
  payload: string | Buffer | readonly (string | Buffer)[],
  options: { readonly localAddress?: string; readonly waitMs?: number; readonly gapMs?: number } = {},
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ port, host: '127.0.0.1', ...(options.localAddress !== undefined && { localAddress: options.localAddress }) });
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      const bytes = Buffer.concat(chunks);
      const text = bytes.toString('latin1');
      const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
      resolve({ text, bytes, statuses });
    };
    const timer = setTimeout(done, options.waitMs ?? 3000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.once('close', done);
    socket.once('connect', () => {
      const parts = typeof payload === 'string' || Buffer.isBuffer(payload) ? [payload] : payload;
      void (async () => {
        for (const part of parts) {
          if (socket.destroyed) return;
          socket.write(part);
          if (options.gapMs !== undefined) await new Promise((r) => setTimeout(r, options.gapMs));
        }
      })();
    });
  });
}

/** CONNECT then, on a 200, the given bytes (a ClientHello); resolves with everything the gateway sent. */
export function connectThen(port: number, authority: string, after: Buffer | undefined, localAddress?: string): Promise<RawAnswer> {
  const request = `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`;
  return exchange(port, after === undefined ? request : [request, after], { ...(localAddress !== undefined && { localAddress }), gapMs: 50 });
}

/**
 * After a hostile input: the gateway still answers a normal request with the vendor's 200, that
 * request is recorded, and every record made so far is still there.
 */
export async function expectStillServing(h: HostileGateway): Promise<void> {
  const before = h.gateway.records.length;
  const kept = h.gateway.records.slice();
  const answer = await exchange(h.gateway.port, `GET http://${ALIVE_HOST}/alive HTTP/1.1\r\nHost: ${ALIVE_HOST}\r\nConnection: close\r\n\r\n`);
  expect(answer.statuses, 'a normal request after the hostile one').toEqual([200]);
  await eventuallyTrue(() => h.gateway.records.length > before);
  expect(h.gateway.records.slice(0, kept.length)).toEqual(kept);
}

/** The records made since `from` that carry `ruleId` (a refusal's name or a policy rule). */
export function recordedWith(h: HostileGateway, from: number, ruleId: string): FlowRecord[] {
  return h.gateway.records.slice(from).filter((r) => r.connection.explanation.ruleId === ruleId);
}

export async function eventuallyTrue(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The X-Privacy-Gateway-Rule header of the first response in an answer. */
export function ruleOf(answer: RawAnswer): string | undefined {
  return /\r\nx-privacy-gateway-rule: ([^\r\n]+)/i.exec(answer.text)?.[1];
}

export const absoluteForm = (authority: string, path = '/hostile'): string =>
  `GET http://${authority}${path} HTTP/1.1\r\nHost: ${authority}\r\nConnection: close\r\n\r\n`;

export const originForm = (host: string, path = '/hostile'): string =>
  `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
