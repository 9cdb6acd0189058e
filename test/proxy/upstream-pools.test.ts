import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { MAX_POOLS, UpstreamPools } from '../../src/proxy/transport/upstream-pools.js';

const settings = { maxSockets: 4, timeoutMs: 1000, trusted: tls.createSecureContext() };
const key = { secure: true, host: '127.0.0.1', port: 443, servername: 'vendor.test', verify: true };

describe('the vendor pools', () => {
  it('keeps one pool per endpoint and TLS setting', () => {
    const pools = new UpstreamPools(settings);
    const first = pools.for(key);
    expect(pools.for({ ...key })).toBe(first);
    // Verification, server name, scheme and port each get a pool of their own: TLS settings never mix.
    const others = [{ ...key, verify: false }, { ...key, servername: 'other.test' }, { ...key, secure: false }, { ...key, port: 8443 }];
    for (const other of others) expect(pools.for(other)).not.toBe(first);
    expect(pools.size).toBe(5);
    pools.close();
    expect(pools.size).toBe(0);
  });

  it(`closes the oldest pool past ${MAX_POOLS} endpoints`, () => {
    const pools = new UpstreamPools(settings);
    const oldest = pools.for({ ...key, servername: 'h0.test' });
    for (let i = 1; i <= MAX_POOLS; i++) pools.for({ ...key, servername: `h${i}.test` });
    expect(pools.size).toBe(MAX_POOLS);
    expect(oldest.closed).toBe(true);
    // Asked again, the evicted endpoint gets a new, open pool.
    const again = pools.for({ ...key, servername: 'h0.test' });
    expect(again).not.toBe(oldest);
    expect(again.closed).toBe(false);
    pools.close();
  });
});
