import { BoundedMemo } from '../../memo.js';
import { ABBREVIATIONS, COMPOUND_UNITS, HEAD_ONLY_ABBREVIATIONS, UNITS } from './vocabulary.js';

/**
 * A key read as words: `weightKg` → weight + unit kg, `wlan0HwAddr` → wlan hw addr, `dev-id` → device id.
 * Digits only separate words (`SSId1`, `dns2`); they never carry meaning in a key.
 */
export interface KeyWords {
  /** The raw key as sent (for explanations of a key the vocabulary knows). */
  readonly raw: string;
  /** Words after abbreviations were expanded and a unit suffix removed. */
  readonly words: readonly string[];
  /** The same words joined without spaces: `serialnumber`. */
  readonly joined: string;
  /** The raw key lower-cased without separators or digits: `ssid` for `SSId1`. */
  readonly compact: string;
  readonly unit: string | undefined;
}

const CAMEL_LOWER_UPPER = /([a-z])([A-Z])/g;
const CAMEL_ACRONYM = /([A-Z]+)([A-Z][a-z])/g;
const NON_LETTERS = /[^a-z]+/;

/** Splits camelCase, PascalCase, snake_case, kebab-case, dotted and digit-separated keys into words. */
export function splitWords(raw: string): string[] {
  return raw
    .replace(CAMEL_LOWER_UPPER, '$1 $2')
    .replace(CAMEL_ACRONYM, '$1 $2')
    .toLowerCase()
    .split(NON_LETTERS)
    .filter((word) => word !== '');
}

/** Lower-case with `_ - . :` and spaces removed: `wifi_sta`, `wifiSta` and `WiFi-STA` are `wifista`. */
export function normaliseKey(raw: string): string {
  return raw.toLowerCase().replace(/[-_.:\s]+/g, '');
}

/** Keys come from senders: only the last words are read (the head and what qualifies it), and a bounded prefix. */
const MAX_KEY_LENGTH = 256;
const MAX_WORDS = 8;

/**
 * The structure detectors read each key several times per payload, and keys repeat request after
 * request: readings (frozen) are memoised, at most 8,192 per unit mode (keys of at most MAX_KEY_LENGTH).
 */
const readKeyMemo = [new BoundedMemo<KeyWords>(8192, MAX_KEY_LENGTH), new BoundedMemo<KeyWords>(8192, MAX_KEY_LENGTH)] as const;

export function readKey(raw: string, stripUnit = true): KeyWords {
  return readKeyMemo[stripUnit ? 1 : 0].get(raw, (key) => readKeyUncached(key, stripUnit));
}

function readKeyUncached(raw: string, stripUnit: boolean): KeyWords {
  const split = splitWords(raw.length > MAX_KEY_LENGTH ? raw.slice(-MAX_KEY_LENGTH) : raw).slice(-MAX_WORDS);
  let unit: string | undefined;
  const last = split[split.length - 1];
  const compound = stripUnit ? compoundUnit(split) : undefined;
  if (compound !== undefined) {
    unit = compound.unit;
    split.splice(split.length - compound.words);
    const before = split[split.length - 1];
    if (split.length > 1 && before === 'in') split.pop();
  } else if (stripUnit && split.length > 1 && last !== undefined && UNITS.has(last)) {
    unit = last;
    split.pop();
    // `awayRadiusInMeters`, `distancePerKm`: the preposition belongs to the unit.
    const before = split[split.length - 1];
    if (split.length > 1 && (before === 'in' || before === 'per')) split.pop();
  }
  const words: string[] = [];
  split.forEach((word, index) => {
    const isHead = index === split.length - 1;
    const expansion = ABBREVIATIONS.get(word) ?? (isHead || split.length === 1 ? HEAD_ONLY_ABBREVIATIONS.get(word) : undefined);
    if (expansion === undefined) words.push(word);
    else words.push(...expansion);
  });
  return Object.freeze({
    raw,
    words: Object.freeze(words),
    joined: words.join(''),
    compact: raw.length > MAX_KEY_LENGTH ? '' : raw.toLowerCase().replace(/[^a-z]+/g, ''),
    unit,
  });
}

/** The last two or three words as one unit (`mg per dl`), when something is left before them. */
function compoundUnit(split: readonly string[]): { unit: string; words: number } | undefined {
  for (const words of [3, 2]) {
    if (split.length <= words) continue;
    const unit = COMPOUND_UNITS.get(split.slice(-words).join(''));
    if (unit !== undefined) return { unit, words };
  }
  return undefined;
}

/** `devices` → `device`, `batteries` → `battery`; enough for container keys, not a general stemmer. */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:ch|sh|x|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}
