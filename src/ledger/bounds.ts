import type { Database, Statement } from 'better-sqlite3';

/**
 * How many rows one device may add per day. A device that contacts 20,000 hosts (a scanner, a hostile
 * client, DNS-based telemetry with a random label per request) would otherwise grow the ledger and every
 * answer about it without bound. What goes past a cap is still counted, in `not_shown`.
 */
export interface LedgerBounds {
  /** Distinct destinations (host, port, scheme) per device per day. */
  readonly maxDestinationsPerDeviceDay: number;
  /** Field rows (host, path, category, action) per device per day. */
  readonly maxFieldsPerDeviceDay: number;
}

export const DEFAULT_LEDGER_BOUNDS: LedgerBounds = {
  maxDestinationsPerDeviceDay: 500,
  maxFieldsPerDeviceDay: 2_000,
};

export type NotShownKind = 'destination' | 'field';

export interface NotShown {
  readonly deviceId: string;
  readonly day: string;
  readonly kind: NotShownKind;
  /** Requests (destinations) or field sightings (fields) that got no row of their own. */
  readonly count: number;
  readonly bytesUp: number;
  readonly bytesDown: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

const TABLES: Readonly<Record<NotShownKind, string>> = { destination: 'destinations', field: 'field_observations' };
/** Remembered (device, day) row counts; days go stale, so the memo is simply cleared when it grows. */
const MAX_REMEMBERED = 4096;

const UPSERT_NOT_SHOWN = `
  INSERT INTO not_shown (device_id, day, kind, count, bytes_up, bytes_down, first_seen, last_seen)
  VALUES (@deviceId, @day, @kind, @count, @bytesUp, @bytesDown, @firstSeen, @lastSeen)
  ON CONFLICT (device_id, day, kind) DO UPDATE SET
    count = count + excluded.count,
    bytes_up = bytes_up + excluded.bytes_up,
    bytes_down = bytes_down + excluded.bytes_down,
    first_seen = min(first_seen, excluded.first_seen),
    last_seen = max(last_seen, excluded.last_seen)`;

/**
 * Row counts per device and day, read once from the file and then kept in step with the inserts of the
 * writer (the gateway is the only writer). Runs inside the writer's transaction; `forget()` after a
 * rolled-back transaction, whose inserts never happened.
 */
export class DayRowCounter {
  private readonly counts = new Map<string, number>();
  private readonly countRows: Readonly<Record<NotShownKind, Statement<[string, string], { n: number }>>>;
  private readonly upsertNotShown: Statement;

  constructor(
    db: Database,
    private readonly bounds: LedgerBounds,
  ) {
    const count = (kind: NotShownKind) =>
      db.prepare<[string, string], { n: number }>(`SELECT count(*) AS n FROM ${TABLES[kind]} WHERE device_id = ? AND day = ?`);
    this.countRows = { destination: count('destination'), field: count('field') };
    this.upsertNotShown = db.prepare(UPSERT_NOT_SHOWN);
  }

  /** True while the device has room for one more row of `kind` that day. */
  hasRoom(kind: NotShownKind, deviceId: string, day: string): boolean {
    return this.current(kind, deviceId, day) < this.limit(kind);
  }

  /** Counts a row the writer inserted. */
  inserted(kind: NotShownKind, deviceId: string, day: string): void {
    this.counts.set(key(kind, deviceId, day), this.current(kind, deviceId, day) + 1);
  }

  notShown(row: NotShown): void {
    this.upsertNotShown.run(row);
  }

  forget(): void {
    this.counts.clear();
  }

  private limit(kind: NotShownKind): number {
    return kind === 'destination' ? this.bounds.maxDestinationsPerDeviceDay : this.bounds.maxFieldsPerDeviceDay;
  }

  private current(kind: NotShownKind, deviceId: string, day: string): number {
    const k = key(kind, deviceId, day);
    const known = this.counts.get(k);
    if (known !== undefined) return known;
    if (this.counts.size >= MAX_REMEMBERED) this.counts.clear();
    const n = this.countRows[kind].get(deviceId, day)?.n ?? 0;
    this.counts.set(k, n);
    return n;
  }
}

const key = (kind: NotShownKind, deviceId: string, day: string): string => `${kind}\u0000${deviceId}\u0000${day}`;
