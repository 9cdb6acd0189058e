import type { Database, Statement } from 'better-sqlite3';
import type { Aggregator } from './aggregate.js';

const UPSERT_DEVICE = `
  INSERT INTO devices (id, name, is_default, first_seen, last_seen)
  VALUES (@id, @name, @isDefault, @firstSeen, @lastSeen)
  ON CONFLICT (id) DO UPDATE SET
    name = excluded.name,
    is_default = excluded.is_default,
    first_seen = min(first_seen, excluded.first_seen),
    last_seen = max(last_seen, excluded.last_seen)`;

const UPSERT_DESTINATION = `
  INSERT INTO destinations (day, device_id, host, port, scheme, vendor, inspectable, forwarded, blocked, errors,
                            bytes_up, bytes_down, first_seen, last_seen)
  VALUES (@day, @deviceId, @host, @port, @scheme, @vendor, @inspectable, @forwarded, @blocked, @errors,
          @bytesUp, @bytesDown, @firstSeen, @lastSeen)
  ON CONFLICT (device_id, day, host, port, scheme) DO UPDATE SET
    vendor = coalesce(excluded.vendor, vendor),
    inspectable = min(inspectable, excluded.inspectable),
    forwarded = forwarded + excluded.forwarded,
    blocked = blocked + excluded.blocked,
    errors = errors + excluded.errors,
    bytes_up = bytes_up + excluded.bytes_up,
    bytes_down = bytes_down + excluded.bytes_down,
    first_seen = min(first_seen, excluded.first_seen),
    last_seen = max(last_seen, excluded.last_seen)`;

const UPSERT_FIELD = `
  INSERT INTO field_observations (device_id, host, path, category, day, action, applied, opaque, count,
                                  first_seen, last_seen, last_fingerprint, changes)
  VALUES (@deviceId, @host, @path, @category, @day, @action, @applied, @opaque, @count,
          @firstSeen, @lastSeen, @lastFingerprint, @changes)
  ON CONFLICT (device_id, host, path, category, day, action, applied, opaque) DO UPDATE SET
    count = count + excluded.count,
    first_seen = min(first_seen, excluded.first_seen),
    last_seen = max(last_seen, excluded.last_seen),
    last_fingerprint = coalesce(excluded.last_fingerprint, last_fingerprint),
    changes = changes + excluded.changes`;

/** The fingerprint last stored for a field, whatever the day or action, to notice a change across batches. */
const LAST_FINGERPRINT = `
  SELECT last_fingerprint AS fingerprint FROM field_observations
  WHERE device_id = ? AND host = ? AND path = ? AND category = ? AND last_fingerprint IS NOT NULL
  ORDER BY last_seen DESC LIMIT 1`;

const INSERT_DECISION = `
  INSERT INTO decisions (at, device_id, host, method, path, mode, verdict, violation, rule_id, reason, error_code,
                         explanation)
  VALUES (@at, @deviceId, @host, @method, @path, @mode, @verdict, @violation, @ruleId, @reason, @errorCode,
          @explanation)`;

const SEP = '\u0000';

/** Prepared once per open database; `write` runs one transaction per flush. */
export class LedgerWriter {
  private readonly upsertDevice: Statement;
  private readonly upsertDestination: Statement;
  private readonly upsertField: Statement;
  private readonly lastFingerprint: Statement<unknown[], { fingerprint: string }>;
  private readonly insertDecision: Statement;
  readonly write: (pending: Aggregator) => void;

  constructor(db: Database) {
    this.upsertDevice = db.prepare(UPSERT_DEVICE);
    this.upsertDestination = db.prepare(UPSERT_DESTINATION);
    this.upsertField = db.prepare(UPSERT_FIELD);
    this.lastFingerprint = db.prepare(LAST_FINGERPRINT);
    this.insertDecision = db.prepare(INSERT_DECISION);
    this.write = db.transaction((pending: Aggregator) => this.writeAll(pending));
  }

  private writeAll(pending: Aggregator): void {
    for (const device of pending.devices.values()) {
      this.upsertDevice.run({ ...device, isDefault: device.isDefault ? 1 : 0 });
    }
    for (const destination of pending.destinations.values()) {
      this.upsertDestination.run({
        ...destination,
        vendor: destination.vendor ?? null,
        inspectable: destination.inspectable ? 1 : 0,
      });
    }
    this.writeFields(pending);
    for (const decision of pending.decisions) {
      this.insertDecision.run({ ...decision, violation: decision.violation ? 1 : 0 });
    }
  }

  private writeFields(pending: Aggregator): void {
    // Oldest first, so a field seen under two actions in one batch compares each to the one before.
    const fields = [...pending.fields.values()].sort((a, b) => a.firstSeen - b.firstSeen);
    const latest = new Map<string, string>();
    for (const field of fields) {
      const fieldKey = field.deviceId + SEP + field.host + SEP + field.path + SEP + field.category;
      let changes = field.changes;
      if (field.firstFingerprint !== undefined) {
        const previous =
          latest.get(fieldKey) ??
          this.lastFingerprint.get(field.deviceId, field.host, field.path, field.category)?.fingerprint;
        if (previous !== undefined && previous !== field.firstFingerprint) changes++;
      }
      if (field.lastFingerprint !== undefined) latest.set(fieldKey, field.lastFingerprint);
      this.upsertField.run({
        deviceId: field.deviceId,
        host: field.host,
        path: field.path,
        category: field.category,
        day: field.day,
        action: field.action,
        applied: field.applied ? 1 : 0,
        opaque: field.opaque ? 1 : 0,
        count: field.count,
        firstSeen: field.firstSeen,
        lastSeen: field.lastSeen,
        lastFingerprint: field.lastFingerprint ?? null,
        changes,
      });
    }
  }
}
