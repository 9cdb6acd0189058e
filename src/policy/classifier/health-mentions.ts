import { finding, type Finding } from './detector.js';
import { detectKeyWords, isTimeKey } from './key-detectors.js';
import type { KeyWords } from './words.js';

/**
 * `health-mention`: a key, or a record up to two levels above it, whose words *mention* a measurement
 * of the body that nothing else is measured in (`hrv_balance`, `glucoseMeasurement.Value`,
 * `hrv_samples["00:41"]`, `beat_to_beat_avg`). The vocabulary matches a key's whole phrase or its head;
 * vendors put the measurement first and their own word after it (balance, samples, item, avg), so the
 * head alone says nothing. A record named for a measurement with a known range is left to
 * health-range (its numbers are checked against the range). Weak: negative words in the key (`heartRateFormat`, `glucoseUnits`,
 * `sleep_cycle_count`) and values that show what they are still win; times and ids of the record are
 * not the measurement. Only terms that name the body, never `sleep`, `weight` or `steps` alone (a
 * device sleeps, a parcel weighs).
 */
export const HEALTH_MENTION = 'health-mention';

export const healthMentionExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [HEALTH_MENTION]: (f) =>
    f.facts.where === 'key'
      ? `key mentions "${f.facts.term}" (a measurement of the body) → health`
      : `inside a record that mentions "${f.facts.term}" (a measurement of the body) → health`,
};

const ONE_WORD = new Set(['hrv', 'rmssd', 'sdnn', 'glucose', 'spo', 'systolic', 'diastolic', 'hypnogram', 'heartrate',
  'pulse', 'respiration', 'respiratory', 'breathing', 'bmi', 'ecg', 'insulin', 'ketone', 'ketones', 'menstrual', 'ovulation']);
const TWO_WORDS = new Set(['heart rate', 'blood pressure', 'blood oxygen', 'blood sugar', 'body temperature', 'skin temperature',
  'body fat', 'beat to', 'heart beat', 'breath rate', 'oxygen saturation']);
/** Records named for how a measurement is shown, set or warned about, not for the measurement itself. */
const NOT_MEASURED = new Set(['alarm', 'alarms', 'alert', 'alerts', 'setting', 'settings', 'config', 'goal', 'goals',
  'format', 'unit', 'units', 'enabled', 'notification', 'notifications', 'zone', 'zones']);
const ID_WORDS = new Set(['id', 'ids', 'uuid', 'guid', 'pk', 'key', 'index', 'idx', 'version', 'source', 'type']);
/**
 * Records named for these are judged by the range of their numbers (health-ranges.ts): a `spike: 900`
 * under `glucoseTrend` is no glucose reading, and a mention must not say otherwise.
 */
const RANGED = new Set(['glucose', 'spo', 'systolic', 'diastolic', 'heartrate', 'pulse', 'respiration', 'respiratory',
  'breathing', 'heart rate', 'blood pressure', 'blood oxygen', 'blood sugar', 'heart beat', 'breath rate', 'oxygen saturation']);
/** How many records above the key are read. */
const DEPTH = 2;

const terms = new Map<string, string | null>();
/** The body measurement a key's words mention, if any (cached: keys come from senders, bounded). */
function termOf(key: KeyWords): string | undefined {
  let term = terms.get(key.raw);
  if (term === undefined) {
    term = null;
    const words = key.words;
    for (let i = 0; i < words.length && term === null; i++) {
      const word = words[i] ?? '';
      if (ONE_WORD.has(word)) term = word;
      else if (i + 1 < words.length && TWO_WORDS.has(`${word} ${words[i + 1] ?? ''}`)) term = `${word} ${words[i + 1] ?? ''}`;
    }
    if (term !== null && words.some((w) => NOT_MEASURED.has(w))) term = null;
    if (terms.size >= 5_000) terms.clear();
    terms.set(key.raw, term);
  }
  return term ?? undefined;
}

/** A key-level finding (cached with the key's analysis per path template). */
export function detectHealthMention(key: KeyWords, ancestors: readonly KeyWords[]): Finding | undefined {
  if (key.words.some((w) => ID_WORDS.has(w)) || isTimeKey(key.raw)) return undefined;
  const own = termOf(key);
  if (own !== undefined) return mention('key', own);
  for (let i = ancestors.length - 1; i >= Math.max(0, ancestors.length - DEPTH); i--) {
    const ancestor = ancestors[i];
    if (ancestor === undefined) continue;
    const term = termOf(ancestor);
    if (term === undefined) continue;
    if (RANGED.has(term)) return undefined;
    // `heartRateFormat.*`: a record named for a setting of the measurement's display.
    if (detectKeyWords(ancestor).some((f) => f.signal === 'veto')) return undefined;
    return mention('record', term);
  }
  return undefined;
}

const mentions = new Map<string, Finding>();
function mention(where: 'key' | 'record', term: string): Finding {
  const cacheKey = `${where}\u0000${term}`;
  let f = mentions.get(cacheKey);
  if (f === undefined) mentions.set(cacheKey, (f = finding(HEALTH_MENTION, 'weak', ['health'], { of: 'key', where, term })));
  return f;
}
