import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { boundPageCache, LEDGER_CACHE_KIB } from './cache.js';
import type { DnsQueryEvent, DnsQueryRecorder } from '../dns/index.js';
import { asGatewayError, messageOf } from '../errors.js';
import { dnsBypassFindings, dnsNames, type DnsBypassFinding, type DnsNameSummary } from './dns-queries.js';
import type { LogLevel } from './ledger.js';



const UPSERT_DEVICE = `
  INSERT INTO devices (id, name, is_default, first_seen, last_seen) VALUES (@id, @name, @isDefault, @at, @at)
  ON CONFLICT (id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)`;
const UPSERT_NAME = `
  INSERT INTO dns_names (device_id, name, queries, sinkholed, steered, failed, encrypted_dns, first_seen, last_seen, last_verdict)
  VALUES (@deviceId, @name, @queries, @sinkholed, @steered, @failed, @encryptedDns, @firstSeen, @lastSeen, @lastVerdict)
  ON CONFLICT (device_id, name) DO UPDATE SET
    queries = queries + excluded.queries, sinkholed = sinkholed + excluded.sinkholed,
    steered = steered + excluded.steered, failed = failed + excluded.failed,
    encrypted_dns = max(encrypted_dns, excluded.encrypted_dns),
    first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen),
    last_verdict = excluded.last_verdict`;
const UPSERT_ADDRESS = `
  INSERT INTO dns_addresses (device_id, address, name, last_seen) VALUES (@deviceId, @address, @name, @lastSeen)
  ON CONFLICT (device_id, address) DO UPDATE SET name = excluded.name, last_seen = max(last_seen, excluded.last_seen)`;

interface PendingName {
  deviceId: string;
  deviceName: string;
  isDefault: number;
  name: string;
  queries: number;
  sinkholed: number;
  steered: number;
  failed: number;
  encryptedDns: number;
  firstSeen: number;
  lastSeen: number;
  lastVerdict: string;
  addresses: Set<string>;
}

export interface DnsLogOptions {
  /** The ledger file; the Ledger must have been started (it migrates the schema). */
  readonly file: string;
  readonly retentionDays: number;
  readonly flushIntervalMs?: number;
  readonly log?: (level: LogLevel, message: string) => void;
}

/** Past this many pending (device, name) pairs the log writes at once, so a query storm stays bounded. */
const MAX_PENDING = 5_000;
const DAY_MS = 86_400_000;

/**
 * Which names each device resolves. `recordQuery` is on the resolver's hot path and only folds the query
 * into memory; a timer writes the batch in one transaction over its own connection (WAL lets it share
 * the file with the flow ledger). A failed write keeps the batch for the next tick.
 */
export class DnsLog implements DnsQueryRecorder {
  private db: Database | undefined;
  private statements: { device: Statement; name: Statement; address: Statement } | undefined;
  private pending = new Map<string, PendingName>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: DnsLogOptions) {}

  start(): void {
    if (this.db) return;
    try {
      const db = new BetterSqlite3(this.options.file, { timeout: 1000 });
      db.pragma('foreign_keys = ON');
      boundPageCache(db, LEDGER_CACHE_KIB.side);
      this.statements = { device: db.prepare(UPSERT_DEVICE), name: db.prepare(UPSERT_NAME), address: db.prepare(UPSERT_ADDRESS) };
      this.db = db;
    } catch (error) {
      throw asGatewayError(error, 'LEDGER_UNAVAILABLE', `Cannot open the DNS query log in ${this.options.file}`);
    }
    this.prune();
    this.timer = setInterval(() => this.flush(), this.options.flushIntervalMs ?? 1_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.flush();
    this.db?.close();
    this.db = undefined;
  }

  recordQuery(event: DnsQueryEvent): void {
    const key = `${event.device.id}\u0000${event.name}`;
    const entry = this.pending.get(key) ?? {
      deviceId: event.device.id,
      deviceName: event.device.name,
      isDefault: event.device.isDefault ? 1 : 0,
      name: event.name,
      queries: 0,
      sinkholed: 0,
      steered: 0,
      failed: 0,
      encryptedDns: event.encryptedDns ? 1 : 0,
      firstSeen: event.at,
      lastSeen: event.at,
      lastVerdict: event.verdict,
      addresses: new Set<string>(),
    };
    entry.queries += 1;
    if (event.verdict === 'sinkhole') entry.sinkholed += 1;
    if (event.verdict === 'steer') entry.steered += 1;
    if (event.verdict === 'failed') entry.failed += 1;
    entry.lastSeen = Math.max(entry.lastSeen, event.at);
    entry.lastVerdict = event.verdict;
    for (const address of event.addresses) entry.addresses.add(address);
    this.pending.set(key, entry);
    if (this.pending.size >= MAX_PENDING) this.flush();
  }

  /** Writes what is pending; on failure keeps it (bounded: past 4× MAX_PENDING the oldest are dropped and logged). */
  flush(): void {
    const { db, statements } = this;
    if (!db || !statements || this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      db.transaction(() => {
        for (const entry of batch.values()) {
          statements.device.run({ id: entry.deviceId, name: entry.deviceName, isDefault: entry.isDefault, at: entry.firstSeen });
          const { addresses, deviceName: _name, isDefault: _default, ...row } = entry;
          statements.name.run(row);
          for (const address of addresses) statements.address.run({ deviceId: entry.deviceId, address, name: entry.name, lastSeen: entry.lastSeen });
        }
      })();
    } catch (error) {
      this.options.log?.('warn', `DNS query log: writing ${batch.size} names failed, will retry: ${messageOf(error)}`);
      for (const [key, entry] of batch) if (!this.pending.has(key)) this.pending.set(key, entry);
      if (this.pending.size > MAX_PENDING * 4) {
        this.options.log?.('error', `DNS query log: dropping ${this.pending.size} pending names after repeated write failures`);
        this.pending.clear();
      }
    }
  }

  /** Names one device resolved, most recent first (for the page and the report). */
  names(deviceId: string): DnsNameSummary[] {
    this.flush();
    return this.db ? dnsNames(this.db, deviceId) : [];
  }

  bypasses(deviceId: string): DnsBypassFinding[] {
    this.flush();
    return this.db ? dnsBypassFindings(this.db, deviceId) : [];
  }

  private prune(): void {
    const cutoff = Date.now() - this.options.retentionDays * DAY_MS;
    this.db?.prepare('DELETE FROM dns_names WHERE last_seen < ?').run(cutoff);
    this.db?.prepare('DELETE FROM dns_addresses WHERE last_seen < ?').run(cutoff);
  }
}
