import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { detectKeyWords } from './key-detectors.js';
import { containerOf } from './phrases.js';
import type { Add, ShapeField } from './shape.js';
import { readKey, splitWords } from './words.js';

/**
 * `spent-time`: how long somebody spent at something per day or month (docs/CORPUS.md: usage histories and
 * daily totals are behaviour). Screen-time reports of consoles, time trackers and listening statistics give
 * an amount of time per day (`dailySummaries[*].exceededTime`, `dailyStats[*].games.<id>.totalTime`) and sum
 * the period up beside it (`stat.averageTime`, `stat.totalDays`). A number whose key ends in an amount of
 * time is such a total when it is a part of a period's record (an ancestor reads "daily", "days", "month"),
 * or when its key says it is a total or an average and the payload holds a period's records. A machine's
 * running statistics (`statistics.totalRunningTime`) have no period's records beside them and stay
 * unflagged, and so do time settings and offsets (`timeZoneOffsetSeconds`, `maxTime`, `interval`) and
 * amounts the vocabulary reads as the body's (`deepSleepSeconds`, anything under `dailySleepStat`: health).
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const SPENT_TIME = 'spent-time';

export const spentTimeExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [SPENT_TIME]: (f) =>
    f.facts.total === undefined
      ? `an amount of time in a "${f.facts.period}" record (time somebody spent at something then) → behaviour`
      : `a ${f.facts.total} of time beside "${f.facts.period}" records (time somebody spent) → behaviour`,
};

/** Last words of a key that make its number an amount of time (read before units are stripped). */
const AMOUNT_OF_TIME = new Set(['time', 'duration', 'seconds', 'secs', 'minutes', 'mins', 'hours', 'days']);
/**
 * Words that make such a key a setting, a bound or a clock rather than time spent: a zone's offset, a
 * limit somebody set (`maxTime`, `limitTime`), a repeat (`interval`, `period`), a point in time.
 */
const NOT_SPENT = new Set(['zone', 'offset', 'utc', 'timestamp', 'interval', 'timeout', 'delay', 'period', 'max', 'min',
  'limit', 'remaining', 'left', 'until', 'since', 'ago', 'last', 'next', 'start', 'end', 'update', 'updated', 'sync']);
/** Words of a key that sum time up over a period (`totalTime`, `averageTime`, `avg_duration`). */
const TOTAL_WORDS = new Map([
  ['total', 'total'], ['average', 'average'], ['avg', 'average'], ['accum', 'total'], ['sum', 'total'],
]);
/** Words of a container or record key that make it a period's record (`dailyStats`, `days`, `monthly`). */
const PERIOD_WORDS = new Set([
  'daily', 'weekly', 'monthly', 'day', 'days', 'today', 'yesterday', 'week', 'weeks', 'month', 'months',
]);

interface KeyReading {
  /** Whether the key names an amount of time that can be time spent. */
  readonly amount: boolean;
  /** The total word it carries (`total`, `average`), if any. */
  readonly total: string | undefined;
}

const readings = new BoundedMemo<KeyReading>(5_000, 256);
function readAmount(raw: string): KeyReading {
  return readings.get(raw, () => {
    const words = splitWords(raw);
    const last = words[words.length - 1];
    if (last === undefined || !AMOUNT_OF_TIME.has(last) || words.some((w) => NOT_SPENT.has(w))) return NOTHING;
    // A key the vocabulary reads as a body's amount (`deepSleepSeconds`) is health, not time spent.
    if (readsHealth(raw)) return NOTHING;
    const total = words.map((w) => TOTAL_WORDS.get(w)).find((w) => w !== undefined);
    return { amount: true, total };
  });
}
const NOTHING: KeyReading = { amount: false, total: undefined };

/**
 * What an ancestor key says: its period word (`daily` in `dailyStats`, '' for none; explanations quote the
 * word, never the key), and whether the vocabulary reads it as the body's (`dailySleepStat`): amounts of
 * time below such a key are a body's (sleep, rest), health's to decide.
 */
interface AncestorReading {
  readonly period: string;
  readonly body: boolean;
}
const ancestors = new BoundedMemo<AncestorReading>(5_000, 256);
function readAncestor(raw: string): AncestorReading {
  return ancestors.get(raw, () => ({
    period: splitWords(raw).find((w) => PERIOD_WORDS.has(w)) ?? '',
    body: namesBodyRecords(raw),
  }));
}
function readsHealth(raw: string): boolean {
  return detectKeyWords(readKey(raw)).some((f) => f.categories.includes('health'));
}
/** Whether a word of an ancestor key names a container of the body's records (`sleep` in `dailySleepStat`). */
function namesBodyRecords(raw: string): boolean {
  return splitWords(raw).some((word) => {
    const container = containerOf(readKey(word));
    return typeof container === 'object' && container.categories.includes('health');
  });
}

/**
 * The period word of the first ancestor key of a field that reads as a period's record; undefined when
 * there is none or when an ancestor is the body's.
 */
function periodOf(field: ShapeField): string | undefined {
  const segments = field.segments;
  let period: string | undefined;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i];
    if (typeof segment !== 'string') continue;
    const reading = readAncestor(segment);
    if (reading.body) return undefined;
    if (reading.period !== '') period ??= reading.period;
  }
  return period;
}

export function spentTimes(fields: readonly ShapeField[], add: Add): void {
  let anyPeriod: string | undefined;
  const totals: number[] = [];
  fields.forEach((field, index) => {
    // The number's own key: an element of a list of numbers (`weekDays[0]`) is no amount of time.
    const key = field.segments[field.segments.length - 1];
    if (field.kind !== 'number' || typeof key !== 'string') return;
    const reading = readAmount(key);
    if (!reading.amount) return;
    const period = periodOf(field);
    if (period !== undefined) {
      anyPeriod ??= period;
      add(index, spentFinding(period, undefined));
    } else if (reading.total !== undefined) totals.push(index);
  });
  // Totals outside the period's records: the payload's period records say what they sum up.
  if (anyPeriod === undefined && totals.length > 0) anyPeriod = fields.map(periodOf).find((p) => p !== undefined);
  if (anyPeriod === undefined) return;
  for (const index of totals) {
    const key = fields[index]?.segments.at(-1);
    if (typeof key === 'string') add(index, spentFinding(anyPeriod, readAmount(key).total));
  }
}

/** One finding per period key and total word, shared by the payloads that repeat them. */
const findings = new BoundedMemo<Finding>(256, 256);
function spentFinding(period: string, total: string | undefined): Finding {
  return findings.get(`${period}|${total ?? ''}`, () =>
    finding(SPENT_TIME, 'strong', ['behaviour'],
      total === undefined ? { of: 'structure', period } : { of: 'structure', period, total }),
  );
}
