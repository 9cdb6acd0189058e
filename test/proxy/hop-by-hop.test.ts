import { describe, expect, it } from 'vitest';
import { proxiedHeaderList, proxiedRawHeaders, VIA_TOKEN, withoutHopByHop, withVia } from '../../src/proxy/transport/hop-by-hop.js';

/** A raw list's headers as an object with lower-case names (repeated names joined as Node joins them). */
function asObject(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < list.length; i += 2) {
    const name = (list[i] as string).toLowerCase();
    out[name] = out[name] === undefined ? (list[i + 1] as string) : `${out[name]}, ${list[i + 1] as string}`;
  }
  return out;
}

describe('proxiedRawHeaders', () => {
  it('drops hop-by-hop headers and those the Connection header lists, and adds our Via', () => {
    const out = proxiedRawHeaders([
      'Connection', 'keep-alive, X-Session-Hint',
      'Keep-Alive', 'timeout=5',
      'Transfer-Encoding', 'chunked',
      'Proxy-Authorization', 'Basic c2VjcmV0',
      'X-Session-Hint', 'abc',
      'Content-Type', 'application/json',
    ]);
    expect(out).toEqual(['Content-Type', 'application/json', 'via', VIA_TOKEN]);
  });

  it('keeps end-to-end headers when Connection is only keep-alive, names in the sender\'s case, repeats as lines', () => {
    const out = proxiedRawHeaders(['connection', 'keep-alive', 'X-Device', 'cam-1', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2', 'content-length', '12']);
    expect(out).toEqual(['X-Device', 'cam-1', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2', 'content-length', '12', 'via', VIA_TOKEN]);
  });

  it('appends to a Via the message already carries, and copies: the input is not changed', () => {
    const input = ['Via', '1.1 router', 'Host', 'vendor.example', 'via', '1.0 cache'];
    const out = proxiedRawHeaders(input);
    expect(out).toEqual(['Host', 'vendor.example', 'via', `1.1 router, 1.0 cache, ${VIA_TOKEN}`]);
    expect(input).toEqual(['Via', '1.1 router', 'Host', 'vendor.example', 'via', '1.0 cache']);
  });

  it('is withoutHopByHop plus Via', () => {
    const raw = ['connection', 'close, x-a', 'x-a', '1', 'x-b', '2', 'te', 'trailers'];
    const headers = asObject(raw);
    expect(asObject(proxiedRawHeaders(raw))).toEqual(withVia(withoutHopByHop(headers)));
  });
});

describe('proxiedHeaderList', () => {
  it('is withVia(withoutHopByHop(headers)) as a flat list, with `set` replacing or adding headers and an array value one line each', () => {
    const input = {
      connection: 'keep-alive, X-Session-Hint',
      'x-session-hint': 'abc',
      'transfer-encoding': 'chunked',
      host: 'client-said.example',
      'content-length': '99',
      'x-tags': ['a', 'b'],
      'x-count': 3,
      via: '1.0 router',
    };
    const out = proxiedHeaderList(input, { host: 'vendor.example', 'content-length': '12', 'x-absent': undefined });
    expect(out).toEqual(['x-tags', 'a', 'x-tags', 'b', 'x-count', '3', 'host', 'vendor.example', 'content-length', '12', 'via', `1.0 router, ${VIA_TOKEN}`]);
    expect(input.host).toBe('client-said.example');
  });

  it('names the same headers as withVia(withoutHopByHop(headers)) when nothing is set', () => {
    const headers = { connection: 'close, x-a', 'x-a': '1', 'x-b': '2', te: 'trailers', 'content-type': 'application/json' };
    const list = proxiedHeaderList(headers, {});
    const pairs = Object.fromEntries(list.flatMap((name, i) => (i % 2 === 0 ? [[name, list[i + 1]]] : [])));
    expect(pairs).toEqual(withVia(withoutHopByHop(headers)));
  });
});
