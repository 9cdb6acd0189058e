import { categoriesToMask } from './mask.js';
import type { Finding } from './detector.js';

/**
 * What a person is, written in parts or as a flag — the vCard BDAY and GENDER properties and
 * schema.org Person's `birthDate`/`gender`, spelt the ways devices split them:
 * - a birth date in parts (`birthMonth`, `dobYear`, `dob_day`, `monthOfBirth`): personal (vocabulary.ts);
 * - a flag naming the person's sex or age group (`isMale`, `isFemale`, `isChild`, `isAdult`): personal
 *   even though it is a boolean, which otherwise says only what happened (classify.ts restrictToBoolean).
 */
const BIRTH_WORDS = ['birth', 'dob', 'bday', 'born'];
const DATE_PARTS = ['day', 'month', 'year', 'date'];

export const BIRTH_PART_PHRASES: readonly string[] = [
  ...BIRTH_WORDS.flatMap((b) => DATE_PARTS.map((p) => `${b} ${p}`)),
  ...DATE_PARTS.map((p) => `${p} of birth`),
];

/** Flags of sex and age group (schema.org GenderType: Male, Female; age groups of family accounts). */
export const TRAIT_FLAG_PHRASES: ReadonlySet<string> = new Set(['is male', 'is female', 'is child', 'is minor', 'is kid', 'is adult',
  'is teen', 'is teenager']);

const PERSONAL_MASK = categoriesToMask(['personal']);

/**
 * The personal categories a flag may keep: its key names the person's sex or age group, or a structure
 * detector says it is a trait of a person's look (`flag: 'trait'`: a face analysis's `Beard.Value`).
 */
export function traitFlagMask(f: Finding): number {
  return (f.detector === 'key' && TRAIT_FLAG_PHRASES.has(f.facts.words ?? '')) || f.facts.flag === 'trait' ? PERSONAL_MASK : 0;
}
