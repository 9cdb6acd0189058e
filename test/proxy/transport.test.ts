import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../src/policy/index.js';
import { NO_SNI_HOST } from '../../src/proxy/index.js';
import { connectThrough, curl, rawRequest, tlsOver } from '../helpers/proxy-clients.js';
import { bodyText, startUpstream, type ReceivedRequest, type Upstream } from '../helpers/upstream-servers.js';
import { eventually, startGateway, type Gateway } from './gateway-harness.js';

const POLICY: PolicyInput = {
  version: 1,
  mode: 'enforce',
  destinations: [
    { id: 'tracker', vendor: 'Tracker', hosts: ['tracker.test'], access: 'block' },
    { id: 'opaque', vendor: 'Opaque', hosts: ['tunnel.vendor.test'], inspect: false },
    { id: 'lax', vendor: 'Lax', hosts: ['optout.test'], verifyUpstream: false },
    { id: 'pinned-ok', vendor: 'Pinned', hosts: ['pinned-allow.vendor.test'], onUninspectable: 'allow' },
    { id: 'pinned-no', vendor: 'Pinned', hosts: ['pinned-block.vendor.test'], onUninspectable: 'block' },
    // The test vendors live on loopback: only a destination that names them lets the gateway relay there.
    { id: 'loopback-vendors', vendor: 'Test vendors', hosts: ['plain.test', 'vendor.test', '*.vendor.test', 'untrusted.test'] },
  ],
};

let plain: Upstream;
let secure: Upstream;
let untrusted: Upstream;
let gateway: Gateway;

beforeAll(async () => {
  [plain, secure, untrusted] = await Promise.all([
    startUpstream(),
    startUpstream({ tls: true }),
    startUpstream({ tls: true, hostnames: ['untrusted.test', 'optout.test'] }),
  ]);
  const names = ['vendor.test', 'silent.vendor.test', 'tunnel.vendor.test', 'pinned-allow.vendor.test', 'pinned-block.vendor.test', 'flaky.vendor.test'];
  gateway = await startGateway({
    policy: POLICY,
    upstreamCa: [secure.caPem],
    routes: {
      'plain.test': plain.port,
      'untrusted.test': untrusted.port,
      'optout.test': untrusted.port,
      ...Object.fromEntries(names.map((name) => [name, secure.port])),
    },
  });
});

afterAll(async () => {
  await gateway.close();
  await Promise.all([plain.close(), secure.close(), untrusted.close()]);
});

const viaProxy = (): string[] => ['--proxy', `http://127.0.0.1:${gateway.port}`];
const last = (upstream: Upstream): ReceivedRequest | undefined => upstream.received.at(-1);

describe('explicit forward proxy', () => {
  it('forwards an absolute-form request with its body, minus hop-by-hop headers, plus Via', async () => {
    const result = await curl([...viaProxy(), '-H', 'Proxy-Connection: keep-alive', '-d', 'hello', 'http://plain.test/echo?x=1']);
    expect(result.status).toBe(200);
    const received = last(plain);
    expect(received).toMatchObject({ method: 'POST', path: '/echo?x=1' });
    expect(received && bodyText(received)).toBe('hello');
    expect(received?.headers['proxy-connection']).toBeUndefined();
    expect(received?.headers.via).toBe('1.1 privacy-gateway');
  });

  it('intercepts CONNECT + TLS with a leaf from the gateway CA and forwards the request', async () => {
    const result = await curl([...viaProxy(), '--cacert', gateway.caFile, '-d', '{"a":1}', 'https://vendor.test/v1/ding']);
    expect(result.status).toBe(200);
    expect(last(secure)).toMatchObject({ method: 'POST', path: '/v1/ding', headers: { host: 'vendor.test' } });

    const { socket } = await connectThrough(gateway.port, 'vendor.test:443');
    const client = await tlsOver(socket, 'vendor.test', [gateway.ca.caPem]);
    const leaf = client.getPeerX509Certificate();
    client.end();
    expect(leaf?.subjectAltName).toBe('DNS:vendor.test');
    expect(leaf?.verify(new X509Certificate(gateway.ca.caPem).publicKey)).toBe(true);
  });

  it('serves plain HTTP inside a CONNECT tunnel', async () => {
    const { socket } = await connectThrough(gateway.port, 'plain.test:80');
    const response = await rawRequest(socket, 'GET /inside HTTP/1.1\r\nHost: plain.test\r\nConnection: close\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 200/);
    expect(last(plain)?.path).toBe('/inside');
  });

  it('answers a blocked CONNECT with 403 naming the rule, and records it', async () => {
    const { status, body } = await connectThrough(gateway.port, 'tracker.test:443');
    expect(status).toBe(403);
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'BLOCKED_BY_POLICY', kind: 'destination', rule: 'tracker' } });
    const record = gateway.records.find((r) => r.connection.destination.host === 'tracker.test');
    expect(record).toMatchObject({ connection: { verdict: 'block' }, decision: undefined, inspectable: true });
  });

  it('tunnels a destination with inspect: false: the client sees the vendor certificate, bytes are recorded', async () => {
    const { socket } = await connectThrough(gateway.port, 'tunnel.vendor.test:443');
    const client = await tlsOver(socket, 'vendor.test', [secure.caPem]);
    const response = await rawRequest(client, 'GET /tunnelled HTTP/1.1\r\nHost: vendor.test\r\nConnection: close\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 200/);
    expect(last(secure)?.headers.via).toBeUndefined();
    await eventually(() => gateway.records.some((r) => r.connection.destination.host === 'tunnel.vendor.test'));
    const record = gateway.records.find((r) => r.connection.destination.host === 'tunnel.vendor.test');
    expect(record?.connection.verdict).toBe('tunnel');
    expect(record?.bytesUp).toBeGreaterThan(100);
    expect(record?.bytesDown).toBeGreaterThan(100);
  });
});

describe('transparent listeners', () => {
  it('takes the destination of an origin-form request from its Host header', async () => {
    const port = gateway.addresses.transparentHttp?.port ?? 0;
    const result = await curl(['--connect-to', `plain.test:80:127.0.0.1:${port}`, 'http://plain.test/by-host?q=2']);
    expect(result.status).toBe(200);
    expect(last(plain)).toMatchObject({ path: '/by-host?q=2', headers: { host: 'plain.test' } });
  });

  it('takes the destination of a TLS connection from its SNI and intercepts it', async () => {
    const port = gateway.addresses.transparentTls?.port ?? 0;
    const result = await curl(['--connect-to', `vendor.test:443:127.0.0.1:${port}`, '--cacert', gateway.caFile, 'https://vendor.test/sni']);
    expect(result.status).toBe(200);
    expect(last(secure)).toMatchObject({ path: '/sni', headers: { host: 'vendor.test' } });
  });

  it('closes a TLS connection without SNI and records it as destination-less', async () => {
    const port = gateway.addresses.transparentTls?.port ?? 0;
    const error = await new Promise<Error>((resolve) => {
      // An IP host and no servername: Node sends no SNI extension.
      const client = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false });
      client.once('error', resolve);
    });
    expect(error.message).toMatch(/alert|unrecognized|closed|reset|disconnected/i);
    await eventually(() => gateway.records.some((r) => r.connection.destination.host === NO_SNI_HOST));
    expect(gateway.records.find((r) => r.connection.destination.host === NO_SNI_HOST)?.inspectable).toBe(false);
  });
});

describe('upstream certificate verification', () => {
  it('answers 502 UPSTREAM_CERT_INVALID when the vendor certificate is not trusted', async () => {
    const result = await curl([...viaProxy(), '--cacert', gateway.caFile, 'https://untrusted.test/x']);
    expect(result.status).toBe(502);
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: 'UPSTREAM_CERT_INVALID' } });
  });

  it('forwards without verification when the destination opts out, and logs it once per host', async () => {
    const first = await curl([...viaProxy(), '--cacert', gateway.caFile, 'https://optout.test/one']);
    const second = await curl([...viaProxy(), '--cacert', gateway.caFile, 'https://optout.test/two']);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(last(untrusted)?.path).toBe('/two');
    const warnings = gateway.logs.filter((l) => l.level === 'warn' && l.fields?.['host'] === 'optout.test');
    expect(warnings).toHaveLength(1);
  });
});

describe('certificate pinning', () => {
  const pinningClient = async (host: string): Promise<Error | undefined> => {
    const { socket } = await connectThrough(gateway.port, `${host}:443`);
    // Trusts only the vendor's CA, like a device with a pinned certificate.
    return tlsOver(socket, host, [secure.caPem]).then(
      (client) => {
        client.destroy();
        return undefined;
      },
      (error: Error) => error,
    );
  };

  // A pinning device retries; one hang-up alone is no verdict (see UninspectableHosts.strike).
  const pinnedTwice = async (host: string): Promise<void> => {
    expect(await pinningClient(host)).toBeInstanceOf(Error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await pinningClient(host)).toBeInstanceOf(Error);
  };

  it('marks the host uninspectable and tunnels the next connection when onUninspectable is allow', async () => {
    const host = 'pinned-allow.vendor.test';
    await pinnedTwice(host);
    await eventually(() => gateway.uninspectable().some((u) => u.host === host));
    expect(gateway.records.find((r) => r.connection.destination.host === host)).toMatchObject({ inspectable: false });

    const { socket } = await connectThrough(gateway.port, `${host}:443`);
    const client = await tlsOver(socket, host, [secure.caPem]);
    const response = await rawRequest(client, `GET /pinned HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(response).toMatch(/^HTTP\/1\.1 200/);
    await eventually(() => gateway.records.filter((r) => r.connection.destination.host === host).length === 2);
    expect(gateway.records.filter((r) => r.connection.destination.host === host).at(-1)).toMatchObject({
      inspectable: false,
      connection: { verdict: 'tunnel' },
    });
  });

  it('marks a host only after a second handshake that ends without a request', async () => {
    const host = 'silent.vendor.test';
    const handshakeAndLeave = async (): Promise<void> => {
      const { socket } = await connectThrough(gateway.port, `${host}:443`);
      (await tlsOver(socket, host, [gateway.ca.caPem])).end();
    };
    await handshakeAndLeave();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(gateway.uninspectable().some((u) => u.host === host)).toBe(false);
    await handshakeAndLeave();
    await eventually(() => gateway.uninspectable().some((u) => u.host === host));
  });

  it('refuses the next connection when onUninspectable is block', async () => {
    const host = 'pinned-block.vendor.test';
    await pinnedTwice(host);
    await eventually(() => gateway.uninspectable().some((u) => u.host === host));
    const { status, body } = await connectThrough(gateway.port, `${host}:443`);
    expect(status).toBe(403);
    expect(JSON.parse(body)).toMatchObject({ error: { kind: 'uninspectable', rule: 'pinned-no', reason: expect.stringMatching(/pins its certificate/) } });
  });
});

describe('hang-ups from a client the gateway served', () => {
  it('never mark its host uninspectable (that would tunnel it uninspected: a fail-open)', async () => {
    const host = 'flaky.vendor.test';
    const { socket } = await connectThrough(gateway.port, `${host}:443`);
    const client = await tlsOver(socket, host, [gateway.ca.caPem]);
    const response = await rawRequest(client, `GET /ok HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(response).toMatch(/^HTTP\/1\.1 200/);
    // Then handshakes that end abruptly, as when a device drops off Wi-Fi or a load generator stops.
    for (let i = 0; i < 3; i += 1) {
      const again = await connectThrough(gateway.port, `${host}:443`);
      await tlsOver(again.socket, host, [secure.caPem]).then(
        (c) => c.destroy(),
        () => undefined,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(gateway.uninspectable().some((u) => u.host === host)).toBe(false);
  });
});

describe('malformed requests', () => {
  const send = (payload: string): Promise<string> =>
    new Promise((resolve) => {
      const socket = net.connect(gateway.port, '127.0.0.1', () => socket.write(payload));
      void rawRequest(socket, '').then(resolve);
    });

  it.each([
    ['garbage request line', 'HELLO THERE\r\n\r\n', 400],
    ['conflicting Content-Length and Transfer-Encoding', 'POST http://plain.test/ HTTP/1.1\r\nHost: plain.test\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc', 400],
    ['oversized headers', `GET http://plain.test/ HTTP/1.1\r\nHost: plain.test\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
  ])('answers %s with a JSON refusal and keeps serving', async (_name, payload, status) => {
    const response = await send(payload);
    expect(response).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(response).toContain('"code":"REQUEST_INVALID"');
    const after = await curl([...viaProxy(), 'http://plain.test/still-up']);
    expect(after.status).toBe(200);
  });

  it('refuses an origin-form request on the explicit proxy with an explanation', async () => {
    const result = await curl([`http://127.0.0.1:${gateway.port}/not-a-proxy-request`]);
    expect(result.status).toBe(400);
    expect(result.body).toContain('absolute-form');
  });
});

describe('timeouts', () => {
  let silent: Upstream;
  let impatient: Gateway;

  beforeAll(async () => {
    silent = await startUpstream({ respond: () => undefined });
    impatient = await startGateway({
      policy: { version: 1, destinations: [{ vendor: 'Slow', hosts: ['slow.test'] }] },
      routes: { 'slow.test': silent.port },
      upstreamTimeoutMs: 300,
      handshakeTimeoutMs: 300,
    });
  });

  afterAll(async () => {
    await impatient.close();
    await silent.close();
  });

  it('answers 504 when the vendor does not answer in time', async () => {
    const result = await curl(['--proxy', `http://127.0.0.1:${impatient.port}`, 'http://slow.test/wait']);
    expect(result.status).toBe(504);
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: 'UPSTREAM_UNREACHABLE' } });
  });

  it('closes a CONNECT tunnel whose client never sends its first bytes', async () => {
    const { socket } = await connectThrough(impatient.port, 'slow.test:443');
    const started = Date.now();
    await new Promise((resolve) => socket.once('close', resolve));
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
