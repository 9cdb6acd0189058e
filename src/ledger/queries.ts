import type { Database } from 'better-sqlite3';
import { GatewayError } from '../errors.js';
import { CATEGORY_LABELS, DATA_CATEGORIES } from '../policy/index.js';
import { dayKey, startOfDay, startOfDayBefore } from './days.js';
import { deviceNetwork } from './network.js';
import {
  type CategorySummary,
  type DecisionEntry,
  type DestinationSummary,
  type DeviceInfo,
  type DeviceOverview,
  type DeviceSummary,
  type FieldSummary,
  type NotShownSummary,
  isDataCategory,
  isFieldAction,
  isMode,
  isOutcome,
  isScheme,
  parseFieldExplanations,
} from './views.js';

const DEVICE_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;
const RECENT_DECISIONS = 50;
/**
 * What one answer about a device lists at most: the busiest destinations and field rows of the period.
 * Sized so that a device that contacted 20,000 hosts still gets an answer of some 100 KB, not megabytes;
 * the rest is counted in `notShown`.
 */
export const MAX_LISTED_DESTINATIONS = 200;
export const MAX_LISTED_FIELDS = 500;
export const UNCATEGORISED_LABEL = 'Not classified';

/** Device ids come from URLs and websocket frames: check them before they reach SQL. */
export function validateDeviceId(deviceId: unknown): string {
  if (typeof deviceId !== 'string' || !DEVICE_ID.test(deviceId)) {
    throw new GatewayError(
      'REQUEST_INVALID',
      'A device id is 1 to 128 characters: letters, digits and . _ : @ - (starting with a letter or digit).',
      [`deviceId: ${JSON.stringify(String(deviceId).slice(0, 40))}`],
    );
  }
  return deviceId;
}

export function validateCount(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new GatewayError('REQUEST_INVALID', `${name} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

interface DeviceRow {
  id: string;
  name: string;
  is_default: number;
  first_seen: number;
  last_seen: number;
}

const toDeviceInfo = (row: DeviceRow): DeviceInfo => ({
  id: row.id,
  name: row.name,
  isDefault: row.is_default === 1,
  firstSeen: row.first_seen,
  lastSeen: row.last_seen,
});

export function findDevice(db: Database, deviceId: string): DeviceInfo {
  const row = db.prepare<[string], DeviceRow>('SELECT * FROM devices WHERE id = ?').get(deviceId);
  if (!row) {
    throw new GatewayError(
      'NOT_FOUND',
      `The ledger has nothing for device '${deviceId}': it appears once the device sends traffic through the gateway.`,
    );
  }
  return toDeviceInfo(row);
}

interface OverviewRow extends DeviceRow {
  destinations: number;
  fields: number;
  categories: string | null;
  violations_today: number;
  bytes_up: number;
  bytes_down: number;
}

export function listDevices(db: Database, now: number): DeviceOverview[] {
  const rows = db
    .prepare<{ today: number }, OverviewRow>(
      `SELECT d.*,
         (SELECT count(DISTINCT host) FROM destinations WHERE device_id = d.id) AS destinations,
         (SELECT count(*) FROM (SELECT DISTINCT host, path FROM field_observations WHERE device_id = d.id)) AS fields,
         (SELECT group_concat(category) FROM (SELECT DISTINCT category FROM field_observations
            WHERE device_id = d.id AND category != '')) AS categories,
         (SELECT count(*) FROM decisions WHERE device_id = d.id AND violation = 1 AND at >= @today) AS violations_today,
         (SELECT coalesce(sum(bytes_up), 0) FROM destinations WHERE device_id = d.id) AS bytes_up,
         (SELECT coalesce(sum(bytes_down), 0) FROM destinations WHERE device_id = d.id) AS bytes_down
       FROM devices d ORDER BY d.name, d.id`,
    )
    .all({ today: startOfDay(now) });
  return rows.map((row) => ({
    ...toDeviceInfo(row),
    destinations: row.destinations,
    fields: row.fields,
    categories: DATA_CATEGORIES.filter((c) => (row.categories ?? '').split(',').includes(c)),
    violationsToday: row.violations_today,
    bytesUp: row.bytes_up,
    bytesDown: row.bytes_down,
  }));
}

interface DestinationRow {
  vendor: string | null;
  host: string;
  port: number;
  scheme: string;
  inspectable: number;
  forwarded: number;
  blocked: number;
  errors: number;
  bytes_up: number;
  bytes_down: number;
  first_seen: number;
  last_seen: number;
}

export function destinationSummaries(
  db: Database,
  deviceId: string,
  sinceDay: string,
  limit = MAX_LISTED_DESTINATIONS,
): DestinationSummary[] {
  const rows = db
    .prepare<[string, string, number], DestinationRow>(
      `SELECT max(vendor) AS vendor, host, port, scheme, min(inspectable) AS inspectable,
              sum(forwarded) AS forwarded, sum(blocked) AS blocked, sum(errors) AS errors,
              sum(bytes_up) AS bytes_up, sum(bytes_down) AS bytes_down,
              min(first_seen) AS first_seen, max(last_seen) AS last_seen
       FROM destinations WHERE device_id = ? AND day >= ?
       GROUP BY host, port, scheme ORDER BY sum(forwarded + blocked + errors) DESC, host, port LIMIT ?`,
    )
    .all(deviceId, sinceDay, limit);
  // The busiest are picked; they are listed by vendor and host, as a person scans them.
  rows.sort(
    (a, b) =>
      Number(a.vendor === null) - Number(b.vendor === null) ||
      (a.vendor ?? '').localeCompare(b.vendor ?? '') ||
      compareText(a.host, b.host) ||
      a.port - b.port,
  );
  return rows.flatMap((row) =>
    isScheme(row.scheme)
      ? [
          {
            vendor: row.vendor,
            host: row.host,
            port: row.port,
            scheme: row.scheme,
            inspectable: row.inspectable === 1,
            forwarded: row.forwarded,
            blocked: row.blocked,
            errors: row.errors,
            bytesUp: row.bytes_up,
            bytesDown: row.bytes_down,
            firstSeen: row.first_seen,
            lastSeen: row.last_seen,
          },
        ]
      : [],
  );
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface NotShownRow {
  destinations: number;
  fields: number;
  requests: number | null;
  bytes_up: number | null;
  bytes_down: number | null;
  sightings: number | null;
}

/** What an answer about the device since `sinceDay` leaves out (see MAX_LISTED_* and LedgerBounds). */
export function notShownSummary(db: Database, deviceId: string, sinceDay: string): NotShownSummary {
  const row = db
    .prepare<{ deviceId: string; sinceDay: string }, NotShownRow>(
      `SELECT
         (SELECT count(*) FROM (SELECT 1 FROM destinations WHERE device_id = @deviceId AND day >= @sinceDay
            GROUP BY host, port, scheme)) AS destinations,
         (SELECT count(*) FROM (SELECT 1 FROM field_observations WHERE device_id = @deviceId AND day >= @sinceDay
            GROUP BY category, host, path, action, applied, opaque)) AS fields,
         (SELECT sum(count) FROM not_shown WHERE device_id = @deviceId AND day >= @sinceDay AND kind = 'destination') AS requests,
         (SELECT sum(bytes_up) FROM not_shown WHERE device_id = @deviceId AND day >= @sinceDay AND kind = 'destination') AS bytes_up,
         (SELECT sum(bytes_down) FROM not_shown WHERE device_id = @deviceId AND day >= @sinceDay AND kind = 'destination') AS bytes_down,
         (SELECT sum(count) FROM not_shown WHERE device_id = @deviceId AND day >= @sinceDay AND kind = 'field') AS sightings`,
    )
    .get({ deviceId, sinceDay });
  return {
    destinations: Math.max(0, (row?.destinations ?? 0) - MAX_LISTED_DESTINATIONS),
    fields: Math.max(0, (row?.fields ?? 0) - MAX_LISTED_FIELDS),
    requestsPastBounds: row?.requests ?? 0,
    bytesUpPastBounds: row?.bytes_up ?? 0,
    bytesDownPastBounds: row?.bytes_down ?? 0,
    fieldSightingsPastBounds: row?.sightings ?? 0,
  };
}

interface FieldRow {
  category: string;
  host: string;
  path: string;
  action: string;
  applied: number;
  opaque: number;
  count: number;
  changes: number;
  first_seen: number;
  last_seen: number;
  why: string | null;
}

export function categorySummaries(
  db: Database,
  deviceId: string,
  sinceDay: string,
  limit = MAX_LISTED_FIELDS,
): CategorySummary[] {
  const rows = db
    .prepare<[string, string, number], FieldRow>(
      `SELECT category, host, path, action, applied, opaque, sum(count) AS count, sum(changes) AS changes,
              min(first_seen) AS first_seen, max(last_seen) AS last_seen,
              -- One of the explanations recorded for the field over the period ('' sorts first: any recorded one wins).
              max(why) AS why
       FROM field_observations WHERE device_id = ? AND day >= ?
       GROUP BY category, host, path, action, applied, opaque
       ORDER BY category = '', sum(count) DESC, host, path, action LIMIT ?`,
    )
    .all(deviceId, sinceDay, limit);
  rows.sort((a, b) => compareText(a.host, b.host) || compareText(a.path, b.path) || compareText(a.action, b.action));
  const byCategory = new Map<string, FieldSummary[]>();
  for (const row of rows) {
    if (!isFieldAction(row.action)) continue;
    const list = byCategory.get(row.category) ?? [];
    list.push({
      host: row.host,
      path: row.path,
      action: row.action,
      applied: row.applied === 1,
      opaque: row.opaque === 1,
      count: row.count,
      changes: row.changes,
      firstSeen: row.first_seen,
      lastSeen: row.last_seen,
      why: row.why ?? '',
    });
    byCategory.set(row.category, list);
  }
  const result: CategorySummary[] = [];
  for (const category of DATA_CATEGORIES) {
    const fields = byCategory.get(category);
    if (fields) result.push({ category, label: CATEGORY_LABELS[category], fields });
  }
  const unnamed = [...byCategory].filter(([category]) => !isDataCategory(category)).flatMap(([, fields]) => fields);
  if (unnamed.length > 0) result.push({ category: null, label: UNCATEGORISED_LABEL, fields: unnamed });
  return result;
}

interface DecisionRow {
  id: number;
  at: number;
  host: string;
  method: string | null;
  path: string | null;
  mode: string;
  verdict: string;
  violation: number;
  rule_id: string | null;
  reason: string;
  error_code: string | null;
  explanation: string;
  block_kind: string | null;
}

export function listDecisions(db: Database, deviceId: string, sinceMs: number, limit: number): DecisionEntry[] {
  const rows = db
    .prepare<[string, number, number], DecisionRow>(
      'SELECT * FROM decisions_explained WHERE device_id = ? AND at >= ? ORDER BY at DESC, id DESC LIMIT ?',
    )
    .all(deviceId, sinceMs, limit);
  return rows.flatMap((row) =>
    isMode(row.mode) && isOutcome(row.verdict)
      ? [
          {
            id: row.id,
            at: row.at,
            host: row.host,
            method: row.method,
            path: row.path,
            mode: row.mode,
            verdict: row.verdict,
            violation: row.violation === 1,
            ruleId: row.rule_id,
            reason: row.reason,
            errorCode: row.error_code,
            blockKind: row.block_kind,
            fields: parseFieldExplanations(row.explanation),
          },
        ]
      : [],
  );
}

/** `sinceDays` = 1 is today only; undefined covers everything retained. */
export function summarizeDevice(db: Database, deviceId: string, now: number, sinceDays?: number): DeviceSummary {
  const device = findDevice(db, deviceId);
  const since = sinceDays === undefined ? startOfDay(device.firstSeen) : startOfDayBefore(now, sinceDays - 1);
  const sinceDay = dayKey(since);
  return {
    device,
    since,
    destinations: destinationSummaries(db, deviceId, sinceDay),
    categories: categorySummaries(db, deviceId, sinceDay),
    decisions: listDecisions(db, deviceId, since, RECENT_DECISIONS),
    notShown: notShownSummary(db, deviceId, sinceDay),
    network: deviceNetwork(db, deviceId, sinceDay),
  };
}

/** Retained vendor addresses per host for one device, newest day first, at most `perHost` each. */
export function upstreamAddresses(db: Database, deviceId: string, perHost = 32): Map<string, string[]> {
  const rows = db
    .prepare<[string], { host: string; address: string }>(
      'SELECT host, address FROM upstream_addresses WHERE device_id = ? GROUP BY host, address ORDER BY host, max(day) DESC',
    )
    .all(deviceId);
  const byHost = new Map<string, string[]>();
  for (const { host, address } of rows) {
    const list = byHost.get(host) ?? [];
    if (list.length < perHost) list.push(address);
    byHost.set(host, list);
  }
  return byHost;
}
