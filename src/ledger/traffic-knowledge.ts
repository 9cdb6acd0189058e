import { existsSync } from 'node:fs';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import type { TrafficKnowledge } from '../policy/index.js';
import { boundPageCache, LEDGER_CACHE_KIB } from './cache.js';
import type { LogLevel } from './ledger.js';
import { messageOf } from '../errors.js';

export interface TrafficKnowledgeOptions {
  /** The ledger's SQLite file (the Ledger writes it; this only reads). */
  readonly file: string;
  /** Requests one device must have sent with the same value before that constancy counts (default 10). */
  readonly minRequests?: number;
  /** How often the evidence is recomputed from the ledger (default 60 s). */
  readonly refreshMs?: number;
  readonly log?: (level: LogLevel, message: string) => void;
}

export const DEFAULT_MIN_REQUESTS = 10;
const DEFAULT_REFRESH_MS = 60_000;
/** Bounds the memory of a ledger with a great many field paths; the evidence beyond it waits a refresh. */
/**
 * (host, path) pairs kept in memory, each ~0.4 KB with its description: 10,000 is ~4 MB at most (50,000 was
 * ~20 MB) and far more identifier paths than a home's vendors use; past it the query's order decides.
 */
const MAX_EVIDENCE = 10_000;

/**
 * Per device, host and field template: how many fingerprinted requests carried it (a field with two
 * categories has a row per category, hence the division), whether its fingerprint ever changed, and its
 * only fingerprint. The GROUP BY follows field_observations' primary key (device_id, host, path, …), so
 * it reads the table in key order without sorting it.
 *
 * Then per host and template, over the devices that sent it at least @minRequests times (the default
 * profile is left out: it merges every device nobody assigned): an identifier when there are at least
 * two, each kept one value, and no two share it.
 */
const IDENTIFIERS = `
  WITH per_device AS (
    SELECT f.device_id, f.host, f.path,
           sum(f.count) / count(DISTINCT f.category) AS requests,
           sum(f.changes) AS changes,
           min(f.last_fingerprint) AS lo,
           max(f.last_fingerprint) AS hi
    FROM field_observations f
    WHERE f.last_fingerprint IS NOT NULL
    GROUP BY f.device_id, f.host, f.path
  )
  SELECT p.host, p.path, count(*) AS devices, min(p.requests) AS fewest
  FROM per_device p JOIN devices d ON d.id = p.device_id
  WHERE d.is_default = 0 AND p.requests >= @minRequests
  GROUP BY p.host, p.path
  HAVING count(*) >= 2
     AND sum(p.changes = 0 AND p.lo = p.hi) = count(*)
     AND count(DISTINCT p.lo) = count(*)
  LIMIT ${MAX_EVIDENCE}`;

interface IdentifierRow {
  readonly host: string;
  readonly path: string;
  readonly devices: number;
  readonly fewest: number;
}

/**
 * What the traffic shows (TrafficKnowledge), from the ledger's keyed fingerprints: a value that stayed
 * the same across many requests of each device and differs between devices is an identifier, whatever
 * its key is called. Computed by one query over the ledger, cached, and refreshed every `refreshMs`;
 * `identifierEvidence` is a map lookup on the request path. The ledger holds no values, and neither
 * does this: only hosts, field templates and counts.
 */
export class LedgerTrafficKnowledge implements TrafficKnowledge {
  private db: Database | undefined;
  private query: Statement<{ minRequests: number }, IdentifierRow> | undefined;
  /**
   * Host -> field template -> what shows it is an identifier. Nested, not one key per pair: the classifier
   * asks for every field of every request, and most hosts (every host, on a new gateway) have none, so
   * most questions end at the host without a string built and hashed for them.
   */
  private evidence = new Map<string, Map<string, string>>();
  private pairs = 0;
  private timer: NodeJS.Timeout | undefined;
  private failing = false;

  constructor(private readonly options: TrafficKnowledgeOptions) {}

  /** Computes the evidence now and then every `refreshMs`. */
  start(): void {
    if (this.timer) return;
    this.refresh();
    this.timer = setInterval(() => this.refresh(), this.options.refreshMs ?? DEFAULT_REFRESH_MS).unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.db?.close();
    this.db = undefined;
    this.query = undefined;
  }

  identifierEvidence(host: string, pathTemplate: string): string | undefined {
    return this.evidence.get(host)?.get(pathTemplate);
  }

  /** How many host/template pairs are known identifiers. */
  get size(): number {
    return this.pairs;
  }

  /**
   * Recomputes the evidence from the ledger file. A failure (file missing, locked, not yet migrated)
   * keeps the previous evidence and is logged once per outage. Returns the number of identifiers.
   */
  refresh(): number {
    let rows: IdentifierRow[];
    try {
      rows = this.prepared().all({ minRequests: this.options.minRequests ?? DEFAULT_MIN_REQUESTS });
    } catch (error) {
      const reason = messageOf(error);
      this.options.log?.(this.failing ? 'debug' : 'warn', `traffic knowledge: cannot read the ledger (${reason}); keeping what was known`);
      this.failing = true;
      this.db?.close();
      this.db = undefined;
      this.query = undefined;
      return this.pairs;
    }
    this.failing = false;
    const evidence = new Map<string, Map<string, string>>();
    for (const row of rows) {
      let byPath = evidence.get(row.host);
      if (byPath === undefined) {
        byPath = new Map();
        evidence.set(row.host, byPath);
      }
      byPath.set(row.path, describe(row));
    }
    this.evidence = evidence;
    this.pairs = rows.length;
    return rows.length;
  }

  private prepared(): Statement<{ minRequests: number }, IdentifierRow> {
    if (this.query) return this.query;
    const { file } = this.options;
    if (file !== ':memory:' && !existsSync(file)) throw new Error(`${file} does not exist yet`);
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: 1000 });
    try {
      boundPageCache(db, LEDGER_CACHE_KIB.side);
      this.query = db.prepare<{ minRequests: number }, IdentifierRow>(IDENTIFIERS);
    } catch (error) {
      db.close();
      throw error;
    }
    this.db = db;
    return this.query;
  }
}

function describe(row: IdentifierRow): string {
  return `constant across at least ${row.fewest} requests of each device, different on each of ${row.devices} devices`;
}
