import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import type { FlowRecord } from '../../src/ledger/index.js';
import type { ConnectionDecision } from '../../src/policy/index.js';
import type { PipelineDeps, RequestContext, Upstream, UpstreamRequest } from '../../src/proxy/contracts.js';
import { Exchange } from '../../src/proxy/pipeline/exchange.js';
import { LIMITS } from './pipeline-harness.js';

const CONNECTION: ConnectionDecision = {
  device: { id: 'plug', name: 'Smart plug', isDefault: false },
  client: { address: '127.0.0.1', mac: undefined },
  mode: 'enforce',
  destination: { id: 'vendor', vendor: 'Vendor', host: 'vendor.example', port: 80, scheme: 'http' },
  verdict: 'inspect',
  verifyUpstream: true,
  onUninspectable: 'block',
  wouldBlock: false,
  explanation: { ruleId: undefined, reason: 'listed destination' },
};
const CTX: RequestContext = {
  target: { clientAddress: '127.0.0.1', scheme: 'http', host: 'vendor.example', port: 80 },
  connection: CONNECTION,
  startedAt: Date.now(),
};
const NO_FINGERPRINTS = new Map<string, string>();

let server: http.Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

/** One request through an Exchange forwarding a buffered body to `upstream`; what the device got and what was recorded. */
async function forwardOnce(upstream: Upstream, body: Buffer, editCount: number) {
  const records: FlowRecord[] = [];
  const heldWhenRecorded: boolean[] = [];
  let answered = false;
  const deps = {
    upstream,
    recorder: {
      record: (record: FlowRecord) => records.push(record),
      recordDurably: (record: FlowRecord, stored: () => void) => {
        records.push(record);
        heldWhenRecorded.push(!answered);
        stored();
      },
    },
    limits: LIMITS,
  } as unknown as PipelineDeps;
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => void new Exchange(deps, req, res, CTX).forward('/v1/state?x=1', body, { decision: undefined, fingerprints: NO_FINGERPRINTS }, body.length, editCount));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const reply = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const request = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/v1/state', headers: { 'x-device': 'plug' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        answered = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    request.on('error', reject);
    request.end('{"on":true}');
  });
  await new Promise((resolve) => setImmediate(resolve));
  return { reply, records, heldWhenRecorded };
}

describe('Exchange.forward', () => {
  it("sends the client's method and headers with the body and edit count, and records the vendor's address before the answer ends", async () => {
    const seen: UpstreamRequest[] = [];
    const upstream: Upstream = {
      forward: async (_ctx, request, res) => {
        seen.push(request);
        request.onUpstreamAddress?.('192.0.2.7');
        res.writeHead(200, ['content-length', '2', ...(request.answerHeaders ?? [])]);
        res.end('ok');
        await new Promise((resolve) => setImmediate(resolve));
        return { bytesDown: 2, remoteAddress: '192.0.2.7' };
      },
    };
    const { reply, records, heldWhenRecorded } = await forwardOnce(upstream, Buffer.from('{"on":false}'), 1);
    expect(reply).toMatchObject({ status: 200, body: 'ok' });
    expect(reply.headers['x-privacy-gateway-edits']).toBe('1');
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/v1/state?x=1', headers: { 'x-device': 'plug' } });
    expect(seen[0]?.body?.toString()).toBe('{"on":false}');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ method: 'POST', path: '/v1/state', bytesUp: 12, bytesDown: 2, upstreamAddress: '192.0.2.7', error: undefined });
    expect(heldWhenRecorded).toEqual([true]);
  });

  it('answers and records a foreign upstream failure as unreachable, without an edit count', async () => {
    const upstream: Upstream = {
      forward: async (_ctx, request) => {
        expect(request.answerHeaders).toBeUndefined();
        throw new Error('socket hang up');
      },
    };
    const { reply, records } = await forwardOnce(upstream, Buffer.from('{}'), 0);
    expect(reply.status).toBe(502);
    expect(records).toHaveLength(1);
    expect(records[0]?.error?.code).toBe(new GatewayError('UPSTREAM_UNREACHABLE', '').code);
    expect(records[0]).toMatchObject({ bytesUp: 2, bytesDown: 0 });
  });
});
