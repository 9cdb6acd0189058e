import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../src/policy/index.js';
import { connectThrough, curl } from '../helpers/proxy-clients.js';
import { startUpstream, type Upstream } from '../helpers/upstream-servers.js';
import { startGateway, type Gateway } from './gateway-harness.js';

/**
 * Every kind of refusal through the whole gateway (listener, CONNECT, TLS interception, the inspecting
 * pipeline) with a real curl and real upstreams: the 403 names its kind in `X-Privacy-Gateway-Reason`,
 * its rule in `X-Privacy-Gateway-Rule`, and both again in the JSON body; the vendor receives nothing.
 */
const JAILED = '127.0.0.2';
const LOCKED = '127.0.0.3';
const PLUG = '127.0.0.4';

const POLICY: PolicyInput = {
  version: 1,
  mode: 'enforce',
  destinations: [
    { id: 'tracker', vendor: 'Tracker', hosts: ['tracker.test'], access: 'block' },
    // The vendor lives on loopback: only a destination that names it lets the gateway relay there.
    { id: 'loopback-vendor', vendor: 'Loopback vendor', hosts: ['vendor.test', 'api.vendor.test'] },
  ],
  rules: [{ id: 'no-password', path: '$.password', action: 'block' }],
  devices: [
    { id: 'jailed', name: 'Jailed camera', addresses: [JAILED], quarantine: true },
    {
      id: 'locked',
      name: 'Locked hub',
      addresses: [LOCKED],
      mode: 'lockdown',
      destinations: [{ id: 'hub-cloud', vendor: 'Hub', hosts: ['vendor.test'] }],
    },
    { id: 'plug', name: 'Plug', addresses: [PLUG] },
  ],
};

let plain: Upstream;
let secure: Upstream;
let gateway: Gateway;

beforeAll(async () => {
  [plain, secure] = await Promise.all([startUpstream(), startUpstream({ tls: true })]);
  gateway = await startGateway({
    policy: POLICY,
    upstreamCa: [secure.caPem],
    pipeline: { hashKey: Buffer.from('refusal-test-key-0123456789abcdef') },
    routes: {
      'vendor.test': plain.port,
      'tracker.test': plain.port,
      'elsewhere.test': plain.port,
      'api.vendor.test': secure.port,
    },
  });
});

afterAll(async () => {
  await gateway.close();
  await Promise.all([plain.close(), secure.close()]);
});

interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly error: Record<string, unknown>;
}

/** curl through the proxy from `client`'s own loopback address, with the final response's headers. */
async function viaProxy(client: string, args: readonly string[]): Promise<Answer> {
  const result = await curl(['-i', '--interface', client, '--proxy', `http://127.0.0.1:${gateway.port}`, ...args]);
  let text = result.body;
  let head = '';
  // A CONNECT's "200 Connection Established" comes first; the answer that counts is the last one.
  while (text.startsWith('HTTP/')) {
    const end = text.indexOf('\r\n\r\n');
    head = text.slice(0, end);
    text = text.slice(end + 4);
  }
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const parsed = JSON.parse(text) as { error: Record<string, unknown> };
  return { status: result.status, headers, error: parsed.error };
}

const json = ['-H', 'content-type: application/json'];

describe('refusals through the gateway name their real reason and rule', () => {
  it.each([
    {
      kind: 'quarantine',
      rule: 'quarantine',
      client: JAILED,
      args: [...json, '-d', '{"temp":21}', 'http://vendor.test/v1/report'],
      reason: /device jailed is quarantined/,
    },
    {
      kind: 'destination',
      rule: 'tracker',
      client: PLUG,
      args: [...json, '-d', '{"temp":21}', 'http://tracker.test/collect'],
      reason: /destination "tracker" Tracker .* access block/,
    },
    {
      kind: 'lockdown-unlisted',
      rule: 'lockdown-unlisted',
      client: LOCKED,
      args: [...json, '-d', '{"temp":21}', 'http://elsewhere.test/v1/report'],
      reason: /lockdown: elsewhere\.test:80 is not in policy/,
    },
    {
      kind: 'opaque',
      rule: 'opaque',
      client: PLUG,
      args: ['-H', 'content-type: application/octet-stream', '--data-binary', '\u0001\u00ff\u0013garbage', 'http://vendor.test/v1/blob'],
      reason: /opaque body/,
    },
    {
      kind: 'field',
      rule: 'no-password',
      client: PLUG,
      args: [...json, '-d', '{"user":"a","password":"hunter2"}', 'http://vendor.test/v1/login'],
      reason: /rule "no-password"/,
      field: '$.password',
    },
  ])('$kind: 403 with rule $rule, and the vendor sees nothing', async ({ kind, rule, client, args, reason, field }) => {
    const before = plain.received.length;
    const answer = await viaProxy(client, args);

    expect(answer.status).toBe(403);
    expect(answer.headers['x-privacy-gateway-decision']).toBe('blocked');
    expect(answer.headers['x-privacy-gateway-reason']).toBe(kind);
    expect(answer.headers['x-privacy-gateway-rule']).toBe(rule);
    expect(answer.error).toMatchObject({ code: 'BLOCKED_BY_POLICY', kind, rule, reason: expect.stringMatching(reason) });
    expect(answer.error.field).toBe(field ?? null);
    expect(String(answer.error.message)).toContain(`(${kind},`);
    expect(plain.received.length).toBe(before);
  });

  it('names the field rule in a refusal inside an intercepted TLS connection', async () => {
    const before = secure.received.length;
    const answer = await viaProxy(PLUG, [
      '--cacert',
      gateway.caFile,
      ...json,
      '-d',
      '{"password":"hunter2"}',
      'https://api.vendor.test/v1/login',
    ]);
    expect(answer.status).toBe(403);
    expect(answer.headers['x-privacy-gateway-rule']).toBe('no-password');
    expect(answer.headers['x-privacy-gateway-reason']).toBe('field');
    expect(answer.error).toMatchObject({ kind: 'field', rule: 'no-password', ruleId: 'no-password', field: '$.password' });
    expect(secure.received.length).toBe(before);
  });

  it('names the destination rule when a CONNECT is refused before any TLS', async () => {
    const { status, body, socket } = await connectThrough(gateway.port, 'tracker.test:443');
    socket.destroy();
    expect(status).toBe(403);
    expect(JSON.parse(body)).toMatchObject({ error: { kind: 'destination', rule: 'tracker', ruleId: 'tracker' } });
  });

  it('forwards the same client\'s allowed request, so the refusals above were the policy\'s', async () => {
    const before = plain.received.length;
    const result = await curl(['--interface', PLUG, '--proxy', `http://127.0.0.1:${gateway.port}`, ...json, '-d', '{"temp":21}', 'http://vendor.test/v1/report']);
    expect(result.status).toBe(200);
    expect(plain.received.length).toBe(before + 1);
  });
});
