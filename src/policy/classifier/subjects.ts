import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { readKey, singular } from './words.js';

/**
 * Records whose subject is not the person the vocabulary assumes (LABELLING.md, the do-NOT column):
 * - `animal-subject`: a record about an animal (it has a species, a breed or a microchip, or sits in a list
 *   of pets) has a name, a sex, a birth date and a weight that are no person's: the personal and health
 *   readings of those keys are vetoed, while references to the household or the owner keep theirs;
 * - `app-client`: a client id sent beside the client's secret or a request signature is the vendor's app
 *   identifying itself (an OAuth client), not the owner's account.
 */
export const ANIMAL_SUBJECT = 'animal-subject';
export const APP_CLIENT = 'app-client';

export const subjectExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [ANIMAL_SUBJECT]: (f) => `"${f.facts.key}" of a record about an animal (beside "${f.facts.sibling}"): not a person's data`,
  [APP_CLIENT]: (f) => `a client id beside "${f.facts.sibling}": the app identifying itself, not a person`,
};

type Add = (index: number, f: Finding) => void;
const lastKey = (field: PayloadField) => field.segments[field.segments.length - 1];

/** Sibling keys that only a record about an animal has. */
const ANIMAL_SIGNS = new Set(['species', 'breed', 'microchip', 'chip', 'spayed', 'neutered', 'pedigree', 'litter', 'vet', 'veterinarian']);
/** Lists whose items are animals. */
const ANIMAL_LISTS = new Set(['pet', 'animal', 'dog', 'cat', 'horse', 'livestock']);
/** Keys of an animal's record read as a person's (a name, a sex, a birth date) or a body's (its weight). */
const SUBJECT_ATTRIBUTES = new Set(['id', 'uuid', 'name', 'nickname', 'display name', 'gender', 'sex', 'date of birth', 'birth date',
  'birthday', 'birth year', 'dob', 'age', 'weight', 'height', 'length']);

/** The animal word of a key (`species_id` → species), cached: keys come from senders. */
const signWords = new Map<string, string | null>();
function animalSign(key: string): string | undefined {
  let sign = signWords.get(key);
  if (sign === undefined) {
    sign = readKey(key).words.find((w) => ANIMAL_SIGNS.has(w)) ?? null;
    if (signWords.size >= 5_000) signWords.clear();
    signWords.set(key, sign);
  }
  return sign ?? undefined;
}

/** `pets[3].name`: the item of a list of animals; the animal word, never the list's key (keys can be values). */
function animalList(field: PayloadField): string | undefined {
  const item = field.segments[field.segments.length - 2];
  const list = field.segments[field.segments.length - 3];
  if (typeof item !== 'number' || typeof list !== 'string') return undefined;
  const words = readKey(list).words;
  const last = singular(words[words.length - 1] ?? '');
  return ANIMAL_LISTS.has(last) ? `list of ${last}s` : undefined;
}

export function animalSubjects(fields: readonly PayloadField[], add: Add): void {
  let records: Map<string, string> | undefined;
  for (const field of fields) {
    const key = lastKey(field);
    if (typeof key !== 'string') continue;
    const sign = animalSign(key) ?? animalList(field);
    if (sign === undefined) continue;
    records ??= new Map();
    const record = prefixKey(field, -1);
    if (!records.has(record)) records.set(record, sign);
  }
  if (records === undefined) return;
  const animals = records;
  fields.forEach((field, index) => {
    const key = lastKey(field);
    if (typeof key !== 'string' || !SUBJECT_ATTRIBUTES.has(readKey(key).words.join(' '))) return;
    const sibling = animals.get(prefixKey(field, -1));
    if (sibling !== undefined) add(index, finding(ANIMAL_SUBJECT, 'veto', [], { of: 'structure', key: readKey(key).words.join(' '), sibling }, 'all'));
  });
}

/** What an app sends beside its client id to prove it is that app. */
const CLIENT_PROOFS = new Set(['client secret', 'app secret', 'consumer secret', 'sign', 'signature', 'sig', 'client assertion', 'app key']);

export function appClients(fields: readonly PayloadField[], add: Add): void {
  let proofs: Map<string, string> | undefined;
  for (const field of fields) {
    const key = lastKey(field);
    if (typeof key !== 'string' || field.value === null || field.value === '') continue;
    const words = readKey(key).words.join(' ');
    if (!CLIENT_PROOFS.has(words)) continue;
    proofs ??= new Map();
    proofs.set(prefixKey(field, -1), words);
  }
  if (proofs === undefined) return;
  const byRecord = proofs;
  fields.forEach((field, index) => {
    const key = lastKey(field);
    if (typeof key !== 'string' || readKey(key).words.join(' ') !== 'client id') return;
    const sibling = byRecord.get(prefixKey(field, -1));
    if (sibling !== undefined) add(index, finding(APP_CLIENT, 'veto', [], { of: 'structure', sibling }, 'all'));
  });
}
