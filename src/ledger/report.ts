import type { Database } from 'better-sqlite3';
import { NO_NAMING_CONTEXT, nameDestination, type DestinationName, type NamingContext } from '../destinations/index.js';
import { compareMud, type MudComparison } from '../mud/index.js';
import type { DataCategory } from '../policy/index.js';
import type { FieldAction, Scheme } from '../policy/index.js';
import { startOfDay } from './days.js';
import { categorySummaries, destinationSummaries, findDevice, upstreamAddresses } from './queries.js';
import type { DeviceInfo } from './views.js';

/** What one device sends, where, which kinds of personal data, and what the gateway stopped. */
export interface PrivacyReport {
  readonly generatedAt: number;
  readonly device: DeviceInfo;
  readonly period: { readonly from: number; readonly to: number };
  readonly totals: {
    readonly requests: number;
    readonly forwarded: number;
    readonly blocked: number;
    readonly errors: number;
    readonly violations: number;
    readonly bytesUp: number;
    readonly bytesDown: number;
  };
  readonly destinations: readonly ReportDestination[];
  readonly categories: readonly ReportCategory[];
  readonly blocked: readonly ReportBlock[];
  /** Declared (the device's imported MUD file) vs observed; absent when no MUD file was imported. */
  readonly mud?: MudComparison | undefined;
}

/** What the report needs beyond the ledger: the owner's naming and the maker's declarations. */
export interface ReportContext {
  readonly naming?: NamingContext;
  readonly declaredHosts?: readonly string[];
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
  /** Registrable domain, vendor (owner's or the catalogue's), party and countries. */
  readonly name: DestinationName;
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
  /** How the field was handled; `applied: false` means the policy would have acted (monitor mode). */
  readonly actions: readonly { readonly action: FieldAction; readonly applied: boolean; readonly count: number }[];
  readonly count: number;
  readonly changes: number;
  readonly lastSeen: number;
}

export interface ReportBlock {
  readonly host: string;
  readonly ruleId: string | null;
  readonly reason: string;
  /** false for violations monitor mode let through. */
  readonly enforced: boolean;
  readonly count: number;
  readonly lastAt: number;
}

interface BlockRow {
  host: string;
  rule_id: string | null;
  reason: string;
  enforced: number;
  count: number;
  last_at: number;
  violations: number;
}

function blocks(db: Database, deviceId: string): { blocked: ReportBlock[]; violations: number } {
  const rows = db
    .prepare<[string], BlockRow>(
      `SELECT host, rule_id, reason, verdict = 'block' AS enforced, count(*) AS count, max(at) AS last_at,
              sum(violation) AS violations
       FROM decisions WHERE device_id = ? AND (verdict = 'block' OR violation = 1)
       GROUP BY host, rule_id, reason, verdict ORDER BY count DESC, host`,
    )
    .all(deviceId);
  const blocked = rows.map((row) => ({
    host: row.host,
    ruleId: row.rule_id,
    reason: row.reason,
    enforced: row.enforced === 1,
    count: row.count,
    lastAt: row.last_at,
  }));
  return { blocked, violations: rows.reduce((sum, row) => sum + row.violations, 0) };
}

export function buildReport(db: Database, deviceId: string, now: number, context: ReportContext = {}): PrivacyReport {
  const naming = context.naming ?? NO_NAMING_CONTEXT;
  const addresses = upstreamAddresses(db, deviceId);
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
    name: nameDestination({
      host: d.host,
      ownerVendor: d.vendor ?? undefined,
      ownerParty: naming.ownerParty(d.host),
      manufacturer: naming.manufacturer,
      addresses: addresses.get(d.host),
    }),
  }));

  const { blocked, violations } = blocks(db, deviceId);
  const sum = (pick: (d: (typeof summaries)[number]) => number): number =>
    summaries.reduce((total, d) => total + pick(d), 0);
  return {
    generatedAt: now,
    device,
    period: { from, to: now },
    totals: {
      requests: sum((d) => d.forwarded + d.blocked + d.errors),
      forwarded: sum((d) => d.forwarded),
      blocked: sum((d) => d.blocked),
      errors: sum((d) => d.errors),
      violations,
      bytesUp: sum((d) => d.bytesUp),
      bytesDown: sum((d) => d.bytesDown),
    },
    destinations,
    categories,
    blocked,
    ...(context.declaredHosts === undefined || context.declaredHosts.length === 0
      ? {}
      : { mud: compareMud(context.declaredHosts, destinations.map((d) => d.host)) }),
  };
}
