/**
 * Request smuggling and pipelining against the explicit proxy: every ambiguous framing is refused with
 * 400 before anything reaches the vendor, and answers to earlier pipelined requests are never lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstream, type Upstream } from '../helpers/upstream-servers.js';
import { ALIVE_HOST, exchange, expectStillServing, startHostile, type HostileGateway } from './harness.js';

let h: HostileGateway;
let slow: Upstream;

beforeAll(async () => {
  slow = await startUpstream({
    respond: (request, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(request.path.length) });
        res.end(request.path);
      }, 200);
    },
  });
  h = await startHostile({
    version: 1,
    destinations: [{ id: 'alive', vendor: 'Echo', hosts: [ALIVE_HOST, 'slow.test'] }],
  });
  h.routes['slow.test'] = slow.port;
});

afterAll(async () => {
  await h.close();
  await slow.close();
});

const post = (headers: string, body: string): string => `POST http://${ALIVE_HOST}/first HTTP/1.1\r\nHost: ${ALIVE_HOST}\r\n${headers}\r\n${body}`;
const SMUGGLED = `GET http://${ALIVE_HOST}/smuggled HTTP/1.1\r\nHost: ${ALIVE_HOST}\r\n\r\n`;

describe('ambiguous framing', () => {
  it.each([
    ['Content-Length and Transfer-Encoding together', 'Content-Length: 4\r\nTransfer-Encoding: chunked\r\n', `0\r\n\r\n${SMUGGLED}`],
    ['Transfer-Encoding then Content-Length', 'Transfer-Encoding: chunked\r\nContent-Length: 4\r\n', `0\r\n\r\n${SMUGGLED}`],
    ['two different Content-Lengths', 'Content-Length: 4\r\nContent-Length: 40\r\n', `abcd${SMUGGLED}`],
    ['a Content-Length list', 'Content-Length: 4, 40\r\n', `abcd${SMUGGLED}`],
    ['a signed Content-Length', 'Content-Length: +4\r\n', `abcd${SMUGGLED}`],
    ['a hexadecimal Content-Length', 'Content-Length: 0x4\r\n', `abcd${SMUGGLED}`],
    ['a negative Content-Length', 'Content-Length: -1\r\n', SMUGGLED],
    ['an obs-folded Transfer-Encoding', 'Transfer-Encoding:\r\n chunked\r\nContent-Length: 4\r\n', `0\r\n\r\n${SMUGGLED}`],
    ['a Transfer-Encoding that is not chunked last', 'Transfer-Encoding: chunked, identity\r\n', `0\r\n\r\n${SMUGGLED}`],
    ['Transfer-Encoding: xchunked', 'Transfer-Encoding: xchunked\r\n', `0\r\n\r\n${SMUGGLED}`],
    ['a space before the colon', 'Transfer-Encoding : chunked\r\n', `0\r\n\r\n${SMUGGLED}`],
    ['a chunk size that is not hex', 'Transfer-Encoding: chunked\r\n', `zz\r\nabc\r\n0\r\n\r\n${SMUGGLED}`],
    ['a negative chunk size', 'Transfer-Encoding: chunked\r\n', `-1\r\nabc\r\n0\r\n\r\n${SMUGGLED}`],
    ['a chunk size with a 0x prefix', 'Transfer-Encoding: chunked\r\n', `0x3\r\nabc\r\n0\r\n\r\n${SMUGGLED}`],
    ['an oversized chunk size', 'Transfer-Encoding: chunked\r\n', `ffffffffffffffffff\r\nabc\r\n0\r\n\r\n${SMUGGLED}`],
    ['a chunk longer than its size', 'Transfer-Encoding: chunked\r\n', `3\r\nabcdef\r\n0\r\n\r\n${SMUGGLED}`],
    ['a bare LF after the chunk size', 'Transfer-Encoding: chunked\r\n', `3\nabc\r\n0\r\n\r\n${SMUGGLED}`],
    ['a NUL in a header value', 'X-Evil: a\u0000b\r\nContent-Length: 0\r\n', SMUGGLED],
    ['a header name with a space', 'Bad Header: 1\r\nContent-Length: 0\r\n', SMUGGLED],
    ['an obs-folded ordinary header', 'X-Folded: a\r\n b\r\nContent-Length: 0\r\n', SMUGGLED],
  ])('with %s is refused with 400 and nothing is smuggled', async (_name, headers, body) => {
    const before = h.upstream.received.length;
    const answer = await exchange(h.gateway.port, post(headers, body));
    expect(answer.statuses).toEqual([400]);
    expect(answer.text).toContain('"code":"REQUEST_INVALID"');
    expect(h.upstream.received.slice(before).some((r) => r.path === '/smuggled')).toBe(false);
    expect(h.upstream.received.length).toBe(before);
    await expectStillServing(h);
  });

  it.each([
    ['a garbage request line', 'HELLO THERE\r\n\r\n'],
    ['a request line with a tab', `GET\thttp://${ALIVE_HOST}/ HTTP/1.1\r\nHost: x\r\n\r\n`],
    ['an HTTP version 9', `GET http://${ALIVE_HOST}/ HTTP/9.9\r\nHost: x\r\n\r\n`],
    ['a lone CR in the request line', `GET http://${ALIVE_HOST}/\r HTTP/1.1\r\nHost: x\r\n\r\n`],
  ])('%s is refused with 400', async (_name, payload) => {
    const answer = await exchange(h.gateway.port, payload);
    expect(answer.statuses).toEqual([400]);
    await expectStillServing(h);
  });
});

describe('pipelined requests', () => {
  const get = (host: string, path: string): string => `GET http://${host}${path} HTTP/1.1\r\nHost: ${host}\r\n\r\n`;

  it.each([
    ['two good requests', [get(ALIVE_HOST, '/a'), get(ALIVE_HOST, '/b')], [200, 200]],
    ['three good requests to a slow vendor', [get('slow.test', '/a'), get('slow.test', '/b'), get('slow.test', '/c')], [200, 200, 200]],
    ['a good request then a malformed one', [get(ALIVE_HOST, '/a'), 'HELLO THERE\r\n\r\n'], [200, 400]],
    ['a slow request then a malformed one', [get('slow.test', '/slow'), 'HELLO THERE\r\n\r\n'], [200, 400]],
    ['two slow requests then a smuggling attempt', [get('slow.test', '/1'), get('slow.test', '/2'), post('Content-Length: 4\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n')], [200, 200, 400]],
    ['a slow request then oversized headers', [get('slow.test', '/big'), `GET http://${ALIVE_HOST}/ HTTP/1.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`], [200, 431]],
  ])('%s: every answer arrives, in order', async (_name, requests, statuses) => {
    const answer = await exchange(h.gateway.port, requests.join(''), { waitMs: 4000 });
    expect(answer.statuses).toEqual(statuses);
    await expectStillServing(h);
  });
});
