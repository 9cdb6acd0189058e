import type { PayloadField } from '../../payload/index.js';
import { BoundedMemo } from '../../memo.js';
import type { ShapeField } from './shape.js';
import { readKey, singular } from './words.js';

/**
 * Whose list of people it is (people-lists.ts). LABELLING.md makes other household members third parties,
 * and docs/CORPUS.md reads a list of a home's or a device's users (`users[*]`, `customers[*]`,
 * `sleepers[*]`) as the household with the owner among them — personal only, since the payload does not
 * say which entry is the reader — "unless the payload says they are guests". So:
 * - a list named for people who are by their role somebody else's — schema.org Person's `knows`/`follows`
 *   relations and vCard's RELATED kinds (friend, contact, follower), the invited and the visiting (guest,
 *   visitor, invitee, sharee, delegate: OAuth/UMA grants), the parties of a message or an event
 *   (recipient, participant, attendee) — is always other people;
 * - a list named for the people of a home or a device (user, member, person, resident, occupant, customer,
 *   and unnamed lists of records typed or addressed as people) is the household, and it is other people
 *   only when the payload shows the reader apart from it: a person's name, e-mail or user name, or the
 *   account's role (`owner`, `organizer`, `holder`), outside every list of people
 *   (`{user: {email}, persons: [...]}`, `{userInfo: {firstName}, membersInfo: {...}}`,
 *   `{organizer, familyMembers: [...]}`);
 * - one entry of a household list that says it is somebody else's — a role or type naming a guest, a
 *   friend, a visitor (`role: "guest"`, `type: "friend"`) or such a flag set (`friend: true`) — is that
 *   person's, whatever its neighbours are.
 */

/** People who are somebody other than the owner by what they are to them. */
export const OTHER_PEOPLE: ReadonlySet<string> = new Set(['friend', 'guest', 'visitor', 'contact', 'follower', 'participant',
  'attendee', 'caregiver', 'invitee', 'sharee', 'delegate', 'recipient', 'neighbor', 'neighbour', 'caller', 'callee', 'grantee']);

/** The people of a home or a device: the owner is among them unless the payload says otherwise. */
export const HOUSEHOLD_PEOPLE: ReadonlySet<string> = new Set(['user', 'person', 'people', 'subject', 'member', 'resident',
  'occupant', 'tenant', 'family', 'customer']);

/** How a payload names the reader apart from a list: their identity, or the account's role. */
const READER_KEYS = new Set(['email', 'email address', 'mail', 'first name', 'last name', 'full name', 'given name', 'family name',
  'surname', 'user name', 'login', 'owner', 'organizer', 'organiser', 'account holder', 'holder']);

const readerKeys = new BoundedMemo<boolean>(5_000, 256);
/** A key that names the reader when it stands outside every list of people (`user.email`, `organizer`). */
export function namesTheReader(raw: string): boolean {
  return readerKeys.get(raw, () => READER_KEYS.has(readKey(raw).words.join(' ')));
}

/** Keys whose text says what an entry's person is to the owner (`role: "guest"`, `type: "friend"`). */
const RELATION_KEYS = new Set(['role', 'roles', 'type', 'kind', 'relation', 'relationship', 'user type', 'access type', 'member type']);

const relationKeys = new BoundedMemo<boolean>(5_000, 256);
export function saysRelation(raw: string): boolean {
  return relationKeys.get(raw, () => RELATION_KEYS.has(readKey(raw).words.join(' ')));
}

const flagWords = new BoundedMemo<boolean>(5_000, 256);
/** A flag naming another person (`friend`, `isGuest`): when set, the entry is theirs. */
export function flagsOtherPerson(raw: string): boolean {
  return flagWords.get(raw, () => {
    const words = readKey(raw).words.filter((w) => w !== 'is');
    return words.length === 1 && OTHER_PEOPLE.has(singular(words[0] ?? ''));
  });
}

/** Whether a relation's text names another person (`guest`, `Friend`, `visitors`). */
export function textNamesOtherPerson(text: string): boolean {
  return text.length <= 24 && OTHER_PEOPLE.has(singular(text.trim().toLowerCase()));
}

/**
 * Whether a field of an entry says the entry is somebody else's: a relation key with such a text, or
 * such a flag set. Reads the field's value.
 */
export function entrySaysOther(field: PayloadField): boolean {
  const key = field.key;
  if (key === undefined) return false;
  if (field.value === true) return flagsOtherPerson(key);
  return typeof field.value === 'string' && saysRelation(key) && textNamesOtherPerson(field.value);
}

/** What an entry's field may say of the entry (for a plan: fields whose value can change the reading). */
export function mayTellRelation(field: ShapeField): boolean {
  const key = field.key;
  if (key === undefined) return false;
  return (field.kind === 'boolean' && flagsOtherPerson(key)) || (field.kind === 'string' && saysRelation(key));
}

/** A field naming the reader, outside the lists of people: the payload shows the owner apart from them. */
export function mayNameReader(field: ShapeField): boolean {
  const key = field.key;
  return key !== undefined && (field.kind === 'string' || field.kind === 'number') && typeof field.segments[field.segments.length - 1] === 'string' && namesTheReader(key);
}
