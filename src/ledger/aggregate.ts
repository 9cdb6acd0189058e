import type { Decision, FieldAction, FieldDecision, Mode, Scheme } from '../policy/flow.js';
import { DayCache } from './days.js';
import type { FlowRecord } from './record.js';

export interface PendingDevice {
  readonly id: string;
  name: string;
  isDefault: boolean;
  firstSeen: number;
  lastSeen: number;
}

export interface PendingDestination {
  readonly day: string;
  readonly deviceId: string;
  readonly host: string;
  readonly port: number;
  readonly scheme: Scheme;
  vendor: string | undefined;
  inspectable: boolean;
  forwarded: number;
  blocked: number;
  errors: number;
  bytesUp: number;
  bytesDown: number;
  firstSeen: number;
  lastSeen: number;
}

export interface PendingField {
  readonly day: string;
  readonly deviceId: string;
  readonly host: string;
  readonly path: string;
  /** '' when the field has no category. */
  readonly category: string;
  readonly action: FieldAction;
  readonly applied: boolean;
  readonly opaque: boolean;
  count: number;
  firstSeen: number;
  lastSeen: number;
  /** First fingerprint of this batch: compared with the stored one at flush time. */
  firstFingerprint: string | undefined;
  lastFingerprint: string | undefined;
  /** Changes seen inside this batch. */
  changes: number;
}

export type Outcome = 'forward' | 'block' | 'error';

/** The `explanation` JSON of a decisions row: field decisions that were not `allow`, never values. */
export interface FieldExplanation {
  readonly path: string;
  readonly categories: readonly string[];
  readonly action: FieldAction;
  readonly applied: boolean;
  readonly opaque: boolean;
  readonly ruleId: string | null;
  readonly reason: string;
}

export interface PendingDecision {
  readonly at: number;
  readonly deviceId: string;
  readonly host: string;
  readonly method: string | null;
  readonly path: string | null;
  readonly mode: Mode;
  readonly verdict: Outcome;
  readonly violation: boolean;
  readonly ruleId: string | null;
  readonly reason: string;
  readonly errorCode: string | null;
  readonly explanation: string;
}

export interface AggregatorLimits {
  /** Distinct pending keys (devices + destinations + fields) above which new keys are dropped. */
  readonly maxKeys: number;
  /** Pending decision rows above which the oldest are dropped. */
  readonly maxDecisions: number;
}

const MAX_TEXT = 512;
const MAX_EXPLAINED_FIELDS = 200;
const SEP = '\u0000';

const clip = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/**
 * Folds FlowRecords into pending rows keyed like the tables' primary keys, so a burst of identical
 * requests costs one UPSERT per key at flush time. Only the Ledger drains it.
 */
export class Aggregator {
  readonly devices = new Map<string, PendingDevice>();
  readonly destinations = new Map<string, PendingDestination>();
  readonly fields = new Map<string, PendingField>();
  decisions: PendingDecision[] = [];
  /** Rows dropped because the limits were reached (the store was failing for a long time). */
  dropped = 0;
  private readonly days = new DayCache();

  constructor(private readonly limits: AggregatorLimits) {}

  get size(): number {
    return this.devices.size + this.destinations.size + this.fields.size + this.decisions.length;
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  clear(): void {
    this.devices.clear();
    this.destinations.clear();
    this.fields.clear();
    this.decisions = [];
  }

  add(record: FlowRecord): void {
    const { connection, decision, at } = record;
    const day = this.days.keyOf(at);
    const device = connection.device;
    this.addDevice(device.id, device.name, device.isDefault, at);

    const blocked = decision ? decision.verdict === 'block' : connection.verdict === 'block';
    const outcome: Outcome = blocked ? 'block' : record.error ? 'error' : 'forward';
    this.addDestination(day, record, outcome);

    if (decision) {
      for (const field of decision.fields) this.addField(day, device.id, connection.destination.host, field, record);
    }
    const violation = decision ? decision.violation : connection.verdict === 'block' || connection.wouldBlock;
    if (outcome !== 'forward' || violation) this.addDecision(record, decision, outcome, violation);
  }

  private hasRoom(): boolean {
    if (this.devices.size + this.destinations.size + this.fields.size < this.limits.maxKeys) return true;
    this.dropped++;
    return false;
  }

  private addDevice(id: string, name: string, isDefault: boolean, at: number): void {
    const pending = this.devices.get(id);
    if (pending) {
      pending.name = name;
      pending.isDefault = isDefault;
      if (at < pending.firstSeen) pending.firstSeen = at;
      if (at > pending.lastSeen) pending.lastSeen = at;
      return;
    }
    // A device row must exist before its other rows (foreign keys), so devices ignore the limit.
    this.devices.set(id, { id, name, isDefault, firstSeen: at, lastSeen: at });
  }

  private addDestination(day: string, record: FlowRecord, outcome: Outcome): void {
    const { device, destination } = record.connection;
    const key = day + SEP + device.id + SEP + destination.host + SEP + destination.port + SEP + destination.scheme;
    let pending = this.destinations.get(key);
    if (!pending) {
      if (!this.hasRoom()) return;
      pending = {
        day,
        deviceId: device.id,
        host: destination.host,
        port: destination.port,
        scheme: destination.scheme,
        vendor: destination.vendor,
        inspectable: true,
        forwarded: 0,
        blocked: 0,
        errors: 0,
        bytesUp: 0,
        bytesDown: 0,
        firstSeen: record.at,
        lastSeen: record.at,
      };
      this.destinations.set(key, pending);
    }
    if (destination.vendor !== undefined) pending.vendor = destination.vendor;
    if (!record.inspectable) pending.inspectable = false;
    if (outcome === 'forward') pending.forwarded++;
    else if (outcome === 'block') pending.blocked++;
    else pending.errors++;
    pending.bytesUp += record.bytesUp;
    pending.bytesDown += record.bytesDown;
    if (record.at < pending.firstSeen) pending.firstSeen = record.at;
    if (record.at > pending.lastSeen) pending.lastSeen = record.at;
  }

  private addField(day: string, deviceId: string, host: string, field: FieldDecision, record: FlowRecord): void {
    const fingerprint = record.fingerprints.get(field.path);
    const categories: readonly string[] = field.categories.length > 0 ? field.categories : [''];
    for (const category of categories) {
      const key =
        day + SEP + deviceId + SEP + host + SEP + field.path + SEP + category + SEP + field.action + SEP +
        (field.applied ? '1' : '0') + (field.opaque ? '1' : '0');
      let pending = this.fields.get(key);
      if (!pending) {
        if (!this.hasRoom()) continue;
        pending = {
          day,
          deviceId,
          host,
          path: field.path,
          category,
          action: field.action,
          applied: field.applied,
          opaque: field.opaque,
          count: 0,
          firstSeen: record.at,
          lastSeen: record.at,
          firstFingerprint: fingerprint,
          lastFingerprint: fingerprint,
          changes: 0,
        };
        this.fields.set(key, pending);
      } else if (fingerprint !== undefined) {
        if (pending.lastFingerprint !== undefined && pending.lastFingerprint !== fingerprint) pending.changes++;
        pending.firstFingerprint ??= fingerprint;
        pending.lastFingerprint = fingerprint;
      }
      pending.count++;
      if (record.at < pending.firstSeen) pending.firstSeen = record.at;
      if (record.at > pending.lastSeen) pending.lastSeen = record.at;
    }
  }

  private addDecision(record: FlowRecord, decision: Decision | undefined, outcome: Outcome, violation: boolean): void {
    const { connection } = record;
    const why = decision ? (decision.block ?? decision.explanation) : connection.explanation;
    const explained: FieldExplanation[] = [];
    for (const field of decision?.fields ?? []) {
      if (field.action === 'allow') continue;
      if (explained.length >= MAX_EXPLAINED_FIELDS) break;
      explained.push({
        path: field.path,
        categories: field.categories,
        action: field.action,
        applied: field.applied,
        opaque: field.opaque,
        ruleId: field.explanation.ruleId ?? null,
        reason: field.explanation.reason,
      });
    }
    const error = outcome === 'error' ? record.error : undefined;
    if (this.decisions.length >= this.limits.maxDecisions) {
      this.decisions.shift();
      this.dropped++;
    }
    this.decisions.push({
      at: record.at,
      deviceId: connection.device.id,
      host: connection.destination.host,
      method: record.method ?? null,
      path: record.path === undefined ? null : clip(record.path),
      mode: connection.mode,
      verdict: outcome,
      violation,
      ruleId: error ? null : (why.ruleId ?? null),
      reason: clip(error ? error.message : why.reason),
      errorCode: error ? error.code : null,
      explanation: JSON.stringify(explained),
    });
  }
}
