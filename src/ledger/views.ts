import { DATA_CATEGORIES, type DataCategory } from '../policy/index.js';
import type { FieldAction, Mode, Scheme } from '../policy/index.js';
import type { FieldExplanation, Outcome } from './pending.js';
import type { DeviceNetwork } from './network.js';

/** What the ledger answers. Times are epoch milliseconds; counts cover the retained days unless said. */

export interface DeviceInfo {
  readonly id: string;
  readonly name: string;
  readonly isDefault: boolean;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

export interface DeviceOverview extends DeviceInfo {
  /** Distinct hosts contacted. */
  readonly destinations: number;
  /** Distinct (host, field path) pairs sent. */
  readonly fields: number;
  readonly categories: readonly DataCategory[];
  /** Violations since local midnight. */
  readonly violationsToday: number;
  readonly bytesUp: number;
  readonly bytesDown: number;
}

export interface DestinationSummary {
  readonly vendor: string | null;
  readonly host: string;
  readonly port: number;
  readonly scheme: Scheme;
  /** false when at least one connection in the period was not inspectable (certificate pinning). */
  readonly inspectable: boolean;
  readonly forwarded: number;
  readonly blocked: number;
  readonly errors: number;
  readonly bytesUp: number;
  readonly bytesDown: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

export interface FieldSummary {
  readonly host: string;
  readonly path: string;
  readonly action: FieldAction;
  readonly applied: boolean;
  readonly opaque: boolean;
  readonly count: number;
  /** How often the value's fingerprint changed. */
  readonly changes: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Which detectors decided the category, in words ('' when none or not recorded). */
  readonly why: string;
}

export interface CategorySummary {
  /** null for fields the classifier named no category for. */
  readonly category: DataCategory | null;
  readonly label: string;
  readonly fields: readonly FieldSummary[];
}

export interface DecisionEntry {
  readonly id: number;
  readonly at: number;
  readonly host: string;
  readonly method: string | null;
  readonly path: string | null;
  readonly mode: Mode;
  readonly verdict: Outcome;
  readonly violation: boolean;
  readonly ruleId: string | null;
  readonly reason: string;
  readonly errorCode: string | null;
  /** What blocked the request, or would have in monitor mode (see ReportBlock.kind); null when nothing did. */
  readonly blockKind: string | null;
  readonly fields: readonly FieldExplanation[];
}

/** What an answer about a device leaves out, so a person knows the list is not everything. */
export interface NotShownSummary {
  /** Destinations of the period beyond the busiest ones listed. */
  readonly destinations: number;
  /** Field rows (a field under one category and action) beyond the busiest ones listed. */
  readonly fields: number;
  /** Requests to destinations past the daily per-device bound: counted, with their bytes, but not itemised. */
  readonly requestsPastBounds: number;
  readonly bytesUpPastBounds: number;
  readonly bytesDownPastBounds: number;
  /** Sightings of fields past the daily per-device bound. */
  readonly fieldSightingsPastBounds: number;
}

export interface DeviceSummary {
  readonly device: DeviceInfo;
  /** Start of the period covered (local midnight). */
  readonly since: number;
  readonly destinations: readonly DestinationSummary[];
  readonly categories: readonly CategorySummary[];
  readonly decisions: readonly DecisionEntry[];
  readonly notShown: NotShownSummary;
  /** DNS names, "uses its own DNS" findings and MQTT topics. */
  readonly network: DeviceNetwork;
}

const CATEGORY_SET: ReadonlySet<string> = new Set(DATA_CATEGORIES);
const ACTIONS: ReadonlySet<string> = new Set<FieldAction>(['allow', 'redact', 'hash', 'drop', 'block']);
const MODES: ReadonlySet<string> = new Set<Mode>(['monitor', 'enforce', 'lockdown']);
const OUTCOMES: ReadonlySet<string> = new Set<Outcome>(['forward', 'block', 'error']);

export const isDataCategory = (value: string): value is DataCategory => CATEGORY_SET.has(value);
export const isFieldAction = (value: string): value is FieldAction => ACTIONS.has(value);
export const isMode = (value: string): value is Mode => MODES.has(value);
export const isOutcome = (value: string): value is Outcome => OUTCOMES.has(value);
const SCHEMES: ReadonlySet<string> = new Set<Scheme>(['http', 'https', 'mqtt', 'mqtts']);
export const isScheme = (value: string): value is Scheme => SCHEMES.has(value);

/** Reads back the `explanation` JSON the ledger wrote; anything malformed is skipped, not trusted. */
export function parseFieldExplanations(text: string): FieldExplanation[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const result: FieldExplanation[] = [];
  for (const item of parsed as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const e = item as Record<string, unknown>;
    if (typeof e.path !== 'string' || typeof e.action !== 'string' || !isFieldAction(e.action)) continue;
    const categories = Array.isArray(e.categories)
      ? (e.categories as unknown[]).filter((c): c is string => typeof c === 'string')
      : [];
    result.push({
      path: e.path,
      categories,
      action: e.action,
      applied: e.applied === true,
      opaque: e.opaque === true,
      ruleId: typeof e.ruleId === 'string' ? e.ruleId : null,
      reason: typeof e.reason === 'string' ? e.reason : '',
    });
  }
  return result;
}
