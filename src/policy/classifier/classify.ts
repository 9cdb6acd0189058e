import type { DataCategory } from '../categories.js';
import type { PathSegment } from '../../payload/index.js';
import { combine, finding, type DetectedField, type DetectionContext, type Finding } from './detector.js';
import { explainFindings } from './explain.js';
import {
  ancestorEntries,
  ancestorKeys,
  detectContainers,
  detectKeyWords,
  detectParent,
  keyHints,
  keysAsValues,
  KEY_AS_VALUE,
  type ValueHints,
} from './key-detectors.js';
import { COUNT_VETOES, detectActCount } from './act-counts.js';
import { detectHealthMention } from './health-mentions.js';
import { flagSaysHealth, HEALTH_MASK } from './measurement-parts.js';
import { detectCoordinatePart } from './coordinate-parts.js';
import { detectGluedSsid } from './network-keys.js';
import { detectNickname } from './nicknames.js';
import { detectStateSubject } from './state-subjects.js';
import { detectLastAct } from './last-acts.js';
import { detectResourceLoad } from './resource-loads.js';
import { detectAssistantReply } from './assistant-replies.js';
import { detectPeopleSetting } from './people-settings.js';
import { detectPersonPicture } from './person-pictures.js';
import { detectOtherPartyKey } from './other-party-keys.js';
import { detectKnownValue, detectTrafficIdentifier } from './knowledge-detectors.js';
import type { HomeKnowledge } from './knowledge.js';
import { maskToCategories, categoriesToMask } from './mask.js';
import { detectValue } from './value-detectors.js';
import { placesLeaveHabits } from './place-in-habit.js';
import { flagIsSettingAboutPeople } from './people-flags.js';
import { traitFlagMask } from './person-traits.js';
import { readKey } from './words.js';

export type ClassifiableField = DetectedField;

/** A field's categories with the findings that decided them and their explanation. */
export interface FieldClassification {
  readonly categories: readonly DataCategory[];
  readonly findings: readonly Finding[];
  /** `key "weightKg": word "weight" + unit "kg" → health`; '' when the field has no category. */
  readonly explanation: string;
}

/** What a key in its context says, before any value is looked at. Computed once per path template. */
export interface KeyAnalysis {
  readonly findings: readonly Finding[];
  readonly hints: ValueHints;
  /** The key-only verdict and its explanation, shared by every field whose value adds nothing. */
  readonly keyOnly: FieldClassification;
  /** Same, for booleans: a flag says that something happened, never who or which. */
  readonly booleanOnly: FieldClassification;
  /** Verdicts once value, sibling or knowledge findings are added, by their signature (bounded). */
  readonly verdicts: Map<string, FieldClassification>;
  /** Same, for boolean values. */
  readonly booleanVerdicts: Map<string, FieldClassification>;
  /** A negative head word: the traffic's identifier evidence is not asked for (`firmwareVersion`). */
  readonly vetoesAll: boolean;
}

const BOOLEAN_CATEGORIES = categoriesToMask(['behaviour', 'third_party']);
const THIRD_PARTY_MASK = categoriesToMask(['third_party']);
/** Caches are keyed by payload keys, which a sender controls: bound them. */
const CACHE_LIMIT = 20_000;
/** Distinct combinations of value findings per template: a handful in practice. */
const MAX_VERDICTS = 32;
const templateCache = new Map<string, KeyAnalysis>();
const untemplatedCache = new Map<string, KeyAnalysis>();

const NOTHING: FieldClassification = Object.freeze({ categories: maskToCategories(0), findings: Object.freeze([]), explanation: '' });

const scratch: Finding[] = [];

/** The categories of one leaf, from its key, its context, its value and what the home knows. */
export function classifyField(field: ClassifiableField, context: DetectionContext = {}): readonly DataCategory[] {
  return detectField(field, context).categories;
}

/** Every detector on one field; `extra` are findings from outside the field (siblings, media bytes). */
export function detectField(field: ClassifiableField, context: DetectionContext = {}, extra: readonly Finding[] = []): FieldClassification {
  return saysNothing(field.value) ? NOTHING : detectWith(field, analysisFor(field), context, extra, undefined);
}

/**
 * One field of a memoised shape (shape-memo.ts): its key's analysis, and its last verdict with the
 * findings it was made from. A field of a repeated shape mostly gets the same (shared) findings again,
 * and comparing them by identity is cheaper than the verdict cache's signature.
 */
export interface FieldMemo {
  readonly analysis: KeyAnalysis;
  lastFound: readonly Finding[];
  lastBoolean: boolean;
  lastVerdict: FieldClassification | undefined;
  /**
   * The last value read here and its value findings (`detectValue` reads only the value and the key's
   * hints, both fixed for this memo): ids, enums and names repeat request after request. Kept only for
   * numbers and strings of at most MAX_REMEMBERED_VALUE characters, copied off the body; in memory only,
   * one per memoised field (shape-memo.ts bounds those to 16,384: at most ~2 MB of values).
   */
  lastValue: string | number | undefined;
  lastValueFindings: readonly Finding[];
  /** What the home knew of this field's keys and of `lastValue`, while the home's `generation` is unchanged. */
  home: HomeLookups | undefined;
  /**
   * The last outcome whole (see `repeated`): the extra findings it was made with (undefined: none kept), the
   * value (a flag, or `lastValue`), the home and its generation, and the verdict; undefined when no finding
   * was found and the key's verdict or the traffic's evidence decided, which is asked again (the traffic
   * knowledge changes under it).
   */
  seenExtra: readonly Finding[] | undefined;
  seenValue: string | number | boolean | undefined;
  seenHome: HomeKnowledge | undefined;
  seenGeneration: number | undefined;
  seenVerdict: FieldClassification | undefined;
}

interface HomeLookups {
  readonly home: HomeKnowledge;
  readonly generation: number;
  readonly keys: readonly Finding[];
  /** The value `valueFinding` was looked up for (`lastValue` then, so no second copy is kept). */
  value: string | number | undefined;
  valueFinding: Finding | undefined;
}

export function fieldMemo(field: ClassifiableField): FieldMemo {
  return {
    analysis: analysisFor(field),
    lastFound: [],
    lastBoolean: false,
    lastVerdict: undefined,
    lastValue: undefined,
    lastValueFindings: NO_FINDINGS,
    home: undefined,
    seenExtra: undefined,
    seenValue: undefined,
    seenHome: undefined,
    seenGeneration: undefined,
    seenVerdict: undefined,
  };
}

/** Longer values (texts, tokens) rarely repeat and would cost memory: they are read afresh. */
export const MAX_REMEMBERED_VALUE = 64;
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** `detectValue` for a field of a memoised shape: the last value's findings again when the value repeats. */
function valueFindings(value: string | number, hints: ValueHints, memo: FieldMemo, found: Finding[]): void {
  if (memo.lastValue === value) {
    const known = memo.lastValueFindings;
    for (let i = 0; i < known.length; i++) {
      const f = known[i];
      if (f !== undefined) found.push(f);
    }
    return;
  }
  detectValue({ value, hints }, found);
  if (typeof value === 'string' && value.length > MAX_REMEMBERED_VALUE) {
    memo.lastValue = undefined;
    return;
  }
  // A copy: a value is a slice of the body's text, which the memo would otherwise keep alive.
  memo.lastValue = typeof value === 'string' ? (JSON.parse(JSON.stringify(value)) as string) : value;
  memo.lastValueFindings = found.length === 0 ? NO_FINDINGS : found.slice();
}

/** `detectField` for a field of a memoised shape whose value says something (`saysNothing` is false). */
export function detectRemembered(field: ClassifiableField, memo: FieldMemo, context: DetectionContext, extra: readonly Finding[]): FieldClassification {
  const home = context.knowledge?.home;
  if (repeated(memo, field.value, extra, home)) return memo.seenVerdict ?? keyOnlyOutcome(field, memo.analysis, context);
  const verdict = detectWith(field, memo.analysis, context, extra, memo);
  remember(memo, field.value, extra, home, verdict);
  return verdict;
}

/**
 * True when this field's value, its extra findings (the same list object: the shape's settled findings) and
 * the home (the same generation) are the last outcome's: every finding `detectWith` would gather is then the
 * last one's, and so is its verdict. A field of a repeated shape mostly repeats its value (an id, a name, a
 * flag), so its classification is the last one's, without reading the value's findings again.
 */
function repeated(memo: FieldMemo, value: ClassifiableField['value'], extra: readonly Finding[], home: HomeKnowledge | undefined): boolean {
  return memo.seenExtra === extra && memo.seenValue === value && memo.seenHome === home && (home === undefined || memo.seenGeneration === home.generation);
}

function remember(memo: FieldMemo, value: ClassifiableField['value'], extra: readonly Finding[], home: HomeKnowledge | undefined, verdict: FieldClassification): void {
  // The value is kept only as a flag or as `lastValue` (a copy off the body); a home without generations is asked every time.
  const kept = typeof value === 'boolean' || (memo.lastValue !== undefined && memo.lastValue === value);
  if (!kept || (home !== undefined && home.generation === undefined)) {
    memo.seenExtra = undefined;
    return;
  }
  memo.seenExtra = extra;
  memo.seenValue = typeof value === 'boolean' ? value : memo.lastValue;
  memo.seenHome = home;
  memo.seenGeneration = home?.generation;
  // Found nothing: the key's verdict or the traffic's evidence decided, asked again each time (keyOnlyOutcome).
  memo.seenVerdict = foundNothing ? undefined : verdict;
}

/**
 * Values that are no data whatever their key: no key analysis is made (or cached) for them. An empty list or
 * object written out as text (`conversationToken: "[]"`, a state handed back empty) holds no more than `""`.
 */
export function saysNothing(value: ClassifiableField['value']): boolean {
  return value === null || value === '' || value === '0.0.0.0' || value === '[]' || value === '{}';
}

function detectWith(field: ClassifiableField, analysis: KeyAnalysis, context: DetectionContext, extra: readonly Finding[], memo: FieldMemo | undefined): FieldClassification {
  const value = field.value;
  // One array reused for every field (nothing keeps it: verdicts copy what they need). Emptied by pop():
  // setting its length is a runtime call, and it holds a finding or two at most.
  const found = scratch;
  while (found.length > 0) found.pop();
  // A flag carries no identifier; null says nothing (detectValue reads neither).
  if (typeof value === 'string' || typeof value === 'number') {
    if (memo === undefined) detectValue({ value, hints: analysis.hints }, found);
    else valueFindings(value, analysis.hints, memo, found);
  }
  const home = context.knowledge?.home;
  if (home !== undefined) {
    if (memo === undefined || home.generation === undefined) for (const f of knownTexts(home, field.segments, value)) found.push(f);
    else rememberedTexts(home, home.generation, field, value, memo, found);
  }
  // Indexed: iterating a frozen array with for…of is slower. A structure finding quoting a key that is a value
  // (`$.devices.{device}`) quotes the placeholder instead, as the key's own findings do (analysisFor).
  const keys = extra.length > 0 ? valueKeys(field) : undefined;
  const quoted = keys === undefined ? undefined : quotedForms(keys);
  for (let i = 0; i < extra.length; i++) {
    const f = extra[i];
    if (f !== undefined) found.push(quoted === undefined ? f : unquoted(f, quoted));
  }
  foundNothing = found.length === 0;
  if (foundNothing) return keyOnlyOutcome(field, analysis, context);
  // The verdict depends only on the key's findings and these (mostly shared) findings: cache it per template.
  const boolean = typeof value === 'boolean';
  if (memo?.lastVerdict !== undefined && memo.lastBoolean === boolean && sameFindings(memo.lastFound, found)) return memo.lastVerdict;
  const verdicts = boolean ? analysis.booleanVerdicts : analysis.verdicts;
  const signature = found.length === 1 && found[0] !== undefined ? signatureOf(found[0]) : found.map(signatureOf).join('\u0001');
  let result = verdicts.get(signature);
  if (result === undefined) {
    result = classification([...analysis.findings, ...found]);
    if (boolean) result = restrictToBoolean(result, field.key);
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(signature, result);
  }
  if (memo !== undefined) {
    memo.lastFound = found.slice();
    memo.lastBoolean = boolean;
    memo.lastVerdict = result;
  }
  return result;
}

/** Set by detectWith (a second result, as the scanner's): true when no finding was gathered and the key's verdict decided. */
let foundNothing = false;

/** A field no finding speaks for: its key's verdict, or the traffic's evidence that it is an identifier. */
function keyOnlyOutcome(field: ClassifiableField, analysis: KeyAnalysis, context: DetectionContext): FieldClassification {
  const keyOnly = typeof field.value === 'boolean' ? analysis.booleanOnly : analysis.keyOnly;
  if (keyOnly.categories.length > 0 || analysis.vetoesAll) return keyOnly;
  const traffic = detectTrafficIdentifier(context.knowledge?.traffic, context.host, field.pathTemplate);
  return traffic === undefined ? keyOnly : classification([traffic]);
}

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Findings are plain data: their content identifies them for the verdict cache. Most are shared objects
 * (one per validator, scan size, sibling), so each one's signature is made once and its string, hash
 * included, reused for every field that has it.
 */
const signatures = new WeakMap<Finding, string>();
function signatureOf(f: Finding): string {
  let signature = signatures.get(f);
  if (signature === undefined) {
    signature = JSON.stringify([f.detector, f.signal, f.categories, f.facts, f.vetoes ?? '']);
    signatures.set(f, signature);
  }
  return signature;
}

function knownTexts(home: HomeKnowledge, segments: readonly PathSegment[], value: unknown): Finding[] {
  const found: Finding[] = [];
  const fromValue = knownValue(home, value);
  if (fromValue !== undefined) found.push(fromValue);
  for (const f of knownKeys(home, segments)) found.push(f);
  return found;
}

function knownValue(home: HomeKnowledge, value: unknown): Finding | undefined {
  const text = typeof value === 'string' ? value : typeof value === 'number' && Number.isInteger(value) ? String(value) : undefined;
  return text === undefined ? undefined : detectKnownValue(home, text, 'value');
}

function knownKeys(home: HomeKnowledge, segments: readonly PathSegment[]): readonly Finding[] {
  let found: Finding[] | undefined;
  for (const segment of segments) {
    if (typeof segment !== 'string') continue;
    const fromKey = detectKnownValue(home, segment, 'object key');
    if (fromKey !== undefined) (found ??= []).push(fromKey);
  }
  return found ?? NO_FINDINGS;
}

/**
 * `knownTexts` for a field of a memoised shape: its keys are the shape's, so what the home knows of them
 * holds until the home's generation changes; its value's lookup is kept with the last value.
 */
function rememberedTexts(home: HomeKnowledge, generation: number, field: ClassifiableField, value: unknown, memo: FieldMemo, found: Finding[]): void {
  let known = memo.home;
  if (known === undefined || known.home !== home || known.generation !== generation) {
    // The segments are read only here: a scanned field builds its array when first asked.
    known = { home, generation, keys: knownKeys(home, field.segments), value: undefined, valueFinding: undefined };
    memo.home = known;
  }
  let fromValue: Finding | undefined;
  if (known.value !== undefined && known.value === value) fromValue = known.valueFinding;
  else {
    fromValue = knownValue(home, value);
    // `lastValue` is this value (copied) when it was kept; a value too long to keep is looked up each time.
    known.value = memo.lastValue === value ? memo.lastValue : undefined;
    known.valueFinding = fromValue;
  }
  if (fromValue !== undefined) found.push(fromValue);
  for (let i = 0; i < known.keys.length; i++) {
    const f = known.keys[i];
    if (f !== undefined) found.push(f);
  }
}

function classification(findings: readonly Finding[]): FieldClassification {
  const combined = combine(findings);
  if (combined.categories.length === 0) return NOTHING;
  return { categories: combined.categories, findings: combined.deciding, explanation: explainFindings(combined.deciding) };
}

/** A boolean says that something happened, never who or which, unless the key on its path is the data. */
function restrictToBoolean(result: FieldClassification, rawKey: string | undefined): FieldClassification {
  let allowed = BOOLEAN_CATEGORIES;
  for (const f of result.findings) {
    if (f.detector === KEY_AS_VALUE || f.facts.where === 'object key') allowed |= categoriesToMask(f.categories);
    else if (flagSaysHealth(f)) allowed |= HEALTH_MASK;
    else allowed |= traitFlagMask(f);
  }
  const mask = categoriesToMask(result.categories) & allowed;
  if (mask === 0) return NOTHING;
  // third_party alone on a flag that says what an account has or allows (`hasMembers`) is a setting (people-flags.ts).
  if (mask === THIRD_PARTY_MASK && flagIsSettingAboutPeople(rawKey, result.findings)) return NOTHING;
  const findings = result.findings.filter((f) => (categoriesToMask(f.categories) & mask) !== 0);
  // A rider says whose a field is, not what it is (detector.ts): when no finding of the flag's own is left
  // (`is_partial: false` read by its word as media), the rider has nothing to ride on.
  if (!findings.some((f) => f.facts.rides === undefined)) return NOTHING;
  return { categories: maskToCategories(mask), findings, explanation: explainFindings(findings) };
}

/**
 * Counts the clears of the analysis caches. A templated path's analysis is made from the first field
 * that had it, so after a clear the same template may be analysed anew from another field: a copy of an
 * older analysis (the shape memo's) is good only while this count is unchanged.
 */
let generation = 0;
export const analysisGeneration = (): number => generation;

export function analysisFor(field: ClassifiableField): KeyAnalysis {
  const template = trustedTemplate(field);
  const cache = template === undefined ? untemplatedCache : templateCache;
  const cacheKey = template ?? untemplatedKey(field);
  let analysis = cache.get(cacheKey);
  if (analysis === undefined) {
    analysis = analyseKey(field.key, field.segments, valueKeys(field));
    if (cache.size >= CACHE_LIMIT) (cache.clear(), generation++);
    cache.set(cacheKey, analysis);
  }
  return analysis;
}

/**
 * The template is a cache key only while the keys it replaced by a placeholder really were values: the
 * analysis is made from the first field's own keys. A collection that is one record (`"sensors":
 * {"uuid", "installed_at", "user": {...}}`) gets its ordinary keys templated too, and one field's reading
 * would then be every sibling's. A templated path whose keys read as vocabulary is analysed on its own.
 */
function trustedTemplate(field: ClassifiableField): string | undefined {
  const template = field.pathTemplate;
  if (template === undefined || !template.includes('{')) return template;
  for (const segment of field.segments) if (typeof segment === 'string' && readsAsVocabulary(segment)) return undefined;
  return template;
}

const vocabularyKeys = new Map<string, boolean>();
function readsAsVocabulary(segment: string): boolean {
  let known = vocabularyKeys.get(segment);
  if (known === undefined) {
    known = segment.length <= 64 && detectKeyWords(readKey(segment)).length > 0;
    if (vocabularyKeys.size >= CACHE_LIMIT) vocabularyKeys.clear();
    vocabularyKeys.set(segment, known);
  }
  return known;
}

function untemplatedKey(field: ClassifiableField): string {
  let key = field.key ?? '';
  for (const segment of field.segments) key += typeof segment === 'number' ? '\u0000*' : `\u0000${segment}`;
  return key;
}

/**
 * The keys of a field that its path template replaced by a placeholder: values used as keys. Read for
 * their words, but an explanation (kept in the ledger) never quotes them.
 */
function valueKeys(field: ClassifiableField): ReadonlySet<string> | undefined {
  const template = field.pathTemplate;
  if (template === undefined || !template.includes('{')) return undefined;
  let keys: Set<string> | undefined;
  for (const segment of field.segments) {
    if (typeof segment !== 'string' || template.includes(`.${segment}`) || template.includes(JSON.stringify(segment))) continue;
    keys ??= new Set();
    keys.add(segment);
  }
  return keys;
}

/** Written where a value-key would have been quoted, like the placeholders of templated paths. */
const VALUE_KEY = '{value}';

/** Facts that steer how findings combine (detector.ts): never text from a key, never rewritten. */
const CONTROL_FACTS = new Set(['of', 'rides', 'needs']);

/**
 * The same finding with every quoted value-key replaced, in whichever fact quotes it (`key`, `parent`, or a
 * detector's own fact such as a picture's `user.avatar`, dotted parts compared one by one): any fact may reach an
 * explanation, and explanations reach the ledger. The words read from such a key go too: they are the value's own
 * words (a key "cycling" reads the word "cycling").
 */
function unquoted(f: Finding, keys: ReadonlySet<string>): Finding {
  const rewritten = (name: string, fact: string): string => (CONTROL_FACTS.has(name) ? fact : withoutKeys(fact, keys));
  if (Object.entries(f.facts).every(([name, fact]) => rewritten(name, fact) === fact)) return f;
  const facts: Record<string, string> = {};
  for (const [name, fact] of Object.entries(f.facts)) facts[name] = rewritten(name, fact);
  if (facts.words !== undefined) facts.words = VALUE_KEY;
  return finding(f.detector, f.signal, f.categories, facts, f.vetoes);
}

/** The value-keys as sent and as read: a detector may quote a key's words (`friend joe bloggs`), not the key. */
function quotedForms(valueKeys: ReadonlySet<string>): ReadonlySet<string> {
  return new Set([...valueKeys, ...[...valueKeys].map((key) => readKey(key).words.join(' '))]);
}

/** A fact with each value-key that is the whole fact or one of its dotted parts written as the placeholder. */
function withoutKeys(fact: string, keys: ReadonlySet<string>): string {
  let text = fact;
  for (const key of keys) {
    if (key === '' || !text.includes(key)) continue;
    if (text === key) return VALUE_KEY;
    if (text.startsWith(`${key}.`)) text = VALUE_KEY + text.slice(key.length);
    if (text.endsWith(`.${key}`)) text = text.slice(0, text.length - key.length) + VALUE_KEY;
    text = text.split(`.${key}.`).join(`.${VALUE_KEY}.`);
  }
  return text;
}

function analyseKey(fallbackKey: string | undefined, segments: readonly PathSegment[], valueKeys?: ReadonlySet<string>): KeyAnalysis {
  let keyIndex = segments.length - 1;
  while (keyIndex >= 0 && typeof segments[keyIndex] !== 'string') keyIndex--;
  const segment = segments[keyIndex];
  const rawKey = typeof segment === 'string' ? segment : (fallbackKey ?? '');
  const key = readKey(rawKey);
  const ancestors = ancestorKeys(segments, keyIndex);
  const entries = ancestorEntries(segments, keyIndex, valueKeys);
  const findings: Finding[] = [...detectKeyWords(key), ...detectContainers(ancestors, key, entries)];
  const actCount = detectActCount(key, ancestors);
  if (actCount !== undefined) {
    // A count of an act is no reading: the count word's veto goes (act-counts.ts).
    findings.splice(0, findings.length, ...findings.filter((f) => f.signal !== 'veto' || f.facts.words === undefined || !COUNT_VETOES.has(f.facts.words)), actCount);
  }
  // `list[3].field.value`: the value's parent is a field of one listed record (key-detectors.ts, detectParent).
  // `accounts[2].items[0].id`: an entry of a list inside an entry of another list (key-detectors.ts, detectParent).
  const nestedEntry = typeof segments[keyIndex - 1] === 'number' && typeof segments[keyIndex - 2] === 'string' && typeof segments[keyIndex - 3] === 'number';
  const parent = detectParent(key, ancestors, typeof segments[keyIndex - 1] === 'string' && typeof segments[keyIndex - 2] === 'number', nestedEntry);
  if (parent !== undefined) {
    findings.push(parent);
    // The parent's reading is the more specific one: `user.uuid` is a user's id, not a device's.
    if (parent.signal === 'strong') findings.splice(0, findings.length, ...findings.filter((f) => f.signal !== 'weak'));
  }
  findings.push(...keysAsValues(segments));
  const mention = detectHealthMention(key, ancestors);
  if (mention !== undefined) findings.push(mention);
  const nickname = detectNickname(key, ancestors);
  if (nickname !== undefined) findings.push(nickname);
  const coordinatePart = detectCoordinatePart(key);
  if (coordinatePart !== undefined) findings.push(coordinatePart);
  const gluedSsid = detectGluedSsid(key);
  if (gluedSsid !== undefined) findings.push(gluedSsid);
  const subject = detectStateSubject(key, ancestors);
  if (subject !== undefined) findings.push(subject);
  const lastAct = detectLastAct(key);
  if (lastAct !== undefined) findings.push(lastAct);
  const resourceLoad = detectResourceLoad(key, ancestors);
  if (resourceLoad !== undefined) findings.push(resourceLoad);
  const reply = detectAssistantReply(key, ancestors);
  if (reply !== undefined) findings.push(reply);
  for (const f of detectPeopleSetting(key)) findings.push(f);
  const personPicture = detectPersonPicture(key, ancestors);
  if (personPicture !== undefined) findings.push(personPicture);
  const otherParty = detectOtherPartyKey(key);
  if (otherParty !== undefined) findings.push(otherParty);
  const read = placesLeaveHabits(findings, key);
  const quoted = valueKeys === undefined ? undefined : quotedForms(valueKeys);
  const frozen = Object.freeze(quoted === undefined ? [...read] : read.map((f) => unquoted(f, quoted)));
  const keyOnly = classification(frozen);
  return {
    findings: frozen,
    hints: Object.freeze(valueKeys?.has(rawKey) === true ? { ...keyHints(key, ancestors), keyIsValue: true } : keyHints(key, ancestors)),
    keyOnly,
    booleanOnly: restrictToBoolean(keyOnly, rawKey),
    verdicts: new Map(),
    booleanVerdicts: new Map(),
    vetoesAll: frozen.some((f) => f.vetoes === 'all'),
  };
}
