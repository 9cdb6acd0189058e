import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { detectKeyWords } from './key-detectors.js';
import { OTHER_PEOPLE } from './list-owners.js';
import { PERSON_EVIDENCE } from './relation-vocabulary.js';
import type { Add, ShapeField } from './shape.js';
import { DEVICE_THING_WORDS, PERSON_WORDS, THING_WORDS } from './vocabulary.js';
import { readKey, singular } from './words.js';

/**
 * `other-person-record`: one record under a key that names a single person who is, by what they are to the
 * owner, somebody else (list-owners.ts OTHER_PEOPLE in the singular: a `contact` of an address book or a
 * personal CRM, a chat's `visitor`, a booking's `guest`, a call's `callee`; lists of them are people-lists.ts's)
 * and that shows a person among its own leaves — vCard's and schema.org Person's identification (a name, an
 * e-mail, a phone number, a gender, a birth date: relation-vocabulary.ts) or a user name. A door sensor's
 * `contact: {state}` and a venue's `contact: {twitter, url}` show none. What identifies the person (ids, names,
 * initials, user name, e-mail, phone) and what the record says of them (gender, birth date) is personal and
 * third_party; the record's other data rides third_party (a position in it is location and theirs). Not a
 * person or a thing nested in it (`contact.account.id`: the owner's account), nor a secret (`visitor.token`:
 * the service's key to the session, not a fact about the visitor). Reads only keys: memoised per shape.
 */
export const OTHER_PERSON_RECORD = 'other-person-record';

export const otherPersonRecordExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [OTHER_PERSON_RECORD]: (f) =>
    f.facts.rides !== undefined
      ? `in the record of one ${f.facts.word} (somebody other than the owner) → third_party`
      : `who the record of one ${f.facts.word} names (somebody other than the owner) → personal, third_party`,
};

/** A user name shows a person as well as a name does (a chat's visitor may give nothing else). */
const USER_NAMES = new Set(['username', 'user name', 'login']);
/** The last word of a key that identifies whom a person's record is about (`hash_id`, `complete_name`). */
const IDENTITY_TAILS = new Set(['id', 'uid', 'uuid', 'guid', 'name', 'initials', 'nickname', 'username', 'login']);

const BOTH = Object.freeze(['personal', 'third_party'] as const);
const THIRD = Object.freeze(['third_party'] as const);

const words = new BoundedMemo<readonly string[]>(5_000, 256);
const wordsOf = (raw: string): readonly string[] => words.get(raw, () => readKey(raw).words);

const recordWords = new BoundedMemo<string | null>(5_000, 256);
/** The other person a record's key names (`contact`, `emergencyContact`), in the singular only. */
function otherPersonWord(raw: string): string | undefined {
  return recordWords.get(raw, () => {
    const last = wordsOf(raw)[wordsOf(raw).length - 1] ?? '';
    return last === singular(last) && OTHER_PEOPLE.has(last) ? last : null;
  }) ?? undefined;
}

function showsPerson(raw: string): boolean {
  const phrase = wordsOf(raw).join(' ');
  return PERSON_EVIDENCE.has(phrase) || USER_NAMES.has(phrase);
}

function identifies(raw: string): boolean {
  const list = wordsOf(raw);
  return showsPerson(raw) || IDENTITY_TAILS.has(list[list.length - 1] ?? '');
}

const nested = new BoundedMemo<boolean>(5_000, 256);
/** A key inside the record that names a person or a thing of its own (`account`, `device`). */
function namesSomebodyElse(raw: string): boolean {
  return nested.get(raw, () => wordsOf(raw).some((w) => {
    const one = singular(w);
    return PERSON_WORDS.has(one) || THING_WORDS.has(one) || DEVICE_THING_WORDS.has(one);
  }));
}

const secrets = new BoundedMemo<boolean>(5_000, 256);
function secret(raw: string): boolean {
  return secrets.get(raw, () => detectKeyWords(readKey(raw)).some((f) => f.signal !== 'veto' && f.categories.includes('credentials')));
}

export function otherPersonRecords(fields: readonly ShapeField[], add: Add): void {
  let records: Map<string, string> | undefined;
  for (const field of fields) {
    const n = field.segments.length;
    const record = field.segments[n - 2];
    if (field.key === undefined || n < 2 || typeof record !== 'string' || field.kind === 'null' || field.kind === 'empty') continue;
    const word = otherPersonWord(record);
    if (word !== undefined && showsPerson(field.key)) (records ??= new Map()).set(prefixKey(field, n - 1), word);
  }
  if (records === undefined) return;
  fields.forEach((field, index) => {
    const key = field.key;
    const n = field.segments.length;
    if (key === undefined || (field.kind !== 'string' && field.kind !== 'number') || typeof field.segments[n - 1] !== 'string') return;
    for (let at = n - 1; at >= 1; at--) {
      const word = records?.get(prefixKey(field, at));
      if (word === undefined) continue;
      let direct = true;
      for (let i = at; i < n - 1; i++) {
        const segment = field.segments[i];
        if (typeof segment !== 'string') continue;
        if (namesSomebodyElse(segment)) return;
        direct = false;
      }
      if (secret(key)) return;
      add(index, direct && identifies(key)
        ? finding(OTHER_PERSON_RECORD, 'strong', BOTH, { of: 'structure', word })
        : finding(OTHER_PERSON_RECORD, 'strong', THIRD, { of: 'structure', word, rides: 'record' }));
      return;
    }
  });
}
