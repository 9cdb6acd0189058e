import type { Container } from './phrases.js';
import { headMatch } from './phrases.js';
import { readKey, singular, type KeyWords } from './words.js';

/**
 * How far a place container reaches, and which keys name one.
 *
 * A position, an address or a list of waypoints holds its coordinates, their accuracy and the address's parts
 * as its own members (`waypoints[*].rad`, `address.city`, `pose.point.x`); a record nested inside it is a
 * thing of its own (a Daikin management point's `firmwareVersion.value`, a unit's `schedule.value.modes…`):
 * its leaves are not places because an ancestor's name has "points" or "position" in it. So a place
 * container colours only the leaves it holds directly, or through wrappers that only hold a value
 * (`position.value.x`).
 *
 * A place word at the end of a longer key names a place only when the whole key does not read as something
 * else: `ipAddress`, `hardwareAddress` are a network's and a device's addresses, `heartPoints` a health
 * score. And "points" qualified by anything but a place (`managementPoints`, `accessPoints`, `dataPoints`,
 * `rewardPoints`) are units, access points, samples or a score; `trackPoints`, `gpsPoints`, `routePoints`,
 * a bare `points` list (a polygon's) stay places.
 */
const WRAPPERS = new Set(['value', 'values', 'data', 'current', 'latest', 'last']);

/**
 * Whether a place named by a field's grandparent (`zones[*].name` read as "zone name") reaches the field through
 * its parent: only through a wrapper that holds a value (`zones[*].value.name`), a key that is a value
 * (`zones["3"].name`) or a section about the place itself (`zones[*].general.name`). A record of its own in
 * the place (`zones[*].customSoil.name`, a zone's soil or nozzle) names itself, not the place.
 */
export function placeReachesThrough(parent: KeyWords): boolean {
  const joined = parent.words.join(' ');
  return WRAPPERS.has(joined) || OWN_SECTIONS.has(joined) || /\d/.test(parent.raw);
}
/** Sections of a record about the record itself (`zones[*].general.name`, `rooms[*].info.name`). */
const OWN_SECTIONS = new Set(['general', 'info', 'information', 'details', 'detail', 'attributes', 'properties', 'basic', 'basics']);

/** Whether the place container at `at` among the field's ancestors holds the field as a member of its own. */
export function placeContainerHolds(ancestors: readonly KeyWords[], at: number): boolean {
  for (let i = at + 1; i < ancestors.length; i++) {
    const between = ancestors[i];
    if (between === undefined || !WRAPPERS.has(between.words.join(' '))) return false;
  }
  return true;
}

const POINT_WORDS = new Set(['point', 'points']);
/** Qualifiers that make points positions: a track's, a route's, a map's or a boundary's. */
const PLACE_QUALIFIERS = new Set(['track', 'trail', 'way', 'route', 'path', 'map', 'boundary', 'border', 'outline', 'fence',
  'polygon', 'nav', 'navigation', 'location', 'gps', 'gnss', 'geo', 'position', 'coordinate', 'coordinates', 'trip', 'drive', 'zone', 'room', 'area']);

/** Whether a key that `containerOf` read as a place container (`container`) names a place. */
export function namesPlace(key: KeyWords, container: Container): boolean {
  const words = key.words;
  const tail = container.text.split(' ').length;
  if (words.length <= tail) return true;
  // The whole key read as the vocabulary reads it, its last word also as a singular (`ip_addresses`).
  const whole = headMatch(words) ?? headMatch([...words.slice(0, -1), singular(words[words.length - 1] ?? '')]);
  if (whole !== undefined && whole.start === 0 && whole.meaning.kind === 'phrase' && !whole.meaning.phrase.categories.includes('location')) return false;
  if (whole !== undefined && whole.start === 0 && whole.meaning.kind === 'negative') return false;
  if (!POINT_WORDS.has(container.text)) return true;
  return words.slice(0, -tail).some((w) => PLACE_QUALIFIERS.has(w) || PLACE_QUALIFIERS.has(singular(w)) || placeWord(w));
}

function placeWord(word: string): boolean {
  const match = headMatch(readKey(word).words);
  return match !== undefined && match.meaning.kind === 'phrase' && match.meaning.phrase.signal === 'strong' && match.meaning.phrase.categories.includes('location');
}

/**
 * Members of a place's record that say something else about it: its state, mode or source (`parkingPosition.state`,
 * `position.source: "gps"`), when it was taken (`date_tracker`), which operator's network it came through (3GPP
 * MCC/MNC: a country on its own is no place, docs/CORPUS.md), the radio's reading (`gsm`, `satellites`) or its
 * index in a list (`indexInPoints`). They keep their own key's reading; the container does not make them places.
 */
const NOT_PLACE_MEMBER_WORDS = new Set(['state', 'status', 'stat', 'mode', 'source', 'type', 'kind', 'date', 'time', 'timestamp', 'ts',
  'mcc', 'mnc', 'gsm', 'satellites', 'sats', 'satellite', 'index', 'idx']);

/** Whether a member of a place container's record may be coloured by it. */
export function placeMember(key: KeyWords | undefined): boolean {
  return key === undefined || !key.words.some((w) => NOT_PLACE_MEMBER_WORDS.has(w));
}
