import type { Database } from 'better-sqlite3';
import type { DataCategory } from '../policy/index.js';
import type { FieldAction, Scheme } from '../policy/index.js';
import { startOfDay } from './days.js';
import { categorySummaries, destinationSummaries, findDevice } from './queries.js';
import type { DeviceInfo } from './views.js';

/** What one device sends, where, which kinds of personal data, and what the gateway stopped. */
export interface PrivacyReport {
  readonly generatedAt: number;
  readonly device: DeviceInfo;
  readonly period: { readonly from: number; readonly to: number };
  readonly totals: {
    readonly requests: number;
    readonly forwarded: number;
    /** Requests forwarded with fields changed by the policy (enforce or lockdown): enforced edits. */
    readonly edited: number;
    readonly blocked: number;
    readonly errors: number;
    readonly violations: number;
    readonly bytesUp: number;
    readonly bytesDown: number;
  };
  readonly destinations: readonly ReportDestination[];
  readonly categories: readonly ReportCategory[];
  readonly blocked: readonly ReportBlock[];
}

export interface ReportDestination {
  readonly vendor: string | null;
  readonly host: string;
  readonly port: number;
  readonly scheme: Scheme;
  readonly inspectable: boolean;
  readonly requests: number;
  readonly blocked: number;
  readonly categories: readonly DataCategory[];
  readonly bytesUp: number;
  readonly bytesDown: number;
  readonly lastSeen: number;
}

export interface ReportCategory {
  readonly category: DataCategory | null;
  readonly label: string;
  readonly hosts: readonly string[];
  readonly fields: readonly ReportField[];
}

export interface ReportField {
  readonly host: string;
  readonly path: string;
  /**
   * How the field was handled; `applied: false` means the policy would have acted (monitor mode).
   * `block` applied means the field was not sent: its request was blocked, whatever blocked it.
   */
  readonly actions: readonly { readonly action: FieldAction; readonly applied: boolean; readonly count: number }[];
  readonly count: number;
  readonly changes: number;
  readonly lastSeen: number;
}

/**
 * A request blocked, or one monitor mode would have blocked and let through (`enforced: false`).
 * Requests forwarded with edited fields are not blocks: they count in `totals.edited`.
 */
export interface ReportBlock {
  readonly host: string;
  readonly ruleId: string | null;
  /** What blocked it: quarantine, destination, lockdown-unlisted, opaque, field, uninspectable ('unrecorded' for old rows). */
  readonly kind: string;
  readonly reason: string;
  readonly enforced: boolean;
  readonly count: number;
  readonly lastAt: number;
}

interface BlockRow {
  host: string;
  rule_id: string | null;
  block_kind: string;
  reason: string;
  enforced: number;
  count: number;
  last_at: number;
}

interface CountRow {
  violations: number;
  edited: number;
}

function blocks(db: Database, deviceId: string): ReportBlock[] {
  const rows = db
    .prepare<[string], BlockRow>(
      `SELECT host, rule_id, block_kind, reason, verdict = 'block' AS enforced, count(*) AS count, max(at) AS last_at
       FROM decisions WHERE device_id = ? AND block_kind IS NOT NULL
       GROUP BY host, rule_id, block_kind, reason, verdict ORDER BY count DESC, host`,
    )
    .all(deviceId);
  return rows.map((row) => ({
    host: row.host,
    ruleId: row.rule_id,
    kind: row.block_kind,
    reason: row.reason,
    enforced: row.enforced === 1,
    count: row.count,
    lastAt: row.last_at,
  }));
}

/** Violations, and requests forwarded with fields the policy changed (a violation that was not a block, outside monitor mode). */
function counts(db: Database, deviceId: string): CountRow {
  const row = db
    .prepare<[string], CountRow>(
      `SELECT coalesce(sum(violation), 0) AS violations,
              coalesce(sum(verdict = 'forward' AND violation = 1 AND mode <> 'monitor' AND block_kind IS NULL), 0) AS edited
       FROM decisions WHERE device_id = ?`,
    )
    .get(deviceId);
  return row ?? { violations: 0, edited: 0 };
}

export function buildReport(db: Database, deviceId: string, now: number): PrivacyReport {
  const device = findDevice(db, deviceId);
  // Everything retained: '' sorts before every day key.
  const summaries = destinationSummaries(db, deviceId, '');
  const categorySummary = categorySummaries(db, deviceId, '');
  const from = startOfDay(Math.min(device.lastSeen, ...summaries.map((d) => d.firstSeen)));

  const categoriesByHost = new Map<string, Set<DataCategory>>();
  const categories: ReportCategory[] = categorySummary.map(({ category, label, fields }) => {
    const byField = new Map<string, ReportField & { actions: ReportField['actions'][number][] }>();
    for (const f of fields) {
      if (category !== null) {
        const set = categoriesByHost.get(f.host) ?? new Set<DataCategory>();
        categoriesByHost.set(f.host, set.add(category));
      }
      const key = `${f.host}\u0000${f.path}`;
      const entry = byField.get(key) ?? {
        host: f.host, path: f.path, actions: [], count: 0, changes: 0, lastSeen: 0,
      };
      entry.actions.push({ action: f.action, applied: f.applied, count: f.count });
      byField.set(key, {
        ...entry,
        count: entry.count + f.count,
        changes: entry.changes + f.changes,
        lastSeen: Math.max(entry.lastSeen, f.lastSeen),
      });
    }
    const hosts = [...new Set(fields.map((f) => f.host))].sort();
    return { category, label, hosts, fields: [...byField.values()] };
  });

  const destinations: ReportDestination[] = summaries.map((d) => ({
    vendor: d.vendor,
    host: d.host,
    port: d.port,
    scheme: d.scheme,
    inspectable: d.inspectable,
    requests: d.forwarded + d.blocked + d.errors,
    blocked: d.blocked,
    categories: [...(categoriesByHost.get(d.host) ?? [])],
    bytesUp: d.bytesUp,
    bytesDown: d.bytesDown,
    lastSeen: d.lastSeen,
  }));

  const blocked = blocks(db, deviceId);
  const { violations, edited } = counts(db, deviceId);
  const sum = (pick: (d: (typeof summaries)[number]) => number): number =>
    summaries.reduce((total, d) => total + pick(d), 0);
  return {
    generatedAt: now,
    device,
    period: { from, to: now },
    totals: {
      requests: sum((d) => d.forwarded + d.blocked + d.errors),
      forwarded: sum((d) => d.forwarded),
      edited,
      blocked: sum((d) => d.blocked),
      errors: sum((d) => d.errors),
      violations,
      bytesUp: sum((d) => d.bytesUp),
      bytesDown: sum((d) => d.bytesDown),
    },
    destinations,
    categories,
    blocked,
  };
}
