import type { Database } from 'better-sqlite3';

/**
 * SQLite's page cache per connection, in KiB. better-sqlite3 builds SQLite with 16 MB per connection
 * (SQLITE_DEFAULT_CACHE_SIZE=-16000), and the gateway holds up to four on the ledger file (the ledger, the
 * traffic knowledge, the DNS log, the hub's outbox): once the traffic knowledge's minute query has scanned a
 * day of field observations, its cache alone held ~16 MB of the process's memory for good. The file is read
 * through the OS's page cache anyway, so a page that no longer fits costs a pread, not a disk read. The
 * cache also bounds SQLite's in-memory sorter (GROUP BY of the knowledge query): past it the sort spills
 * to a temporary file.
 *
 * Halved from 2 MB / 512 KB (at most 3.5 MB over the four connections) to 1 MB / 256 KB (1.75 MB): with 200
 * device profiles and a day of ledger rows under load (bench/memory-load.mjs, three interleaved rounds) the
 * peak RSS fell from a median of 118.1 to 114.1 MB in one run and 117.3 to 111.1 MB in another, at the same
 * CPU per request, and the knowledge query over that day took no longer (75–120 → 73–83 CPU ms per refresh).
 */
export const LEDGER_CACHE_KIB = {
  /** The ledger's own connection: its flushes, the page's queries, the prune. */
  writer: 1024,
  /** A connection that writes a few rows a second (DNS log, hub outbox) or reads once a minute (traffic knowledge). */
  side: 256,
} as const;

/** Bounds the connection's page cache (a negative cache_size is KiB, not pages). */
export function boundPageCache(db: Database, kib: number): void {
  db.pragma(`cache_size = -${Math.max(64, Math.floor(kib))}`);
}
