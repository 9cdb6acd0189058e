import { createRequire } from 'node:module';
import type { SecureContext } from 'node:tls';
import type { Pool as UndiciPool } from 'undici';

/**
 * undici's Pool alone: its package entry also loads fetch, WebSocket, caches and mocks, +9 MB of RSS for
 * nothing the gateway uses (measured: +19.9 MB for `undici`, +10.8 MB for its Pool). The type is the package's.
 */
const Pool = createRequire(import.meta.url)('undici/lib/dispatcher/pool.js') as typeof UndiciPool;
type Pool = UndiciPool;

/** At most this many vendor endpoints keep a pool; the oldest is closed (after its requests) past it. */
export const MAX_POOLS = 256;

export interface PoolSettings {
  /** Connections per pool (per vendor address, port, server name and verification). */
  readonly maxSockets: number;
  /** Connect, headers and idle-body timeout: the gateway's upstreamTimeoutMs. */
  readonly timeoutMs: number;
  /** Every verified connection's trust: the system roots and the configured upstream CAs. */
  readonly trusted: SecureContext;
}

/** One vendor endpoint as the pools tell them apart: TLS settings never mix in one pool. */
export interface PoolKey {
  readonly secure: boolean;
  /** The checked address to connect to (an IP literal from the guard). */
  readonly host: string;
  readonly port: number;
  /** The destination's name ('' for a destination named by its IP): the TLS server name, and a pool of its own. */
  readonly servername: string;
  readonly verify: boolean;
}

/**
 * undici keep-alive pools for the vendor side, one per endpoint, bounded by MAX_POOLS. undici's client costs
 * about half the CPU of Node's http client per request (no ClientRequest/IncomingMessage streams, no agent
 * queue), measured paired in bench/profile-load.mjs.
 */
export class UpstreamPools {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly settings: PoolSettings) {}

  for(key: PoolKey): Pool {
    const name = `${key.secure ? 's' : 'p'}${key.verify ? 'v' : 'u'} ${key.host} ${key.port} ${key.servername}`;
    const found = this.pools.get(name);
    if (found !== undefined) return found;
    const pool = this.open(key);
    this.pools.set(name, pool);
    if (this.pools.size > MAX_POOLS) this.evictOldest();
    return pool;
  }

  /** How many endpoints have a pool now (never more than MAX_POOLS). */
  get size(): number {
    return this.pools.size;
  }

  close(): void {
    for (const pool of this.pools.values()) void pool.destroy().catch(() => undefined);
    this.pools.clear();
  }

  private open(key: PoolKey): Pool {
    const { maxSockets, timeoutMs, trusted } = this.settings;
    const host = key.host.includes(':') ? `[${key.host}]` : key.host;
    return new Pool(`${key.secure ? 'https' : 'http'}://${host}:${key.port}`, {
      connections: maxSockets,
      pipelining: 1,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      connect: {
        timeout: timeoutMs,
        ...(key.secure && {
          secureContext: trusted,
          rejectUnauthorized: key.verify,
          ...(key.servername === '' ? {} : { servername: key.servername }),
        }),
      },
    });
  }

  private evictOldest(): void {
    const oldest = this.pools.entries().next();
    if (oldest.done === true) return;
    this.pools.delete(oldest.value[0]);
    // Graceful: requests already on it finish; new ones for that endpoint open a new pool.
    void oldest.value[1].close().catch(() => undefined);
  }
}
