import type { DataCategory } from '../categories.js';
import { CONTAINERS, GEOMETRY_CONTAINERS, NEGATIVE_WORDS, NEUTRAL_CONTAINERS, STRONG_PHRASES, WEAK_PHRASES } from './vocabulary.js';
import { readKey, singular, type KeyWords } from './words.js';

/** A vocabulary entry, keyed by its words joined after the same reading as keys get. */
export interface Phrase {
  readonly text: string;
  readonly categories: readonly DataCategory[];
  readonly signal: 'strong' | 'weak';
}

/** What a run of a key's words means: a phrase, negative vocabulary, or nothing. */
export type Meaning = { readonly kind: 'phrase'; readonly phrase: Phrase } | { readonly kind: 'negative'; readonly text: string };

export interface HeadMatch {
  readonly meaning: Meaning;
  /** Index of the first word of the match; the match always runs to the last word. */
  readonly start: number;
}

function joinedPhrase(text: string): string {
  return readKey(text.replace(/ /g, '_'), false).joined;
}

function buildPhrases(): Map<string, Phrase> {
  const map = new Map<string, Phrase>();
  const add = (table: Readonly<Record<DataCategory, readonly string[]>>, signal: 'strong' | 'weak') => {
    for (const [category, texts] of Object.entries(table) as [DataCategory, readonly string[]][]) {
      for (const text of texts) {
        const joined = joinedPhrase(text);
        const existing = map.get(joined);
        if (existing !== undefined && existing.signal === 'strong' && signal === 'weak') continue;
        const categories = existing?.signal === signal ? [...existing.categories, category] : [category];
        map.set(joined, { text, categories, signal });
      }
    }
  };
  add(STRONG_PHRASES, 'strong');
  add(WEAK_PHRASES, 'weak');
  return map;
}

const PHRASES = buildPhrases();
const NEGATIVES = new Map(NEGATIVE_WORDS.map((text) => [joinedPhrase(text), text]));
const CONTAINER_MAP = buildContainers();
const NEUTRAL = new Set(NEUTRAL_CONTAINERS.map(joinedPhrase));
const GEOMETRY = new Set(GEOMETRY_CONTAINERS.map(joinedPhrase));

function buildContainers(): Map<string, { readonly text: string; readonly categories: DataCategory[] }> {
  const map = new Map<string, { readonly text: string; readonly categories: DataCategory[] }>();
  for (const [category, texts] of Object.entries(CONTAINERS) as [DataCategory, readonly string[]][]) {
    for (const text of texts) {
      const joined = joinedPhrase(text);
      const entry = map.get(joined) ?? { text, categories: [] };
      entry.categories.push(category);
      map.set(joined, entry);
    }
  }
  return map;
}

function meaningOf(joined: string): Meaning | undefined {
  const phrase = PHRASES.get(joined);
  if (phrase !== undefined) return { kind: 'phrase', phrase };
  const negative = NEGATIVES.get(joined);
  if (negative !== undefined) return { kind: 'negative', text: negative };
  return undefined;
}

/** The longest run of words ending at the head (the last word) that the vocabulary knows. */
export function headMatch(words: readonly string[]): HeadMatch | undefined {
  for (let start = 0; start < words.length; start++) {
    const meaning = meaningOf(words.slice(start).join(''));
    if (meaning !== undefined) return { meaning, start };
  }
  return undefined;
}

/** The whole key without separators (`SSId1` → `ssid`, `MACofAP` → `macofap`). */
export function compactMatch(key: KeyWords): Meaning | undefined {
  return key.compact.length > 1 ? meaningOf(key.compact) : undefined;
}

/** Phrases and negative words inside the key, before its head match. Longest first, no overlaps. */
export function innerMatches(words: readonly string[], end: number): Meaning[] {
  const found: Meaning[] = [];
  let i = 0;
  while (i < end) {
    let matched = false;
    for (let j = end; j > i; j--) {
      const meaning = meaningOf(words.slice(i, j).join(''));
      if (meaning !== undefined) {
        found.push(meaning);
        i = j;
        matched = true;
        break;
      }
    }
    if (!matched) i++;
  }
  return found;
}

export interface Container {
  readonly text: string;
  readonly categories: readonly DataCategory[];
}

export function containerOf(key: KeyWords): Container | 'neutral' | 'geometry' | undefined {
  const words = key.words;
  const last = words[words.length - 1];
  if (last === undefined) return undefined;
  const singularWords = [...words.slice(0, -1), singular(last)];
  for (let start = 0; start < words.length; start++) {
    const joined = words.slice(start).join('');
    const singularJoined = singularWords.slice(start).join('');
    if (NEUTRAL.has(joined) || NEUTRAL.has(singularJoined)) return 'neutral';
    // A list of pictures sizes its pictures as a picture does (`images[*].height`).
    if (GEOMETRY.has(words[start] ?? '') || GEOMETRY.has(singularWords[start] ?? '')) return 'geometry';
    const container = CONTAINER_MAP.get(joined) ?? CONTAINER_MAP.get(singularJoined);
    if (container !== undefined) return container;
  }
  return prefixContainer(words) ?? namedRecord(words);
}

/** Heads that make a key the record of what the words before them name (`glucoseMeasurement`, `heartRateData`). */
const RECORD_HEADS = new Set(['measurement', 'measurements', 'item', 'items', 'reading', 'readings', 'data', 'record', 'records',
  'sample', 'samples', 'entry', 'entries', 'summary', 'result', 'results', 'details', 'stats', 'statistics', 'values', 'log', 'logs']);

/** `glucoseMeasurement`, `bloodPressureReadings`: a record of a body measurement holds that measurement. */
function namedRecord(words: readonly string[]): Container | undefined {
  const head = words[words.length - 1];
  if (words.length < 2 || head === undefined || !RECORD_HEADS.has(head)) return undefined;
  const named = headMatch(words.slice(0, -1));
  if (named === undefined || named.meaning.kind !== 'phrase' || named.meaning.phrase.signal !== 'strong') return undefined;
  const categories = named.meaning.phrase.categories;
  return categories.length === 1 && categories[0] === 'health' ? { text: words.join(' '), categories } : undefined;
}

/** `nearbyWifi`, `scanResults2G`: a third-party container word at the start of a longer key. */
function prefixContainer(words: readonly string[]): Container | undefined {
  const first = words[0];
  if (first === 'nearby' || first === 'scan' || first === 'neighbors' || first === 'neighbours') {
    return CONTAINER_MAP.get(first);
  }
  // `caller_info`, `guestDetails`: the record of somebody who by their role is not the account holder.
  if (words.length === 2 && first !== undefined && OTHER_ROLES.has(first) && RECORD_OF_TAILS.has(words[1] ?? '')) {
    return { text: words.join(' '), categories: ['third_party'] };
  }
  return undefined;
}

/** Roles that by their meaning are somebody other than the account holder (vCard RELATED kinds, telephony's parties). */
const OTHER_ROLES = new Set(['caller', 'callee', 'guest', 'visitor', 'friend', 'follower', 'invitee', 'attendee', 'caregiver']);
/** Words after a role that make a key that person's record. */
const RECORD_OF_TAILS = new Set(['info', 'information', 'details', 'data', 'profile', 'record']);
