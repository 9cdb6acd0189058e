import { describe, expect, it } from 'vitest';
import { proxiedHeaderList, proxiedHeaders, VIA_TOKEN, withoutHopByHop } from '../../src/proxy/transport/hop-by-hop.js';

describe('proxiedHeaders', () => {
  it('drops hop-by-hop headers and those the Connection header lists, and adds our Via', () => {
    const out = proxiedHeaders({
      connection: 'keep-alive, X-Session-Hint',
      'keep-alive': 'timeout=5',
      'transfer-encoding': 'chunked',
      'proxy-authorization': 'Basic c2VjcmV0',
      'x-session-hint': 'abc',
      'content-type': 'application/json',
    });
    expect(out).toEqual({ 'content-type': 'application/json', via: VIA_TOKEN });
  });

  it('keeps end-to-end headers when Connection is only keep-alive', () => {
    const out = proxiedHeaders({ connection: 'keep-alive', 'x-device': 'cam-1', 'content-length': '12' });
    expect(out).toEqual({ 'x-device': 'cam-1', 'content-length': '12', via: VIA_TOKEN });
  });

  it('appends to a Via the message already carries, and copies: the input is not changed', () => {
    const input = { via: ['1.1 router', '1.0 cache'], host: 'vendor.example' };
    const out = proxiedHeaders(input);
    expect(out.via).toBe(`1.1 router, 1.0 cache, ${VIA_TOKEN}`);
    expect(input.via).toEqual(['1.1 router', '1.0 cache']);
  });

  it('is withoutHopByHop plus Via', () => {
    const headers = { connection: 'close, x-a', 'x-a': '1', 'x-b': '2', te: 'trailers' };
    expect(proxiedHeaders(headers)).toEqual({ ...withoutHopByHop(headers), via: VIA_TOKEN });
  });
});

describe('proxiedHeaderList', () => {
  it('is proxiedHeaders as a flat list, with `set` replacing or adding headers and an array value one line each', () => {
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

  it('names the same headers as proxiedHeaders when nothing is set', () => {
    const headers = { connection: 'close, x-a', 'x-a': '1', 'x-b': '2', te: 'trailers', 'content-type': 'application/json' };
    const list = proxiedHeaderList(headers, {});
    const pairs = Object.fromEntries(list.flatMap((name, i) => (i % 2 === 0 ? [[name, list[i + 1]]] : [])));
    expect(pairs).toEqual(proxiedHeaders(headers));
  });
});
