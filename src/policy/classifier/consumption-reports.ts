import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `consumption-report`: a meter's report of what the household used over a period gives the use (`Consumption`,
 * `ConsumptionKWh`) with its sum, bounds, average and change (`Sum`, `Max`, `MinConsumption`, `AvgDelta`,
 * `TotalDelta`) and what it cost (`SumCurrency`, `MaxCurrency`): all of them are the household's use over time
 * (docs/CORPUS.md: consumption histories are behaviour), in the record and in each of its periods, and in a record
 * named for the use (`Consumption: {Sum, Max}`). Beside them, the
 * draw right now (`CurrentConsumption`, `currentPowerConsumption`, `liveUsage`: a meter's instantaneous reading) is
 * the machine's present state, not a use over a period: it vetoes behaviour, unless a period is named with it
 * (`currentMonthConsumption`) or the key gives an amount consumed (`CurrentEnergyConsumed`).
 * Reads only keys: memoised per payload shape.
 */
export const CONSUMPTION_REPORT = 'consumption-report';

export const consumptionReportExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [CONSUMPTION_REPORT]: (f) =>
    f.signal === 'veto' ? "the draw right now (a meter's present reading), not a use over a period (not behaviour)"
      : 'a sum, bound, average, change or cost of the use in a consumption report (the household\'s use over time) → behaviour',
};

const USE_WORDS = new Set(['consumption', 'consumed', 'usage']);
const AGGREGATE_WORDS = new Set(['sum', 'total', 'max', 'min', 'maximum', 'minimum', 'avg', 'average', 'mean', 'delta']);
/** What else an aggregate's key may say: its unit, that it is priced, the use itself. */
const AGGREGATE_COMPANIONS = new Set(['currency', 'cost', 'costs', 'price', 'kwh', 'k', 'wh', 'm', 'm3', 'l', 'liters', 'litres',
  ...USE_WORDS]);
const DRAW_WORDS = new Set(['consumption', 'usage']);
const LIVE_WORDS = new Set(['current', 'live', 'instant', 'instantaneous', 'now', 'actual']);
const PERIOD_WORDS = new Set(['today', 'day', 'daily', 'week', 'weekly', 'month', 'monthly', 'year', 'yearly', 'period', 'total', 'hour', 'hourly']);

type Reading = 'use' | 'aggregate' | 'live';
const readings = new BoundedMemo<Reading | null>(5_000, 256);
function readingOf(raw: string): Reading | undefined {
  return readings.get(raw, () => {
    const words = readKey(raw).words.map((w) => w.toLowerCase());
    const use = words.some((w) => USE_WORDS.has(w));
    // `consumed` is an amount (MELCloud's `CurrentEnergyConsumed` counts up): only a consumption or usage is a draw.
    if (words.some((w) => DRAW_WORDS.has(w)) && LIVE_WORDS.has(words[0] ?? '') && !words.some((w) => PERIOD_WORDS.has(w))) return 'live';
    if (words.some((w) => AGGREGATE_WORDS.has(w)) && words.every((w) => AGGREGATE_WORDS.has(w) || AGGREGATE_COMPANIONS.has(w))) return 'aggregate';
    if (use && words.every((w) => AGGREGATE_COMPANIONS.has(w))) return 'use';
    return null;
  }) ?? undefined;
}

/** A report record named for the use itself (`Consumption: {Sum, Max, SumCurrency}`). */
function namesUse(parent: string | number | undefined): boolean {
  return typeof parent === 'string' && readingOf(parent) === 'use';
}

export function consumptionReports(fields: readonly ShapeField[], add: Add): void {
  let records: Map<string, { use: boolean; aggregates: number[] }> | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || field.kind !== 'number') return;
    const reading = readingOf(key);
    if (reading === undefined) return;
    if (reading === 'live') {
      add(index, LIVE);
      return;
    }
    const record = prefixKey(field, -1);
    records ??= new Map();
    let entry = records.get(record);
    if (entry === undefined) records.set(record, (entry = { use: namesUse(field.segments[field.segments.length - 2]), aggregates: [] }));
    if (reading === 'use') entry.use = true;
    // The use itself is an aggregate of the report too (`Consumption` beside `Sum`); the key vocabulary reads most of them.
    entry.aggregates.push(index);
  });
  if (records === undefined) return;
  for (const { use, aggregates } of records.values()) if (use) for (const index of aggregates) add(index, AGGREGATE);
}

const AGGREGATE = finding(CONSUMPTION_REPORT, 'strong', ['behaviour'], { of: 'structure' });
const LIVE = finding(CONSUMPTION_REPORT, 'veto', ['behaviour'], { of: 'structure' });
