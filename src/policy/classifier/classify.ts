import type { DataCategory } from '../categories.js';
import type { PathSegment, ScalarValue } from '../../payload/index.js';
import {
  ANCESTOR_RULES,
  EXACT_KEYS,
  KEY_SUFFIXES,
  LATITUDE_KEYS,
  LONGITUDE_KEYS,
  MAC_KEYS,
  NEUTRAL_ANCESTORS,
  PARENT_RULES,
  PHONE_KEYS,
  POSTAL_KEYS,
  SPEECH_KEYS,
  WEAK_KEYS,
} from './keys.js';
import { CATEGORY_BIT, NO_CATEGORIES, categoriesToMask, maskToCategories } from './mask.js';
import { MAC_FOUND, detectValue, type ValueHints } from './values.js';

export interface ClassifiableField {
  readonly key?: string | undefined;
  readonly segments: readonly PathSegment[];
  /** The parser's path template (`$.ap_list[*].ssid`); the key context depends on nothing else. */
  readonly pathTemplate?: string | undefined;
  readonly value: ScalarValue;
}

/** What a key (in its context) says before the value is looked at. Cached and shared. */
interface KeyInfo {
  readonly mask: number;
  /** Categories that came from a weak key and yield to an identifier found in the value. */
  readonly weakMask: number;
  readonly latitude: boolean;
  readonly longitude: boolean;
  readonly speech: boolean;
  readonly hints: ValueHints;
}

const { location: LOCATION, network: NETWORK, device: DEVICE, media: MEDIA } = CATEGORY_BIT;
/** A boolean can say that something happened (behaviour) but never holds an identifier or a secret. */
const BOOLEAN_MASK = CATEGORY_BIT.behaviour | CATEGORY_BIT.third_party;
const NEUTRAL_BIT = 1 << 9;
const PARENT_SHIFT = 10;
/** Caches are keyed by payload keys, which a sender controls: bound them. */
const CACHE_LIMIT = 20_000;

const exactMasks = buildMasks(EXACT_KEYS);
const suffixes = buildSuffixes();
const weakKeys = new Set(WEAK_KEYS);
const sets = {
  mac: new Set(MAC_KEYS),
  phone: new Set(PHONE_KEYS),
  postal: new Set(POSTAL_KEYS),
  latitude: new Set(LATITUDE_KEYS),
  longitude: new Set(LONGITUDE_KEYS),
  speech: new Set(SPEECH_KEYS),
  neutral: new Set(NEUTRAL_ANCESTORS),
};
const ancestorMasks = new Map<string, number>();
for (const rule of ANCESTOR_RULES) {
  for (const name of rule.ancestors) ancestorMasks.set(name, (ancestorMasks.get(name) ?? 0) | categoriesToMask(rule.categories));
}
const ruleMasks = PARENT_RULES.map((rule) => categoriesToMask(rule.categories));

/** raw segment → its ancestor bits (categories, neutral) and, shifted, the parent rules it triggers. */
const segmentCache = new Map<string, number>();
/** context bits → (raw key → KeyInfo). Contexts are few (a bit set); keys are bounded per context. */
const keyCache = new Map<number, Map<string, KeyInfo>>();
/**
 * path template → KeyInfo. A template fixes every key on the path and where it is, which is all a
 * KeyInfo depends on, and the parsers hand out the same template string for every field and request
 * that share it: one lookup replaces the walk over the field's segments.
 */
const templateCache = new Map<string, KeyInfo>();

/** The categories of one leaf, from its key, its parent keys and its value. */
export function classifyField(field: ClassifiableField): readonly DataCategory[] {
  const value = field.value;
  if (value === null || value === '') return NO_CATEGORIES;
  const info = keyInfoFor(field);
  if (typeof value === 'boolean') return maskToCategories(info.mask & BOOLEAN_MASK);
  if (typeof value === 'number') return maskToCategories(numberMask(info, value));
  return maskToCategories(stringMask(info, value));
}

function numberMask(info: KeyInfo, value: number): number {
  if ((info.latitude && !(Math.abs(value) <= 90)) || (info.longitude && !(Math.abs(value) <= 180))) {
    return info.mask & ~LOCATION;
  }
  return info.mask;
}

function stringMask(info: KeyInfo, value: string): number {
  if (value === '0.0.0.0') return 0;
  if (info.latitude || info.longitude) {
    const n = Number(value);
    if (value.trim() !== '' && Number.isFinite(n)) return numberMask(info, n);
  }
  let found = detectValue(value, info.hints);
  if ((found & MAC_FOUND) !== 0) found = (info.mask & NETWORK) !== 0 ? NETWORK : DEVICE;
  let mask = found !== 0 && info.weakMask !== 0 ? (info.mask & ~info.weakMask) | found : info.mask | found;
  // Natural language under an `input`/`text` key is a transcript of what somebody said.
  if (info.speech && value.includes(' ')) mask |= MEDIA;
  return mask;
}

function keyInfoFor(field: ClassifiableField): KeyInfo {
  const template = field.pathTemplate;
  if (template === undefined) return keyInfoOf(field.key, field.segments);
  let info = templateCache.get(template);
  if (info === undefined) {
    info = keyInfoOf(field.key, field.segments);
    if (templateCache.size >= CACHE_LIMIT) templateCache.clear();
    templateCache.set(template, info);
  }
  return info;
}

function keyInfoOf(key: string | undefined, segments: readonly PathSegment[]): KeyInfo {
  let keyIndex = segments.length - 1;
  while (keyIndex >= 0 && typeof segments[keyIndex] !== 'string') keyIndex--;
  const segment = segments[keyIndex];
  const rawKey = typeof segment === 'string' ? segment : (key ?? '');

  // Siblings share their ancestors: reuse the previous field's context without any lookup.
  if (keyIndex !== memo.keyIndex || !sameAncestors(segments, memo.segments, keyIndex)) {
    memo.keyIndex = keyIndex;
    memo.segments = segments;
    memo.infos = infosForContext(contextOf(segments, keyIndex));
  }
  let info = memo.infos.get(rawKey);
  if (info === undefined) {
    if (memo.infos.size >= CACHE_LIMIT) memo.infos.clear();
    info = computeKeyInfo(rawKey, memo.context);
    memo.infos.set(rawKey, info);
  }
  return info;
}

const memo = { keyIndex: -2, segments: [] as readonly PathSegment[], context: 0, infos: new Map<string, KeyInfo>() };

/** Array indices do not change the context: `ap_list[0].ssid` and `ap_list[7].ssid` share it. */
function sameAncestors(a: readonly PathSegment[], b: readonly PathSegment[], keyIndex: number): boolean {
  for (let i = 0; i < keyIndex; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== y && (typeof x === 'string' || typeof y === 'string')) return false;
  }
  return true;
}

function contextOf(segments: readonly PathSegment[], keyIndex: number): number {
  let context = 0;
  let parentRules = 0;
  for (let i = 0; i < keyIndex; i++) {
    const ancestor = segments[i];
    if (typeof ancestor !== 'string') continue;
    const bits = segmentBits(ancestor);
    context |= bits & ((1 << PARENT_SHIFT) - 1);
    parentRules = bits >>> PARENT_SHIFT;
  }
  return context | (parentRules << PARENT_SHIFT);
}

function infosForContext(context: number): Map<string, KeyInfo> {
  memo.context = context;
  let infos = keyCache.get(context);
  if (infos === undefined) {
    infos = new Map();
    keyCache.set(context, infos);
  }
  return infos;
}

function segmentBits(raw: string): number {
  let bits = segmentCache.get(raw);
  if (bits === undefined) {
    const name = stripDigits(normaliseKey(raw));
    bits = (ancestorMasks.get(name) ?? 0) | (sets.neutral.has(name) ? NEUTRAL_BIT : 0);
    PARENT_RULES.forEach((rule, index) => {
      if (rule.parents.includes(name)) bits = (bits ?? 0) | (1 << (PARENT_SHIFT + index));
    });
    if (segmentCache.size >= CACHE_LIMIT) segmentCache.clear();
    segmentCache.set(raw, bits);
  }
  return bits;
}

function computeKeyInfo(rawKey: string, context: number): KeyInfo {
  const normalised = normaliseKey(rawKey);
  const name = stripDigits(normalised);
  let mask = exactMasks.get(normalised) ?? exactMasks.get(name) ?? suffixMask(name);
  let weakMask = weakKeys.has(name) ? mask : 0;
  const parentRules = context >>> PARENT_SHIFT;
  PARENT_RULES.forEach((rule, index) => {
    if ((parentRules & (1 << index)) === 0) return;
    if (rule.keys !== '*' && !rule.keys.includes(name)) return;
    const ruleMask = ruleMasks[index] ?? 0;
    if (rule.replaces === true) {
      mask = ruleMask;
      weakMask = 0;
    } else {
      mask |= ruleMask;
    }
  });
  const neutral = (context & NEUTRAL_BIT) !== 0;
  return Object.freeze({
    mask: neutral ? 0 : mask | (context & ~NEUTRAL_BIT & ((1 << PARENT_SHIFT) - 1)),
    weakMask: neutral ? 0 : weakMask,
    latitude: sets.latitude.has(name),
    longitude: sets.longitude.has(name),
    speech: sets.speech.has(name),
    hints: Object.freeze({
      macKey: sets.mac.has(name),
      phoneKey: sets.phone.has(name),
      postalKey: sets.postal.has(name),
      deviceKey: /device|terminal|installation|hardware/.test(name),
    }),
  });
}

/** Lower-case with `_ - . :` and spaces removed: `wifi_sta`, `wifiSta`, `WiFi-STA` → `wifista`. */
export function normaliseKey(raw: string): string {
  return raw.toLowerCase().replace(/[-_.:\s]+/g, '');
}

function stripDigits(name: string): string {
  const stripped = name.replace(/\d+$/, '');
  return stripped === '' ? name : stripped;
}

function suffixMask(name: string): number {
  // The longest matching suffix wins: `wanipaddress` is an IP address, not a postal address.
  let best = '';
  let mask = 0;
  for (const [suffix, suffixMaskBits] of suffixes) {
    if (suffix.length > best.length && name.length > suffix.length && name.endsWith(suffix)) {
      best = suffix;
      mask = suffixMaskBits;
    }
  }
  return mask;
}

function buildMasks(table: Readonly<Record<DataCategory, readonly string[]>>): Map<string, number> {
  const masks = new Map<string, number>();
  for (const [category, keys] of Object.entries(table) as [DataCategory, readonly string[]][]) {
    for (const key of keys) masks.set(key, (masks.get(key) ?? 0) | CATEGORY_BIT[category]);
  }
  return masks;
}

function buildSuffixes(): [string, number][] {
  return [...buildMasks(KEY_SUFFIXES)];
}
