import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { detectKeyWords, isTimeKey } from './key-detectors.js';
import { headMatch } from './phrases.js';
import type { Add, ShapeField } from './shape.js';
import { readKey, splitWords } from './words.js';

/**
 * `health-text`: strings beside body measurements that carry the same measurements in words or digits.
 * In a record where two or more keys name body measurements (`bg`, `IOB`, `COB`; `dia`, `carbs_hr`):
 * - a text that reports two or more of them with their numbers (`"COB: 16, ISF: 83, Eventual BG 82"`,
 *   a loop's reason, a nurse's note) is health: it spells out what the numbers beside it are;
 * - a number written as text under a key that says nothing else (`tick: "+4"`, `delay: "20"`) is one more
 *   measurement of the record (weak: a key word or a value shape says otherwise).
 */
export const HEALTH_TEXT = 'health-text';

export const healthTextExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [HEALTH_TEXT]: (f) =>
    f.facts.part === 'text'
      ? `a text reporting ${f.facts.count} body measurements with their numbers (such as "${f.facts.words}") beside them → health`
      : `a number written as text in a record of ${f.facts.count} body measurements → health`,
};

const lastKey = (field: { readonly segments: readonly (string | number)[] }) => field.segments[field.segments.length - 1];
const MIN_MEASUREMENTS = 2;
const MIN_REPORTED = 2;
const MAX_TEXT = 2_000;
const NUMERIC = /^[-+]?\d{1,7}(?:\.\d+)?$/;
const ID_WORDS = new Set(['id', 'ids', 'uuid', 'guid', 'pk', 'uid', 'key', 'index', 'idx', 'version', 'code', 'number', 'no', 'name', 'title', 'label', 'unit', 'units']);

type Reading = 'health' | 'plain' | 'other';
const readings = new BoundedMemo<Reading>(5_000, 256);
function readingOf(raw: string): Reading {
  const reading = readings.get(raw, () => {
    let reading: Reading;
    const read = readKey(raw);
    const found = detectKeyWords(read);
    reading = found.some((f) => f.signal === 'strong' && f.categories.length === 1 && f.categories[0] === 'health') && !found.some((f) => f.signal === 'veto')
      ? 'health'
      : found.length === 0 && !raw.startsWith('_') && !isTimeKey(raw) && !read.words.some((w) => ID_WORDS.has(w))
        ? 'plain'
        : 'other';
    return reading;
  });
  return reading;
}

interface Planned {
  readonly index: number;
  readonly count: number;
}

export function planHealthTexts(fields: readonly ShapeField[]): Planned[] | undefined {
  let counts: Map<string, number> | undefined;
  for (const field of fields) {
    const k = lastKey(field);
    if (typeof k !== 'string' || field.kind === 'null' || field.kind === 'empty' || field.kind === 'boolean' || readingOf(k) !== 'health') continue;
    counts ??= new Map();
    const parent = prefixKey(field, -1);
    counts.set(parent, (counts.get(parent) ?? 0) + 1);
  }
  if (counts === undefined) return undefined;
  const measured = counts;
  const planned: Planned[] = [];
  fields.forEach((field, index) => {
    const k = lastKey(field);
    if (typeof k !== 'string' || field.kind !== 'string' || readingOf(k) !== 'plain') return;
    const count = measured.get(prefixKey(field, -1)) ?? 0;
    if (count >= MIN_MEASUREMENTS) planned.push({ index, count });
  });
  return planned.length === 0 ? undefined : planned;
}

const findings = new BoundedMemo<Finding>(5_000, 256);
function cached(part: string, signal: 'strong' | 'weak', count: number, words: string): Finding {
  const cacheKey = `${part}\u0000${signal}\u0000${count}\u0000${words}`;
  const f = findings.get(cacheKey, () => {
    let f: Finding;
    f = finding(HEALTH_TEXT, signal, ['health'], { of: 'structure', part, count: String(count), words });
    return f;
  });
  return f;
}

export function detectHealthTexts(plan: readonly Planned[], fields: readonly PayloadField[], add: Add): void {
  for (const { index, count } of plan) {
    const value = fields[index]?.value;
    if (typeof value !== 'string') continue;
    if (NUMERIC.test(value)) {
      add(index, cached('number', 'weak', count, ''));
      continue;
    }
    const reported = reportedMeasurements(value);
    if (reported.count >= MIN_REPORTED) add(index, cached('text', 'strong', reported.count, reported.first));
  }
}

/** Body measurements named in a text and followed by a number (`COB: 16`, `Eventual BG 82`): how many, and the first. */
function reportedMeasurements(text: string): { count: number; first: string } {
  const limited = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const seen = new Set<string>();
  let first = '';
  // Each run of letters followed by a number: the words before the number, read as a key.
  for (const m of limited.matchAll(/([A-Za-z][A-Za-z ]{0,40}?)\s*[:=]?\s*[-+]?\d/g)) {
    const words = splitWords(m[1] ?? '').slice(-3);
    if (words.length === 0) continue;
    const match = headMatch(readKey(words.join('_')).words);
    if (match?.meaning.kind !== 'phrase' || match.meaning.phrase.signal !== 'strong') continue;
    const categories = match.meaning.phrase.categories;
    if (categories.length !== 1 || categories[0] !== 'health') continue;
    const text = match.meaning.phrase.text;
    if (seen.size === 0) first = text;
    seen.add(text);
  }
  return { count: seen.size, first };
}
