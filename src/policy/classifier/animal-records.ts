import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey, singular } from './words.js';

/**
 * `animal-record`: a pet's record has a name, a sex and a birth date too, but a pet is nobody's
 * personal data (docs/CORPUS.md: names of persons, birth dates and sex of people). A record is an
 * animal's when a sibling names what only animals have — FHIR STU3 Patient.animal's `species`, `breed`
 * and `genderStatus` (neutered, spayed) — or when the record sits under an animal word (`pet`,
 * `dog`, `cat`: `data.pet.gender`). Its name, sex, birth date and id are then not a person's: a veto
 * of those leaves only (the pet's position, activity or weight keep their readings). Reads only keys:
 * memoised per payload shape.
 */
export const ANIMAL_RECORD = 'animal-record';

export const animalRecordExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [ANIMAL_RECORD]: (f) => `"${f.facts.key}" of an animal's record (its "${f.facts.sign}"): not a person's`,
};

/** FHIR STU3 Patient.animal: species, breed, genderStatus (neutered, spayed, intact). */
const ANIMAL_TRAITS = new Set(['species', 'breed', 'gender status', 'spayed', 'neutered', 'castrated', 'intact']);
const ANIMAL_WORDS = new Set(['pet', 'animal', 'dog', 'cat', 'puppy', 'kitten', 'horse', 'livestock']);
/** Heads after an animal word that make the key the record's own (`petId`, `petType`), not a link to a pet. */
const ANIMAL_SELF_HEADS = new Set(['id', 'uuid', 'guid', 'type', 'kind', 'species']);
/** What a person's record and an animal's share (vCard's N, NICKNAME, BDAY, GENDER). */
const SHARED_HEADS = new Set(['name', 'nickname', 'gender', 'sex', 'birth date', 'birthday', 'date of birth', 'dob',
  'year of birth', 'month of birth', 'day of birth', 'birth year', 'birth', 'id', 'age']);

const signs = new BoundedMemo<string | null>(5_000, 256);
/** The animal trait a key names (`breed_id` → breed), if any. */
function traitOf(raw: string): string | undefined {
  return signs.get(raw, () => {
    const words = readKey(raw).words;
    const trait = words.find((w, i) => ANIMAL_TRAITS.has(w) || ANIMAL_TRAITS.has(`${w} ${words[i + 1] ?? ''}`));
    if (trait !== undefined) return trait;
    // `petId`, `pet_type`, `dogKind` beside a name and a sex: the record says which animal, or which kind, it is.
    const lead = words[0] ?? '';
    return words.length === 2 && ANIMAL_WORDS.has(lead) && ANIMAL_SELF_HEADS.has(words[1] ?? '') ? lead : null;
  }) ?? undefined;
}

export function animalWord(segment: string | number | undefined): string | undefined {
  if (typeof segment !== 'string') return undefined;
  const words = readKey(segment).words;
  const head = singular(words[words.length - 1] ?? '');
  return ANIMAL_WORDS.has(head) ? head : undefined;
}

/** The records that have an animal trait among their leaves, by path, with the trait (undefined when none has). */
export function traitRecords(fields: readonly ShapeField[]): Map<string, string> | undefined {
  let records: Map<string, string> | undefined;
  for (const field of fields) {
    const key = field.key;
    if (key === undefined || field.kind === 'null') continue;
    const trait = traitOf(key);
    if (trait !== undefined) (records ??= new Map()).set(parentPath(field), trait);
  }
  return records;
}

export function animalRecords(fields: readonly ShapeField[], add: Add): void {
  const records = traitRecords(fields);
  fields.forEach((field, index) => {
    const key = field.key;
    const n = field.segments.length;
    if (key === undefined || n === 0 || field.kind === 'null') return;
    // The animal's own id under its animal word (`petId`) is no person's either.
    if (!SHARED_HEADS.has(readKey(key).words.join(' ')) && !ANIMAL_WORDS.has(traitOf(key) ?? '')) return;
    // The record's sign: a trait beside it, or an animal word naming the record (`pet.gender`, `pets[*].name`).
    const parent = field.segments[n - 2];
    const sign = records?.get(parentPath(field)) ?? animalWord(typeof parent === 'number' ? field.segments[n - 3] : parent);
    if (sign === undefined) return;
    add(index, finding(ANIMAL_RECORD, 'veto', [], { of: 'structure', key, sign }, 'all'));
  });
}
