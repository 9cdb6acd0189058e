import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startHarness, LIMITS, type Harness, VENDOR_HOST } from './pipeline-harness.js';

const PLUG = '10.0.0.2';
const POLICY = {
  version: 1,
  mode: 'enforce',
  destinations: [{ id: 'loopback-vendors', vendor: 'Loopback vendor', hosts: [VENDOR_HOST] }],
  rules: [{ id: 'redact-owner', path: '$.owner', action: 'redact' }],
  devices: [{ id: 'plug', name: 'Smart plug', addresses: [PLUG] }],
};
const ANSWER = '{"ok":true}';

// The vendor answers with a header repeated on two lines, as Set-Cookie always is (RFC 6265 §3: never folded).
let h: Harness;
beforeAll(async () => {
  h = await startHarness(POLICY, LIMITS, {
    respond: (_request, res) => {
      res.writeHead(200, ['content-type', 'application/json', 'set-cookie', 'a=1; Path=/', 'set-cookie', 'b=2; Path=/', 'x-vendor', 'v']);
      res.end(ANSWER);
    },
  });
});
afterAll(async () => {
  await h.close();
});

describe("the vendor's answer headers reach the device as sent", () => {
  it('keeps repeated headers on an answer to an edited request, next to the edit count', async () => {
    const reply = await send(h, { client: PLUG, headers: { 'content-type': 'application/json' }, body: '{"owner":"Ada","on":true}' });
    expect(reply.status).toBe(200);
    expect(reply.headers['x-privacy-gateway-edits']).toBe('1');
    expect(reply.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(reply.headers['x-vendor']).toBe('v');
    expect(reply.body.toString('utf8')).toBe(ANSWER);
  });

  it('keeps them on an answer to an untouched request, without the edit count', async () => {
    const reply = await send(h, { client: PLUG, headers: { 'content-type': 'application/json' }, body: '{"on":true}' });
    expect(reply.headers['x-privacy-gateway-edits']).toBeUndefined();
    expect(reply.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });
});
