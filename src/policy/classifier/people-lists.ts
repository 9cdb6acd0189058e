import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { detectKeyWords } from './key-detectors.js';
import { DEVICE_THING_WORDS, GENERIC_HEADS, PERSON_WORDS, THING_WORDS } from './vocabulary.js';
import { readKey, singular } from './words.js';

/**
 * `people-list`: a list of two or more people (`users[*]`, `subjects[*]`, `residents[*]`) cannot all be
 * the owner, and an invitation (`invites[*]`) is always to somebody else: what identifies a person in
 * such an entry — their id, name or e-mail, directly or under a person (`invites[*].user.acceptor.id`)
 * — is about a third party. The list decides, not the leaf key: `users[*].user.name` and
 * `members[*].email` are read the same way. A device in a person's entry (`users[*].devices[*].id`) is
 * not a person, and a single user (`users: [me]`) is taken to be the owner.
 */
export const PEOPLE_LIST = 'people-list';

export const peopleListExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [PEOPLE_LIST]: (f) =>
    f.facts.kind === 'invitation'
      ? `who is named in an invitation ("${f.facts.list}"): somebody other than the owner → ${f.categories.join(', ')}`
      : `who is named in a list of ${f.facts.count} people ("${f.facts.list}"): not all of them the owner → ${f.categories.join(', ')}`,
};

type Add = (index: number, f: Finding) => void;
type Kind = 'people' | 'invitation';

const PEOPLE = new Set(['user', 'person', 'people', 'subject', 'member', 'resident', 'occupant', 'tenant', 'friend', 'guest',
  'visitor', 'contact', 'follower', 'family', 'participant', 'attendee', 'caregiver', 'invitee', 'sharee', 'delegate']);
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
  const kind = INVITATIONS.has(head) ? 'invitation' : PEOPLE.has(singular(head)) && head !== singular(head) ? 'people' : undefined;
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
  const word = words.find((w) => PEOPLE.has(singular(w)) || INVITATIONS.has(w) || PERSON_TYPES.has(singular(w)) || CONTACT_HEADS.has(w));
  return word ?? 'list';
}

function identity(raw: string): boolean {
  return IDENTITY_HEADS.has(readKey(raw).words.join(' '));
}

export function peopleLists(fields: readonly PayloadField[], add: Add): void {
  let sizes: Map<string, { kind: Kind; list: string; items: Set<number | string> }> | undefined;
  const entries: { index: number; list: string; at: number }[] = [];
  const personLists = listsOfPersons(fields);
  fields.forEach((field, index) => {
    // The innermost list (or map keyed by person: `membersInfo.{name}`) of people or invitations on the path.
    for (let at = field.segments.length - 1; at > 0; at--) {
      const item = field.segments[at];
      const list = field.segments[at - 1];
      if (item === undefined || typeof list !== 'string') continue;
      if (typeof item === 'string' && at === field.segments.length - 1) continue;
      const kind = kindOf(list) ?? (typeof item === 'number' && personLists.has(prefixKey(field, at)) ? 'people' : undefined);
      if (kind === undefined) continue;
      const path = prefixKey(field, at);
      sizes ??= new Map();
      const size = sizes.get(path) ?? { kind, list, items: new Set<number | string>() };
      size.items.add(item);
      sizes.set(path, size);
      entries.push({ index, list: path, at });
      return;
    }
  });
  if (sizes === undefined) return;
  for (const { index, list, at } of entries) {
    const size = sizes.get(list);
    const field = fields[index];
    if (size === undefined || field === undefined || field.value === null || typeof field.value === 'boolean') continue;
    if (size.kind === 'people' && size.items.size < 2) continue;
    const categories = aboutAPerson(field, at, size.kind);
    if (categories === undefined) continue;
    // Only a vocabulary word is quoted: list keys can be values, and explanations reach the ledger.
    add(index, finding(PEOPLE_LIST, 'strong', categories, { of: 'structure', kind: size.kind === 'invitation' ? 'invitation' : 'people', list: listWord(size.list), count: String(size.items.size) }));
  }
}

/** What in an entry of a list of people identifies one of them; undefined for the entry's other data. */
function aboutAPerson(field: PayloadField, at: number, kind: Kind): readonly ('personal' | 'third_party')[] | undefined {
  const segments = field.segments;
  // `subjects: ["Anna", "Ben"]`: the entries are the people's names.
  if (at === segments.length - 1) return kind === 'people' && typeof field.value === 'string' ? BOTH : undefined;
  const leaf = segments[segments.length - 1];
  if (typeof leaf !== 'string') return undefined;
  let underPerson = false;
  for (let i = at + 1; i < segments.length - 1; i++) {
    const segment = segments[i];
    if (typeof segment !== 'string') return undefined;
    const words = readKey(segment).words;
    if (words.some((w) => THING_WORDS.has(singular(w)) || DEVICE_THING_WORDS.has(singular(w)))) return undefined;
    if (words.some((w) => PERSON_WORDS.has(singular(w)))) underPerson = true;
  }
  if (personalByWords(leaf)) return THIRD;
  if (!identity(leaf)) return undefined;
  const direct = at === segments.length - 2;
  return (direct && kind === 'people') || underPerson ? THIRD : undefined;
}

const BOTH = Object.freeze(['personal', 'third_party'] as const);
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
    items ??= new Map();
    const list = prefixKey(field, -2);
    const set = items.get(list) ?? new Set<number>();
    set.add(item);
    items.set(list, set);
  }
  const lists = new Set<string>();
  if (items !== undefined) for (const [list, set] of items) if (set.size >= 2) lists.add(list);
  return lists;
}
