import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { CONFIDENCE, ENDS, namesText, STARTS, textWord } from './media-records.js';
import type { ShapeField } from './shape.js';
import { readKey, singular } from './words.js';

/**
 * `recognised-alternatives`: speech recognised word by word, where each word's text is given as the
 * recogniser's alternatives. A list of two or more timed items (a start and an end each) whose every item
 * holds a list named for alternatives (`alternatives`, `hypotheses`, `candidates`) of texts with a
 * confidence (`results[*].alternatives[*].content` beside `results[*].start_time`) is a transcript: each
 * alternative's text is what somebody said (media), a punctuation mark or an amount included, since the
 * structure says so and not the text's letters. A word alone is no command (docs/CORPUS.md), so media only.
 * One timed item is no transcript, nor a list of labels with scores that nothing times. Times and confidences
 * may be written as decimal text (`"start_time": "0.54"`, `"confidence": "0.9998"`, as AWS Transcribe's output
 * has them), and items the recogniser does not time (a punctuation mark between two words) belong to the
 * transcript when at least two of its items are timed.
 */
export const RECOGNISED_ALTERNATIVES = 'recognised-alternatives';

export const recognisedAlternativeExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [RECOGNISED_ALTERNATIVES]: (f) =>
    `"${f.facts.key}" of an alternative the recogniser gave for each of ${f.facts.count} timed words (speech recognised word by word) → media`,
};

type Add = (index: number, f: Finding) => void;

const ALTERNATIVE_LISTS = new Set(['alternative', 'hypothesis', 'hypothese', 'candidate']);
const MAX_TEXT = 200;

function namesAlternatives(raw: string): boolean {
  const words = readKey(raw).words;
  return ALTERNATIVE_LISTS.has(singular(words[words.length - 1] ?? ''));
}

type Role = 'start' | 'end' | 'confidence' | 'text';

/** What a field can be in a timed item (`[…, list, i, key]`) or in one of its alternatives (`[…, list, i, alternatives, j, key]`). */
function roleOf(segments: readonly (string | number)[], kind: 'string' | 'number'): Role | undefined {
  const n = segments.length;
  const key = segments[n - 1];
  if (typeof key !== 'string') return undefined;
  const words = readKey(key, false).words.join(' ');
  if (kind === 'number' && typeof segments[n - 2] === 'number' && typeof segments[n - 3] === 'string') {
    if (STARTS.has(words)) return 'start';
    if (ENDS.has(words)) return 'end';
  }
  const alternatives = segments[n - 3];
  if (typeof segments[n - 2] !== 'number' || typeof alternatives !== 'string' || typeof segments[n - 4] !== 'number') return undefined;
  if (!namesAlternatives(alternatives)) return undefined;
  if (kind === 'number') return CONFIDENCE.has(words) ? 'confidence' : undefined;
  return namesText(key) ? 'text' : undefined;
}

const DECIMAL = /^\d{1,9}(?:\.\d{1,9})?$/;

/** A field's role by its value's kind; a decimal written as text may be a time or a confidence first. */
function roleOfValue(segments: readonly (string | number)[], value: unknown): Role | undefined {
  if (typeof value === 'number') return roleOf(segments, 'number');
  if (typeof value !== 'string') return undefined;
  const numeric = DECIMAL.test(value) ? roleOf(segments, 'number') : undefined;
  return numeric ?? roleOf(segments, 'string');
}

/** Plan: every field that can be a word's time, text or confidence, by its path and kind alone. */
export function recognisedAlternativeFields(fields: readonly ShapeField[]): number[] | undefined {
  let named: number[] | undefined;
  fields.forEach((field, index) => {
    if (field.kind !== 'string' && field.kind !== 'number') return;
    // A text may be a decimal written out (a time, a confidence) as well as a word.
    const written = field.kind === 'string' ? roleOf(field.segments, 'number') : undefined;
    const role = roleOf(field.segments, field.kind) ?? written;
    if (role !== undefined) (named ??= []).push(index);
  });
  return named;
}

interface TimedWord {
  start: boolean;
  end: boolean;
  confident: boolean;
  texts: number[];
}

export function recognisedAlternatives(fields: readonly PayloadField[], add: Add): void {
  let lists: Map<string, Map<number, TimedWord>> | undefined;
  fields.forEach((field, index) => {
    const role = roleOfValue(field.segments, field.value);
    if (role === undefined) return;
    if (role === 'text' && (field.value === '' || String(field.value).length > MAX_TEXT)) return;
    const timing = role === 'start' || role === 'end';
    const item = field.segments[field.segments.length - (timing ? 2 : 4)];
    if (typeof item !== 'number') return;
    lists ??= new Map();
    const path = prefixKey(field, timing ? -2 : -4);
    const items = lists.get(path) ?? new Map<number, TimedWord>();
    lists.set(path, items);
    const word = items.get(item) ?? { start: false, end: false, confident: false, texts: [] };
    items.set(item, word);
    if (role === 'text') word.texts.push(index);
    else if (role === 'confidence') word.confident = true;
    else word[role] = true;
  });
  if (lists === undefined) return;
  for (const items of lists.values()) {
    const words = [...items.values()].filter((w) => w.texts.length > 0);
    const timed = words.filter((w) => w.start && w.end).length;
    if (words.length < 2 || !words.every((w) => w.confident) || timed < 2) continue;
    for (const word of words) {
      for (const index of word.texts) {
        const field = fields[index];
        const key = field?.segments[field.segments.length - 1];
        const facts = { of: 'structure', key: textWord(typeof key === 'string' ? key : ''), count: String(words.length) };
        add(index, finding(RECOGNISED_ALTERNATIVES, 'strong', ['media'], facts));
      }
    }
  }
}
