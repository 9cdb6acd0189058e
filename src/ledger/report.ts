import type { Database } from 'better-sqlite3';
import { NO_NAMING_CONTEXT, nameDestination, type DestinationName, type NamingContext } from '../destinations/index.js';
import { compareMud, type MudComparison } from '../mud/index.js';
import type { DataCategory } from '../policy/index.js';
import type { FieldAction, Scheme } from '../policy/index.js';
import { startOfDay } from './days.js';
import { deviceNetwork, type DeviceNetwork } from './network.js';
import { categorySummaries, destinationSummaries, findDevice, notShownSummary, upstreamAddresses } from './queries.js';
import type { DeviceInfo, NotShownSummary } from './views.js';

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
  /** The report lists the busiest destinations, fields and blocks; these count what it leaves out. */
  readonly notShown: NotShownSummary & { readonly blocked: number };
  /** The names the device resolved through the gateway's DNS, and signs that it resolves around it. */
  readonly dns: DeviceNetwork['dns'];
  /** The MQTT topics it published to and received from (templated). */
  readonly mqtt: DeviceNetwork['mqtt'];
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

const MAX_LISTED_BLOCKS = 200;

/** The busiest kinds of block (at most MAX_LISTED_BLOCKS) and how many more kinds the report leaves out. */
function blocks(db: Database, deviceId: string): { blocked: ReportBlock[]; more: number } {
  const rows = db
    .prepare<[string], BlockRow>(
      `SELECT host, rule_id, block_kind, reason, verdict = 'block' AS enforced, count(*) AS count, max(at) AS last_at
       FROM decisions WHERE device_id = ? AND block_kind IS NOT NULL
       GROUP BY host, rule_id, block_kind, reason, verdict ORDER BY count DESC, host LIMIT ${MAX_LISTED_BLOCKS + 1}`,
    )
    .all(deviceId);
  const more = rows.length > MAX_LISTED_BLOCKS ? countBlockGroups(db, deviceId) - MAX_LISTED_BLOCKS : 0;
  rows.splice(MAX_LISTED_BLOCKS);
  const blocked = rows.map((row) => ({
    host: row.host,
    ruleId: row.rule_id,
    kind: row.block_kind,
    reason: row.reason,
    enforced: row.enforced === 1,
    count: row.count,
    lastAt: row.last_at,
  }));
  return { blocked, more };
}

function countBlockGroups(db: Database, deviceId: string): number {
  const row = db
    .prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM decisions WHERE device_id = ? AND block_kind IS NOT NULL
         GROUP BY host, rule_id, block_kind, reason, verdict)`,
    )
    .get(deviceId);
  return row?.n ?? 0;
}

interface CountRow {
  violations: number;
  edited: number;
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

interface TotalsRow {
  forwarded: number | null;
  blocked: number | null;
  errors: number | null;
  bytes_up: number | null;
  bytes_down: number | null;
  first_seen: number | null;
}

/** Totals over every destination retained, listed or not (the lists are capped; the totals are not). */
function destinationTotals(db: Database, deviceId: string): TotalsRow | undefined {
  return db
    .prepare<[string], TotalsRow>(
      `SELECT sum(forwarded) AS forwarded, sum(blocked) AS blocked, sum(errors) AS errors, sum(bytes_up) AS bytes_up,
              sum(bytes_down) AS bytes_down, min(first_seen) AS first_seen
       FROM destinations WHERE device_id = ?`,
    )
    .get(deviceId);
}

export function buildReport(db: Database, deviceId: string, now: number, context: ReportContext = {}): PrivacyReport {
  const naming = context.naming ?? NO_NAMING_CONTEXT;
  const addresses = upstreamAddresses(db, deviceId);
  const device = findDevice(db, deviceId);
  // Everything retained: '' sorts before every day key.
  const summaries = destinationSummaries(db, deviceId, '');
  const categorySummary = categorySummaries(db, deviceId, '');
  const totals = destinationTotals(db, deviceId);
  const notShown = notShownSummary(db, deviceId, '');
  const from = startOfDay(Math.min(device.lastSeen, totals?.first_seen ?? device.lastSeen));

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

  const { blocked, more } = blocks(db, deviceId);
  const { violations, edited } = counts(db, deviceId);
  const forwarded = totals?.forwarded ?? 0;
  const blockedCount = totals?.blocked ?? 0;
  const errors = totals?.errors ?? 0;
  return {
    generatedAt: now,
    device,
    period: { from, to: now },
    totals: {
      // Requests past the daily bounds have no destination row of their own; they still count.
      requests: forwarded + blockedCount + errors + notShown.requestsPastBounds,
      forwarded,
      edited,
      blocked: blockedCount,
      errors,
      violations,
      bytesUp: (totals?.bytes_up ?? 0) + notShown.bytesUpPastBounds,
      bytesDown: (totals?.bytes_down ?? 0) + notShown.bytesDownPastBounds,
    },
    destinations,
    categories,
    blocked,
    notShown: { ...notShown, blocked: more },
    ...deviceNetwork(db, deviceId),
    ...(context.declaredHosts === undefined || context.declaredHosts.length === 0
      ? {}
      : { mud: compareMud(context.declaredHosts, destinations.map((d) => d.host)) }),
  };
}
