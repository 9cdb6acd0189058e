import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import { detectKeyWords } from './key-detectors.js';
import { PERSON_EVIDENCE, speaksOfGrant } from './relation-vocabulary.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `guest-access`: a record that names a person and gives them access for a limited time — a window
 * with a start and an end, or the days of the week — is a guest's (docs/CORPUS.md: keypad and household
 * users are personal only "unless the payload says they are guests"; a time-limited access says so).
 * The Matter Door Lock cluster models it this way: a user of type *schedule restricted*, *expiring*
 * or *week day schedule*, holding week-day (DaysMask, start and end hour) and year-day (local start
 * and end time) schedules; access control systems (ACS) and lock sharing APIs send the same record.
 * What identifies the guest (name, e-mail, phone, the id of the user, principal or identity) and the
 * window when they may enter are about somebody other than the owner: third_party. A key that names
 * the guest's role with an identity (`principalName`, `user_identity_id`) is their identity by itself
 * (personal, third_party); the owner's account, workspace or organisation ids stay the owner's.
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const GUEST_ACCESS = 'guest-access';

export const guestAccessExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [GUEST_ACCESS]: (f) =>
    f.facts.rides === 'guest window'
      ? 'the window in which a person named in the record may enter (access for a limited time: a guest) → third_party'
      : `the ${f.facts.part} of a person given access for a limited time (a guest) → ${f.categories.join(', ')}`,
};

/** Words that say a record is about access to the home: access, an access control system, a permission. */
const ACCESS_WORDS = new Set(['access', 'acs', 'permission', 'permissions', 'guest', 'guests', 'visitor', 'entry']);
/** `accessToken`, `access_key`: an access *secret* is a login, not a grant. */
const SECRET_WORDS = new Set(['token', 'key', 'secret', 'code', 'pin', 'password']);
const START_WORDS = new Set(['start', 'starts', 'begin', 'begins', 'from']);
const END_WORDS = new Set(['end', 'ends', 'until', 'till', 'to', 'expires', 'expiry', 'expiration']);
const WEEKDAY_PHRASES = new Set(['week days', 'weekdays', 'weekday', 'days mask', 'days of week', 'week day mask', 'weekday mask']);
/** Records whose start and end are the guest's window (`access_schedule.starts_at`). */
const WINDOW_RECORD_WORDS = new Set(['schedule', 'window', 'validity', 'period', 'time', 'times', 'access']);
/** Who access is given to, named as access control and sharing APIs name them. */
const ROLE_WORDS = new Set(['principal', 'user', 'member', 'guest', 'visitor', 'holder', 'cardholder', 'invitee', 'grantee', 'identity', 'person']);
const IDENTITY_HEADS = new Set(['id', 'uuid', 'guid', 'name']);
/** Ids and names of the owner's side: the account, its workspace or organisation, the device. */
const OWNER_WORDS = new Set(['account', 'owner', 'workspace', 'organisation', 'household', 'home', 'admin', 'creator', 'device', 'system', 'site']);

interface KeyReading {
  readonly access: boolean;
  readonly start: boolean;
  readonly end: boolean;
  readonly weekdays: boolean;
  /** Names the person by how they are reached or called (`userEmail`, `full_name`). */
  readonly person: boolean;
  /** Names the person by a role and an identity (`principalName`, `user_identity_id`). */
  readonly roleIdentity: boolean;
  /** Any other personal key by its own words (`display_name` reads weakly elsewhere). */
  readonly personal: boolean;
}

const readings = new BoundedMemo<KeyReading>(5_000, 256);
function read(raw: string): KeyReading {
  return readings.get(raw, () => {
    const words = readKey(raw).words;
    const head = words[words.length - 1] ?? '';
    const owner = words.some((w) => OWNER_WORDS.has(w));
    const tail2 = words.slice(-2).join(' ');
    const joined = words.join(' ');
    const access = words.some((w, i) => ACCESS_WORDS.has(w) && !SECRET_WORDS.has(words[i + 1] ?? '') &&
      speaksOfGrant(words, i));
    const person = !owner && (PERSON_EVIDENCE.has(joined) || PERSON_EVIDENCE.has(tail2) || PERSON_EVIDENCE.has(head));
    const roleIdentity = !owner && IDENTITY_HEADS.has(head) && words.slice(0, -1).some((w) => ROLE_WORDS.has(w));
    const personal = !owner && (head === 'name' || detectKeyWords(readKey(raw)).some((f) => f.signal === 'strong' && f.categories.includes('personal')));
    return {
      access,
      start: words.some((w) => START_WORDS.has(w)),
      end: words.some((w) => END_WORDS.has(w)),
      weekdays: WEEKDAY_PHRASES.has(joined),
      person,
      roleIdentity,
      personal,
    };
  });
}

interface GuestRecord {
  access: boolean;
  person: boolean;
  start: boolean;
  end: boolean;
  weekdays: boolean;
}

/** The record a field belongs to, and the record above it when its own is a window (`access_schedule`). */
function windowOwner(field: ShapeField): string | undefined {
  const n = field.segments.length;
  const holder = field.segments[n - 2];
  if (n < 3 || typeof holder !== 'string') return undefined;
  return readKey(holder).words.some((w) => WINDOW_RECORD_WORDS.has(w)) ? prefixKey(field, n - 2) : undefined;
}

export function guestAccess(fields: readonly ShapeField[], add: Add): void {
  let records: Map<string, GuestRecord> | undefined;
  const entry = (record: string): GuestRecord => {
    records ??= new Map();
    let found = records.get(record);
    if (found === undefined) records.set(record, (found = { access: false, person: false, start: false, end: false, weekdays: false }));
    return found;
  };
  for (const field of fields) {
    const key = field.key;
    const n = field.segments.length;
    if (key === undefined || field.kind === 'null' || field.kind === 'empty' || typeof field.segments[n - 1] !== 'string') continue;
    const reading = read(key);
    const holder = typeof field.segments[n - 2] === 'number' ? field.segments[n - 3] : field.segments[n - 2];
    const holderAccess = typeof holder === 'string' && read(holder).access;
    if (!reading.access && !holderAccess && !reading.person && !reading.roleIdentity && !reading.start && !reading.end && !reading.weekdays) continue;
    const own = entry(parentPath(field));
    own.access ||= reading.access || holderAccess;
    own.person ||= reading.person || reading.roleIdentity;
    own.weekdays ||= reading.weekdays;
    own.start ||= reading.start;
    own.end ||= reading.end;
    const above = windowOwner(field);
    if (above !== undefined && (reading.start || reading.end)) {
      const outer = entry(above);
      outer.start ||= reading.start;
      outer.end ||= reading.end;
      outer.access ||= holderAccess;
    }
  }
  if (records === undefined) return;
  const guests = new Set<string>();
  for (const [record, r] of records) if (r.access && r.person && ((r.start && r.end) || r.weekdays)) guests.add(record);
  if (guests.size === 0) return;
  fields.forEach((field, index) => {
    const key = field.key;
    if (key === undefined || field.kind === 'null' || field.kind === 'empty' || typeof field.segments[field.segments.length - 1] !== 'string') return;
    const reading = read(key);
    const timed = reading.weekdays || reading.start || reading.end;
    if (guests.has(parentPath(field))) {
      if (reading.roleIdentity) add(index, finding(GUEST_ACCESS, 'strong', ['personal', 'third_party'], { of: 'structure', part: 'identity' }));
      else if (reading.person || reading.personal) add(index, RIDING_IDENTITY);
      else if (timed) add(index, RIDING_WINDOW);
      return;
    }
    const above = windowOwner(field);
    if (above !== undefined && timed && guests.has(above)) add(index, RIDING_WINDOW);
  });
}

const RIDING_IDENTITY = finding(GUEST_ACCESS, 'strong', ['third_party'], { of: 'structure', part: 'identity', rides: 'guest' });
const RIDING_WINDOW = finding(GUEST_ACCESS, 'strong', ['third_party'], { of: 'structure', rides: 'guest window' });
