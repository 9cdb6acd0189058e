import { BoundedMemo } from '../../memo.js';
import { PERSON_WORDS } from './vocabulary.js';
import { readKey, singular, type KeyWords } from './words.js';

/**
 * Which leaves of a person's record inside a container of people (`contacts[*]`, `members[*]`,
 * `guests[*]`: vocabulary.ts CONTAINERS) are about that person. A radio scan's entries are the
 * neighbour's through and through (docs/CORPUS.md: every field of a scan entry); a person's record is
 * not: its bookkeeping — when the record was created or updated (report and record times are never
 * labelled), the account's flags (`emailVerified`, `new`, `uploadLocation`: schema.org Person has no
 * such property, they are the service's settings) — says nothing of the person, and a thing's id in it
 * (`tracker_id` of a contact: the owner's tracker it alerts) is the owner's device. Bookkeeping only
 * rides the container's reading (a flag that is presence, `isHome`, keeps it by its own key); a thing's
 * id is left to its key. A record's type tag (`{"id": …, "type": "user"}` of JSON:API's relationships, a
 * `kind` beside it) says what sort of record the entry is, the same for everybody: bookkeeping too.
 */
const PEOPLE_CONTAINERS = new Set(['contacts', 'members', 'household members', 'visitors', 'guests', 'friends', 'other users',
  'other user', 'shared users', 'shared with', 'invitees', 'primary contacts', 'secondary contacts', 'emergency contacts',
  'family members', 'circle members', 'participants', 'attendees', 'followers', 'caregivers', 'people', 'persons', 'sharees',
  'delegates', 'callers', 'persons of interest', 'people of interest']);
const RECORD_TIME_ACTS = new Set(['created', 'updated', 'modified', 'deleted', 'inserted', 'changed']);
const RECORD_TIME_HEADS = new Set(['at', 'on', 'time', 'date', 'timestamp', 'ts']);
/** First words of an account's flags and settings. */
const FLAG_LEADS = new Set(['new', 'upload', 'uploads', 'allow', 'allows', 'enable', 'enabled', 'share', 'sharing', 'notify',
  'send', 'show', 'receive', 'sync']);
const FLAG_HEADS = new Set(['verified', 'confirmed', 'activated', 'enabled', 'disabled']);
const ID_HEADS = new Set(['id', 'uid', 'uuid', 'guid']);
/** Keys that tag what sort of record an entry is. */
const TYPE_TAGS = new Set(['type', 'kind']);

export type PersonLeaf = 'person' | 'bookkeeping' | 'thing';

/** Whether a container (its matched phrase) holds people rather than radios heard. */
export function holdsPeople(text: string): boolean {
  return PEOPLE_CONTAINERS.has(text);
}

const leaves = new BoundedMemo<PersonLeaf>(5_000, 256);
/**
 * What a key inside a person's record is: the person's data, the record's bookkeeping, or a thing's id
 * (`isThing` reads a word as a physical thing: key-detectors.ts thingWord, passed in to keep imports one-way).
 */
export function personLeaf(key: KeyWords | undefined, isThing: (word: string) => boolean): PersonLeaf {
  if (key === undefined) return 'person';
  return leaves.get(key.raw, () => {
    const words = readKey(key.raw).words;
    const first = words[0] ?? '';
    const head = words[words.length - 1] ?? '';
    if (words.length >= 2 && ID_HEADS.has(head) && isThing(words[words.length - 2] ?? '')) return 'thing';
    if (words.length === 1 && TYPE_TAGS.has(first)) return 'bookkeeping';
    if (RECORD_TIME_ACTS.has(first) && (words.length === 1 || RECORD_TIME_HEADS.has(head))) return 'bookkeeping';
    if (FLAG_LEADS.has(first) || (words.length >= 2 && FLAG_HEADS.has(head))) return 'bookkeeping';
    return 'person';
  });
}

/**
 * Whether a leaf sits in a record nested inside a person's entry (`people[*].detail.tenure`,
 * `friends[*].preferredColor.primary`, `persons[*].face.version`): the service's facts about that account —
 * its tier, colours, follower counts, a face model's version — are no more the person's than the owner's
 * own would be; only what is data of its own (a place, a picture, a presence: another finding) is the
 * person's, so the container's reading rides there (docs/CORPUS.md: a friend's flags, counts and settings
 * are unlabelled). A nested record named for the person itself (`friends[*].user.country`,
 * `members[*].profile.name`) is the entry's person: still read whole. `ancestors` are the leaf's key
 * ancestors, `at` the container's position among them.
 */
export function inRecordOfEntry(ancestors: readonly KeyWords[], at: number): boolean {
  if (at >= ancestors.length - 1) return false;
  for (let i = at + 1; i < ancestors.length; i++) {
    const words = ancestors[i]?.words ?? [];
    if (words.some((w) => PERSON_WORDS.has(singular(w)))) return false;
  }
  return true;
}
