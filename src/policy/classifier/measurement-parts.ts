import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { detectKeyWords } from './key-detectors.js';
import type { Add, ShapeField } from './shape.js';
import { categoriesToMask } from './mask.js';
import { HEALTH_UNITS } from './vocabulary.js';
import { readKey } from './words.js';

/**
 * What a reading of a body says about itself, beside the reading:
 * - `measurement-flag` (shape): in a record holding a body measurement (a key the vocabulary reads as one,
 *   `sgv`, `glucose`, or a number with a body's unit, `ValueInMgPerDl`), the flags that grade it
 *   (`isHigh`, `isLow`, `inRange`, `hypo`), the colour it is shown in (`MeasurementColor`), its trend
 *   (`trend`, `direction`) and a plain `value` beside it are the same measurement: whether somebody's
 *   glucose is too high is as much health as the number;
 * - `glucose-trend` (values): the trend names every continuous glucose monitor shares (Dexcom Share and
 *   Nightscout's `direction`: `DoubleUp`, `SingleUp`, `FortyFiveUp`, `Flat`, `FortyFiveDown`,
 *   `SingleDown`, `DoubleDown`, `NOT COMPUTABLE`, `RATE OUT OF RANGE`) under a key naming a trend or a
 *   direction are health, and so is the plain `value` of the record that holds one (`{Value: 224,
 *   Trend: "Flat"}`).
 */
export const MEASUREMENT_FLAG = 'measurement-flag';
/**
 * `body-count`: in a record of three or more body measurements (a night's sleep stages, a workout's
 * heart rates), a count of something (`sleep_cycle_count`, `disturbance_count`, `times_awoken`) counts
 * what the body did: health, although a count is otherwise a reading (negative vocabulary). Not a bare
 * `count`/`total` (how many records a page holds).
 */
export const BODY_COUNT = 'body-count';
const MIN_COUNTED = 3;
const COUNT_WORDS = new Set(['count', 'counts', 'times', 'number', 'num']);
const countKeys = new BoundedMemo<boolean>(5_000, 256);
function bodyCount(raw: string): boolean {
  const counted = countKeys.get(raw, () => {
    let counted: boolean;
    const words = readKey(raw).words;
    const countWords = words.filter((w) => COUNT_WORDS.has(w)).length;
    counted = countWords === 1 && words.length >= 2 && words.length <= 4 && !words.some((w) => w === 'id' || w === 'page' || w === 'record' || w === 'records' || w === 'item' || w === 'items');
    return counted;
  });
  return counted;
}
export const GLUCOSE_TREND = 'glucose-trend';

export const measurementPartExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [MEASUREMENT_FLAG]: (f) => `the ${f.facts.part} of a body measurement ("${f.facts.sibling}") in the same record → health`,
  [BODY_COUNT]: (f) => `a count in a record of ${f.facts.count} body measurements (such as "${f.facts.sibling}"): what the body did → health`,
  [GLUCOSE_TREND]: (f) =>
    f.facts.part === 'value'
      ? `a value in a record whose trend is a glucose monitor's → health`
      : `a glucose monitor's trend name → health`,
};

const lastKey = (field: { readonly segments: readonly (string | number)[] }) => field.segments[field.segments.length - 1];

/** Words that grade a measurement against its range, after an `is`/`has` (`isHigh`, `inRange`, `too_low`). */
const GRADE_WORDS = new Set(['high', 'low', 'hypo', 'hyper', 'range', 'elevated', 'normal', 'abnormal', 'critical']);
const GRADE_PREFIXES = new Set(['is', 'in', 'out', 'too', 'above', 'below', 'has', 'was']);
const TREND_WORDS = new Set(['trend', 'direction', 'arrow', 'slope']);
const COLOUR_WORDS = new Set(['color', 'colour']);
const VALUE_WORDS = new Set(['value', 'val', 'reading', 'amount', 'result']);

type Part = 'grade' | 'colour' | 'trend' | 'value';

/** What a key of a measurement's record is, when it is one of its parts (cached: keys come from senders). */
const partCache = new BoundedMemo<Part | null>(5_000, 256);
function partOf(raw: string): Part | undefined {
  const part = partCache.get(raw, () => {
    let part: Part | null;
    const read = readKey(raw);
    const words = read.words;
    const head = words[words.length - 1] ?? '';
    part = null;
    // A key with its own unit (`ValueInMgPerDl`) is a measurement, not a part of one.
    if (read.unit !== undefined) part = null;
    else if (words.length === 1 && VALUE_WORDS.has(head)) part = 'value';
    else if (words.length <= 3 && TREND_WORDS.has(head)) part = 'trend';
    else if (words.length === 2 && COLOUR_WORDS.has(head) && (words[0] === 'measurement' || words[0] === 'reading' || words[0] === 'value')) part = 'colour';
    else if (GRADE_WORDS.has(head) && (words.length === 1 ? head !== 'normal' : words.length <= 3 && GRADE_PREFIXES.has(words[0] ?? ''))) part = 'grade';
    return part;
  });
  return part ?? undefined;
}

/** The vocabulary's words for a key read as a body measurement, or undefined (cached). */
const measureCache = new BoundedMemo<string | null>(5_000, 256);
export function measurementWords(raw: string, kind: ShapeField['kind']): string | undefined {
  const cacheKey = `${kind === 'number' ? 'n' : 's'}${raw}`;
  const words = measureCache.get(cacheKey, () => {
    let words: string | null;
    const read = readKey(raw);
    const found = detectKeyWords(read);
    const strong = found.find((f) => f.signal === 'strong' && f.categories.length === 1 && f.categories[0] === 'health');
    words = strong !== undefined && !found.some((f) => f.signal === 'veto' && f.vetoes === 'all')
      ? (strong.facts.words ?? 'a body measurement')
      : kind === 'number' && read.unit !== undefined && HEALTH_UNITS.has(read.unit) && !found.some((f) => f.signal === 'veto')
        ? `a number in ${read.unit}`
        : null;
    return words;
  });
  return words ?? undefined;
}

/** `measurement-flag`: the grades, colour, trend and plain value of a record holding a body measurement. */
export function measurementFlags(fields: readonly ShapeField[], add: Add): void {
  let records: Map<string, string> | undefined;
  let counts: Map<string, { count: number; sibling: string }> | undefined;
  for (const field of fields) {
    const k = lastKey(field);
    if (typeof k !== 'string' || field.kind === 'null' || field.kind === 'empty' || field.kind === 'boolean') continue;
    if (partOf(k) !== undefined) continue;
    const words = measurementWords(k, field.kind);
    if (words === undefined) continue;
    records ??= new Map();
    counts ??= new Map();
    const parent = prefixKey(field, -1);
    if (!records.has(parent)) records.set(parent, words);
    const entry = counts.get(parent);
    if (entry === undefined) counts.set(parent, { count: 1, sibling: words });
    else entry.count++;
  }
  if (records === undefined) return;
  const measured = records;
  fields.forEach((field, index) => {
    const k = lastKey(field);
    if (typeof k !== 'string' || field.kind === 'null' || field.kind === 'empty') return;
    if (field.kind === 'number' && bodyCount(k)) {
      const many = counts?.get(prefixKey(field, -1));
      if (many !== undefined && many.count >= MIN_COUNTED) add(index, finding(BODY_COUNT, 'certain', ['health'], { of: 'structure', count: String(many.count), sibling: many.sibling }));
      return;
    }
    const part = partOf(k);
    if (part === undefined) return;
    const sibling = measured.get(prefixKey(field, -1));
    if (sibling === undefined) return;
    if (part === 'value' && field.kind !== 'number') return;
    if (part === 'grade' && field.kind === 'string') return;
    // A colour is negative vocabulary on its own (a lamp's); beside a measurement it is the measurement's grade.
    const signal = part === 'colour' ? 'certain' : 'strong';
    add(index, finding(MEASUREMENT_FLAG, signal, ['health'], { of: 'structure', part: PART_NAMES[part], sibling }));
  });
}

const PART_NAMES: Readonly<Record<Part, string>> = { grade: 'grade', colour: 'display colour', trend: 'trend', value: 'value' };

/** Trend names of continuous glucose monitors, compared without case, spaces or underscores. */
const CGM_TRENDS = new Set(['doubleup', 'singleup', 'fortyfiveup', 'flat', 'fortyfivedown', 'singledown', 'doubledown',
  'notcomputable', 'rateoutofrange']);
const trendName = (value: string) => (value.length <= 24 ? value.toLowerCase().replace(/[\s_-]+/g, '') : '');

/** Plan of `glucose-trend`: per record, its trend-named strings and its plain numbers under a value key. */
interface TrendRecord {
  readonly trends: number[];
  readonly values: number[];
}

export function planGlucoseTrends(fields: readonly ShapeField[]): TrendRecord[] | undefined {
  let records: Map<string, TrendRecord> | undefined;
  fields.forEach((field, index) => {
    const k = lastKey(field);
    if (typeof k !== 'string') return;
    const part = partOf(k);
    const isTrend = part === 'trend' && field.kind === 'string';
    if (!isTrend && !(part === 'value' && field.kind === 'number')) return;
    records ??= new Map();
    const parent = prefixKey(field, -1);
    const record = records.get(parent) ?? { trends: [], values: [] };
    (isTrend ? record.trends : record.values).push(index);
    records.set(parent, record);
  });
  if (records === undefined) return undefined;
  const planned = [...records.values()].filter((r) => r.trends.length > 0);
  return planned.length === 0 ? undefined : planned;
}

export function detectGlucoseTrends(plan: readonly TrendRecord[], fields: readonly PayloadField[], add: Add): void {
  for (const record of plan) {
    // The trend itself is the reading (how the glucose moves): the finding never names it, since explanations
    // reach the ledger.
    let trend = false;
    for (const index of record.trends) {
      const value = fields[index]?.value;
      if (typeof value !== 'string' || !CGM_TRENDS.has(trendName(value))) continue;
      trend = true;
      add(index, TREND_FINDING);
    }
    if (!trend) continue;
    for (const index of record.values) add(index, TREND_VALUE_FINDING);
  }
}

export const HEALTH_MASK = categoriesToMask(['health']);

/**
 * A flag is mostly what somebody did (behaviour) and never who or which; it is health when a finding
 * about the flag itself says so: its own key names a state of the body (`bolusing`) or it grades a
 * measurement beside it (`isHigh`). A container's reading (a flag among a vital's settings) is not enough.
 */
export function flagSaysHealth(f: Finding): boolean {
  return (f.signal === 'strong' || f.signal === 'certain') && f.categories.includes('health') && f.detector !== 'container' && f.facts.inner === undefined;
}

const TREND_FINDING = finding(GLUCOSE_TREND, 'strong', ['health'], { of: 'structure', part: 'trend' });
const TREND_VALUE_FINDING = finding(GLUCOSE_TREND, 'strong', ['health'], { of: 'structure', part: 'value' });
