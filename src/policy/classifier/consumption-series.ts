import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { SERVICE_METERING_WORDS } from './usage-descriptors.js';
import { readKey } from './words.js';

/**
 * `consumption-series`: a list of numbers under or beside a name that says consumption is the household's
 * use of energy, water or gas over time, day by day or hour by hour (docs/CORPUS.md: usage histories and daily
 * totals are behaviour; instantaneous power is not). A heat pump's `consumptionData.electrical.heating.d[*]`,
 * an hourly bucket list `data[*].value` beside its `totalConsumption`, a meter report's
 * `Consumption.ReportValues[*].Delta`. The list is the evidence that it is a history and not one reading; the
 * word is the evidence that what is listed is used up, not produced or measured (a solar yield, a temperature
 * log). In an entry that is a record, only its quantities: its times, ids, types and units say when and which.
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const CONSUMPTION_SERIES = 'consumption-series';

export const consumptionSeriesExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [CONSUMPTION_SERIES]: (f) => `a number in a series named by "${f.facts.container}" (the household's consumption over time, a usage history) → behaviour`,
};

/** Words that say what a series holds was used up. `consumpt` is how some vendors shorten it (`PowerConsumptMoter`). */
const CONSUMPTION_WORDS = new Set(['consumption', 'consumptions', 'consumed', 'consumpt', 'usage', 'usages']);
/**
 * Words that say it is not the household's draw: what its own panels supplied (`selfConsumption`), a rated or
 * limit figure, an ability flag, or a service's quota (an API's calls, a model's tokens).
 */
const NOT_CONSUMPTION = new Set(['self', 'max', 'min', 'limit', 'rated', 'nominal', 'can', 'has', ...SERVICE_METERING_WORDS]);
/** Keys of an entry that say when, which or how it is written, not how much was used. */
const NOT_QUANTITY = new Set(['time', 'timestamp', 'date', 'at', 'start', 'end', 'from', 'to', 'instant', 'id', 'ids', 'uuid', 'uid', 'gid', 'guid', 'type',
  'kind', 'unit', 'units', 'scale', 'resolution', 'interval', 'index', 'num', 'number', 'channel', 'complete', 'status', 'state', 'name', 'label']);

/**
 * Keys of a list that say nothing of what it lists (`data[*]`, `values[*]`): only such a list is named by a key beside
 * it. A list with a name of its own (`position[*]` beside `call_usage`) is that, whatever its siblings say.
 */
const BARE_LISTS = new Set(['data', 'values', 'value', 'items', 'entries', 'buckets', 'series', 'points', 'records', 'readings',
  'results', 'list', 'rows', 'samples', 'report values', 'intervals', 'periods']);

const readings = new BoundedMemo<number>(5_000, 256);
/** 1 when a key names consumption, -1 when it names something else's figure, 0 when it says neither. */
function consumptionWord(raw: string): number {
  return readings.get(raw, () => {
    const words = readKey(raw).words;
    if (words.some((w) => NOT_CONSUMPTION.has(w))) return -1;
    return words.some((w) => CONSUMPTION_WORDS.has(w)) ? 1 : 0;
  });
}

const quantities = new BoundedMemo<boolean>(5_000, 256);
function quantityKey(raw: string): boolean {
  return quantities.get(raw, () => !readKey(raw).words.some((w) => NOT_QUANTITY.has(w)));
}

/** The index of the last list index in a field's path, when the number is an entry or an entry's own key. */
function entryAt(field: ShapeField): number | undefined {
  const segments = field.segments;
  const n = segments.length;
  if (typeof segments[n - 1] === 'number') return n - 1;
  const key = segments[n - 1];
  if (n >= 2 && typeof segments[n - 2] === 'number' && typeof key === 'string' && quantityKey(key)) return n - 2;
  return undefined;
}

export function consumptionSeries(fields: readonly ShapeField[], add: Add): void {
  // Keys beside a list that name consumption (`totalConsumption` beside `data[*]`), by the list's parent path.
  const namedBeside = new Map<string, string>();
  for (const field of fields) {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || consumptionWord(key) !== 1) continue;
    namedBeside.set(prefixKey(field, -1), key);
  }
  fields.forEach((field, index) => {
    if (field.kind !== 'number') return;
    const at = entryAt(field);
    if (at === undefined) return;
    const container = seriesName(field, at, namedBeside);
    if (container !== undefined) add(index, seriesFinding(container));
  });
}

/** The key that names the series as consumption: an ancestor of the list, or a key beside the list. */
function seriesName(field: ShapeField, at: number, namedBeside: ReadonlyMap<string, string>): string | undefined {
  const segments = field.segments;
  let named: string | undefined;
  for (let i = 0; i < at; i++) {
    const segment = segments[i];
    if (typeof segment !== 'string') continue;
    const word = consumptionWord(segment);
    if (word === -1) return undefined;
    if (word === 1) named = segment;
  }
  if (named !== undefined) return named;
  // The list's key is the one before its index; its parent record is what comes before that key.
  const list = segments[at - 1];
  if (typeof list !== 'string' || !BARE_LISTS.has(readKey(list).words.join(' '))) return undefined;
  return namedBeside.get(prefixKey(field, at - 1));
}

const findings = new BoundedMemo<Finding>(256, 256);
function seriesFinding(container: string): Finding {
  return findings.get(container, () => finding(CONSUMPTION_SERIES, 'strong', ['behaviour'], { of: 'structure', container }));
}
