import type { DataCategory } from '../categories.js';
import type { PathSegment, PayloadField } from '../../payload/index.js';
import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import { detectKeyWords } from './key-detectors.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';
import {
  CARER_ROLES, CLINICAL_CONCEPT_WORDS, CLINICAL_SYSTEMS, CLINICAL_TYPES, DIAGNOSIS_TYPES, NAME_PARTS, OTHER_PERSON_TYPES,
  SUBJECT_ROLES, SUBJECT_TYPES,
} from './care-vocabulary.js';

/**
 * `care-record`: records of care written as HL7 FHIR writes them (care-vocabulary.ts), whose owner the
 * structure tells:
 * - a reference (`{reference, display}`) is whom or what it points at: the person the record is about
 *   (`subject`, `patient`, or a `Patient/…` target) is personal; a clinician or another person
 *   (`participant[*].individual`, `requester`, `performer`, or a `Practitioner/…` target) is personal and
 *   third_party; a diagnosis (`Condition/…`) is health;
 * - a name written in parts (`name[*].family`, `given[*]`, `text`) is a person's: personal, and third_party
 *   in a practitioner's or a related person's record; its `text` is a name, not something said;
 * - the identifiers and contact points of the person a patient record is about are personal;
 * - a coded element's display and text (`{coding: [{system, code, display}], text}`) are health when its code system names
 *   diagnoses, procedures or medicines (ICD, SNOMED CT, RxNorm) or its key names a reason for care
 *   (`reasonCode`, `medicationCodeableConcept`); otherwise it is what its key names (`maritalStatus`:
 *   personal); its `text` is the concept's name, not something said;
 * - a note in a record of care (a condition, a prescription) is about the person's health;
 * - what an observation found (its `value[x]`: `valueQuantity.value`, `valueDecimal`, `valueString`, a coded
 *   `valueCodeableConcept`'s text, and the same in each `component`) is a measurement or finding about the
 *   person's body (FHIR's Observation: vital signs, laboratory results, assessments), whatever its code names;
 *   the quantity's unit and code system stay unlabelled;
 * - what a patient record's extensions say of the person (US Core race, ethnicity and birth sex, a birth place's
 *   name, a mother's maiden name: `extension[*].valueCoding.display`, `valueString`, `valueCode`) are personal;
 *   an extension's number (a computed score) and an address's extensions are left to what they are.
 */
export const CARE_RECORD = 'care-record';

export const careRecordExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [CARE_RECORD]: (f) =>
    f.signal === 'veto'
      ? `a ${f.facts.part} in a clinical record is written down, not something said`
      : `${f.facts.part} in a clinical record → ${f.categories.join(', ')}`,
};

const PERSONAL = Object.freeze(['personal'] as const);
const OTHER_PERSON = Object.freeze(['personal', 'third_party'] as const);
const HEALTH = Object.freeze(['health'] as const);
const SPEECH: readonly DataCategory[] = Object.freeze(['media', 'behaviour'] as const);

const phrases = new BoundedMemo<string>(5_000, 256);
const phrase = (raw: string) => phrases.get(raw, () => readKey(raw).words.join(' '));

/** The last key of a field and where it is (array indices after it skipped: `given[1]` is `given`). */
function leafKey(segments: readonly PathSegment[]): { key: string; at: number } | undefined {
  for (let at = segments.length - 1; at >= 0; at--) {
    const segment = segments[at];
    if (typeof segment === 'string') return { key: segment, at };
  }
  return undefined;
}

/** The key above position `at`, skipping one array index (`participant[0].individual` → `individual`). */
function keyAbove(segments: readonly PathSegment[], at: number): { key: string; listed: boolean } | undefined {
  const above = segments[at - 1];
  if (typeof above === 'string') return { key: above, listed: false };
  const list = segments[at - 2];
  return typeof above === 'number' && typeof list === 'string' ? { key: list, listed: true } : undefined;
}

/** Plan: every field of a payload that has clinical records' shapes (a resource type, a coding, a reference). */
export function careRecordFields(fields: readonly ShapeField[]): number[] | undefined {
  const clinical = fields.some((f) => f.key === 'resourceType' || f.segments.includes('coding') || (f.key === 'reference' && f.kind === 'string'));
  return clinical ? fields.map((_f, index) => index) : undefined;
}

interface Records {
  readonly types: Map<string, string>;
  readonly references: Map<string, string>;
  readonly systems: Map<string, string>;
  readonly codings: Set<string>;
}

function recordsOf(fields: readonly PayloadField[]): Records {
  const records: Records = { types: new Map(), references: new Map(), systems: new Map(), codings: new Set() };
  for (const field of fields) {
    const value = field.value;
    const key = field.segments[field.segments.length - 1];
    if (typeof value === 'string' && key === 'resourceType') records.types.set(parentPath(field), value);
    else if (typeof value === 'string' && key === 'reference') records.references.set(parentPath(field), value);
    else if (typeof value === 'string' && key === 'system') records.systems.set(parentPath(field), value.toLowerCase());
    const coding = field.segments.lastIndexOf('coding');
    if (coding > 0) records.codings.add(prefixKey(field, coding));
  }
  return records;
}

/** The type of the nearest resource a field is in (`resourceType` beside it or above it). */
function resourceOf(field: PayloadField, types: ReadonlyMap<string, string>): string | undefined {
  if (types.size === 0) return undefined;
  for (let end = field.segments.length - 1; end >= 0; end--) {
    const type = types.get(prefixKey(field, end));
    if (type !== undefined) return type;
  }
  return undefined;
}

/** `Practitioner/123` → `Practitioner`: the resource type a reference names, when it names one. */
function targetOf(reference: string): string | undefined {
  const slash = reference.indexOf('/');
  if (slash < 2 || slash > 40) return undefined;
  const type = reference.slice(0, slash);
  return /^[A-Z][A-Za-z]+$/.test(type) ? type : undefined;
}

export function careRecords(fields: readonly PayloadField[], add: Add): void {
  const records = recordsOf(fields);
  fields.forEach((field, index) => {
    if (typeof field.value !== 'string' && typeof field.value !== 'number') return;
    const leaf = leafKey(field.segments);
    if (leaf === undefined) return;
    const found = reference(field, leaf, records) ?? namePart(field, leaf, records) ?? patientContact(field, leaf, records) ??
      observedValue(field, leaf, records) ?? patientTrait(field, leaf, records) ?? coded(field, leaf, records) ?? clinicalNote(field, leaf, records);
    for (const f of found ?? []) add(index, f);
  });
}

function reference(field: PayloadField, leaf: { key: string; at: number }, records: Records): Finding[] | undefined {
  if (leaf.at !== field.segments.length - 1 || (leaf.key !== 'reference' && leaf.key !== 'display')) return undefined;
  const target = records.references.get(parentPath(field));
  if (target === undefined) return undefined;
  const type = targetOf(target);
  const role = keyAbove(field.segments, leaf.at);
  const roleWords = role === undefined ? '' : phrase(role.key);
  const facts = { of: 'structure', part: `the ${leaf.key === 'display' ? 'name' : 'reference'}` };
  if ((type !== undefined && SUBJECT_TYPES.has(type)) || (type === undefined && SUBJECT_ROLES.has(roleWords))) {
    return [finding(CARE_RECORD, 'strong', PERSONAL, { ...facts, part: `${facts.part} of the person a record is about` })];
  }
  if ((type !== undefined && OTHER_PERSON_TYPES.has(type)) || (type === undefined && CARER_ROLES.has(roleWords))) {
    return [finding(CARE_RECORD, 'strong', OTHER_PERSON, { ...facts, part: `${facts.part} of a clinician or another person` })];
  }
  if (type !== undefined && DIAGNOSIS_TYPES.has(type) && leaf.key === 'reference') {
    return [finding(CARE_RECORD, 'strong', HEALTH, { ...facts, part: `${facts.part} of a diagnosis` })];
  }
  return undefined;
}

function namePart(field: PayloadField, leaf: { key: string; at: number }, records: Records): Finding[] | undefined {
  if (!NAME_PARTS.has(leaf.key)) return undefined;
  const name = keyAbove(field.segments, leaf.at);
  if (name === undefined || (name.key !== 'name' && name.key !== 'names')) return undefined;
  // A `text` is a whole name only in a list of names written in parts (HumanName[]), not a `name.text` label.
  if (leaf.key === 'text' && !name.listed) return undefined;
  const type = resourceOf(field, records.types);
  const categories = type !== undefined && OTHER_PERSON_TYPES.has(type) ? OTHER_PERSON : PERSONAL;
  const found = [finding(CARE_RECORD, 'strong', categories, { of: 'structure', part: 'a part of a person\'s name' })];
  if (leaf.key === 'text') found.push(finding(CARE_RECORD, 'veto', SPEECH, { of: 'structure', part: 'name\'s text' }));
  return found;
}

const PATIENT_CONTACTS = new Set(['identifier', 'telecom']);
function patientContact(field: PayloadField, leaf: { key: string; at: number }, records: Records): Finding[] | undefined {
  if (leaf.key !== 'value' || leaf.at !== field.segments.length - 1) return undefined;
  const list = keyAbove(field.segments, leaf.at);
  if (list === undefined || !list.listed || !PATIENT_CONTACTS.has(list.key)) return undefined;
  const type = resourceOf(field, records.types);
  if (type === undefined || !SUBJECT_TYPES.has(type)) return undefined;
  return [finding(CARE_RECORD, 'strong', PERSONAL, { of: 'structure', part: `an ${list.key === 'telecom' ? 'address or number' : 'identifier'} of the person a record is about` }),
    finding(CARE_RECORD, 'veto', SPEECH, { of: 'structure', part: list.key === 'telecom' ? 'contact point' : 'identifier' })];
}

function coded(field: PayloadField, leaf: { key: string; at: number }, records: Records): Finding[] | undefined {
  const segments = field.segments;
  let concept: string | undefined;
  let system: string | undefined;
  let text = false;
  // Not the `code`: a code is a negative word (an error's, a product's) that silences any reading of its own key.
  if (leaf.key === 'display' && leaf.at === segments.length - 1 && segments[leaf.at - 2] === 'coding' && typeof segments[leaf.at - 1] === 'number') {
    concept = keyAbove(segments, leaf.at - 2)?.key;
    system = records.systems.get(parentPath(field));
  } else if (leaf.key === 'text' && leaf.at === segments.length - 1 && records.codings.has(parentPath(field))) {
    concept = keyAbove(segments, leaf.at)?.key;
    text = true;
    system = [...records.systems.entries()].find(([path]) => path.startsWith(`${parentPath(field)}.coding[`))?.[1];
  }
  if (concept === undefined) return codeOf(field, leaf, records);
  const categories = conceptCategories(concept, system);
  const found: Finding[] = [];
  if (categories !== undefined) found.push(finding(CARE_RECORD, 'strong', categories, { of: 'structure', part: `a coded ${categories.includes('health') ? 'diagnosis, procedure or medicine' : 'trait of a person'}` }));
  if (text) found.push(finding(CARE_RECORD, 'veto', SPEECH, { of: 'structure', part: 'coded concept\'s text' }));
  return found.length > 0 ? found : undefined;
}

/**
 * A coding's `code` is the concept itself written for machines (ICD-10 `R09.1` is pleurisy): health when the coded
 * element names a reason for care or a medicine, or is a clinical record's own `code` in a clinical code system;
 * a coded trait's code (`maritalStatus`) is personal. What a visit's type or service is stays unread. Certain: `code`
 * is a negative word (an error's, a product's) that would silence it.
 */
function codeOf(field: PayloadField, leaf: { key: string; at: number }, records: Records): Finding[] | undefined {
  const segments = field.segments;
  if (leaf.key !== 'code' || leaf.at !== segments.length - 1 || segments[leaf.at - 2] !== 'coding' || typeof segments[leaf.at - 1] !== 'number') return undefined;
  const concept = keyAbove(segments, leaf.at - 2)?.key;
  if (concept === undefined) return undefined;
  const system = records.systems.get(parentPath(field));
  const words = readKey(concept).words;
  const clinical = words.some((w) => CLINICAL_CONCEPT_WORDS.has(w)) || (concept === 'code' && system !== undefined && CLINICAL_SYSTEMS.some((s) => system.includes(s)));
  const categories = clinical ? HEALTH : conceptCategories(concept, undefined) === PERSONAL ? PERSONAL : undefined;
  if (categories === undefined) return undefined;
  return [finding(CARE_RECORD, 'certain', categories, { of: 'structure', part: `the code of a ${categories === HEALTH ? 'diagnosis, procedure or medicine' : 'trait of a person'}` })];
}

const conceptReadings = new BoundedMemo<readonly DataCategory[] | null>(5_000, 256);
function conceptCategories(concept: string, system: string | undefined): readonly DataCategory[] | undefined {
  if (system !== undefined && CLINICAL_SYSTEMS.some((s) => system.includes(s))) return HEALTH;
  return conceptReadings.get(concept, () => {
    const words = readKey(concept).words;
    if (words.some((w) => CLINICAL_CONCEPT_WORDS.has(w)) || words.join(' ') === 'service type') return HEALTH;
    // `maritalStatus`: a coded trait is what its key names.
    const strong = detectKeyWords(readKey(concept)).filter((f) => f.signal === 'strong');
    if (strong.some((f) => f.categories.includes('personal'))) return PERSONAL;
    if (strong.some((f) => f.categories.includes('health'))) return HEALTH;
    return null;
  }) ?? undefined;
}

function clinicalNote(field: PayloadField, leaf: { key: string; at: number }, records: Records): Finding[] | undefined {
  if (leaf.key !== 'text' || leaf.at !== field.segments.length - 1) return undefined;
  const note = keyAbove(field.segments, leaf.at);
  if (note === undefined || !note.listed || note.key !== 'note') return undefined;
  const type = resourceOf(field, records.types);
  if (type === undefined || !CLINICAL_TYPES.has(type)) return undefined;
  return [finding(CARE_RECORD, 'strong', HEALTH, { of: 'structure', part: 'a note in a record of care' }),
    finding(CARE_RECORD, 'veto', SPEECH, { of: 'structure', part: 'note' })];
}

/** Observation.value[x] written directly (`valueDecimal: 16`). */
const SCALAR_VALUES = new Set(['valueDecimal', 'valueInteger', 'valueString', 'valueBoolean']);
/** Observation.value[x] as a data type, and the element of it that holds what was found. */
const WRAPPED_VALUES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['valueQuantity', new Set(['value'])],
  ['valueCodeableConcept', new Set(['text', 'display'])],
]);
/** The resource whose `value[x]` is a finding about the person's body. */
const OBSERVATION = 'Observation';

function observedValue(field: PayloadField, leaf: { key: string; at: number }, records: Records): Finding[] | undefined {
  if (leaf.at !== field.segments.length - 1) return undefined;
  const wrapper = keyAbove(field.segments, leaf.at);
  const wrapped = wrapper !== undefined && WRAPPED_VALUES.get(wrapper.key)?.has(leaf.key) === true;
  // A coded value's display sits in `valueCodeableConcept.coding[0].display`.
  const codedDisplay = leaf.key === 'display' && field.segments[leaf.at - 2] === 'coding' && field.segments[leaf.at - 3] === 'valueCodeableConcept';
  if (!SCALAR_VALUES.has(leaf.key) && !wrapped && !codedDisplay) return undefined;
  if (resourceOf(field, records.types) !== OBSERVATION) return undefined;
  return [finding(CARE_RECORD, 'strong', HEALTH, { of: 'structure', part: 'what an observation found' }),
    finding(CARE_RECORD, 'veto', SPEECH, { of: 'structure', part: 'value observed' })];
}

/** An extension's value[x] that says something of a person in words or codes (not a number: a score). */
const TRAIT_VALUES = new Set(['valueString', 'valueCode']);
const TRAIT_CODINGS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['valueCoding', new Set(['code', 'display'])],
  ['valueCodeableConcept', new Set(['text'])],
]);

/** Where the nearest resource a field is in starts: its type and the index of the field's first segment inside it. */
function resourceAt(field: PayloadField, types: ReadonlyMap<string, string>): { type: string; at: number } | undefined {
  for (let end = field.segments.length - 1; end >= 0; end--) {
    const type = types.get(prefixKey(field, end));
    if (type !== undefined) return { type, at: end };
  }
  return undefined;
}

function patientTrait(field: PayloadField, leaf: { key: string; at: number }, records: Records): Finding[] | undefined {
  if (leaf.at !== field.segments.length - 1 || records.types.size === 0) return undefined;
  const resource = resourceAt(field, records.types);
  if (resource === undefined || !SUBJECT_TYPES.has(resource.type)) return undefined;
  const inside = field.segments.slice(resource.at);
  if (inside[0] !== 'extension') return undefined;
  // Only extensions of the patient itself, nested or not (`extension[0].extension[1].valueCoding.display`).
  const value = inside.findIndex((s) => typeof s === 'string' && s.startsWith('value'));
  if (value < 0 || inside.slice(0, value).some((s) => typeof s === 'string' && s !== 'extension')) return undefined;
  const valueKey = inside[value];
  const rest = inside.slice(value + 1);
  const trait = typeof valueKey === 'string' && ((rest.length === 0 && TRAIT_VALUES.has(valueKey)) ||
    (rest.length === 1 && TRAIT_CODINGS.get(valueKey)?.has(leaf.key) === true));
  if (!trait) return undefined;
  // Certain: a code is a negative word (an error's, a product's) that would silence it.
  return [finding(CARE_RECORD, 'certain', PERSONAL, { of: 'structure', part: 'what a patient record\'s extension says of the person' }),
    finding(CARE_RECORD, 'veto', SPEECH, { of: 'structure', part: 'trait recorded' })];
}
