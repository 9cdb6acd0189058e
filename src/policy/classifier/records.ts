import { actorOf } from './actor-keys.js';
import { BoundedMemo } from '../../memo.js';
import { combine, finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import { scannedAddress } from './heard-networks.js';
import { namesOwnRadio } from './own-radios.js';
import { detectKeyWords, isTimeKey } from './key-detectors.js';
import { PERSON_WORDS, THING_WORDS } from './vocabulary.js';
import type { Add, ShapeField } from './shape.js';
import { readKey, singular } from './words.js';
import { placesOnMap } from './map-places.js';

/**
 * Detectors that read a record as a whole: the time and description of an event (behaviour, unlike the
 * time of a report), a list of Wi-Fi networks (a scan: third parties), and whose record it is (the
 * `id` of a record with an `email` is a person's, with a `vin` a vehicle's).
 */
export const EVENT_TIME = 'event-time';
export const NETWORK_SCAN = 'network-scan';
export const RECORD_SUBJECT = 'record-subject';

export const recordExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [EVENT_TIME]: (f) => `time or description of an event (sibling "${f.facts.sibling}" says what happened) → behaviour`,
  [RECORD_SUBJECT]: (f) => `"${f.facts.key}" of a record whose sibling "${f.facts.sibling}" shows it is about ${f.facts.subject} → ${f.categories.join(', ')}`,
  [NETWORK_SCAN]: (f) => `inside a list of ${f.facts.count} Wi-Fi networks (a scan of the neighbourhood) → third_party`,
};

/** Sibling keys that make an object the record of something that happened (an activity, a detection). */
const EVENT_SIBLINGS = new Set(['action', 'activityType', 'activity_type', 'eventType', 'event_type', 'eventId', 'event_id',
  'eventCid', 'label', 'motion', 'intent', 'trigger', 'camera', 'matches', 'detection', 'access', 'isKnown']);

const RECORD_BOOKKEEPING = new Set(['creation', 'created', 'modification', 'modified']);

/** In a record of an event, its times say when somebody did something: behaviour, unlike report times. */
export function eventTimes(fields: readonly ShapeField[], add: Add): void {
  let records: Map<string, string> | undefined;
  let fixes: Set<string> | undefined;
  for (const field of fields) {
    const key = lastKey(field);
    if (key === undefined || !EVENT_SIBLINGS.has(key)) continue;
    // Why a tracker logged a fix and how the phone moved (`trigger`, `motion` in a GeoJSON feature's properties)
    // make no event: a fix's time is a report time (docs/CORPUS.md).
    if (FIX_REASONS.has(key) && (fixes ??= fixRecords(fields)).has(parentOfKey(field))) continue;
    records ??= new Map();
    records.set(parentOfKey(field), key);
  }
  const byParent = records;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || field.kind === 'null' || field.kind === 'boolean') return;
    if (!isTimeKey(key) && !DESCRIPTION_KEYS.has(key)) return;
    // When the record itself was made (`creationTime`) is bookkeeping, like a report time.
    if (readKey(key).words.some((w) => RECORD_BOOKKEEPING.has(w))) return;
    const sibling = byParent?.get(parentPath(field)) ?? eventRecordName(field);
    if (sibling !== undefined) add(index, eventFinding(sibling));
  });
}

/** Siblings that, in a record of a position fix, say why or how the fix was logged rather than what happened. */
const FIX_REASONS = new Set(['trigger', 'motion']);

/**
 * Records that are a position fix: a GeoJSON feature's `properties` (its sibling `geometry` holds the point) and
 * objects holding a latitude and a longitude.
 */
function fixRecords(fields: readonly ShapeField[]): Set<string> {
  const fixes = new Set<string>();
  const latitudes = new Set<string>();
  const longitudes = new Set<string>();
  for (const field of fields) {
    const at = field.segments.indexOf('geometry');
    if (at >= 0) fixes.add(prefixKey(field, at) + '.properties');
    const key = field.segments[field.segments.length - 1];
    if (key === 'lat' || key === 'latitude') latitudes.add(parentPath(field));
    if (key === 'lon' || key === 'lng' || key === 'longitude') longitudes.add(parentPath(field));
  }
  for (const record of latitudes) if (longitudes.has(record)) fixes.add(record);
  return fixes;
}

/**
 * A record named for what a person sets off (`motion_report`, `contact_report`, `doorEvent`): its time is
 * when that happened. The time of a record named otherwise (`battery_report`) stays a report time.
 */
const EVENT_RECORD_WORDS = new Set(['motion', 'contact', 'button', 'door', 'window', 'presence', 'occupancy', 'doorbell',
  'ring', 'press', 'unlock', 'lock', 'access', 'entry']);
function eventRecordName(field: ShapeField): string | undefined {
  const record = field.segments[field.segments.length - 2];
  if (typeof record !== 'string') return undefined;
  const words = readKey(record).words;
  return words.some((w) => EVENT_RECORD_WORDS.has(w)) ? record : undefined;
}

/** What an event record says happened (`messageSubject`, `info`): behaviour, like its time. */
const DESCRIPTION_KEYS = new Set(['info', 'message', 'messageSubject', 'messageBody', 'message_subject', 'message_body',
  'description', 'summary', 'subject', 'body', 'text', 'title']);

const eventFindings = new Map<string, Finding>();
function eventFinding(sibling: string): Finding {
  let f = eventFindings.get(sibling);
  if (f === undefined) {
    f = finding(EVENT_TIME, 'strong', ['behaviour'], { of: 'structure', sibling });
    eventFindings.set(sibling, f);
  }
  return f;
}

/** The nearest object key of a field and the path of the object holding it (`$.a[0]` for `$.a[0].b[1]`). */
function lastKey(field: ShapeField): string | undefined {
  for (let i = field.segments.length - 1; i >= 0; i--) {
    const segment = field.segments[i];
    if (typeof segment === 'string') return segment;
  }
  return undefined;
}

function parentOfKey(field: ShapeField): string {
  const last = field.segments[field.segments.length - 1];
  return typeof last === 'string' ? parentPath(field) : prefixKey(field, lastStringIndex(field));
}

function lastStringIndex(field: ShapeField): number {
  for (let i = field.segments.length - 1; i >= 0; i--) if (typeof field.segments[i] === 'string') return i;
  return 0;
}


/** A record's class or type name describes the list's format, not a neighbour. */
const SCAN_METADATA = /^(?:_+class|@?type|kind|__typename)$/i;
const SCAN_KEYS = new Set(['bssid', 'ssid', 'BSSID', 'SSID', 'essid', 'ESSID']);

/**
 * A list of records naming Wi-Fi networks (by BSSID or SSID) is a scan: every leaf of it is about the
 * neighbours. The device's own network is one object, not a list. The network must be what the entry
 * *is* (`aps[*].ssid`): a list of devices that each name the network they joined (`pods[*].accessPoint.ssid`,
 * `devices[*].wifi.ssid`) is the owner's things, and its other leaves (the unit's serial, its room) are not
 * a neighbour's.
 */
export function networkScans(fields: readonly ShapeField[], add: Add): void {
  let arrays: Map<string, Set<number>> | undefined;
  for (const field of fields) {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || !SCAN_KEYS.has(key)) continue;
    const at = field.segments.length - 2;
    const index = field.segments[at];
    if (typeof index !== 'number') continue;
    arrays ??= new Map();
    const id = prefixKey(field, at);
    const seen = arrays.get(id) ?? new Set<number>();
    seen.add(index);
    arrays.set(id, seen);
  }
  if (arrays === undefined) return;
  dropOwnRadios(fields, arrays);
  const scans = new Map([...arrays].map(([id, seen]) => [id, seen.size]));
  if (scans.size === 0) return;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key === 'string' && SCAN_METADATA.test(key)) return;
    const at = lastIndexPosition(field.segments);
    for (let i = at; i >= 0; i--) {
      if (typeof field.segments[i] !== 'number') continue;
      const count = scans.get(prefixKey(field, i));
      if (count !== undefined) {
        add(index, scanFinding(count));
        // An entry's own MAC is its access point's BSSID (heard-networks.ts).
        if (typeof key === 'string' && i === field.segments.length - 2) for (const f of scannedAddress(key)) add(index, f);
        return;
      }
    }
  });
}

/** Lists whose entries hold a network's secret or an owned unit's facts are the owner's radios (own-radios.ts). */
function dropOwnRadios(fields: readonly ShapeField[], arrays: Map<string, Set<number>>): void {
  for (const field of fields) {
    const key = field.key;
    if (key === undefined || !namesOwnRadio(key)) continue;
    for (let i = field.segments.length - 2; i >= 0; i--) if (typeof field.segments[i] === 'number') arrays.delete(prefixKey(field, i));
  }
}

/** One finding per scan size, shared by every leaf of the scan (findings are plain frozen data). */
const scanFindings = new Map<number, Finding>();
function scanFinding(count: number): Finding {
  let f = scanFindings.get(count);
  if (f === undefined) {
    f = finding(NETWORK_SCAN, 'certain', ['third_party'], { of: 'structure', count: String(count) });
    if (scanFindings.size < 1024) scanFindings.set(count, f);
  }
  return f;
}

function lastIndexPosition(segments: readonly (string | number)[]): number {
  for (let i = segments.length - 1; i >= 0; i--) if (typeof segments[i] === 'number') return i;
  return -1;
}

/**
 * Keys naming the subject of a record, which say nothing alone: `{id, email, username}` is a person's. Read in
 * their joined form, so `Id`, `ID`, `_id` and `Name` (PascalCase APIs of .NET servers, upper-case firmware keys)
 * are the same subject keys as `id` and `name`.
 */
const SUBJECT_KEYS = new Set(['id', 'uuid', 'guid', 'name', 'displayname', 'nickname', 'alias']);
const ID_SUBJECT_KEYS = new Set(['id', 'uuid', 'guid']);
/**
 * Parts of a name short enough to mean anything alone (`first`, `last`, `fname`): a person's given and
 * family name only in a person's record, and only as text (a list's `first: 0` is an index).
 */
const NAME_PART_KEYS = new Set(['first', 'last', 'fname', 'lname']);
/** A key's joined form (`_id` → `id`, `display_name` → `displayname`); keys come from senders, so bounded. */
const joinedKeys = new BoundedMemo<string>(5_000, 256);
const joinedKey = (key: string): string => joinedKeys.get(key, () => readKey(key).joined);

/** Parents that wrap a record rather than name it (`$.response.id` is the response's subject). */
const WRAPPERS = new Set(['response', 'result', 'results', 'data', 'body', 'payload', 'item', 'items', 'record', 'records', 'me']);
const REFERENCE_HEADS = new Set(['id', 'ids', 'uuid', 'guid', 'pk', 'uid', 'tid', 'sid', 'did', 'identifier', 'uniqueid']);
/** A home has an address and a geofence; a position alone fits a person, a device and a home alike. */
const HOME_SIGNS = new Set(['address', 'streetaddress', 'street', 'city', 'zip', 'zipcode', 'postalcode', 'postcode',
  'awayradius', 'regionradius', 'geofence', 'geofenceradius', 'homeradius']);
const PERSON = 1;
const HOME = 2;
const DEVICE = 4;
const signs = new BoundedMemo<number>(5_000, 256);

/** What a sibling key says the record is about: a person (`email`), a home (`latitude`), a device (`vin`). */
function signOf(key: string): number {
  return signs.get(key, () => {
    const words = readKey(key);
    const last = words.words[words.words.length - 1] ?? '';
    // A reference to something else (`deviceID`, `userId`, `home_id`) says what the record points at,
    // not what it is; and a position fits a person, a device and a home alike.
    // A sibling named for a role (`owner`, `ulpUser`, `createdBy`'s `creator`) points at the person who owns
    // or did the record; the person is elsewhere, and the record (an execution, a keyring) is not them.
    // So does an actor's field (`created_by_username`, `owner_email`): the actor is another record's subject.
    // An organisation's field (`org_name`) says which customer account the record belongs to: a site, a
    // floor or a camera of that account is no person.
    const found = REFERENCE_HEADS.has(last) || PERSON_WORDS.has(singular(last)) || namesActor(words.words) || ORGANISATION_LEADS.has(words.words[0] ?? '')
      ? [] : detectKeyWords(words).filter((f) => f.signal === 'strong');
    const categories = combine(found).categories;
    // A sibling naming another party (a call's `cli`, a `callerId`, an emergency contact) is somebody else, not the record.
    return (categories.includes('personal') && !categories.includes('third_party') ? PERSON : 0) | (HOME_SIGNS.has(words.joined) ? HOME : 0) | (categories.includes('device') ? DEVICE : 0);
  });
}

/** Leading words of an organisation's fields (`org_name`, `organizationName`). */
const ORGANISATION_LEADS = new Set(['org', 'organization', 'organisation']);

/** Leading words that name who did or owns the record (`created by`, `owner`): the rest is that actor's field. */
const ACTOR_LEADS = new Set(['owner', 'creator', 'author', 'sender', 'recipient']);
function namesActor(words: readonly string[]): boolean {
  if (words.length < 2) return false;
  if (ACTOR_LEADS.has(words[0] ?? '')) return true;
  const by = words.indexOf('by');
  return by > 0 && by < words.length - 1 && actorOf(words.slice(0, by + 1)) !== undefined;
}

/** A sibling key that shows its record is a person's (`email`, `firstName`, `login`): for person-ids.ts. */
export function showsAPerson(key: string): boolean {
  return (signOf(key) & PERSON) !== 0;
}

/** A sibling key that shows its record is a device's (`serialNumber`, `hostname`, `firmwareVersion`): for sign-ins.ts. */
export function showsADevice(key: string): boolean {
  return (signOf(key) & DEVICE) !== 0;
}

/**
 * A record's own `id` or `name`, at the top or in a list: its siblings say whose it is. A device's id is
 * a device id (its name is an appliance name, nobody's); a person's or a home's id and name are personal.
 */
/** A record with a subject key: what its siblings sign it as, and which parts of a person's record it has. */
interface SubjectRecord {
  sign: number;
  sibling: string;
  signSibling: Map<number, string>;
  parts: number;
}

export function recordSubjects(fields: readonly ShapeField[], add: Add): void {
  let parents: Map<string, SubjectRecord> | undefined;
  for (const field of fields) {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || !subjectKey(key, field) || !recordParent(field)) continue;
    parents ??= new Map();
    parents.set(parentPath(field), { sign: 0, sibling: '', signSibling: new Map(), parts: 0 });
  }
  if (parents === undefined) return;
  const records = parents;
  let places: ReadonlySet<string> | undefined;
  for (const field of fields) {
    const key = field.segments[field.segments.length - 1];
    const joined = typeof key === 'string' ? joinedKey(key) : '';
    if (typeof key !== 'string' || SUBJECT_KEYS.has(joined) || NAME_PART_KEYS.has(joined)) continue;
    if (!recordParent(field)) continue;
    const record = records.get(parentPath(field));
    if (record === undefined) continue;
    const sign = signOf(key);
    for (const bit of [PERSON, HOME, DEVICE]) if ((sign & bit) !== 0 && !record.signSibling.has(bit)) record.signSibling.set(bit, key);
    record.sign |= sign;
    record.parts |= personPartOf(key);
  }
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || !subjectKey(key, field)) return;
    const record = records.get(parentPath(field));
    if (record === undefined || record.sign === 0) return;
    if (NAME_PART_KEYS.has(joinedKey(key)) && (record.sign & (PERSON | DEVICE)) !== PERSON) return;
    // A record positioned by its own latitude and longitude beside its address is a place on a map (map-places.ts).
    if (record.sign === HOME && (places ??= placesOnMap(fields)).has(parentPath(field))) return;
    const isId = ID_SUBJECT_KEYS.has(joinedKey(key));
    if ((record.sign & DEVICE) !== 0) {
      if (isId) add(index, subjectFinding(key, 'device', 'a device', record.signSibling.get(DEVICE) ?? ''));
      return;
    }
    const bit = (record.sign & PERSON) !== 0 ? PERSON : HOME;
    // A session or an act that points at its user by `userId` beside only a user name has its own id: not the user's.
    if (isId && bit === PERSON && (record.parts & (REFERS | CONTACT)) === REFERS) return;
    const parts = record.parts;
    const own = isId && bit === PERSON && ((parts & CONTACT) !== 0 || (parts & (LOGIN | REFERS)) === LOGIN);
    const subject = bit === PERSON ? 'a person' : 'a home';
    add(index, subjectFinding(key, 'personal', subject, record.signSibling.get(bit) ?? '', own ? 'strong' : 'weak'));
  });
}

function subjectKey(key: string, field: ShapeField): boolean {
  const joined = joinedKey(key);
  return SUBJECT_KEYS.has(joined) || (NAME_PART_KEYS.has(joined) && field.kind === 'string');
}

/** At the top, under a wrapper, or in a list the parent does not name already (`doorbots[*].id` is read by its parent). */
function recordParent(field: ShapeField): boolean {
  const parent = field.segments[field.segments.length - 2];
  if (parent === undefined || (typeof parent === 'string' && WRAPPERS.has(parent))) return true;
  if (typeof parent !== 'number') return false;
  const list = field.segments[field.segments.length - 3];
  if (typeof list !== 'string') return true;
  return unnamedLists.get(list, () => {
    const words = readKey(list).words;
    const last = singular(words[words.length - 1] ?? '');
    return !THING_WORDS.has(last) && !PERSON_WORDS.has(last);
  });
}

/** List keys (from senders, so bounded) whose items the parent does not already name. */
const unnamedLists = new BoundedMemo<boolean>(5_000, 256);

/**
 * Keys only a person's own record has bare (vCard's EMAIL, N, BDAY): `{id: 1, email}` is that person, and its id
 * is theirs even when it is a small number (which alone reads as an index). Prefixed, the same words are a
 * field of somebody the record only involves (`guestFirstName` of a reservation, `initiator_email` of an
 * event); a phone or a name alone fit an organisation, a pharmacy or a chapter too.
 */
const CONTACT_KEYS = new Set(['email', 'emailaddress', 'firstname', 'lastname', 'givenname', 'familyname',
  'birthdate', 'dateofbirth', 'dob', 'birthday']);
/** A login names the person too, but sessions and acts repeat their user's login beside the user's id. */
const LOGIN_KEYS = new Set(['username', 'login']);
/** A record that points at its user by id (`userId`, `member_id`) is a session or an act of that user. */
const REFERRED_PERSONS = new Set(['user', 'person', 'member', 'customer', 'patient']);
const CONTACT = 1;
const LOGIN = 2;
const REFERS = 4;
const personParts = new BoundedMemo<number>(5_000, 256);
function personPartOf(key: string): number {
  return personParts.get(key, () => {
    const words = readKey(key);
    if (CONTACT_KEYS.has(words.joined)) return CONTACT;
    if (LOGIN_KEYS.has(words.joined)) return LOGIN;
    const last = words.words[words.words.length - 1] ?? '';
    const before = words.words[words.words.length - 2] ?? '';
    return REFERENCE_HEADS.has(last) && REFERRED_PERSONS.has(before) ? REFERS : 0;
  });
}

/**
 * Weak: what the key itself, its parent or its value say comes first. Strong for the id of a person's own
 * record (CONTACT_KEYS, or a login with no user id beside it), which a small-number veto or an unrelated parent
 * word does not silence.
 */
function subjectFinding(
  key: string, category: 'device' | 'personal', subject: string, sibling: string, signal: 'weak' | 'strong' = 'weak',
): Finding {
  return finding(RECORD_SUBJECT, signal, [category], { of: 'structure', key, sibling, subject });
}
