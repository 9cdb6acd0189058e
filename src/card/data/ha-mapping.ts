import {
  byExposure,
  trustScore,
  type Access,
  type CategoryGroup,
  type DataCategory,
  type DestinationRow,
  type Party,
  type DeviceDetail,
  type FieldAction,
  type FieldRow,
  type HouseholdView,
  type OpaquePayload,
  type PrivacyEvent,
  CATEGORIES,
  FIELD_ACTIONS,
} from '../model.js';
import type { ConditionedRuleView } from '../model.js';
import { conditionedRules, statesFromFrame } from './conditions-view.js';
import type { CardEvent, DeviceReport, DeviceStats, DevicesResult, EventData } from './ha-protocol.js';
import { networkFromHa } from './network-mapping.js';

/**
 * What the integration observed of a device (device_report's `observed_destinations` and `fields`,
 * docs/HUB_PROTOCOL.md), in the card's terms: times are epoch milliseconds. Undefined lists: an
 * integration that does not keep them, so the card falls back to the events it saw.
 */
export interface ObservedHistory {
  readonly destinations: readonly ObservedDestination[] | undefined;
  readonly fields: readonly ObservedField[] | undefined;
}

export interface ObservedDestination {
  readonly host: string;
  readonly vendor: string | undefined;
  readonly party?: Party | undefined;
  readonly countries?: readonly string[] | undefined;
  readonly inspectable: boolean | undefined;
  readonly requests: number;
  readonly blocked: number;
  readonly firstSeen: number | undefined;
  readonly lastSeen: number | undefined;
}

export interface ObservedField {
  readonly path: string;
  readonly categories: readonly DataCategory[];
  readonly action: FieldAction;
  readonly opaque: boolean;
  readonly count: number;
  readonly host: string | undefined;
  readonly lastSeen: number | undefined;
  /** Which signal decided the category, when the integration recorded it. */
  readonly why?: string | undefined;
}

const NOTHING_OBSERVED: ObservedHistory = { destinations: undefined, fields: undefined };

/** An event the card saw, kept with its raw data (field path, category, action) for the field groups. */
export interface SeenEvent extends PrivacyEvent {
  readonly deviceId: string | undefined;
  readonly vendor: string | undefined;
  readonly category: DataCategory | undefined;
  readonly action: FieldAction | undefined;
}

function asCategory(value: string | null | undefined): DataCategory | undefined {
  return CATEGORIES.find((category) => category === value);
}

function asAction(value: string | null | undefined): FieldAction | undefined {
  return FIELD_ACTIONS.find((action) => action === value);
}

export function toSeenEvent(event: Extract<CardEvent, { type: 'event' }>, at: number): SeenEvent {
  return fromEventData(event.event_type, event.data, at);
}

export function fromEventData(type: SeenEvent['type'], data: EventData, at: number): SeenEvent {
  return {
    at,
    type,
    deviceId: data.device_id ?? undefined,
    host: data.destination ?? '',
    vendor: data.vendor ?? undefined,
    fieldPath: data.field_path ?? undefined,
    category: asCategory(data.category),
    action: asAction(data.action),
    explanation: data.explanation ?? '',
  };
}

function statsTrust(stats: DeviceStats): ReturnType<typeof trustScore> {
  const computed = trustScore(stats.violations_today, stats.new_destinations_today, stats.opaque_payloads_today);
  // The integration's own score wins if it ever changes its formula; the reasons stay ours.
  return { score: stats.trust_score ?? computed.score, reasons: computed.reasons };
}

export function householdFromHa(result: DevicesResult): HouseholdView {
  const devices = result.devices.map((device) => {
    const { score, reasons } = statsTrust(device.stats);
    return {
      id: device.device_id,
      name: device.name,
      mode: device.mode ?? undefined,
      quarantined: device.quarantined,
      trustScore: score,
      reasons,
      violationsToday: device.stats.violations_today,
      destinations: device.stats.destinations.length,
      bytesUploaded: device.stats.bytes_uploaded,
      lastSeen: device.stats.last_seen,
    };
  });
  return { connected: result.connected, mode: result.mode, devices: devices.sort(byExposure) };
}

/** `*` matches every host, `*.x.com` its subdomains, anything else itself. */
export function hostMatches(glob: string, host: string): boolean {
  const pattern = glob.toLowerCase();
  const name = host.toLowerCase();
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return name.endsWith(pattern.slice(1));
  return pattern === name;
}

interface AccessRule {
  readonly glob: string;
  readonly access: Access;
  readonly vendor: string | undefined;
}

/** The most specific matching rule decides: an exact host over a glob, a longer glob over a shorter. */
function accessFor(rules: readonly AccessRule[], host: string): AccessRule | undefined {
  return rules
    .filter((rule) => hostMatches(rule.glob, host))
    .sort((a, b) => Number(b.glob === host) - Number(a.glob === host) || b.glob.length - a.glob.length)[0];
}

function destinations(report: DeviceReport, events: readonly SeenEvent[], observed: ObservedHistory): DestinationRow[] {
  const rules: AccessRule[] = report.destinations.flatMap((d) =>
    d.hosts.map((glob) => ({ glob, access: d.access, vendor: d.vendor ?? undefined })),
  );
  const known = new Map((observed.destinations ?? []).map((destination) => [destination.host, destination]));
  const hosts = new Set([...known.keys(), ...report.stats.destinations, ...rules.map((rule) => rule.glob)]);
  // In lockdown a destination the device's policy does not list is refused (docs/POLICY.md, Modes).
  const unlisted: Access = report.mode === 'lockdown' ? 'block' : 'allow';
  return [...hosts].map((host) => {
    const rule = accessFor(rules, host);
    const seen = events.filter((event) => event.host === host);
    const history = known.get(host);
    return {
      host,
      vendor: rule?.vendor ?? history?.vendor ?? seen.find((event) => event.vendor !== undefined)?.vendor,
      party: history?.party,
      countries: history?.countries,
      inspectable: history?.inspectable,
      access: rule?.access ?? unlisted,
      explicit: rule !== undefined,
      requests: history?.requests,
      blocked: history?.blocked,
      firstSeen: history?.firstSeen,
      lastSeen: Math.max(history?.lastSeen ?? 0, seen[0]?.at ?? 0) || undefined,
    };
  });
}

function categories(report: DeviceReport, events: readonly SeenEvent[], observed: ObservedHistory): CategoryGroup[] {
  const applied = report.mode !== 'monitor';
  const categoryRule = new Map<DataCategory, FieldAction>();
  const fieldRule = new Map<string, FieldAction>();
  for (const rule of report.rules) {
    if (rule.path !== undefined) fieldRule.set(rule.path, rule.action);
    else if (rule.category !== undefined) categoryRule.set(rule.category, rule.action);
  }
  const fields = new Map<string, { category: DataCategory | undefined; row: FieldRow }>();
  for (const path of fieldRule.keys()) {
    // Seen nowhere yet while the card is open: the count is unknown, not zero.
    fields.set(path, { category: undefined, row: fieldRow(path, undefined, undefined, undefined) });
  }
  for (const field of observed.fields ?? []) {
    fields.set(field.path, {
      category: field.categories[0],
      row: { ...fieldRow(field.path, field.host, field.count, field.lastSeen, field.action), opaque: field.opaque, why: field.why },
    });
  }
  const counted = new Set(observed.fields?.map((field) => field.path));
  for (const event of events) {
    // The integration's field counts already include what these events report.
    if (event.fieldPath === undefined || counted.has(event.fieldPath)) continue;
    const known = fields.get(event.fieldPath);
    const count = (known?.row.count ?? 0) + 1;
    const lastSeen = Math.max(known?.row.lastSeen ?? 0, event.at);
    fields.set(event.fieldPath, {
      category: known?.category ?? event.category,
      row: fieldRow(event.fieldPath, known?.row.host ?? event.host, count, lastSeen, event.action),
    });
  }
  function fieldRow(path: string, host: string | undefined, count: number | undefined, lastSeen: number | undefined, seen?: FieldAction): FieldRow {
    return { path, host, action: fieldRule.get(path) ?? seen ?? 'allow', applied, opaque: false, count, lastSeen };
  }
  const groups = new Map<DataCategory | undefined, FieldRow[]>();
  for (const category of categoryRule.keys()) groups.set(category, []);
  for (const { category, row } of fields.values()) {
    const action = fieldRule.get(row.path) ?? (category ? categoryRule.get(category) : undefined) ?? row.action;
    groups.set(category, [...(groups.get(category) ?? []), { ...row, action }]);
  }
  return [...groups].map(([category, rows]) => ({
    category,
    action: category ? categoryRule.get(category) : undefined,
    fields: rows.sort((a, b) => a.path.localeCompare(b.path)),
  }));
}

/**
 * Newest first. `events` are what this device reported (from the report, or seen live since the card
 * opened); `observed` is the integration's record of its destinations and fields, when it keeps one.
 */
export function deviceFromHa(report: DeviceReport, events: readonly SeenEvent[], observed: ObservedHistory = NOTHING_OBSERVED): DeviceDetail {
  const own = events.filter((event) => event.deviceId === report.device_id).sort((a, b) => b.at - a.at);
  const { score, reasons } = statsTrust(report.stats);
  const opaque: OpaquePayload[] = own
    .filter((event) => event.type === 'opaque_payload')
    .map((event) => ({ host: event.host, fieldPath: event.fieldPath, explanation: event.explanation, lastSeen: event.at }));
  return {
    id: report.device_id,
    name: report.name,
    mode: report.mode ?? undefined,
    quarantined: report.quarantined,
    connected: report.sidecar_connected,
    trustScore: score,
    reasons,
    destinations: destinations(report, own, observed),
    categories: categories(report, own.filter((event) => event.type === 'violation'), observed),
    violations: own.filter((event) => event.type === 'violation'),
    opaque,
    lastSeen: report.stats.last_seen,
    ...conditionsOf(report),
    network: networkFromHa(report.stats),
  };
}

/** Conditioned rules, read against Home Assistant's states; the gateway keeps its last ones while away. */
function conditionsOf(report: DeviceReport): { conditions?: ConditionedRuleView[] } {
  const conditions = conditionedRules({
    rules: report.rules,
    destinations: report.destinations,
    modes: report.mode_when,
    states: statesFromFrame(report.condition_states, true),
    stale: report.sidecar_connected ? undefined : 'gateway-away',
  });
  return conditions.length === 0 ? {} : { conditions };
}
