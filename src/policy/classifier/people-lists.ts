import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { detectKeyWords } from './key-detectors.js';
import { DEVICE_THING_WORDS, GENERIC_HEADS, PERSON_WORDS, THING_WORDS } from './vocabulary.js';
import { entrySaysOther, HOUSEHOLD_PEOPLE, mayNameReader, namesTheReader, OTHER_PEOPLE } from './list-owners.js';
import { shapeOf, type FieldPlace, type ShapeField } from './shape.js';
import { readKey, singular } from './words.js';

/**
 * `people-list`: who is named in a list of people other than the owner, and an invitation (`invites[*]`),
 * always to somebody else. Whose list it is, list-owners.ts decides: people named for what they are to the
 * owner (`friends[*]`, `contacts[*]`, `recipients[*]`) are others; a home's or a device's people
 * (`users[*]`, `members[*]`, `customers[*]`, unnamed lists of records typed or addressed as people) are
 * the household with the owner among them — personal only — unless the payload names the reader apart
 * (`{user: {email}, persons: [...]}`) or an entry says it is a guest's or a friend's (`role: "guest"`).
 * What identifies a person in such an entry — their id, name or e-mail, directly or under a person
 * (`invites[*].user.acceptor.id`) — is a third party's. The list decides, not the leaf key:
 * `users[*].user.name` and `members[*].email` are read the same way. A device in a person's entry
 * (`users[*].devices[*].id`) is not a person, and a household of one (`users: [me]`) is the owner. The
 * entry's other data (`friends[*].avatar`, `members[*].location.lat`) is that person's too: a `rides`
 * finding adds third_party to whatever else the field is, and to nothing when it is nothing (detector.ts).
 * An event list's own `id` (`events[*]` typed `person`) names the event, not who it saw.
 */
export const PEOPLE_LIST = 'people-list';

export const peopleListExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [PEOPLE_LIST]: (f) =>
    f.facts.rides !== undefined
      ? `in the entry of one of ${f.facts.count} people ("${f.facts.list}")${WHY_OTHER[f.facts.why ?? ''] ?? ''}: somebody other than the owner's → third_party`
      : f.facts.kind === 'invitation'
      ? `who is named in an invitation ("${f.facts.list}"): somebody other than the owner → ${f.categories.join(', ')}`
      : f.facts.kind === 'household'
      ? `who is named in a list of ${f.facts.count} people ("${f.facts.list}"), the household's with the owner among them → personal`
      : `who is named in a list of ${f.facts.count} people ("${f.facts.list}")${WHY_OTHER[f.facts.why ?? ''] ?? ''}: not the owner → ${f.categories.join(', ')}`,
};

/** Why the people of a list are not the owner (list-owners.ts). */
const WHY_OTHER: Readonly<Record<string, string>> = {
  others: ' who are somebody else to the owner',
  apart: ' while the payload names the account apart from them',
  entry: ', whose entry says it is a guest\'s, a friend\'s or a visitor\'s',
};

type Add = (index: number, f: Finding) => void;
/** `others`: people somebody else's by their role; `household`: a home's or a device's people, the owner among them. */
type Kind = 'others' | 'household' | 'invitation';
const INVITATIONS = new Set(['invite', 'invitation', 'invites', 'invitations']);
/** Keys of a person's entry that identify the person when the entry itself is the person (`users[*].id`). */
const IDENTITY_HEADS = new Set([...GENERIC_HEADS].filter((h) => !['value', 'val', 'state', 'status', 'qty', 'quantity', 'high', 'low', 'min', 'max', 'avg', 'mean', 'last reading', 'href', 'url', 'uri', 'link', 'src', 'path', 'key', 'keys', 'serial', 'serial number', 'number', 'no', 'address', 'addr'].includes(h)));

const QUALIFIERS = new Set(['info', 'infos', 'details', 'list', 'map', 'by', 'data', 'entries']);
const PERSON_TYPES = new Set(['person', 'user', 'friend', 'member', 'people', 'contact', 'guest', 'visitor']);
/** How a record names a person to reach or address (not an id, a birth date or a sex: pets have those too). */
const CONTACT_HEADS = new Set(['email', 'email address', 'first name', 'last name', 'full name', 'given name', 'family name', 'surname', 'phone', 'phone number', 'mobile']);
const kinds = new Map<string, Kind | undefined>();
function kindOf(list: string): Kind | undefined {
  if (kinds.has(list)) return kinds.get(list);
  const all = readKey(list).words;
  // `membersInfo`, `usersById`: the qualifier names how the people are kept, the word before it who they are.
  const words = all.length > 1 && QUALIFIERS.has(all[all.length - 1] ?? '') ? all.slice(0, -1) : all;
  const head = words[words.length - 1] ?? '';
  const one = singular(head);
  const plural = head !== one;
  const kind = INVITATIONS.has(head) ? 'invitation' : plural && OTHER_PEOPLE.has(one) ? 'others' : plural && HOUSEHOLD_PEOPLE.has(one) ? 'household' : undefined;
  if (kinds.size >= 5_000) kinds.clear();
  kinds.set(list, kind);
  return kind;
}

const personalKeys = new Map<string, boolean>();
/** A key that names a person's data by its own words (`email_address`, `userName`), not by its parent. */
function personalByWords(raw: string): boolean {
  let known = personalKeys.get(raw);
  if (known === undefined) {
    known = detectKeyWords(readKey(raw)).some((f) => f.signal !== 'veto' && f.signal !== 'weak' && f.categories.includes('personal'));
    if (personalKeys.size >= 5_000) personalKeys.clear();
    personalKeys.set(raw, known);
  }
  return known;
}

function listWord(raw: string): string {
  const words = readKey(raw).words;
  const word = words.find((w) => OTHER_PEOPLE.has(singular(w)) || HOUSEHOLD_PEOPLE.has(singular(w)) || INVITATIONS.has(w) || PERSON_TYPES.has(singular(w)) || CONTACT_HEADS.has(w));
  return word ?? 'list';
}

/** Lists of what happened (`events[*]` with `type: "person"`): a detection's other data is the camera's, not the person's. */
const EVENT_LISTS = new Set(['event', 'activity', 'log', 'history', 'timeline', 'notification', 'alert', 'detection', 'message']);
function eventList(list: string): boolean {
  const words = readKey(list).words;
  return words.some((w) => EVENT_LISTS.has(singular(w)));
}

const parts = new Map<string, boolean>();
/** A map key that is a vocabulary word (`account`, `vehicle`, `profile`): a part of a record, not a person. */
function namesAPart(raw: string): boolean {
  let known = parts.get(raw);
  if (known === undefined) {
    const words = readKey(raw).words;
    known = words.some((w) => THING_WORDS.has(singular(w)) || DEVICE_THING_WORDS.has(singular(w)) || PERSON_WORDS.has(singular(w)));
    if (parts.size >= 5_000) parts.clear();
    parts.set(raw, known);
  }
  return known;
}

function identity(raw: string): boolean {
  return IDENTITY_HEADS.has(readKey(raw).words.join(' '));
}

/**
 * Plan of `peopleLists`: the fields that can count towards a list of persons (`listsOfPersons`: a contact
 * key, or a `type` text), and every field with a list on its path that is named for people or could be
 * a list of persons whatever the `type` texts say. The other fields are in no list of people.
 */
export function peopleListFields(fields: readonly ShapeField[]): number[] | undefined {
  const counted: number[] = [];
  const items = new Map<string, Set<number>>();
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    const item = field.segments[field.segments.length - 2];
    if (typeof key !== 'string' || typeof item !== 'number' || (field.kind !== 'string' && field.kind !== 'empty')) return;
    if (!(key === 'type' && field.kind === 'string') && !CONTACT_HEADS.has(readKey(key).words.join(' '))) return;
    counted.push(index);
    addItem(items, field, item);
  });
  const mayBePersons = listsOfTwo(items);
  const named = new Set<number>(mayBePersons.size === 0 ? [] : counted);
  let inList = false;
  const readers: number[] = [];
  fields.forEach((field, index) => {
    if (innermostList(field, mayBePersons) === undefined) {
      // Outside the lists, a field naming the reader sets the household apart (list-owners.ts).
      if (mayNameReader(field)) readers.push(index);
      return;
    }
    named.add(index);
    inList = true;
  });
  if (!inList) return undefined;
  for (const index of readers) named.add(index);
  return [...named].sort((a, b) => a - b);
}

/** The innermost list (or map keyed by person: `membersInfo.{name}`) of people or invitations on a field's path. */
function innermostList(field: FieldPlace, personLists: ReadonlySet<string>): { at: number; item: number | string; list: string; kind: Kind } | undefined {
  for (let at = field.segments.length - 1; at > 0; at--) {
    const item = field.segments[at];
    const list = field.segments[at - 1];
    if (item === undefined || typeof list !== 'string') continue;
    if (typeof item === 'string' && at === field.segments.length - 1) continue;
    const kind = kindOf(list) ?? (typeof item === 'number' && personLists.has(prefixKey(field, at)) ? 'household' : undefined);
    if (kind !== undefined) return { at, item, list, kind };
  }
  return undefined;
}

export function peopleLists(fields: readonly PayloadField[], add: Add): void {
  let sizes: Map<string, { kind: Kind; list: string; items: Set<number | string> }> | undefined;
  const entries: { index: number; list: string; at: number }[] = [];
  const personLists = listsOfPersons(fields);
  let apart = false;
  let otherEntries: Set<string> | undefined;
  fields.forEach((field, index) => {
    const found = innermostList(field, personLists);
    if (found === undefined) {
      apart ||= field.key !== undefined && namesTheReader(field.key) && field.value !== '' && field.value !== null && mayNameReader(shapeOf(field));
      return;
    }
    const { at, item, list, kind } = found;
    if (kind === 'household' && entrySaysOther(field)) (otherEntries ??= new Set()).add(prefixKey(field, at + 1));
    // `users: {account: …, vehicle: …}` is one user's parts, not a map keyed by people.
    if (typeof item === 'string' && namesAPart(item)) return;
    const path = prefixKey(field, at);
    sizes ??= new Map();
    const size = sizes.get(path) ?? { kind, list, items: new Set<number | string>() };
    size.items.add(item);
    sizes.set(path, size);
    entries.push({ index, list: path, at });
  });
  if (sizes === undefined) return;
  for (const { index, list, at } of entries) {
    const size = sizes.get(list);
    const field = fields[index];
    if (size === undefined || field === undefined || field.value === null || typeof field.value === 'boolean') continue;
    // A household's list is the owner's own unless the payload names the reader apart or the entry says it is another's.
    const why = size.kind === 'others' ? 'others' : size.kind === 'invitation' ? undefined : apart && size.items.size >= 2 ? 'apart' : otherEntries?.has(prefixKey(field, at + 1)) === true ? 'entry' : undefined;
    // Only a vocabulary word is quoted: list keys can be values, and explanations reach the ledger.
    const facts = { of: 'structure', kind: size.kind === 'invitation' ? 'invitation' : 'people', list: listWord(size.list), count: String(size.items.size), ...(why === undefined ? {} : { why }) };
    if (size.kind !== 'invitation' && why === undefined) {
      // The household's own names (`subjects: ["Ann", "Bo"]`) are still people's names.
      if (at === field.segments.length - 1 && typeof field.value === 'string') add(index, finding(PEOPLE_LIST, 'strong', PERSONAL, { ...facts, kind: 'household' }));
      continue;
    }
    const categories = aboutAPerson(field, at, size.kind, eventList(size.list));
    if (categories === undefined) continue;
    // An invitation's other data (its expiry, its role) is the owner's act; an event's is the camera's.
    if (categories === RIDES && (size.kind === 'invitation' || eventList(size.list))) continue;
    add(index, categories === RIDES ? finding(PEOPLE_LIST, 'strong', THIRD, { ...facts, rides: 'owner' }) : finding(PEOPLE_LIST, 'strong', categories, facts));
  }
}

/**
 * What in an entry of a list of people identifies one of them; RIDES for the entry's other data (the
 * person's too); undefined for what the entry holds about a thing (`users[*].devices[*].id`).
 */
function aboutAPerson(field: PayloadField, at: number, kind: Kind, events: boolean): readonly ('personal' | 'third_party')[] | typeof RIDES | undefined {
  const segments = field.segments;
  // `subjects: ["Anna", "Ben"]`: the entries are the people's names.
  if (at === segments.length - 1) return kind !== 'invitation' && typeof field.value === 'string' ? BOTH : undefined;
  const leaf = segments[segments.length - 1];
  let underPerson = false;
  for (let i = at + 1; i < segments.length - 1; i++) {
    const segment = segments[i];
    if (typeof segment !== 'string') return RIDES;
    const words = readKey(segment).words;
    if (words.some((w) => THING_WORDS.has(singular(w)) || DEVICE_THING_WORDS.has(singular(w)))) return undefined;
    if (words.some((w) => PERSON_WORDS.has(singular(w)))) underPerson = true;
  }
  if (typeof leaf !== 'string') return RIDES;
  // A thing's id in a person's entry (`contacts[*].tracker_id`: the tracker that alerts them) is the owner's device.
  if (thingId(leaf)) return undefined;
  if (personalByWords(leaf)) return THIRD;
  // An event's own `id` or `name` (`events[*]` typed `person`) names the event, not who it saw.
  if (!identity(leaf) || events) return RIDES;
  const direct = at === segments.length - 2;
  return (direct && kind !== 'invitation') || underPerson ? THIRD : RIDES;
}

const RIDES = 'rides';

const THING_ID_HEADS = new Set(['id', 'uid', 'uuid', 'guid']);
/** `tracker_id`, `deviceUuid`: an id whose other word names a thing. */
function thingId(key: string): boolean {
  const words = readKey(key).words;
  const before = singular(words[words.length - 2] ?? '');
  return words.length >= 2 && THING_ID_HEADS.has(words[words.length - 1] ?? '') && (THING_WORDS.has(before) || DEVICE_THING_WORDS.has(before));
}

const BOTH = Object.freeze(['personal', 'third_party'] as const);
const PERSONAL = Object.freeze(['personal'] as const);
const THIRD = Object.freeze(['third_party'] as const);

/**
 * Lists of two or more records that each name a person to reach or address (`email`, `firstName`) or are
 * typed as one (`type: "person"`), whatever the list is called (`data[*]`): several people.
 */
function listsOfPersons(fields: readonly PayloadField[]): Set<string> {
  let items: Map<string, Set<number>> | undefined;
  for (const field of fields) {
    const key = field.segments[field.segments.length - 1];
    const item = field.segments[field.segments.length - 2];
    if (typeof key !== 'string' || typeof item !== 'number' || typeof field.value !== 'string') continue;
    const typed = key === 'type' && PERSON_TYPES.has(field.value.toLowerCase());
    if (!typed && !CONTACT_HEADS.has(readKey(key).words.join(' '))) continue;
    addItem((items ??= new Map()), field, item);
  }
  return items === undefined ? new Set() : listsOfTwo(items);
}

/** Counts an item (`list[3].email`: item 3) of the list a field is in. */
function addItem(items: Map<string, Set<number>>, field: FieldPlace, item: number): void {
  const list = prefixKey(field, -2);
  const set = items.get(list) ?? new Set<number>();
  set.add(item);
  items.set(list, set);
}

/** The lists of two or more items. */
function listsOfTwo(items: ReadonlyMap<string, ReadonlySet<number>>): Set<string> {
  const lists = new Set<string>();
  for (const [list, set] of items) if (set.size >= 2) lists.add(list);
  return lists;
}
