import type { DataCategory } from '../categories.js';
import type { PathSegment } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { compactMatch, containerOf, headMatch, innerMatches, type Meaning } from './phrases.js';
import { emailKey } from './address-settings.js';
import { fileNameKey } from './file-names.js';
import { partyNumberKey } from './party-numbers.js';
import { settingInPlan } from './plan-settings.js';
import { machineReadingInHabit } from './machine-readings.js';
import { actorOf } from './actor-keys.js';
import { holdsPeople, inRecordOfEntry, personLeaf } from './people-containers.js';
import { namesScanning, scanJobRecord } from './own-radios.js';
import { limitOfHabit } from './plan-limits.js';
import { describesUsage } from './usage-descriptors.js';
import { catalogueFactOfWork } from './catalogue-facts.js';
import { habitBeforeState } from './habit-states.js';
import { namesPlace, placeContainerHolds, placeMember, placeReachesThrough } from './place-containers.js';
import { DEVICE_THING_WORDS, GENERIC_HEADS, HEALTH_UNITS, MEDIA_WORDS, PERSON_WORDS, THING_WORDS } from './vocabulary.js';
import { validateIdentifier } from './validators.js';
import { readKey, singular, type KeyWords } from './words.js';
import { isGeoFeatureList } from './geo-features.js';

/**
 * Detectors that read keys: the field's own key (words, abbreviations, unit suffix, negative words), its
 * parent when the key alone says little (`owner.id`), and the containers around it (`scan[*]`). They
 * depend only on the path template, so their findings are computed once per template and shared.
 */
export const KEY = 'key';
export const NEGATIVE = 'negative-vocabulary';
export const PARENT = 'parent';
export const THING_NAME = 'thing-name';
export const ENTRY_ID = 'entry-id';
export const CONTAINER = 'container';
export const NEUTRAL = 'neutral-container';
export const GEOMETRY = 'geometry-container';
export const KEY_AS_VALUE = 'key-as-value';

const categoryText = (categories: readonly DataCategory[]) => categories.join(', ');

export const keyExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [KEY]: (f) =>
    `${f.facts.key === undefined ? 'key' : `key "${f.facts.key}"`}: ${f.facts.inner === undefined ? 'word' : 'contains'} "${f.facts.words}"` +
    `${f.facts.unit === undefined ? '' : ` + unit "${f.facts.unit}"`} → ${categoryText(f.categories)}`,
  [NEGATIVE]: (f) => `${f.facts.key === undefined ? 'key' : `key "${f.facts.key}"`}: "${f.facts.words}" is a reading or setting, not personal data`,
  [PARENT]: (f) => `key "${f.facts.key}" under "${f.facts.parent}" reads "${f.facts.words}" → ${categoryText(f.categories)}`,
  [THING_NAME]: (f) => `"${f.facts.key}" under "${f.facts.parent}" names a thing, not a person`,
  [ENTRY_ID]: (f) => `"${f.facts.key}" under "${f.facts.parent}" is the id of an entry of its own, not a user's`,
  [CONTAINER]: (f) => `inside "${f.facts.container}" → ${categoryText(f.categories)}`,
  [GEOMETRY]: (f) => `inside "${f.facts.container}": sizes of a picture or a box, not of a body`,
  [NEUTRAL]: (f) => `inside "${f.facts.container}": describes what a device can do, not data`,
  [KEY_AS_VALUE]: (f) => `an object key on the path is a ${f.facts.validator ?? 'value'} → ${categoryText(f.categories)}`,
};

/** What the key says about how to read the value: hints that unlock validators too eager alone. */
export interface ValueHints {
  readonly latitude: boolean;
  readonly longitude: boolean;
  /** MAC addresses here belong to an access point or router: network, not device. */
  readonly networkMac: boolean;
  readonly macKey: boolean;
  readonly phone: boolean;
  readonly postal: boolean;
  readonly deviceId: boolean;
  readonly speech: boolean;
  /** A request's text to an assistant (`queryText`, `resolvedQuery`, `rawInputs[0].query`): one word is still the request. */
  readonly request: boolean;
  /** A host name: an id inside it (`shelly-AABBCC`) identifies the device. */
  readonly hostName: boolean;
  /** An id key: a small integer under it is an index, not an identifier. */
  readonly idKey: boolean;
  /** A file name: media only when the value has a picture's or recording's type (file-names.ts). */
  readonly fileName: boolean;
  /** An e-mail key: a number under it is a setting of the channel, not an address (address-settings.ts). */
  readonly emailKey: boolean;
  /** A SIP key or record: `user@host` there is a SIP endpoint (network), not an e-mail address. */
  readonly sip: boolean;
  /** A party of a call or a message (`from`, `answeringNumber`): digits there are a phone number (party-numbers.ts). */
  readonly party: boolean;
  /** The key is a value itself (a templated path's `{value}`): what the field says is in its key, not its value. */
  readonly keyIsValue?: boolean;
}

const SPEECH_WORDS = new Set(['input', 'text', 'query', 'command', 'utterance', 'transcript', 'speech', 'said', 'phrase', 'sentence', 'transcription']);
/** `voice.text`, `stt.result`, `asr.alternatives[0].transcript`: a text under a record of recognised speech. */
const SPEECH_VALUE_HEADS = new Set(['text', 'value', 'result', 'results', 'alternative', 'alternatives', 'hypothesis', 'best', 'content']);
const SPEECH_CONTEXTS = new Set(['voice', 'speech', 'stt', 'asr', 'transcript', 'transcription', 'recognition', 'recognized',
  'recognised', 'utterance', 'dictation', 'conversation', 'assist', 'assistant', 'heard', 'spoken']);
/**
 * `text`, `rawText`, `stt_text`, `utterance`: what somebody said. A text qualified by anything else
 * (`error_text`, `button_text`, `display_text`) is the device's own words.
 */
function speechKey(words: readonly string[], head: string): boolean {
  if (!SPEECH_WORDS.has(head)) return false;
  if (head !== 'text' || words.length === 1) return true;
  return words.slice(0, -1).some((w) => SPEECH_WORDS.has(w) || SPEECH_CONTEXTS.has(w) || SPEECH_QUALIFIERS.has(w));
}
const SPEECH_QUALIFIERS = new Set(['raw', 'input', 'spoken', 'full', 'final', 'partial', 'user', 'said']);
/**
 * `queryText`, `resolvedQuery`, `rawInputs[0].query`: the query an assistant was asked (Dialogflow's and Actions on
 * Google's request records), named as a query and qualified as the user's or the raw one. A bare `query` elsewhere
 * (an API's query name) is not one.
 */
function requestKey(words: readonly string[], head: string, around: ReadonlySet<string>): boolean {
  if (!words.includes('query')) return false;
  if (words.length > 1) return words.some((w) => w !== 'query' && REQUEST_QUALIFIERS.has(w));
  return head === 'query' && around.has('raw');
}
const REQUEST_QUALIFIERS = new Set(['text', 'resolved', 'raw', 'user', 'spoken', 'input']);
/**
 * What an assistant answers (`fulfillmentText`, `fulfillment.speech`, `reply.text`) or a speaker is made to say
 * (`tts.text`): the service's words, not what somebody said.
 */
const REPLY_WORDS = new Set(['fulfillment', 'fulfilment', 'reply', 'replies', 'tts']);
const ARC_PARTS = new Set(['min', 'mins', 'minutes', 'sec', 'secs', 'seconds']);
const NETWORK_MAC_WORDS = new Set(['ap', 'bssid', 'router', 'gateway', 'access']);
const PHONE_WORDS = new Set(['phone', 'mobile', 'msisdn', 'sms', 'whatsapp', 'fax', 'cell']);
const POSTAL_WORDS = new Set(['zip', 'postal', 'postcode']);
const NOT_POSTAL_WORDS = new Set(['ip', 'mac', 'email', 'network', 'ieee', 'hw', 'save', 'street', 'city', 'line']);
/**
 * An address record that is a machine's (`hardwareAddress.value`, `physicalAddress`, `macAddress`: Matter's
 * network interfaces give the MAC so) holds no postal code: its digits are an interface's.
 */
const MACHINE_ADDRESS_WORDS = new Set([...NOT_POSTAL_WORDS, 'hardware', 'physical']);
function inPostalAddress(ancestors: readonly KeyWords[]): boolean {
  return ancestors.some((a) => a.words.includes('address') && !a.words.some((w) => MACHINE_ADDRESS_WORDS.has(w)));
}
const DEVICE_WORDS = new Set(['device', 'terminal', 'hardware', 'unit', 'serial', 'camera', 'node', 'robot', 'gateway', 'hub', 'sensor', 'thing']);
/**
 * A record a device word qualifies (`deviceProfileId`, `device_type_id`, `deviceGroupId`: LoRaWAN servers' device
 * profiles, a catalogue's types) is shared by many units: its id names that record, not this unit.
 */
const DEVICE_RECORD_WORDS = new Set(['profile', 'template', 'group', 'type', 'class', 'model', 'category', 'kind',
  'family']);
function namesDeviceRecord(words: readonly string[]): boolean {
  return words.some((w, i) => DEVICE_WORDS.has(w) && DEVICE_RECORD_WORDS.has(words[i + 1] ?? ''));
}
const MAC_WORDS = new Set(['mac', 'hw', 'address', 'bssid', 'device', 'ieee', 'bt', 'ble', 'eui']);

export function keyHints(key: KeyWords, ancestors: readonly KeyWords[]): ValueHints {
  const words = new Set(key.words);
  const around = new Set(ancestors.flatMap((a) => a.words));
  const has = (set: ReadonlySet<string>, pool: ReadonlySet<string>) => [...set].some((w) => pool.has(w));
  const head = key.words[key.words.length - 1] ?? '';
  return {
    // The minutes or seconds of a coordinate in degrees, minutes and seconds (`LatitudeSec: "5540"`) are not degrees.
    latitude: head === 'latitude' && !ARC_PARTS.has(key.unit ?? ''),
    longitude: head === 'longitude' && !ARC_PARTS.has(key.unit ?? ''),
    // A MAC under an SSID key (`wssid: "aa:bb:…"`) is the access point's: a BSSID.
    networkMac: key.compact.includes('bssid') || key.compact.endsWith('ssid') || has(NETWORK_MAC_WORDS, words) || (!words.has('device') && has(NETWORK_MAC_WORDS, around)),
    macKey: has(MAC_WORDS, words),
    phone: has(PHONE_WORDS, words) || (head === 'number' && has(PHONE_WORDS, around)),
    postal: has(POSTAL_WORDS, words) || (inPostalAddress(ancestors) && !has(NOT_POSTAL_WORDS, words)),
    // Under a device, a bare id is the unit's; an id named for something else (`workspace_id`, `account_id`) is that thing's.
    deviceId: (has(DEVICE_WORDS, words) && !namesDeviceRecord(key.words)) ||
      (GENERIC_HEADS.has(key.words.join(' ')) && has(DEVICE_WORDS, around)),
    speech: (speechKey(key.words, head) || (SPEECH_VALUE_HEADS.has(head) && has(SPEECH_CONTEXTS, around))) &&
      !has(REPLY_WORDS, words) && !has(REPLY_WORDS, around),
    request: requestKey(key.words, head, around),
    hostName: words.has('host') || key.compact.includes('hostname') || (head === 'name' && (ancestors[ancestors.length - 1]?.words.includes('host') ?? false)),
    // Not `value`: a small number under it is a reading (`ValueInMgPerDl: 100`), not an index.
    idKey: ID_HEADS.has(head) || (GENERIC_HEADS.has(key.words.join(' ')) && !PARENT_VALUE_HEADS.has(head)),
    fileName: fileNameKey(key, ancestors),
    emailKey: emailKey(key),
    sip: words.has('sip') || around.has('sip'),
    party: partyNumberKey(key),
  };
}

/** Heads that qualify the words before them: `averageRespirationValue`, `passwordHash`. */
const QUALIFIER_HEADS = new Set(['value', 'values', 'avg', 'average', 'min', 'max', 'high', 'low', 'mean', 'median',
  'summary', 'data', 'reading', 'readings', 'list', 'hash', 'sum', 'raw', 'str', 'string', 'hex', 'b', 'base',
  'enc', 'encrypted', 'json', 'info', 'detail', 'details', 'latest', 'lowest', 'highest', 'score',
  'delta', 'change', 'diff', 'running', 'cycling', 'walking', 'swimming', 'trend',
  // What was added up over an activity (`calories_accum`, `cumulative_steps` reads from the front): still that quantity.
  'accum', 'accumulated', 'cumulative',
  // Which one of several (`doorStatusRearLeft`, `windowFrontRight`): the words before say what it is.
  'left', 'right', 'front', 'rear', 'back', 'driver', 'passenger',
  // A goal for a body measurement is that measurement's kind (`waist_girth_goal`).
  'goal', 'goals',
  // The state a body was in while measured (`caloriesIdle`, `heartRateResting`): still that measurement.
  'idle', 'resting']);
// What a device can or will do by itself (`autoLockTime`, `CanMeasureEnergyConsumed`, `setChargeSchedule`,
// `supportsEntryCodes`) is a capability or a setting, not what anybody did.
const SETTING_PREFIXES = new Set(['default', 'desired', 'maximum', 'minimum', 'limit', 'target', 'hide', 'show', 'enable', 'disable', 'allow',
  'can', 'auto', 'set', 'supports', 'support']);
const DURATION_UNITS = new Set(['seconds', 'secs', 'sec', 'minutes', 'mins', 'min', 'hrs', 'ms', 'milli', 'millis', 'milliseconds']);
/** A quantity, not an identity: `userPercentage`, `deviceTempC` hold a number of something, not a who or a which. */
const IDENTITY_CATEGORIES = new Set(['personal', 'device', 'network', 'credentials']);
const NOT_QUANTITY_UNITS = new Set(['ts', 'epoch', 'utc', 'gmt', 'local']);
/** Heads that say *when*: a time of an event is behaviour, a time of a report is nothing. */
const TIME_HEADS = new Set(['time', 'timestamp', 'date', 'datetime', 'at', 'start', 'end', 'started', 'ended',
  'since', 'until', 'begin', 'when', 'times', 'tm', 'dt', 'stamp', 'of', 'tst', 'wtst',
  // `motion_report.changed`: when a state changed; `now`: when an event record was made.
  'changed', 'now']);
const EVENT_WORDS = new Set(['event', 'activity', 'sleep', 'wake', 'motion', 'access', 'lock', 'unlock', 'trip',
  'arrival', 'departure', 'visit', 'ring', 'detection', 'detected', 'press', 'opened', 'closed', 'entry',
  'exit', 'arrived', 'left', 'bed', 'nap', 'mission', 'clean', 'cleaning', 'night', 'bedtime', 'quiet', 'schedule', 'workout', 'exercise', 'meal', 'ride', 'drive', 'visit', 'presence']);
const ID_HEADS = new Set(['id', 'uuid', 'guid', 'identifier', 'ids', 'pk', 'uid']);

const TEMPERATURE_UNITS = new Set(['c', 'f', 'celsius', 'fahrenheit', 'kelvin']);

/**
 * `smartlockId`, `doorlock_id`, `powerstripId`: vendors glue a thing's class to a qualifier; the word still
 * ends with the thing (`lock`, `strip` is not one). Words of four letters or more only, so `xlock` is not read.
 */
export function thingWord(word: string): string | undefined {
  if (DEVICE_THING_WORDS.has(word)) return word;
  if (word.length < 6) return undefined;
  for (let cut = 2; cut <= word.length - 4; cut++) {
    const tail = word.slice(cut);
    if (COMPOUND_THINGS.has(tail)) return tail;
  }
  return undefined;
}
/** Thing words that end compounds (`smartlock`, `doorsensor`); not `base`, `unit`, `band` (`database`). */
const COMPOUND_THINGS = new Set(['lock', 'plug', 'light', 'lamp', 'switch', 'sensor', 'camera', 'doorbell', 'robot', 'vacuum',
  'speaker', 'outlet', 'meter', 'bridge', 'thermostat', 'valve', 'keypad', 'gateway', 'button', 'remote', 'scale', 'tracker',
  'controller', 'router', 'relay', 'chime', 'station', 'bike', 'scooter', 'printer', 'feeder', 'purifier', 'heater', 'charger',
  'inverter', 'mower', 'sprinkler', 'washer', 'dryer']);

const timeKeys = new Map<string, boolean>();
/** `timestamp`, `dateTime`, `start_time`, `ts`: a key that holds a time (bounded cache: keys come from senders). */
export function isTimeKey(raw: string): boolean {
  let result = timeKeys.get(raw);
  if (result === undefined) {
    const words = readKey(raw).words;
    const head = words[words.length - 1] ?? '';
    result = TIME_HEADS.has(head) && !words.some((w) => NEGATIVE_TIME_WORDS.has(w));
    if (timeKeys.size >= 5_000) timeKeys.clear();
    timeKeys.set(raw, result);
  }
  return result;
}
const NEGATIVE_TIME_WORDS = new Set(['updated', 'created', 'create', 'modified', 'expires', 'expiry', 'update', 'setup', 'boot', 'sync']);

/** Words that bound a range of time: `hr` after them is an hour of a clock (`StHr`, `EnHr`, `to_hr`). */
const TIME_BOUNDS = new Set(['st', 'start', 'en', 'end', 'from', 'to', 'begin', 'stop', 'until', 'open', 'close']);
function hourOfBound(words: readonly string[], start: number): boolean {
  return start > 0 && start === words.length - 1 && words[start] === 'hr' && TIME_BOUNDS.has(words[start - 1] ?? '');
}

/** The key's own words: head phrase, inner phrases, negative words, a health unit. */
export function detectKeyWords(key: KeyWords): Finding[] {
  const found: Finding[] = [];
  const compactWhole = key.words.length <= 1 ? compactMatch(key) : undefined;
  const covered = compactWhole !== undefined || headMatch(key.words)?.start === 0;
  // Keys can be values (an SSID, a person's name): an explanation quotes a key only when every word of
  // it is vocabulary, else only the words it matched.
  const facts: Record<string, string> = covered ? { of: 'key', key: key.raw } : { of: 'key' };
  const unitFacts: Record<string, string> = key.unit === undefined ? {} : { unit: key.unit };
  const compact = compactWhole;
  const head = compact === undefined ? headMatch(key.words) : { meaning: compact, start: 0 };
  const first = key.words[0] ?? '';
  // `StHr`, `end_hr`, `fromHr`: the hour a slot starts or ends, not a heart rate.
  if (head !== undefined && hourOfBound(key.words, head.start)) return [];
  if (head !== undefined && head.start > 0 && SETTING_PREFIXES.has(first)) {
    // `defaultSleepTime`, `maximumGeofence`, `desired_accuracy`: a setting or a limit, nobody's data.
    return [finding(NEGATIVE, 'veto', [], { ...facts, words: first }, 'all')];
  }
  if (head !== undefined && head.meaning.kind === 'phrase' && head.meaning.phrase.signal === 'weak' && head.start > 0) {
    // A weak word only speaks for a key on its own: `eventUuid`, `frameArea` say nothing about a person.
  } else if (head !== undefined) {
    // The explanation quotes the key's own words (`serial number` for `sn`), not the vocabulary's spelling.
    const words = compact === undefined ? key.words.slice(head.start).join(' ') : key.words.join(' ');
    found.push(meaningFinding(head.meaning, { ...facts, ...unitFacts, words }, 'all'));
  } else if (key.compact !== key.joined) {
    const whole = compactMatch(key);
    if (whole !== undefined) found.push(meaningFinding(whole, facts, 'all'));
  }
  const end = head?.start ?? key.words.length;
  const inner = innerMatches(key.words, head === undefined ? key.words.length - 1 : end);
  for (const meaning of inner) if (meaning.kind === 'negative') found.push(meaningFinding(meaning, facts, 'weak'));
  if (found.length === 0) found.push(...unknownHead(key, inner, facts));
  const headWord = key.words[key.words.length - 1] ?? '';
  if (TIME_HEADS.has(headWord) && !found.some((f) => f.categories.includes('health'))) {
    // A time is when something happened, not a measurement of a body or a place: weak contexts yield.
    found.push(finding(NEGATIVE, 'veto', [], { ...facts, words: headWord }, 'weak'));
  }
  if (key.unit !== undefined && DURATION_UNITS.has(key.unit) && key.words.some((w) => w === 'sleep' || w === 'nap' || w === 'awake' || w === 'bed')) {
    // How long somebody slept is health; when they went to bed is behaviour.
    return [finding(KEY, 'strong', ['health'], { ...facts, words: key.words.join(' '), unit: key.unit })];
  }
  if (key.unit !== undefined && !NOT_QUANTITY_UNITS.has(key.unit)) {
    const quantities = found.filter((f) => !f.categories.every((c) => IDENTITY_CATEGORIES.has(c)) || f.categories.length === 0);
    if (quantities.length < found.length) return quantities;
  }
  if (key.unit !== undefined && TEMPERATURE_UNITS.has(key.unit) && !found.some((f) => f.categories.includes('health'))) {
    // `tempRoomC`, `bedTempF`: a temperature reading in a room or a bed, not a place or a person.
    return [finding(NEGATIVE, 'veto', [], { ...facts, words: `unit ${key.unit}` }, 'all')];
  }
  if (key.unit !== undefined && HEALTH_UNITS.has(key.unit) && !found.some((f) => f.categories.includes('health'))) {
    found.push(finding(KEY, 'weak', ['health'], { ...facts, words: key.words.join(' '), unit: key.unit }));
  }
  return found;
}

/**
 * A head the vocabulary does not know: a qualifier (`passwordHash`, `lowestRespirationValue`) lets the
 * words before it speak; a time (`eventTimestamp`, `sleepStartTimestampGMT`) of an event is behaviour;
 * `lockID`, `userUuid` are ids of a thing or of a person.
 */
const LOOKUP_WORDS = new Set(['cache', 'category', 'sort', 'partition', 'transaction', 'idempotency', 'identifier', 'lookup', 'index',
  'dedup', 'deduplication', 'row', 'routing', 'translation', 'i18n', 'locale']);
function unknownHead(key: KeyWords, inner: readonly Meaning[], facts: Record<string, string>): Finding[] {
  const words = key.words;
  const headWord = words[words.length - 1] ?? '';
  const before = words[words.length - 2];
  if (ID_HEADS.has(headWord) && before !== undefined) {
    // Weak: `switch:0.id = 0` is a component's index; a small number under an id key yields (see value detectors).
    const thing = thingWord(before);
    if (thing !== undefined) return [finding(KEY, 'weak', ['device'], { ...facts, words: `${thing} ${headWord}` })];
    if (PERSON_WORDS.has(before)) return [finding(KEY, 'strong', ['personal'], { ...facts, words: `${before} ${headWord}` })];
    // `added_by_uid`, `approvedById`: the id of whoever did the act to the record, a person (actor-keys.ts);
    // not a role's id (`requestor_id`), which names a bot or an app as often as a person.
    const actor = before === 'by' ? actorOf(words.slice(0, -1)) : undefined;
    if (actor !== undefined) return [finding(KEY, 'strong', ['personal'], { ...facts, words: `${actor} ${headWord}` })];
  }
  if (headWord === 'key' && words.length > 1) {
    // A key that looks something up (`cacheKey`, `category_key`, `transaction_key`) indexes, it opens nothing.
    if (words.slice(0, -1).some((w) => LOOKUP_WORDS.has(w))) return [];
    // `pushNotificationKey`, `cloudKey`: a key of something is a secret unless negative words said otherwise.
    return [finding(KEY, 'weak', ['credentials'], { ...facts, words: words.join(' ') })];
  }
  if (TIME_HEADS.has(headWord)) {
    const event = words.find((w) => EVENT_WORDS.has(w));
    // A file's times (ExifTool's `FileAccessDate`, `FileModifyDate`) are the file system's, not an act of access.
    if (event !== undefined && words[0] !== 'file') return [finding(KEY, 'strong', ['behaviour'], { ...facts, words: `${event} ${headWord}` })];
    return [];
  }
  // `OccupancyStatus`: the state of a presence (habit-states.ts).
  const state = habitBeforeState(words, facts);
  if (state.length > 0) return state;
  if (!QUALIFIER_HEADS.has(headWord)) return [];
  const found: Finding[] = [];
  for (const meaning of inner) {
    if (meaning.kind === 'phrase') {
      found.push(finding(KEY, meaning.phrase.signal, meaning.phrase.categories, { ...facts, words: meaning.phrase.text, inner: 'yes' }));
    }
  }
  return found;
}

function meaningFinding(meaning: Meaning, facts: Record<string, string>, vetoes: 'weak' | 'all'): Finding {
  const text = meaning.kind === 'negative' ? meaning.text : meaning.phrase.text;
  const withWords = { ...facts, words: facts.words ?? text };
  if (meaning.kind === 'negative') return finding(NEGATIVE, 'veto', [], withWords, vetoes);
  return finding(KEY, meaning.phrase.signal, meaning.phrase.categories, withWords);
}

/**
 * A generic key (`id`, `name`, `value`) read together with its parent: `owner.id` is an owner id,
 * `devices[3].id` a device id, `wifi.name` a network name. Under a thing (`device.name`) a name is no
 * one's: that vetoes the weak personal reading of `name`.
 */
export function detectParent(written: KeyWords, ancestors: readonly KeyWords[], parentOfListItem = false, nestedEntry = false): Finding | undefined {
  const key = unqualifiedId(written);
  const own = entryUid(key, ancestors[ancestors.length - 1]);
  if (own !== undefined) return own;
  if (!GENERIC_HEADS.has(key.words.join(' '))) return undefined;
  // The nearest parent first; then its own parent (`OfflineKeys.loaded[*].key`, `users[<uuid>].identifiers`).
  for (let i = ancestors.length - 1; i >= Math.max(0, ancestors.length - 2); i--) {
    const parent = ancestors[i];
    const found = parent === undefined ? undefined : readWithParent(key, parent);
    // A place named two levels up reaches the key only through a wrapper (place-containers.ts).
    const between = i < ancestors.length - 1 ? ancestors[i + 1] : undefined;
    if (found !== undefined && !(between !== undefined && onlyPlace(found) && !placeReachesThrough(between))) return found;
    // A parent that names a collection of its own (`homes[*].rooms[*].id`) owns the key: the grandparent
    // speaks only through a wrapper (`loaded`, `data`) or a key that is a value (`users["<uuid>"]`).
    if (parent !== undefined && i === ancestors.length - 1 && namesOwnThings(parent)) return undefined;
    // An entry of a list held by each entry of another list (`accounts[*].items[*].id`, `accounts[*].collections[*].id`)
    // is a thing the outer entry holds, with an id of its own: the outer list names its own entries, not these.
    if (nestedEntry && i === ancestors.length - 1) return undefined;
    // A value under a field of a listed record (`credentials[*].number.value`, `{fieldType, value}` wrappers) is
    // that field's: the list's name says what the records are, not what each of their fields holds.
    if (parentOfListItem && i === ancestors.length - 1 && WRAPPED_VALUE_HEADS.has(key.words.join(' ')) && namesOwnField(parent)) return undefined;
  }
  return undefined;
}

const WRAPPED_VALUE_HEADS = new Set(['value', 'val']);
/** Parents that only wrap what they hold (`loaded`, `data`, `items[*]`): the grandparent still names the value. */
const WRAPPER_WORDS = new Set(['loaded', 'data', 'result', 'results', 'payload', 'body', 'response', 'content', 'attributes', 'attrs',
  'props', 'properties', 'entry', 'entries', 'item', 'items', 'record', 'records', 'info', 'detail', 'details', 'current', 'latest', 'last',
  'raw', 'resource', 'object', 'obj', 'field', 'fields', 'sample', 'samples', 'summary', 'list', 'value', 'values']);
function namesOwnField(parent: KeyWords | undefined): boolean {
  if (parent === undefined || parent.words.length === 0 || validateIdentifier(parent.raw) !== undefined) return false;
  return parent.words.some((w) => !WRAPPER_WORDS.has(w) && !/^\d+$/.test(w));
}
/**
 * `uid` names a user as often as a unique id of anything (vocabulary.ts keeps it weak). Under a collection of
 * things that have ids of their own (`charge_schedules[*].uid`, `room.uid`, `events[*].uid`) it is that
 * entry's: the weak personal reading yields. Not under a device (`cameras[*].uid`): there the parent reading
 * and the value decide, as for any id.
 */
function entryUid(key: KeyWords, parent: KeyWords | undefined): Finding | undefined {
  if (parent === undefined || key.words.length !== 1 || key.words[0] !== 'uid' || !namesOwnCollection(parent)) return undefined;
  return finding(ENTRY_ID, 'veto', [], { of: 'key', key: key.raw, parent: parent.raw }, 'weak');
}

const onlyPlace = (f: Finding) => f.categories.length > 0 && f.categories.every((c) => c === 'location');

/** Collections of things that have ids and names of their own: rooms, schedules, events, detectors. */
const OWN_COLLECTIONS = new Set(['room', 'zone', 'area', 'place', 'floor', 'schedule', 'event', 'subevent', 'program', 'timer',
  'module', 'detector', 'scene', 'automation', 'rule', 'pref', 'preference', 'setting', 'station']);
/** A parent naming a collection of things (`rooms`, `smokedetectors`, `events`): the key is theirs, not the grandparent's. */
function namesOwnThings(parent: KeyWords): boolean {
  const last = singular(parent.words[parent.words.length - 1] ?? '');
  return THING_WORDS.has(last) || thingWord(last) !== undefined || namesOwnCollection(parent);
}
/** A parent naming a collection of rooms, schedules, events (`charge_schedules`, `smokedetectors`), not of devices. */
function namesOwnCollection(parent: KeyWords): boolean {
  const last = singular(parent.words[parent.words.length - 1] ?? '');
  return OWN_COLLECTIONS.has(last) || [...OWN_COLLECTIONS].some((w) => last.length > w.length + 2 && last.endsWith(w));
}

/**
 * An id qualified by how it is written or shown (`encodedId`, `publicId`, `globalId`) is still the
 * parent's id: `user.encodedId` is the user's. The explanation keeps the key as sent.
 */
const ID_QUALIFIERS = new Set(['encoded', 'public', 'global', 'external', 'short', 'internal', 'display', 'primary']);
function unqualifiedId(key: KeyWords): KeyWords {
  const [qualifier, head] = key.words;
  if (key.words.length !== 2 || qualifier === undefined || head === undefined || !ID_QUALIFIERS.has(qualifier) || !ID_HEADS.has(head)) return key;
  return { ...readKey(head), raw: key.raw };
}

function readWithParent(key: KeyWords, parent: KeyWords): Finding | undefined {
  const parentWords = parent.words.map((w, i) => (i === parent.words.length - 1 ? singular(w) : w));
  // `OfflineKeys.loaded[*].key` reads "offline key", not "offline key key".
  const combined = parentWords[parentWords.length - 1] === key.words[0] ? [...parentWords, ...key.words.slice(1)] : [...parentWords, ...key.words];
  const match = headMatch(combined);
  const facts = { of: 'key', key: key.raw, parent: parent.raw };
  if (match !== undefined && match.start < Math.min(parentWords.length, combined.length - 1) && match.meaning.kind === 'phrase') {
    return finding(PARENT, 'strong', match.meaning.phrase.categories, { ...facts, words: combined.slice(match.start).join(' ') });
  }
  if (PARENT_VALUE_HEADS.has(key.words.join(' '))) {
    // `"body-weight": [{dateTime, value}]`, `heartRate.value`: the value is what its parent names.
    const last = parentWords[parentWords.length - 1] ?? '';
    const named = headMatch(parentWords) ?? (RECORD_TAILS.has(last) && parentWords.length > 1 ? headMatch(parentWords.slice(0, -1)) : undefined);
    // A state or status is what the parent names only for something a person does (`door1.status`), not `user.state`.
    const stateOf = STATE_HEADS.has(key.words.join(' '));
    if (named !== undefined && named.meaning.kind === 'phrase' && named.meaning.phrase.signal === 'strong' && (!stateOf || named.meaning.phrase.categories.includes('behaviour'))) {
      return finding(PARENT, 'strong', stateOf ? ['behaviour'] : named.meaning.phrase.categories, { ...facts, words: parentWords.slice(named.start).join(' ') });
    }
  }
  const head = key.words[key.words.length - 1] ?? '';
  const last = parentWords[parentWords.length - 1] ?? '';
  const said = (category: 'media', word: string) =>
    finding(PARENT, 'strong', [category], { ...facts, words: `${word} ${key.words.join(' ')}` });
  // A record under an audit key (`requestedBy: {id, displayName}`) is its actor's (actor-keys.ts).
  const person = parentWords.find((w) => PERSON_WORDS.has(w)) ?? actorOf(parent.words);
  if (person !== undefined && PERSON_HEADS.has(key.words.join(' '))) {
    // A person other than the owner (a contact, a face a camera recognised) is a third party as well.
    const categories = THIRD_PARTY_PERSONS.has(person) ? (['personal', 'third_party'] as const) : (['personal'] as const);
    return finding(PARENT, 'strong', categories, { ...facts, words: `${person} ${key.words.join(' ')}` });
  }
  if (URL_HEADS.has(head)) {
    const media = parentWords.find((w) => MEDIA_WORDS.has(w));
    return media === undefined ? undefined : said('media', media);
  }
  const thing = parentWords.map(thingWord).find((w) => w !== undefined);
  if (thing !== undefined && (ID_HEADS.has(head) || head === 'serial' || head === 'number')) {
    return finding(PARENT, 'weak', ['device'], { ...facts, words: `${thing} ${key.words.join(' ')}` });
  }
  if (THING_WORDS.has(last) && NAME_HEADS.has(key.words.join(' '))) return finding(THING_NAME, 'veto', [], facts, 'weak');
  return undefined;
}

/** Keys that only hold the quantity their parent names. */
const PARENT_VALUE_HEADS = new Set(['value', 'val', 'values', 'reading', 'readings', 'amount', 'qty', 'quantity', 'high', 'low',
  'min', 'max', 'avg', 'mean', 'state', 'status', 'last reading']);
const STATE_HEADS = new Set(['state', 'status']);
/** Words that end the name of a record of something (`heartRateData`): the words before them name it. */
const RECORD_TAILS = new Set(['data', 'item', 'items', 'measurement', 'measurements', 'record', 'records', 'samples', 'sample', 'summary', 'info']);
const NAME_HEADS = new Set(['name', 'display name', 'nickname', 'alias', 'friendly name', 'label', 'title']);
const URL_HEADS = new Set(['href', 'url', 'uri', 'link', 'src', 'path']);
// Not `address`: a person's address is where they live (location), or an e-mail its value shows.
const PERSON_HEADS = new Set(['id', 'ids', 'uuid', 'guid', 'identifier', 'name', 'first name', 'last name',
  'display name', 'nickname', 'alias', 'friendly name', 'email', 'mail', 'phone', 'number', 'label',
  'identifiers']);
const THIRD_PARTY_PERSONS = new Set(['visitor', 'guest', 'match', 'face', 'friend', 'invitee', 'member', 'secondary', 'emergency']);

/** Behaviour containers that also hold descriptions of themselves (`slots[*].entity`): negative words still count. */
const PARTIAL_CONTAINERS = new Set(['slots']);

/**
 * A slot's own id and its on/off switch (`schedules[*].id`, `timers[*].enabled`) say which slot and
 * whether it is used, not when anybody does anything: behaviour containers leave them alone.
 */
const SLOT_KEYS = new Set(['id', 'uid', 'uuid', 'guid', 'enabled', 'enable', 'activated', 'active', 'is enabled', 'is active']);

/**
 * What describes or points at a record rather than measuring it: no position and no body measurement is
 * an id (`position.pet_id`, `HEART_RATE.key`), a name or a type (`HEART_RATE.display_name`). Containers of
 * places and of measurements leave them to their own key; a scan's entries stay all the neighbour's.
 */
const DESCRIPTOR_HEADS = new Set(['id', 'ids', 'uid', 'uuid', 'guid', 'key', 'identifier']);
const DESCRIPTOR_KEYS = new Set(['name', 'display name', 'type', 'kind']);
const NAME_KEYS = new Set(['name', 'display name']);
/** A unit or scale says how a habit's numbers are written, not what anybody did: `energyUnit`, `reportedWaterUsage.unit`. */
const UNIT_HEADS = new Set(['unit', 'units', 'scale', 'format']);
/** Ids of a place are where (`regions[*].region_id`, `zone_id`): a place container keeps them. */
const PLACE_WORDS = new Set(['region', 'zone', 'room', 'area', 'segment', 'place', 'location', 'site']);
function describesRecord(key: KeyWords): boolean {
  const words = key.words;
  if (DESCRIPTOR_KEYS.has(words.join(' '))) return true;
  return DESCRIPTOR_HEADS.has(words[words.length - 1] ?? '') && !words.some((w) => PLACE_WORDS.has(w));
}

/** `commandHistory.command.parameters.dryLevel`: a command record below a history container. */
function commandInHistory(container: string, ancestors: readonly KeyWords[], at: number): boolean {
  if (!container.endsWith('history')) return false;
  for (let i = at + 1; i < ancestors.length; i++) if (ancestors[i]?.words.join(' ') === 'command') return true;
  return false;
}

/** Containers around the field: every leaf of a Wi-Fi scan is about the neighbours. */
/**
 * `entries[at]` (ancestorEntries) is true when an entry of ancestor `at` lies on the field's path: a list index
 * or a keyed entry after it. Without it every container is read as listing the field's record.
 */
export function detectContainers(
  ancestors: readonly KeyWords[],
  key?: KeyWords,
  entries?: readonly boolean[],
): Finding[] {
  const found: Finding[] = [];
  const slotKey = key !== undefined && SLOT_KEYS.has(key.words.join(' '));
  const descriptor = key !== undefined && describesRecord(key);
  // A machine's reading in a habit's record (a trip's battery, a track's bit rate) stays the machine's.
  const machine = machineReadingInHabit(key);
  const nameKey = key !== undefined && (NAME_KEYS.has(key.words.join(' ')) || UNIT_HEADS.has(key.words[key.words.length - 1] ?? ''));
  for (let at = 0; at < ancestors.length; at++) {
    const ancestor = ancestors[at];
    const container = ancestor === undefined ? undefined : containerOf(ancestor);
    if (ancestor === undefined || container === undefined) continue;
    // Geometry and neutral containers only veto; the rest below are containers with categories.
    if (container === 'geometry') {
      found.push(finding(GEOMETRY, 'veto', [], { of: 'key', container: ancestor.raw }, 'weak'));
      continue;
    }
    if (container === 'neutral') {
      if (isGeoFeatureList(ancestor, ancestors[at + 1] ?? key)) continue;
      found.push(finding(NEUTRAL, 'veto', [], { of: 'key', container: ancestor.raw }, 'all'));
      continue;
    }
    if (slotKey && container.categories.includes('behaviour')) continue;
    if (settingInPlan(container.text, key, ancestors.slice(at + 1))) continue;
    // A place's own members only: a record nested in it (a management point's firmware) is not a place (place-containers.ts).
    if (container.categories.every((c) => c === 'location') && (!placeMember(key) || !placeContainerHolds(ancestors, at) || !namesPlace(ancestor, container))) continue;
    if (descriptor && container.categories.every((c) => c === 'location' || c === 'health')) continue;
    const habitOnly = container.categories.every((c) => c === 'behaviour');
    // A habit's record keeps its type and ids (a plan's type, a command's map), but its name and units are their own key's.
    if (habitOnly && (nameKey || machine)) continue;
    // A habit's container describing itself (`schedule.meta.maxSchedules`, `settable`) is the vendor's limits (plan-limits.ts).
    if (habitOnly && limitOfHabit(container.text, key, ancestors.slice(at + 1), ancestor)) continue;
    // A usage record's unit id, channel number and reading instant say which and when, not how much (usage-descriptors.ts).
    if (habitOnly && describesUsage(container.text, key)) continue;
    // A command kept in a history: its name, times and choices are the command record's (sent-commands.ts), its parameters the machine's.
    if (habitOnly && commandInHistory(container.text, ancestors, at)) continue;
    // A played work's catalogue facts (year, genre, running time) are everybody's, not the household's (catalogue-facts.ts).
    if (catalogueFactOfWork(container.text, key)) continue;
    // A person's record in a container of people: its bookkeeping rides, a thing's id is its key's (people-containers.ts).
    const people = holdsPeople(container.text);
    // A scan's own parameters (`scan.scan_interval`) are the receiver's settings, not what it heard (own-radios.ts).
    if (!people && container.categories.includes('third_party') && namesScanning(key)) continue;
    // A scan with no entry on the path is the scanning job's own record, not what it heard (own-radios.ts).
    if (!people && entries !== undefined && scanJobRecord(container.text, entries[at] ?? true)) continue;
    const leaf = people ? personLeaf(key, (w) => thingWord(w) !== undefined) : 'person';
    if (leaf === 'thing') continue;
    // A record nested in a person's entry (`people[*].detail.tenure`) is the service's about them: it rides too.
    if (leaf === 'bookkeeping' || (people && inRecordOfEntry(ancestors, at))) {
      found.push(finding(CONTAINER, 'certain', container.categories, { of: 'key', container: ancestor.raw, rides: 'person' }));
      continue;
    }
    // Everything in a scan, a schedule or a history is about neighbours or habits, readings included.
    const whole = container.categories.includes('third_party') || (container.categories.includes('behaviour') && !PARTIAL_CONTAINERS.has(container.text));
    found.push(finding(CONTAINER, whole ? 'certain' : 'weak', container.categories, { of: 'key', container: ancestor.raw }));
  }
  return found;
}

/** The key segments before the field's own key, read as words; array indices are skipped. */
export function ancestorKeys(segments: readonly PathSegment[], keyIndex: number): KeyWords[] {
  const result: KeyWords[] = [];
  for (let i = 0; i < keyIndex; i++) {
    const segment = segments[i];
    if (typeof segment === 'string') result.push(readKey(segment));
  }
  return result;
}

/**
 * For each of `ancestorKeys`, whether an entry of it lies on the path before the key: an array index after it,
 * or a key that is a value (`valueKeys`: `neighbours.{mac}.rssi`).
 */
export function ancestorEntries(
  segments: readonly PathSegment[],
  keyIndex: number,
  valueKeys?: ReadonlySet<string>,
): boolean[] {
  const result: boolean[] = [];
  let entryAfter = false;
  for (let i = keyIndex - 1; i >= 0; i--) {
    const segment = segments[i];
    if (typeof segment === 'number' || (valueKeys?.has(segment ?? '') ?? false)) entryAfter = true;
    if (typeof segment === 'string') result.push(entryAfter);
  }
  return result.reverse();
}

/** Object keys that are values (`{"contacts": {"anna@example.org": 1}}`): the leaf below is that data too. */
export function keysAsValues(segments: readonly PathSegment[]): Finding[] {
  const found: Finding[] = [];
  for (const segment of segments) {
    if (typeof segment !== 'string') continue;
    const validation = validateIdentifier(segment);
    if (validation !== undefined) {
      found.push(finding(KEY_AS_VALUE, 'strong', validation.categories, { of: 'key', validator: validation.validator }));
    }
  }
  return found;
}
