import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pseudonymizer } from '../../src/policy/index.js';
import { curl, HASH_KEY, lastReceived, LIMITS, send, startHarness, type Harness, type Reply, UNREACHABLE_HOST, VENDOR_HOST } from './pipeline-harness.js';

const MONITOR = '10.0.0.1';
const ENFORCE = '10.0.0.2';
const LOCKDOWN = '10.0.0.3';
const OPAQUE_OK = '10.0.0.4';
const NOT_INSPECTED = '10.0.0.5';

const POLICY = {
  version: 1,
  mode: 'enforce',
  // The test vendors live on loopback: only a destination that names them lets the gateway relay there.
  destinations: [{ id: 'loopback-vendors', vendor: 'Loopback vendor', hosts: [VENDOR_HOST, UNREACHABLE_HOST] }],
  rules: [
    { id: 'hash-serial', path: '$.serial', action: 'hash' },
    { id: 'drop-ssid', path: '$..ssid', action: 'drop' },
    { id: 'redact-owner', path: '$.owner', action: 'redact' },
    { id: 'hash-imei', path: '$query.imei', action: 'hash' },
    { id: 'block-password', path: '$.password', action: 'block' },
  ],
  devices: [
    { id: 'camera', name: 'Monitored camera', addresses: [MONITOR], mode: 'monitor' },
    { id: 'plug', name: 'Smart plug', addresses: [ENFORCE] },
    {
      id: 'hub',
      name: 'Locked hub',
      addresses: [LOCKDOWN],
      mode: 'lockdown',
      destinations: [{ id: 'hub-cloud', vendor: 'Loopback vendor', hosts: [VENDOR_HOST] }],
      rules: [{ id: 'temp-ok', path: '$.temp', action: 'allow' }],
    },
    {
      id: 'doorbell',
      name: 'Doorbell',
      addresses: [OPAQUE_OK],
      destinations: [{ id: 'clips', vendor: 'Loopback vendor', hosts: [VENDOR_HOST], allowOpaque: true }],
    },
    {
      id: 'tv',
      name: 'Television',
      addresses: [NOT_INSPECTED],
      destinations: [{ id: 'tv-cloud', vendor: 'Loopback vendor', hosts: [VENDOR_HOST], inspect: false }],
    },
  ],
};

/** Pseudonyms are keyed per device and vendor: the plug's requests to vendor.test, which the loopback destination names. */
const pseudonym = (value: string, device = 'plug', vendor = 'vendor:loopback vendor'): string =>
  new Pseudonymizer(HASH_KEY).forVendor(device, vendor).pseudonym(value);
const JSON_TYPE = { 'content-type': 'application/json' };
const BODY = '{"serial":"SN-123","ssid":"HomeNet","temp":21.50,"n":[1, 2]}';
const EDITED = `{"serial":"${pseudonym('SN-123')}","temp":21.50,"n":[1, 2]}`;

function errorOf(reply: Reply): Record<string, unknown> {
  const parsed = JSON.parse(reply.body.toString('utf8')) as { error: Record<string, unknown> };
  return parsed.error;
}

let h: Harness;
let tmp: string;
beforeAll(async () => {
  h = await startHarness(POLICY);
  tmp = mkdtempSync(join(tmpdir(), 'pg-pipeline-curl-'));
});
afterAll(async () => {
  await h.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('createRequestHandler: field edits reach the vendor as byte edits', () => {
  it('hashes, drops and leaves every other byte as sent', async () => {
    const reply = await send(h, { client: ENFORCE, headers: JSON_TYPE, body: BODY });
    expect(reply.status).toBe(200);
    expect(reply.headers['x-privacy-gateway-edits']).toBe('2');
    const received = lastReceived(h);
    expect(received?.body.toString('utf8')).toBe(EDITED);
    expect(received?.headers['content-length']).toBe(String(Buffer.byteLength(EDITED)));
    expect(received?.headers['transfer-encoding']).toBeUndefined();
  });

  it('re-frames an edited chunked body with a Content-Length', async () => {
    await send(h, { client: ENFORCE, headers: JSON_TYPE, body: BODY, chunked: true });
    const received = lastReceived(h);
    expect(received?.body.toString('utf8')).toBe(EDITED);
    expect(received?.headers['content-length']).toBe(String(Buffer.byteLength(EDITED)));
    expect(received?.headers['transfer-encoding']).toBeUndefined();
  });

  it('redacts with a same-type placeholder', async () => {
    await send(h, { client: ENFORCE, headers: JSON_TYPE, body: '{"owner":"Ada Lovelace","on":true}' });
    const sent = JSON.parse(lastReceived(h)?.body.toString('utf8') ?? '') as { owner: string; on: boolean };
    expect(sent.owner).toMatch(/^\[redacted/);
    expect(sent.on).toBe(true);
  });

  it('forwards an untouched body byte for byte without the edits header', async () => {
    const body = '{ "temp" : 21.50 ,\n  "unit":"C" }';
    const reply = await send(h, { client: ENFORCE, headers: JSON_TYPE, body });
    expect(reply.headers['x-privacy-gateway-edits']).toBeUndefined();
    expect(lastReceived(h)?.body.toString('utf8')).toBe(body);
  });

  it('rewrites query fields of a request without a body and records the path without them', async () => {
    const reply = await send(h, { client: ENFORCE, method: 'GET', path: '/v1/ping?imei=356938035643809&fw=1.2' });
    expect(reply.status).toBe(200);
    expect(lastReceived(h)?.path).toBe(`/v1/ping?imei=${pseudonym('356938035643809')}&fw=1.2`);
    expect(lastReceived(h)?.headers['content-length']).toBeUndefined();
    expect(h.records.at(-1)?.path).toBe('/v1/ping');
  });

  it('records the vendor address the request went to (it names the destination country)', async () => {
    const reply = await send(h, { client: ENFORCE, headers: JSON_TYPE, body: '{"temp":21}' });
    expect(reply.status).toBe(200);
    expect(h.records.at(-1)?.upstreamAddress).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  it('forwards an empty JSON body as an empty body', async () => {
    const reply = await send(h, { client: ENFORCE, headers: JSON_TYPE, body: '' });
    expect(reply.status).toBe(200);
    expect(lastReceived(h)?.body.length).toBe(0);
    expect(lastReceived(h)?.headers['content-length']).toBe('0');
  });

  it.each([
    ['ndjson', 'application/x-ndjson', '{"ssid":"A","t":1}\n{"ssid":"B","t":2}\n', '{"t":1}\n{"t":2}\n'],
    ['form', 'application/x-www-form-urlencoded', 'serial=SN-123&ssid=Home&t=1', `serial=${pseudonym('SN-123')}&t=1`],
    ['JSON labelled text/plain', 'text/plain', BODY, EDITED],
    ['JSON without content type', undefined, BODY, EDITED],
    ['__proto__ keys as plain strings', 'application/json', '{"__proto__":{"ssid":"A"},"serial":"SN-123"}', `{"__proto__":{},"serial":"${pseudonym('SN-123')}"}`],
  ])('edits a %s body', async (_name, contentType, body, expected) => {
    const headers = contentType === undefined ? {} : { 'content-type': contentType };
    const reply = await send(h, { client: ENFORCE, headers, body });
    expect(reply.status).toBe(200);
    expect(lastReceived(h)?.body.toString('utf8')).toBe(expected);
  });
});

describe('createRequestHandler: content encodings', () => {
  const codings: [string, string, (b: Buffer) => Buffer, (b: Buffer) => Buffer][] = [
    ['gzip', 'gzip', (b) => zlib.gzipSync(b), (b) => zlib.gunzipSync(b)],
    ['x-gzip', 'x-gzip', (b) => zlib.gzipSync(b), (b) => zlib.gunzipSync(b)],
    ['zlib-wrapped deflate', 'deflate', (b) => zlib.deflateSync(b), (b) => zlib.inflateSync(b)],
    ['raw deflate', 'deflate', (b) => zlib.deflateRawSync(b), (b) => zlib.inflateRawSync(b)],
    ['br', 'br', (b) => zlib.brotliCompressSync(b), (b) => zlib.brotliDecompressSync(b)],
    ['stacked gzip, br', 'gzip, br', (b) => zlib.brotliCompressSync(zlib.gzipSync(b)), (b) => zlib.gunzipSync(zlib.brotliDecompressSync(b))],
  ];

  it.each(codings)('decodes %s, edits, and re-encodes the same way', async (_name, encoding, encode, decode) => {
    const reply = await send(h, { client: ENFORCE, headers: { ...JSON_TYPE, 'content-encoding': encoding }, body: encode(Buffer.from(BODY)) });
    expect(reply.status).toBe(200);
    const received = lastReceived(h);
    expect(received?.headers['content-encoding']).toBe(encoding);
    expect(decode(received?.body ?? Buffer.alloc(0)).toString('utf8')).toBe(EDITED);
  });

  it('forwards the original compressed bytes when nothing is edited', async () => {
    const compressed = zlib.gzipSync(Buffer.from('{"temp":21.5}'), { level: 1 });
    await send(h, { client: ENFORCE, headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: compressed });
    expect(lastReceived(h)?.body.equals(compressed)).toBe(true);
  });

  it('refuses a gzip bomb with 413 before the vendor sees it', async () => {
    const before = h.upstream.received.length;
    const bomb = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024));
    const reply = await send(h, { client: ENFORCE, headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: bomb });
    expect(reply.status).toBe(413);
    expect(errorOf(reply)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: `decoded body exceeds ${LIMITS.maxDecodedBytes} bytes` });
    expect(h.upstream.received.length).toBe(before);
    expect(h.records.at(-1)?.error?.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('createRequestHandler: body limits', () => {
  const big = Buffer.from(`{"pad":"${'x'.repeat(LIMITS.maxBodyBytes)}"}`);

  it.each([
    ['Content-Length', false],
    ['chunked', true],
  ])('answers 413 naming the limit for a body over it (%s)', async (_name, chunked) => {
    const before = h.upstream.received.length;
    const reply = await send(h, { client: MONITOR, headers: JSON_TYPE, body: big, chunked });
    expect(reply.status).toBe(413);
    expect(errorOf(reply)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: `request body exceeds ${LIMITS.maxBodyBytes} bytes` });
    expect(h.upstream.received.length).toBe(before);
  });

  it('answers 413 to curl sending a chunked body over the limit', async () => {
    const file = join(tmp, 'big.json');
    writeFileSync(file, big);
    const reply = await curl(h, ['-H', `x-test-client: ${ENFORCE}`, '-H', 'content-type: application/json', '-H', 'transfer-encoding: chunked', '--data-binary', `@${file}`]);
    expect(reply.status).toBe(413);
    expect(errorOf(reply)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});

describe('createRequestHandler: unreadable bodies', () => {
  const deep = `${'['.repeat(LIMITS.maxJsonDepth + 4)}${']'.repeat(LIMITS.maxJsonDepth + 4)}`;
  const cases: [string, Record<string, string>, Buffer, RegExp][] = [
    ['malformed JSON', JSON_TYPE, Buffer.from('{"serial":"SN-1",}'), /not valid JSON/],
    ['invalid UTF-8', JSON_TYPE, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), /UTF-8/],
    ['too deeply nested JSON', JSON_TYPE, Buffer.from(deep), /deeper than/],
    ['a form body declared as JSON', JSON_TYPE, Buffer.from('serial=SN-1&ssid=x'), /not valid JSON/],
    ['corrupt gzip', { ...JSON_TYPE, 'content-encoding': 'gzip' }, Buffer.from('{"serial":"SN-1"}'), /gzip/],
  ];

  it.each(cases)('refuses %s with 400 in enforce mode', async (_name, headers, body, message) => {
    const before = h.upstream.received.length;
    const reply = await send(h, { client: ENFORCE, headers, body });
    expect(reply.status).toBe(400);
    expect(reply.headers['x-privacy-gateway-reason']).toBe('PAYLOAD_INVALID');
    expect(errorOf(reply)).toMatchObject({ code: 'PAYLOAD_INVALID', message: expect.stringMatching(message) });
    expect(h.upstream.received.length).toBe(before);
    expect(h.records.at(-1)?.error?.code).toBe('PAYLOAD_INVALID');
  });

  it.each(cases)('forwards %s unchanged in monitor mode and records the error', async (_name, headers, body) => {
    const reply = await send(h, { client: MONITOR, headers, body });
    expect(reply.status).toBe(200);
    expect(lastReceived(h)?.body.equals(body)).toBe(true);
    expect(h.records.at(-1)?.error?.code).toBe('PAYLOAD_INVALID');
  });
});

describe('createRequestHandler: blocking', () => {
  it('answers 403 naming the rule when a field is blocked, and the vendor receives nothing', async () => {
    const before = h.upstream.received.length;
    const reply = await send(h, { client: ENFORCE, headers: JSON_TYPE, body: '{"user":"ada","password":"hunter2"}' });
    expect(reply.status).toBe(403);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.headers['x-privacy-gateway-rule']).toBe('block-password');
    expect(reply.headers['x-privacy-gateway-decision']).toBe('blocked');
    expect(errorOf(reply)).toMatchObject({
      code: 'BLOCKED_BY_POLICY',
      rule: 'block-password',
      device: 'Smart plug',
      destination: VENDOR_HOST,
      reason: expect.stringContaining('block-password'),
    });
    expect(h.upstream.received.length).toBe(before);
  });

  it('only records what it would block in monitor mode, forwarding the bytes unchanged', async () => {
    const body = '{"serial":"SN-123","password":"hunter2"}';
    const reply = await send(h, { client: MONITOR, headers: JSON_TYPE, body });
    expect(reply.status).toBe(200);
    expect(reply.headers['x-privacy-gateway-edits']).toBeUndefined();
    expect(lastReceived(h)?.body.toString('utf8')).toBe(body);
    expect(h.records.at(-1)?.decision).toMatchObject({ verdict: 'forward', violation: true });
  });

  it('drops every field not explicitly allowed in lockdown mode', async () => {
    const reply = await send(h, { client: LOCKDOWN, headers: JSON_TYPE, body: '{"temp":21,"unit":"C","serial":"SN-1"}' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(lastReceived(h)?.body.toString('utf8') ?? '')).toEqual({ temp: 21, serial: pseudonym('SN-1', 'hub', 'vendor:loopback vendor') });
  });

  it.each([
    ['octet-stream body', { 'content-type': 'application/octet-stream' }],
    ['unknown content encoding', { ...JSON_TYPE, 'content-encoding': 'zstd' }],
  ])('blocks an opaque %s in enforce mode unless the destination allows opaque data', async (_name, headers) => {
    const blob = Buffer.from([0x00, 0x9f, 0x13, 0xee, 0x42, 0x07, 0xab, 0xcd]);
    const blocked = await send(h, { client: ENFORCE, headers, body: blob });
    expect(blocked.status).toBe(403);
    expect(blocked.headers['x-privacy-gateway-rule']).toBe('opaque');
    expect(blocked.headers['x-privacy-gateway-reason']).toBe('opaque');
    expect(errorOf(blocked).reason).toMatch(/opaque/);

    const allowed = await send(h, { client: OPAQUE_OK, headers, body: blob });
    expect(allowed.status).toBe(200);
    expect(lastReceived(h)?.body.equals(blob)).toBe(true);
    expect(h.records.at(-1)).toMatchObject({ bytesUp: blob.length, error: undefined });
  });
});

describe('createRequestHandler: uninspected and opaque streams', () => {
  it('streams a body unchanged to a destination the owner chose not to inspect', async () => {
    const reply = await send(h, { client: NOT_INSPECTED, headers: JSON_TYPE, body: BODY, path: '/v1/report?imei=356938035643809' });
    expect(reply.status).toBe(200);
    expect(lastReceived(h)).toMatchObject({ path: '/v1/report?imei=356938035643809' });
    expect(lastReceived(h)?.body.toString('utf8')).toBe(BODY);
    expect(h.records.at(-1)).toMatchObject({ decision: undefined, bytesUp: Buffer.byteLength(BODY) });
  });

  it('forwards a bodiless GET to an uninspected destination without inventing a body', async () => {
    const reply = await send(h, { client: NOT_INSPECTED, method: 'GET', path: '/v1/status' });
    expect(reply.status).toBe(200);
    expect(lastReceived(h)?.headers['transfer-encoding']).toBeUndefined();
    expect(lastReceived(h)?.headers['content-length']).toBeUndefined();
  });

  it('streams an allowed opaque body larger than the body limit (it is never buffered)', async () => {
    const video = Buffer.alloc(LIMITS.maxBodyBytes * 3, 0xa7);
    const reply = await send(h, { client: OPAQUE_OK, headers: { 'content-type': 'video/mp4' }, body: video, chunked: true });
    expect(reply.status).toBe(200);
    expect(lastReceived(h)?.body.equals(video)).toBe(true);
    expect(h.records.at(-1)?.bytesUp).toBe(video.length);
  });

  it('forwards an opaque body in monitor mode and records what it would have blocked', async () => {
    const blob = Buffer.from([0x00, 0x01, 0xfe, 0xff]);
    const reply = await send(h, { client: MONITOR, headers: { 'content-type': 'application/octet-stream' }, body: blob });
    expect(reply.status).toBe(200);
    expect(lastReceived(h)?.body.equals(blob)).toBe(true);
    expect(h.records.at(-1)?.decision).toMatchObject({ verdict: 'forward', violation: true, block: { reason: expect.stringMatching(/opaque/) } });
  });
});

describe('createRequestHandler: connection verdicts and upstream failures', () => {
  it('answers 403 for a lockdown device talking to a host not in its policy', async () => {
    const before = h.upstream.received.length;
    const reply = await send(h, { client: LOCKDOWN, host: 'tracker.test', headers: JSON_TYPE, body: '{"temp":1}' });
    expect(reply.status).toBe(403);
    expect(reply.headers['x-privacy-gateway-rule']).toBe('lockdown-unlisted');
    expect(reply.headers['x-privacy-gateway-reason']).toBe('lockdown-unlisted');
    expect(errorOf(reply)).toMatchObject({ code: 'BLOCKED_BY_POLICY', destination: 'tracker.test', reason: expect.stringMatching(/not in policy/) });
    expect(h.upstream.received.length).toBe(before);
    expect(h.records.at(-1)?.decision).toBeUndefined();
  });

  it('records an unreachable vendor as an error after the 502', async () => {
    const reply = await send(h, { client: ENFORCE, host: UNREACHABLE_HOST, headers: JSON_TYPE, body: BODY });
    expect(reply.status).toBe(502);
    expect(h.records.at(-1)?.error?.code).toBe('UPSTREAM_UNREACHABLE');
  });
});

describe('createRequestHandler: ledger', () => {
  it('fingerprints categorised values with the keyed pseudonymizer, never storing them', async () => {
    await send(h, { client: ENFORCE, path: '/v1/fix?imei=356938035643809', headers: JSON_TYPE, body: '{"lat":52.3731,"lon":4.8922,"unit":"C"}' });
    const fingerprints = h.records.at(-1)?.fingerprints;
    const pseudonymizer = new Pseudonymizer(HASH_KEY);
    expect(fingerprints?.get('$.lat')).toBe(pseudonymizer.fingerprint(52.3731));
    expect(fingerprints?.get('$query.imei')).toBe(pseudonymizer.fingerprint('356938035643809'));
    expect(fingerprints?.has('$.unit')).toBe(false);
    h.ledger.flush();
    const stored = readdirSync(h.ledgerDir).map((file) => readFileSync(join(h.ledgerDir, file)).toString('latin1')).join('');
    for (const raw of ['52.3731', '356938035643809', 'hunter2', 'HomeNet', 'SN-123']) expect(stored).not.toContain(raw);
  });

  it('fingerprints identifier-shaped values under keys nobody recognises, for the traffic knowledge', async () => {
    const body = '{"xs":"KP115-00421","boot":1723456789,"on":true,"ch":6,"mode":"eco"}';
    await send(h, { client: ENFORCE, headers: JSON_TYPE, body });
    const fingerprints = h.records.at(-1)?.fingerprints;
    const pseudonymizer = new Pseudonymizer(HASH_KEY);
    expect(fingerprints?.get('$.xs')).toBe(pseudonymizer.fingerprint('KP115-00421'));
    expect(fingerprints?.get('$.boot')).toBe(pseudonymizer.fingerprint(1723456789));
    for (const low of ['$.on', '$.ch', '$.mode']) expect(fingerprints?.has(low)).toBe(false);
  });

  it('records bytes, duration and the outcome of each request in the SQLite ledger', async () => {
    await send(h, { client: ENFORCE, headers: JSON_TYPE, body: BODY });
    const record = h.records.at(-1);
    expect(record).toMatchObject({ method: 'POST', path: '/v1/report', bytesUp: Buffer.byteLength(EDITED), inspectable: true });
    expect(record?.bytesDown).toBeGreaterThan(0);
    expect(record?.durationMs).toBeGreaterThanOrEqual(0);
    const summary = h.ledger.deviceSummary('plug');
    const destination = summary.destinations.find((d) => d.host === VENDOR_HOST);
    expect(destination?.forwarded).toBeGreaterThan(0);
    expect(destination?.blocked).toBeGreaterThan(0);
    expect(summary.decisions.some((d) => d.errorCode === 'PAYLOAD_INVALID')).toBe(true);
    expect(summary.decisions.some((d) => d.ruleId === 'block-password')).toBe(true);
  });

  it('keeps forwarding when the recorder throws', async () => {
    h.failRecorder = true;
    try {
      const reply = await send(h, { client: ENFORCE, headers: JSON_TYPE, body: BODY });
      expect(reply.status).toBe(200);
      expect(lastReceived(h)?.body.toString('utf8')).toBe(EDITED);
    } finally {
      h.failRecorder = false;
    }
  });
});

describe('createRequestHandler: curl as the device', () => {
  it('gets a 403 naming the rule', async () => {
    const reply = await curl(h, ['-H', `x-test-client: ${ENFORCE}`, '-H', 'content-type: application/json', '--data-binary', '{"password":"hunter2"}']);
    expect(reply.status).toBe(403);
    expect(reply.headers['x-privacy-gateway-rule']).toBe('block-password');
    expect(errorOf(reply)).toMatchObject({ code: 'BLOCKED_BY_POLICY', rule: 'block-password' });
  });

  it('sends a gzip body through the gateway and the vendor sees the edit', async () => {
    const file = join(tmp, 'body.json.gz');
    writeFileSync(file, zlib.gzipSync(Buffer.from(BODY)));
    const reply = await curl(h, ['-H', `x-test-client: ${ENFORCE}`, '-H', 'content-type: application/json', '-H', 'content-encoding: gzip', '--data-binary', `@${file}`]);
    expect(reply.status).toBe(200);
    expect(reply.headers['x-privacy-gateway-edits']).toBe('2');
    expect(zlib.gunzipSync(lastReceived(h)?.body ?? Buffer.alloc(0)).toString('utf8')).toBe(EDITED);
  });
});
