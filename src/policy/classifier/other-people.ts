import { BoundedMemo } from '../../memo.js';
import type { DataCategory } from '../categories.js';
import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import { detectKeyWords } from './key-detectors.js';
import type { Add, ShapeField } from './shape.js';
import { readKey, singular } from './words.js';
import { BOX_WORDS, CORNER_KEYS, FACE_ATTRIBUTES, FACE_EMOTIONS, FACE_IDENTITIES, FACE_TRAITS, GRANT_WORDS,
  PERSON_EVIDENCE, RELATIVES, speaksOfGrant, TIME_BOUND_WORDS } from './relation-vocabulary.js';

/**
 * Records about people other than the account holder, told by their structure (relation-vocabulary.ts
 * names the standards the words come from). All three read only keys: memoised per payload shape.
 * - `related-person`: a key naming a relation (vCard RELATED, Android's contact relations: `child: 3`,
 *   `spouse_name`, `baby: {first_name, birthday}`) points at another person: personal and third_party;
 *   the record it is the subject of (`{child: 3, start, end, nap}`: a child's sleep) is that person's
 *   too, so its other data rides third_party — but not who recorded it (`user: 1`).
 * - `recognised-face`: a record with a face box (`box`, `x_min`…`y_max`) and a face's attributes
 *   (`embedding`, `age`, `gender`, `subjects`, `userid`) is a person a camera saw: who it was
 *   recognised as, the estimated age and gender and the biometric vector are personal and
 *   third_party. An object detection (`label: "person"` in a box) names a class, not a person.
 * - `access-grant`: a record that names a person (`email`, `firstName`) and says access was shared
 *   or granted to or by them (`shareId`, `sharedFirstName`, `invitedBy`, or a role with an expiry) is
 *   about somebody other than the owner: what identifies them rides third_party.
 */
export const RELATED_PERSON = 'related-person';
export const RECOGNISED_FACE = 'recognised-face';
export const ACCESS_GRANT = 'access-grant';

export const otherPeopleExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [RELATED_PERSON]: (f) =>
    f.facts.rides !== undefined
      ? `in a record about the owner's ${f.facts.relation} (another person) → third_party`
      : `key names the owner's ${f.facts.relation} (another person) → personal, third_party`,
  [RECOGNISED_FACE]: (f) => `the ${f.facts.attribute} of a face a camera saw (a record with a face box) → ${f.categories.join(', ')}`,
  [ACCESS_GRANT]: (f) => `who is named in a record of access ${f.facts.grant} (somebody other than the owner) → third_party`,
};

const BOTH = Object.freeze(['personal', 'third_party'] as const);
const THIRD = Object.freeze(['third_party'] as const);
/** Keys that read a quantity or a label of their parent (`age.high`, `gender.value`). */
const VALUE_HEADS = new Set(['value', 'val', 'high', 'low', 'min', 'max', 'range']);
/** vCard BDAY and GENDER, schema.org birthDate and gender: what a record says of whom it is about. */
const SUBJECT_TRAITS = new Set(['birth date', 'birthday', 'date of birth', 'dob', 'bday', 'birth year', 'gender', 'sex']);
const IDENTITY_HEADS = new Set(['id', 'uid', 'uuid', 'guid', 'name', 'first name', 'last name', 'full name', 'email', 'phone',
  'nickname', 'display name', 'username', 'user name']);

/** The relation a key names, when it is the key's subject (`child`, `childId`, `spouse_name`; not `childLock`). */
const relations = new BoundedMemo<string | null>(5_000, 256);
function relationOf(raw: string): string | undefined {
  return relations.get(raw, () => {
    const words = readKey(raw).words;
    const first = singular(words[0] ?? '');
    const rest = words.slice(1).join(' ');
    return RELATIVES.has(first) && (rest === '' || IDENTITY_HEADS.has(rest) || PERSON_EVIDENCE.has(rest)) ? first : null;
  }) ?? undefined;
}

const personals = new BoundedMemo<boolean>(5_000, 256);
/** A key that names a person's data by its own words (`email`, `userName`, `user`), strongly. */
function personalByWords(raw: string): boolean {
  return personals.get(raw, () => detectKeyWords(readKey(raw)).some((f) => f.signal === 'strong' && f.categories.includes('personal')));
}

function phrase(raw: string): string {
  return readKey(raw).words.join(' ');
}

function scalar(field: ShapeField): boolean {
  return field.kind === 'number' || field.kind === 'string';
}

export function relatedPeople(fields: readonly ShapeField[], add: Add): void {
  // Scalar subjects (`child: 3`): the key itself, and the record's other data.
  let subjects: Map<string, string> | undefined;
  fields.forEach((field, index) => {
    const key = field.key;
    if (key === undefined || typeof field.segments[field.segments.length - 1] !== 'string' || !scalar(field)) return;
    const relation = relationOf(key);
    if (relation === undefined) return;
    add(index, finding(RELATED_PERSON, 'strong', BOTH, { of: 'structure', relation }));
    (subjects ??= new Map()).set(parentPath(field), relation);
  });
  // Records under a relation (`baby: {name, birthday}`, `children[*].first_name`) that show a person.
  const records = relativeRecords(fields);
  if (subjects === undefined && records === undefined) return;
  fields.forEach((field, index) => {
    const key = field.key;
    if (key === undefined || !scalar(field)) return;
    const own = subjects?.get(parentPath(field));
    // A trait (`birthDate`, `sex`) describes whom the record is about; a pointer (`user`) is who recorded it.
    if (own !== undefined && relationOf(key) === undefined && (!personalByWords(key) || SUBJECT_TRAITS.has(phrase(key)))) {
      add(index, finding(RELATED_PERSON, 'strong', THIRD, { of: 'structure', relation: own, rides: 'relative' }));
      return;
    }
    if (records === undefined) return;
    for (let at = field.segments.length - 2; at >= 0; at--) {
      const relation = records.get(prefixKey(field, at + 1));
      if (relation === undefined) continue;
      const direct = at === field.segments.length - 2 || typeof field.segments[at + 1] === 'number';
      const names = direct && (PERSON_EVIDENCE.has(phrase(key)) || IDENTITY_HEADS.has(phrase(key)));
      add(index, names ? finding(RELATED_PERSON, 'strong', BOTH, { of: 'structure', relation }) : finding(RELATED_PERSON, 'strong', THIRD, { of: 'structure', relation, rides: 'relative' }));
      return;
    }
  });
}

/** Records (`$.baby`, `$.children[3]`) under a relation word whose leaves show a person (a name, a birthday). */
function relativeRecords(fields: readonly ShapeField[]): Map<string, string> | undefined {
  let records: Map<string, string> | undefined;
  for (const field of fields) {
    const key = field.key;
    const n = field.segments.length;
    if (key === undefined || n < 2 || !PERSON_EVIDENCE.has(phrase(key))) continue;
    // The record is the leaf's parent; the relation is its key, or the list's key above an index.
    const parent = field.segments[n - 2];
    const list = typeof parent === 'number' ? field.segments[n - 3] : parent;
    if (typeof list !== 'string') continue;
    const relation = RELATIVES.has(singular(phrase(list))) ? singular(phrase(list)) : undefined;
    if (relation !== undefined) (records ??= new Map()).set(prefixKey(field, n - 1), relation);
  }
  return records;
}

/** The face records of a payload: where a box sits beside a face's attributes. */
export function recognisedFaces(fields: readonly ShapeField[], add: Add): void {
  let boxes: Set<string> | undefined;
  for (const field of fields) {
    const n = field.segments.length;
    for (let at = 0; at < n; at++) {
      const segment = field.segments[at];
      if (typeof segment !== 'string') continue;
      const words = phrase(segment);
      if ((at < n - 1 && BOX_WORDS.has(words)) || (at === n - 1 && CORNER_KEYS.has(words.replace(/ /g, '')))) {
        (boxes ??= new Set()).add(prefixKey(field, at));
        break;
      }
    }
  }
  if (boxes === undefined) return;
  const found: { index: number; attribute: string; categories: readonly DataCategory[]; flag?: boolean }[] = [];
  fields.forEach((field, index) => {
    if (field.kind === 'null' || field.kind === 'empty') return;
    // The face a search started from (`SearchedFaceId`) is a face of the same collection.
    if (field.key !== undefined && scalar(field) && phrase(field.key).endsWith('face id')) found.push({ index, attribute: 'face id', categories: BOTH });
    else for (let at = field.segments.length - 1; at >= 1; at--) {
      const record = prefixKey(field, at);
      if (!boxes?.has(record)) continue;
      const attribute = faceAttribute(field.segments.slice(at), field.kind === 'boolean');
      if (attribute !== undefined) found.push({ index, ...attribute, flag: field.kind === 'boolean' });
      // A face's pose and landmarks are angles and points in the picture, never a place.
      else if (field.segments.slice(at).some((s) => typeof s === 'string' && FACE_GEOMETRY.has(phrase(s)))) add(index, NO_PLACE_IN_FACE);
      return;
    }
  });
  // A box with a label alone is an object detection: a face needs an attribute of a face.
  // An emotion's name sits under `type`, a word that otherwise vetoes: the face record says what it is (certain).
  // A trait's flag (`Beard.Value: false`) keeps personal (person-traits.ts, traitFlagMask).
  for (const f of found) {
    const signal = f.categories === HEALTH_THIRD ? 'certain' : 'strong';
    add(f.index, finding(RECOGNISED_FACE, signal, f.categories, f.flag === true ? { of: 'structure', attribute: f.attribute, flag: 'trait' } : { of: 'structure', attribute: f.attribute }));
  }
}

const HEALTH_THIRD = Object.freeze(['health', 'third_party'] as const);
const FACE_GEOMETRY = new Set(['pose', 'landmarks', 'landmark', 'head pose']);
const NO_PLACE_IN_FACE = finding(RECOGNISED_FACE, 'veto', ['location'], { of: 'structure', attribute: 'pose' });

/**
 * What a field below a face record says of the face: `userid`, `age.high`, `embedding[3]`, `subjects[0].subject`,
 * `Beard.Value`, `Emotions[2].Type`. A flag says something only of a lasting trait (`Eyeglasses.Value: false`).
 */
function faceAttribute(below: readonly (string | number)[], flag: boolean): { attribute: string; categories: readonly DataCategory[] } | undefined {
  const first = below[0];
  if (typeof first !== 'string') return undefined;
  const words = phrase(first);
  const rest = below.slice(1);
  const last = rest[rest.length - 1];
  if (FACE_TRAITS.has(words)) {
    return rest.length <= 1 && (last === undefined || (typeof last === 'string' && VALUE_HEADS.has(phrase(last)))) ? { attribute: words, categories: BOTH } : undefined;
  }
  if (flag) return undefined;
  if (FACE_EMOTIONS.has(words)) {
    // `Emotions[0].Type`, `emotion.happiness`: the emotion's name or its score, never a confidence.
    const leaf = typeof last === 'string' ? phrase(last) : '';
    return leaf === 'type' || leaf === 'name' || leaf === 'value' || (rest.length === 1 && !leaf.includes('confidence')) ? { attribute: 'emotion', categories: HEALTH_THIRD } : undefined;
  }
  const head = singular(words);
  if (below.length === 1) return FACE_ATTRIBUTES.has(head) || FACE_IDENTITIES.has(head) ? { attribute: head, categories: BOTH } : undefined;
  if (FACE_ATTRIBUTES.has(head)) {
    if (rest.every((s) => typeof s === 'number')) return { attribute: head, categories: BOTH };
    return rest.length === 1 && typeof last === 'string' && VALUE_HEADS.has(phrase(last)) ? { attribute: head, categories: BOTH } : undefined;
  }
  // A list of who the face may be (`subjects[*].subject`, `matches[*].person_id`).
  if (FACE_IDENTITIES.has(head) && typeof rest[0] === 'number' && rest.length === 2 && typeof rest[1] === 'string') {
    const leaf = singular(phrase(rest[1]));
    return FACE_IDENTITIES.has(leaf) ? { attribute: leaf, categories: BOTH } : undefined;
  }
  return undefined;
}

/** A record naming a person and saying access was shared with or granted by them: their identity rides third_party. */
export function accessGrants(fields: readonly ShapeField[], add: Add): void {
  let records: Map<string, { grant?: string; role: boolean; bound: boolean; person: boolean }> | undefined;
  for (const field of fields) {
    const key = field.key;
    if (key === undefined || typeof field.segments[field.segments.length - 1] !== 'string') continue;
    const words = readKey(key).words;
    // What a person may do (`shareRole`, `canShare`, `has_seen_data_share_prompt: false`) grants nothing to anybody.
    // A grant word qualifying another thing (`createGuestInvoicing`) speaks of no grant (relation-vocabulary.ts).
    const at = words.findIndex((w) => GRANT_WORDS.has(w));
    const grants = at >= 0 && field.kind !== 'boolean' && !permission(words) && speaksOfGrant(words, at);
    const grant = grants ? words[at] : undefined;
    const role = words[words.length - 1] === 'role' || words.includes('permission') || words.includes('permissions') || ACCESS_PHRASES.has(words.join(' '));
    // An end that is not set (`recoveryLinkExpirationDate: null`) bounds nothing.
    const bound = field.kind !== 'null' && field.kind !== 'empty' && (words.some((w) => TIME_BOUND_WORDS.has(w)) || WINDOW_PHRASES.has(words.join(' ')));
    const person = scalar(field) && namesAPerson(words);
    if (grant === undefined && !role && !bound && !person) continue;
    records ??= new Map();
    const record = parentPath(field);
    const entry = records.get(record) ?? { role: false, bound: false, person: false };
    if (grant !== undefined) entry.grant ??= grant;
    entry.role ||= role;
    entry.bound ||= bound;
    entry.person ||= person;
    records.set(record, entry);
  }
  if (records === undefined) return;
  fields.forEach((field, index) => {
    const key = field.key;
    if (key === undefined || !scalar(field) || typeof field.segments[field.segments.length - 1] !== 'string') return;
    const entry = records?.get(parentPath(field));
    if (entry === undefined || !entry.person) return;
    const grant = entry.grant ?? (entry.role && entry.bound ? 'given for a time' : undefined);
    if (grant === undefined) return;
    // The person's own keys (`email`, `sharedFirstName`) and the grant's id of them (`shareId`, `inviteeId`).
    const words = readKey(key).words;
    const grantId = words.some((w) => GRANT_WORDS.has(w)) && IDENTITY_HEADS.has(words[words.length - 1] ?? '');
    if (!grantId && !namesAPerson(words) && !personalByWords(key)) return;
    add(index, finding(ACCESS_GRANT, 'strong', THIRD, { of: 'structure', grant: grantPhrase(grant), rides: 'grant' }));
  });
}

/** Heads and leads of a key that says what a person may do or has seen, not a grant that was made. */
const PERMISSION_HEADS = new Set(['role', 'roles', 'permission', 'permissions', 'right', 'rights', 'enabled', 'allowed', 'prompt', 'flag', 'option', 'setting']);
const PERMISSION_LEADS = new Set(['can', 'may', 'allow', 'allows', 'has', 'is', 'show', 'enable', 'no']);
function permission(words: readonly string[]): boolean {
  return PERMISSION_HEADS.has(words[words.length - 1] ?? '') || PERMISSION_LEADS.has(words[0] ?? '');
}

/** An access given at a level or a role (`accessLevel`), for a window (`startDate`…`endDate`). */
const ACCESS_PHRASES = new Set(['access level', 'access type', 'access rights', 'access role']);
const WINDOW_PHRASES = new Set(['end date', 'valid until', 'valid to', 'valid till']);

/** A key that names how a person is reached or called, after any qualifier (`userEmail`, `sharedFirstName`). */
function namesAPerson(words: readonly string[]): boolean {
  const rest = withoutGrant(words);
  const tail = rest.split(' ');
  return PERSON_EVIDENCE.has(rest) || PERSON_EVIDENCE.has(tail.slice(-2).join(' ')) || PERSON_EVIDENCE.has(tail[tail.length - 1] ?? '');
}

/** A key's words without the grant's (`sharedFirstName` → first name). */
function withoutGrant(words: readonly string[]): string {
  return words.filter((w) => !GRANT_WORDS.has(w)).join(' ');
}

function grantPhrase(word: string): string {
  return word.startsWith('shar') ? 'shared' : word.startsWith('invit') ? 'by invitation' : word === 'given for a time' ? word : 'granted';
}
