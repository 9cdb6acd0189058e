import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { animalWord, traitRecords } from './animal-records.js';
import type { Add, ShapeField } from './shape.js';

/**
 * `animal-body`: a pet's weight, steps, sleep and heart rate are measurements of an animal, and health is
 * a person's (docs/CORPUS.md: pets are not persons). A field is an animal's when its record, or a record
 * around it, has a sibling naming what only animals have (FHIR STU3 Patient.animal: `species`, `breed`,
 * `genderStatus`; animal-record.ts reads the same signs) or sits under an animal word (`pet.weight`,
 * `dogs[*].dailyStepStat.totalSteps`). Health is vetoed there; the pet's position and the household's
 * routine keep their readings. Reads only keys: memoised per payload shape.
 */
export const ANIMAL_BODY = 'animal-body';

export const animalBodyExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [ANIMAL_BODY]: (f) => `a measurement in an animal's record (its "${f.facts.sign}"): not a person's body (not health)`,
};

/** How far above a field an animal's record may be (`pet.dailyStepStat.totalSteps`: two records up). */
const MAX_RECORDS_UP = 3;

export function animalBodies(fields: readonly ShapeField[], add: Add): void {
  const traits = traitRecords(fields);
  fields.forEach((field, index) => {
    if (field.kind !== 'number' && field.kind !== 'string') return;
    const sign = signOf(field, traits);
    if (sign !== undefined) add(index, finding(ANIMAL_BODY, 'veto', ['health'], { of: 'structure', sign }));
  });
}

/** The animal sign of the records around a field: a trait sibling of one of them, or an animal word naming one. */
function signOf(field: ShapeField, traits: Map<string, string> | undefined): string | undefined {
  let records = 0;
  for (let end = field.segments.length - 1; end >= 0 && records < MAX_RECORDS_UP; end--) {
    const segment = field.segments[end];
    if (typeof segment !== 'string') continue;
    records++;
    const trait = traits?.get(prefixKey(field, end));
    if (trait !== undefined) return trait;
    if (end === field.segments.length - 1) continue;
    const word = animalWord(segment);
    if (word !== undefined) return word;
  }
  return undefined;
}
