import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { asGatewayError, GatewayError, messageOf } from '../errors.js';
import { Aggregator } from './aggregate.js';
import { boundPageCache, LEDGER_CACHE_KIB } from './cache.js';
import type { LedgerBounds } from './bounds.js';
import { LedgerJournal } from './ledger-journal.js';
import { listDecisions, listDevices, summarizeDevice, upstreamAddresses, validateCount, validateDeviceId } from './queries.js';
import type { FlowRecord, FlowRecorder } from './record.js';
import { RecordShapes, type RecordShape } from './record-shape.js';
import { buildReport, type PrivacyReport, type ReportContext } from './report.js';
import { prune, type PruneResult } from './retention.js';
import { migrate } from './schema.js';
import type { DecisionEntry, DeviceOverview, DeviceSummary } from './views.js';
import { LedgerWriter } from './write.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LedgerOptions {
  readonly file: string;
  readonly retentionDays: number;
  readonly flushIntervalMs?: number;
  readonly now?: () => number;
  readonly log?: (level: LogLevel, message: string) => void;
  /** Pending keys that trigger a flush before the interval is up (bounds memory under bursts). */
  readonly maxPendingKeys?: number;
  /** How long a write waits for a lock held by another connection before the flush fails and retries. */
  readonly busyTimeoutMs?: number;
  /** Rows per device per day; what goes past is counted in not_shown. */
  readonly bounds?: LedgerBounds;
  /**
   * The record journal (ledger-journal.ts): each record is appended to it, and an answer waiting for its
   * record is released at once instead of after a commit. Only the process that serves the devices gives
   * one (the command line reads the ledger without it).
   */
  readonly journal?: { readonly file: string; readonly maxBytes?: number; readonly flushBytes?: number };
}

/** 16 MiB: about 10,000 records of a 20-field request, minutes of a failing store at a home's rate. */
const JOURNAL_MAX_BYTES = 16 * 1024 * 1024;
/** A journal this large is committed before the timer is due (the size window of a burst). */
const JOURNAL_FLUSH_BYTES = 1024 * 1024;

const HOUR_MS = 3_600_000;
const MAX_RETENTION_DAYS = 3650;
const MAX_RETRY_MS = 30_000;

/**
 * The SQLite store of what each device sent where. `record()` is on the proxy's hot path: it folds the
 * record into in-memory aggregates and, with a journal, appends its line to the record journal (one
 * write(), see ledger-journal.ts); a timer (or a journal past flushBytes) writes the aggregates in one
 * transaction and then empties the journal. A failed write keeps them for the next attempt.
 *
 * `recordDurably()` is the proxy's path for answered requests. With a journal its callback runs as soon as
 * the record's line is written, before the record is folded into the aggregates: the line is in the kernel's
 * page cache, which survives `kill -9` of the gateway, and start() replays whatever no commit holds. Without
 * a journal (or when its write fails) the callback waits for the next commit (group commit), which runs once
 * per event-loop turn for every record that arrived in it; in WAL mode a returned commit is in the -wal file,
 * so it survives `kill -9` too. Neither is fsynced per record
 * (synchronous=NORMAL): a power cut or kernel crash can lose the last records of either.
 */
export class Ledger implements FlowRecorder {
  private db: Database | undefined;
  private writer: LedgerWriter | undefined;
  private journal: LedgerJournal | undefined;
  private readonly pending: Aggregator;
  /** The shapes of the devices' field decisions: checked once per record, read by the aggregator and the journal. */
  private readonly shapes = new RecordShapes();
  private flushTimer: NodeJS.Timeout | undefined;
  private flushSoon: NodeJS.Immediate | undefined;
  /** The next group commit, and the callbacks of the records waiting for it. */
  private commitSoon: NodeJS.Immediate | undefined;
  private waiting: (() => void)[] = [];
  /** The record (and its shape) whose line accept() has journaled and not yet folded into `pending`. */
  private unfolded: FlowRecord | undefined;
  private unfoldedShape: RecordShape | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;
  /** Consecutive failed writes; retries back off so a locked file does not stall the event loop. */
  private failures = 0;
  private stopped = false;
  private retentionDays: number;

  constructor(private readonly options: LedgerOptions) {
    const maxPendingKeys = options.maxPendingKeys ?? 2000;
    // Past the soft limit we flush early; the hard limit only bites while the store keeps failing.
    this.pending = new Aggregator({ maxKeys: maxPendingKeys * 25, maxDecisions: 10_000 });
    this.retentionDays = options.retentionDays;
  }

  private get now(): number {
    return (this.options.now ?? Date.now)();
  }

  private log(level: LogLevel, message: string): void {
    this.options.log?.(level, `ledger: ${message}`);
  }

  start(): void {
    if (this.db) return;
    const { file } = this.options;
    this.retentionDays = validRetention(this.retentionDays);
    let db: Database | undefined;
    try {
      if (file !== ':memory:') createPrivately(file);
      db = new BetterSqlite3(file, { timeout: this.options.busyTimeoutMs ?? 1000 });
      db.pragma('journal_mode = WAL');
      if (file !== ':memory:') tightenJournals(file);
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      boundPageCache(db, LEDGER_CACHE_KIB.writer);
      migrate(db);
      this.writer = new LedgerWriter(db, this.options.bounds);
      this.journal = this.openJournal(db);
    } catch (error) {
      this.writer = undefined;
      db?.close();
      const cause = asGatewayError(error, 'LEDGER_UNAVAILABLE', `Cannot open the ledger at ${file}`);
      throw new GatewayError(cause.code, `${cause.message}. Check that the path is a writable SQLite file.`, [], {
        cause: error,
      });
    }
    this.db = db;
    this.stopped = false;
    // What the journal of the last run held is committed before the first request is served.
    if (this.journal) this.flush();
    this.pruneQuietly();
    this.pruneTimer = setInterval(() => this.pruneQuietly(), HOUR_MS).unref();
    if (!this.pending.isEmpty) this.scheduleFlush();
  }

  stop(): void {
    clearInterval(this.pruneTimer);
    this.cancelScheduledFlush();
    this.stopped = true;
    if (!this.db) return;
    if (!this.flush()) {
      const kept = this.journal && this.journal.size > 0 ? '; the record journal keeps them for the next start' : '';
      this.log('error', `closing with ${this.pending.size} unsaved rows: the last write failed${kept}`);
    }
    this.journal?.close();
    this.journal = undefined;
    this.db.close();
    this.db = undefined;
    this.writer = undefined;
  }

  record(record: FlowRecord): void {
    this.accept(record);
  }

  /**
   * Journals the record and folds it in; true when its line is in the journal. `stored` (an answer waiting
   * for its record) is called as soon as the line is written, before the folding: the line is what makes
   * the record durable, and the device need not wait for the in-memory rows.
   */
  private accept(record: FlowRecord, stored?: () => void): boolean {
    if (this.stopped) return false;
    let shape: RecordShape | undefined;
    try {
      shape = this.shapes.of(record.connection.device.id, record.connection.destination.host, record.decision);
    } catch (error) {
      this.log('error', `record ignored: ${messageOf(error)}`);
      return false;
    }
    const journaled = this.journal?.append(record, shape) ?? false;
    this.unfolded = record;
    this.unfoldedShape = shape;
    if (journaled && stored !== undefined) release([stored]);
    if (!this.fold()) return journaled;
    const full = this.pending.size >= (this.options.maxPendingKeys ?? 2000) || (this.journal?.size ?? 0) >= this.journalFlushBytes;
    if (full && this.failures === 0) {
      this.flushSoon ??= setImmediate(() => this.flush());
    } else if (this.db) this.scheduleFlush();
    return journaled;
  }

  /**
   * Folds in the record accept() has journaled. A commit folds it first too: one run from the answer's
   * release (a commit there would hold the record's journal line but not its rows, and empty the journal).
   */
  private fold(): boolean {
    const record = this.unfolded;
    if (record === undefined) return true;
    const shape = this.unfoldedShape;
    this.unfolded = undefined;
    this.unfoldedShape = undefined;
    try {
      this.pending.add(record, shape);
      return true;
    } catch (error) {
      this.log('error', `record ignored: ${messageOf(error)}`);
      return false;
    }
  }

  private get journalFlushBytes(): number {
    return this.options.journal?.flushBytes ?? JOURNAL_FLUSH_BYTES;
  }

  /**
   * Records and calls `stored` once the record is durable (see the class comment): at once when its line
   * is in the journal, else after the commit that holds it. While the file cannot be written (the last
   * write failed), `stored` is called at once: the record waits in the journal, or in memory for the
   * backed-off retry, and the device's answer is not held for an outage the log already reports.
   */
  recordDurably(record: FlowRecord, stored: () => void): void {
    if (this.accept(record, stored)) return;
    if (!this.db || this.stopped || this.failures > 0) {
      release([stored]);
      return;
    }
    this.waiting.push(stored);
    this.commitSoon ??= setImmediate(() => {
      this.commitSoon = undefined;
      this.flush();
    });
  }

  /**
   * Writes everything pending in one transaction. Returns false (and keeps it all) when the write fails.
   * Either way, the records waiting for a commit are released.
   */
  flush(): boolean {
    const waiting = this.waiting;
    this.waiting = [];
    try {
      return this.write();
    } finally {
      release(waiting);
    }
  }

  private write(): boolean {
    this.fold();
    this.cancelScheduledFlush();
    const journal = this.journal;
    if (this.pending.isEmpty) {
      // Every journal line is of a pending or a committed record: none pending, all committed.
      journal?.committed();
      return true;
    }
    if (!this.writer) return false;
    try {
      this.writer.write(this.pending, journal ? () => journal.markCommitted() : undefined);
    } catch (error) {
      const reason = messageOf(error);
      // One error per outage, not one per interval.
      this.log(this.failures > 0 ? 'debug' : 'error', `write failed, keeping ${this.pending.size} rows to retry: ${reason}`);
      this.failures++;
      this.scheduleFlush();
      return false;
    }
    this.pending.clear();
    journal?.committed();
    if (this.failures > 0) this.log('info', 'writes work again; the kept rows are stored');
    this.failures = 0;
    if (this.pending.dropped > 0) {
      this.log('warn', `${this.pending.dropped} rows were dropped while the ledger could not write`);
      this.pending.dropped = 0;
    }
    return true;
  }

  /** Deletes rows older than retentionDays. */
  prune(now: number = this.now): PruneResult {
    return prune(this.requireDb(), now, this.retentionDays);
  }

  /** A new retention window (Home Assistant's options), applied at once when the ledger is open. */
  setRetentionDays(days: number): void {
    const valid = validRetention(days);
    if (valid === this.retentionDays) return;
    this.retentionDays = valid;
    if (this.db) this.pruneQuietly();
  }

  devices(): DeviceOverview[] {
    return listDevices(this.readyDb(), this.now);
  }

  deviceSummary(deviceId: string, sinceDays?: number): DeviceSummary {
    const id = validateDeviceId(deviceId);
    if (sinceDays !== undefined) validateCount('sinceDays', sinceDays, 1, MAX_RETENTION_DAYS);
    return summarizeDevice(this.readyDb(), id, this.now, sinceDays);
  }

  /** Violations, blocks and errors of a device since `sinceMs`, newest first. */
  decisions(deviceId: string, sinceMs: number, limit = 100): DecisionEntry[] {
    const id = validateDeviceId(deviceId);
    if (typeof sinceMs !== 'number' || !Number.isFinite(sinceMs)) {
      throw new GatewayError('REQUEST_INVALID', 'sinceMs must be a time in epoch milliseconds.');
    }
    validateCount('limit', limit, 1, 1000);
    const db = this.readyDb();
    return listDecisions(db, id, sinceMs, limit);
  }

  /** Vendor addresses each host of the device used (they name its countries). */
  upstreamAddresses(deviceId: string): Map<string, string[]> {
    return upstreamAddresses(this.readyDb(), validateDeviceId(deviceId));
  }

  report(deviceId: string, context?: ReportContext): PrivacyReport {
    const id = validateDeviceId(deviceId);
    return buildReport(this.readyDb(), id, this.now, context);
  }

  private requireDb(): Database {
    if (!this.db) throw new GatewayError('LEDGER_UNAVAILABLE', 'The ledger is not running: call start() first.');
    return this.db;
  }

  /** Queries see what was recorded up to now, not up to the last timer tick. */
  private readyDb(): Database {
    const db = this.requireDb();
    this.flush();
    return db;
  }

  /** Opens the journal and folds in what an earlier run left in it (committed by start()'s first flush). */
  private openJournal(db: Database): LedgerJournal | undefined {
    const options = this.options.journal;
    if (options === undefined || this.options.file === ':memory:') return undefined;
    const journal = new LedgerJournal(db, {
      file: options.file,
      maxBytes: options.maxBytes ?? JOURNAL_MAX_BYTES,
      log: (level, message) => this.log(level, message),
    });
    const { records, committed } = journal.open();
    for (const record of records) this.replay(record);
    if (records.length > 0 || committed > 0) {
      this.log('info', `replayed ${records.length} records from the journal of the last run${committed > 0 ? ` (${committed} already committed)` : ''}`);
    }
    return journal;
  }

  /** A journaled record whose folding failed when it was made fails again here: it must not stop the start. */
  private replay(record: FlowRecord): void {
    try {
      this.pending.add(record);
    } catch (error) {
      this.log('error', `journal record ignored: ${messageOf(error)}`);
    }
  }

  private scheduleFlush(): void {
    const interval = this.options.flushIntervalMs ?? 250;
    const delay = Math.min(interval * 2 ** this.failures, Math.max(interval, MAX_RETRY_MS));
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, delay).unref();
  }

  private cancelScheduledFlush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.flushSoon) clearImmediate(this.flushSoon);
    this.flushSoon = undefined;
    if (this.commitSoon) clearImmediate(this.commitSoon);
    this.commitSoon = undefined;
  }

  private pruneQuietly(): void {
    try {
      const removed = this.prune();
      const total = removed.destinations + removed.fields + removed.decisions + removed.devices + removed.notShown;
      if (total > 0) this.log('info', `retention removed ${total} rows older than ${this.retentionDays} days`);
    } catch (error) {
      this.log('error', `retention failed: ${messageOf(error)}`);
    }
  }
}

/**
 * The ledger is private (what every device sent where): its file is created 0600 before SQLite opens it,
 * because SQLite creates the -wal and -shm files with the database file's mode.
 */
function createPrivately(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}

/** -wal/-shm left by an older gateway (with a 0644 database) keep their mode: tighten them too. */
function tightenJournals(file: string): void {
  for (const journal of [`${file}-wal`, `${file}-shm`]) {
    if (existsSync(journal)) chmodSync(journal, 0o600);
  }
}

/** Calls each waiting answer's callback; one that throws must not keep the others waiting. */
function release(callbacks: readonly (() => void)[]): void {
  for (const callback of callbacks) {
    try {
      callback();
    } catch {
      // The proxy's callback only releases a response; a throw there is the response's own problem.
    }
  }
}

function validRetention(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS) {
    throw new GatewayError('CONFIG_INVALID', `retentionDays must be a whole number from 1 to ${MAX_RETENTION_DAYS}.`);
  }
  return days;
}
