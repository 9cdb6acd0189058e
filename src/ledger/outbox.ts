import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { asGatewayError, GatewayError } from '../errors.js';
import { boundPageCache, LEDGER_CACHE_KIB } from './cache.js';

/**
 * The durable outbox of reports for Home Assistant, in the ledger's SQLite file (its own connection;
 * WAL lets it write beside the ledger). Rows leave only when Home Assistant acknowledged their id, so a
 * report survives a Home Assistant restart and a sidecar restart alike. The table is created on open and
 * outside the ledger's migrations, so a ledger file without it is still the same schema version.
 */
export interface OutboxRow {
  readonly seq: number;
  /** Idempotency key: Home Assistant applies an id once, however often it is sent. */
  readonly id: string;
  readonly item: unknown;
  readonly createdAt: number;
}

export interface OutboxOptions {
  readonly file: string;
  /** Past this many rows the oldest `traffic` rows are dropped first (they are aggregates); events stay. */
  readonly maxRows?: number;
  readonly now?: () => number;
}

const CREATE = `
  CREATE TABLE IF NOT EXISTS hub_outbox (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL,
    item        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
  ) STRICT;
`;

interface RawRow {
  seq: number;
  id: string;
  item: string;
  created_at: number;
}

export class Outbox {
  private db: Database | undefined;
  private statements:
    | {
        insert: Statement<[string, string, string, number]>;
        peek: Statement<[number], RawRow>;
        remove: Statement<[string]>;
        count: Statement<[], { n: number }>;
        trim: Statement<[number]>;
      }
    | undefined;

  constructor(private readonly options: OutboxOptions) {}

  open(): void {
    if (this.db) return;
    const { file } = this.options;
    let db: Database | undefined;
    try {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
      db = new BetterSqlite3(file, { timeout: 2000 });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      boundPageCache(db, LEDGER_CACHE_KIB.side);
      db.exec(CREATE);
      this.statements = {
        insert: db.prepare('INSERT OR IGNORE INTO hub_outbox (id, type, item, created_at) VALUES (?, ?, ?, ?)'),
        peek: db.prepare<[number], RawRow>('SELECT seq, id, item, created_at FROM hub_outbox ORDER BY seq LIMIT ?'),
        remove: db.prepare('DELETE FROM hub_outbox WHERE id = ?'),
        count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM hub_outbox'),
        trim: db.prepare(
          `DELETE FROM hub_outbox WHERE seq IN
             (SELECT seq FROM hub_outbox WHERE type = 'traffic' ORDER BY seq LIMIT ?)`,
        ),
      };
    } catch (error) {
      db?.close();
      throw asGatewayError(error, 'LEDGER_UNAVAILABLE', `Cannot open the hub outbox in ${file}`);
    }
    this.db = db;
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
    this.statements = undefined;
  }

  /** Stores items in one transaction, in order. Returns how many traffic rows the size bound dropped. */
  enqueue(items: readonly { readonly id: string; readonly type: string }[]): number {
    const statements = this.require();
    const now = (this.options.now ?? Date.now)();
    const db = this.db;
    if (!db || items.length === 0) return 0;
    let dropped = 0;
    db.transaction(() => {
      for (const item of items) statements.insert.run(item.id, item.type, JSON.stringify(item), now);
      const excess = this.size() - (this.options.maxRows ?? 100_000);
      if (excess > 0) dropped = statements.trim.run(excess).changes;
    })();
    return dropped;
  }

  /** The oldest rows, in the order they were enqueued. */
  peek(limit: number): OutboxRow[] {
    return this.require()
      .peek.all(limit)
      .map((row) => ({ seq: row.seq, id: row.id, item: JSON.parse(row.item) as unknown, createdAt: row.created_at }));
  }

  /** Deletes acknowledged ids (unknown ids are ignored: an ack may arrive twice). */
  acknowledge(ids: readonly string[]): number {
    const statements = this.require();
    const db = this.db;
    if (!db) return 0;
    let removed = 0;
    db.transaction(() => {
      for (const id of ids) removed += statements.remove.run(id).changes;
    })();
    return removed;
  }

  size(): number {
    return this.require().count.get()?.n ?? 0;
  }

  /** (device, host) pairs the ledger has already seen, so the reporter does not call them new. */
  knownDestinations(): [string, string][] {
    const db = this.db;
    if (!db) return [];
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'destinations'").get();
    if (table === undefined) return [];
    return db
      .prepare<[], { device_id: string; host: string }>('SELECT DISTINCT device_id, host FROM destinations')
      .all()
      .map((row) => [row.device_id, row.host]);
  }

  /**
   * Devices that used the gateway's resolver and the true addresses it gave them (the DNS log), so the
   * live "uses its own DNS" detection survives a restart. Empty when there is no DNS log.
   */
  resolverUse(limit = 100_000): { devices: string[]; addresses: [string, string][] } {
    const db = this.db;
    if (!db) return { devices: [], addresses: [] };
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dns_names'").get();
    if (table === undefined) return { devices: [], addresses: [] };
    const devices = db.prepare<[], { device_id: string }>('SELECT DISTINCT device_id FROM dns_names').all().map((row) => row.device_id);
    const addresses = db
      .prepare<[number], { device_id: string; address: string }>('SELECT device_id, address FROM dns_addresses ORDER BY last_seen LIMIT ?')
      .all(limit)
      .map((row): [string, string] => [row.device_id, row.address]);
    return { devices, addresses };
  }

  private require(): NonNullable<Outbox['statements']> {
    if (!this.statements) throw new GatewayError('LEDGER_UNAVAILABLE', 'The hub outbox is not open: call open() first.');
    return this.statements;
  }
}
