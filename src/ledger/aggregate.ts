import { DATA_CATEGORIES, plainDecision } from '../policy/index.js';
import { templateUrlPath } from '../payload/index.js';
import type { Decision, FieldDecision } from '../policy/index.js';
import { DayCache } from './days.js';
import { ExplanationMemo } from './explanation-memo.js';
import { applyPlan, FieldPlanner, type FieldPlan } from './field-plan.js';
import type {
  AggregatorLimits,
  Outcome,
  PendingDecision,
  PendingDestination,
  PendingDevice,
  PendingField,
} from './pending.js';
import type { FlowRecord } from './record.js';
import { MAX_ADDRESSES_PER_ROW } from './pending.js';
import { topicOf, type PendingTopic } from './mqtt-topics.js';
import type { RecordShape } from './record-shape.js';

const MAX_TEXT = 512;
/** Field plans kept (one per device, host, day and shape); they hold pending rows, so a clear() drops them. */
const MAX_PLANS = 1024;
const SEP = '\u0000';

// A string outside DATA_CATEGORIES (the types forbid it) is stored as unclassified, the empty category.
const KNOWN_CATEGORIES = new Set<string>(DATA_CATEGORIES);

const UNCATEGORISED: readonly string[] = [''];

const clip = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/**
 * Folds FlowRecords into pending rows keyed like the tables' primary keys, so a burst of identical
 * requests costs one UPSERT per key at flush time. Only the Ledger drains it.
 */
export class Aggregator {
  readonly devices = new Map<string, PendingDevice>();
  readonly destinations = new Map<string, PendingDestination>();
  /** MQTT messages per device, day, broker, topic and direction. */
  readonly topics = new Map<string, PendingTopic>();
  /**
   * Field rows nested by day|device|host, then path, then a number for category/action/flags: the hot path
   * builds one key string per record instead of one per field.
   */
  private readonly fields = new Map<string, Map<string, PendingField[]>>();
  private fieldCount = 0;
  /** Pending decision rows from `decisionHead` on; the rows before it were dropped as the oldest. */
  private decisionRows: PendingDecision[] = [];
  private decisionHead = 0;
  /** Rows dropped because the limits were reached (the store was failing for a long time). */
  dropped = 0;
  private readonly days = new DayCache();
  private readonly explained = new ExplanationMemo();
  /** By day|device|host, shape and whether the fields were sent (field-plan.ts). */
  private readonly plans = new Map<string, FieldPlan>();

  constructor(private readonly limits: AggregatorLimits) {}

  get size(): number {
    return this.devices.size + this.destinations.size + this.topics.size + this.fieldCount + this.decisionRows.length - this.decisionHead;
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  clear(): void {
    this.devices.clear();
    this.destinations.clear();
    this.topics.clear();
    this.fields.clear();
    this.fieldCount = 0;
    this.plans.clear();
    this.decisionRows = [];
    this.decisionHead = 0;
  }

  /** Pending decision rows, oldest first. */
  get decisions(): readonly PendingDecision[] {
    return this.decisionHead === 0 ? this.decisionRows : this.decisionRows.slice(this.decisionHead);
  }

  /** Every pending field row, oldest first. */
  pendingFields(): PendingField[] {
    const rows: PendingField[] = [];
    for (const byPath of this.fields.values()) {
      for (const variants of byPath.values()) rows.push(...variants);
    }
    return rows.sort((a, b) => a.firstSeen - b.firstSeen);
  }

  /**
   * Folds the record into the pending rows. With its `shape` (record-shape.ts: the caller checked that
   * the decision's fields have it), a record of a shape already folded in since the last clear() reuses
   * the rows the first one found.
   */
  add(record: FlowRecord, shape?: RecordShape): void {
    const { connection, decision, at } = record;
    const day = this.days.keyOf(at);
    const device = connection.device;
    this.addDevice(device.id, device.name, device.isDefault, at);

    const blocked = decision ? decision.verdict === 'block' : connection.verdict === 'block';
    const outcome: Outcome = blocked ? 'block' : record.error ? 'error' : 'forward';
    this.addDestination(day, record, outcome);
    this.addTopic(day, record, outcome);

    if (decision && decision.fields.length > 0) {
      const host = connection.destination.host;
      const prefix = day + SEP + device.id + SEP + host;
      let byPath = this.fields.get(prefix);
      if (!byPath) {
        byPath = new Map();
        this.fields.set(prefix, byPath);
      }
      // A blocked request sent none of its fields: each is recorded as blocked (not sent), whatever its own action.
      const notSent = outcome === 'block';
      const planKey = shape === undefined ? undefined : `${prefix}${SEP}${shape.id}${notSent ? SEP : ''}`;
      const plan = planKey === undefined ? undefined : this.plans.get(planKey);
      if (plan !== undefined) applyPlan(plan, record.fingerprints, at);
      else {
        const planner = planKey === undefined ? undefined : new FieldPlanner();
        const fields = decision.fields;
        for (let i = 0; i < fields.length; i++) {
          const field = fields[i];
          if (field === undefined) continue;
          this.addField(byPath, day, device.id, host, notSent ? { ...plainDecision(field), action: 'block', applied: true } : field, record, planner);
        }
        if (planKey !== undefined && planner?.complete === true) {
          if (this.plans.size >= MAX_PLANS) this.plans.clear();
          this.plans.set(planKey, planner.plan());
        }
      }
    }
    const violation = decision ? decision.violation : connection.verdict === 'block' || connection.wouldBlock;
    if (outcome !== 'forward' || violation) this.addDecision(record, decision, outcome, violation, shape);
  }

  private hasRoom(): boolean {
    if (this.devices.size + this.destinations.size + this.topics.size + this.fieldCount < this.limits.maxKeys) return true;
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
        addresses: new Set(),
      };
      this.destinations.set(key, pending);
    }
    if (record.upstreamAddress !== undefined && pending.addresses.size < MAX_ADDRESSES_PER_ROW) {
      pending.addresses.add(record.upstreamAddress);
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

  private addTopic(day: string, record: FlowRecord, outcome: Outcome): void {
    const topic = topicOf(record, day);
    if (topic === undefined) return;
    const key = [day, topic.deviceId, topic.host, topic.topic, topic.direction].join(SEP);
    let pending = this.topics.get(key);
    if (!pending) {
      if (!this.hasRoom()) return;
      pending = { ...topic, messages: 0, blocked: 0, firstSeen: record.at, lastSeen: record.at };
      this.topics.set(key, pending);
    }
    pending.messages++;
    if (outcome === 'block') pending.blocked++;
    if (record.at < pending.firstSeen) pending.firstSeen = record.at;
    if (record.at > pending.lastSeen) pending.lastSeen = record.at;
  }

  private addField(
    byPath: Map<string, PendingField[]>,
    day: string,
    deviceId: string,
    host: string,
    field: FieldDecision,
    record: FlowRecord,
    planner: FieldPlanner | undefined,
  ): void {
    const path = field.template ?? field.path;
    const fingerprint = record.fingerprints.get(path);
    // A path nearly always has one row (one category, one action): a short array, not a Map per path.
    let variants = byPath.get(path);
    if (!variants) {
      variants = [];
      byPath.set(path, variants);
    }
    const categories: readonly string[] = field.categories.length > 0 ? field.categories : UNCATEGORISED;
    // Indexed: this runs per field per request, and for-of's iterator showed up in allocation profiles.
    for (let i = 0; i < categories.length; i++) {
      const named = categories[i] ?? '';
      const category = KNOWN_CATEGORIES.has(named) ? named : '';
      let pending = rowFor(variants, category, field);
      if (!pending) {
        if (!this.hasRoom()) {
          if (planner) planner.complete = false;
          continue;
        }
        pending = {
          day,
          deviceId,
          host,
          path,
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
          why: '',
        };
        variants.push(pending);
        this.fieldCount++;
      } else if (fingerprint !== undefined) {
        if (pending.lastFingerprint !== undefined && pending.lastFingerprint !== fingerprint) pending.changes++;
        pending.firstFingerprint ??= fingerprint;
        pending.lastFingerprint = fingerprint;
      }
      pending.count++;
      const why = field.decidedBy !== undefined && category !== '' ? boundedWhy(field.decidedBy) : undefined;
      if (why !== undefined) pending.why = why;
      if (record.at < pending.firstSeen) pending.firstSeen = record.at;
      if (record.at > pending.lastSeen) pending.lastSeen = record.at;
      planner?.hit(pending, path, why);
    }
  }

  private addDecision(record: FlowRecord, decision: Decision | undefined, outcome: Outcome, violation: boolean, shape: RecordShape | undefined): void {
    const { connection } = record;
    const why = decision ? (decision.block ?? decision.explanation) : connection.explanation;
    const explanation = this.explained.json(connection.device.id, decision?.fields ?? [], shape);
    const error = outcome === 'error' ? record.error : undefined;
    if (this.decisionRows.length - this.decisionHead >= this.limits.maxDecisions) {
      // Dropping the oldest by moving a head, not by shift(), which would move every row each time.
      this.decisionHead++;
      this.dropped++;
      if (this.decisionHead >= this.limits.maxDecisions) {
        this.decisionRows = this.decisionRows.slice(this.decisionHead);
        this.decisionHead = 0;
      }
    }
    this.decisionRows.push({
      at: record.at,
      deviceId: connection.device.id,
      host: connection.destination.host,
      method: record.method ?? null,
      // Templated here too (idempotent), so no recorder can put a raw id or e-mail of a URL in the ledger.
      path: record.path === undefined ? null : clip(templateUrlPath(record.path)),
      mode: connection.mode,
      verdict: outcome,
      violation,
      ruleId: error ? null : (why.ruleId ?? null),
      // A field's block names the field (its template, never a value): the rule alone may cover several.
      reason: clip(error ? error.message : why.field === undefined ? why.reason : `${why.reason} (field ${why.field})`),
      errorCode: error ? error.code : null,
      explanation,
      blockKind: blockKindOf(record, decision, outcome),
    });
  }
}

/** What blocked the request, or would have in monitor mode; 'policy' for a block that names no kind. */
function blockKindOf(record: FlowRecord, decision: Decision | undefined, outcome: Outcome): string | null {
  if (decision !== undefined) {
    if (decision.block === undefined) return outcome === 'block' ? 'policy' : null;
    return decision.block.blockedBy ?? 'policy';
  }
  const connection = record.connection;
  if (outcome !== 'block' && !connection.wouldBlock) return null;
  return connection.explanation.blockedBy ?? 'policy';
}

/** Explanations grow with the number of deciding findings: the ledger keeps a bounded sentence. */
const MAX_WHY = 300;
function boundedWhy(why: string): string {
  return why.length <= MAX_WHY ? why : `${why.slice(0, MAX_WHY - 1)}…`;
}

function rowFor(rows: readonly PendingField[], category: string, field: FieldDecision): PendingField | undefined {
  for (const row of rows) {
    if (row.category === category && row.action === field.action && row.applied === field.applied && row.opaque === field.opaque) {
      return row;
    }
  }
  return undefined;
}
