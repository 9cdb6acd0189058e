/**
 * Words of clinical records (care-records.ts), taken from HL7 FHIR R4's resources and data types rather
 * than from any server's payloads: every FHIR server (a patient portal, a hospital's API, a personal
 * health record) writes its records in these shapes.
 */

/** Reference elements that point at the person a record is about (Observation.subject, Claim.patient, Coverage.beneficiary). */
export const SUBJECT_ROLES: ReadonlySet<string> = new Set(['subject', 'patient', 'beneficiary']);

/**
 * Reference elements that point at the people who gave or asked for care (Encounter.participant.individual,
 * Observation.performer, MedicationRequest.requester, Condition.recorder and asserter, Composition.author
 * and attester, Patient.generalPractitioner, Claim.provider and referral).
 */
export const CARER_ROLES: ReadonlySet<string> = new Set(['individual', 'performer', 'requester', 'practitioner', 'recorder',
  'asserter', 'author', 'attester', 'general practitioner', 'care provider', 'prescriber', 'referrer', 'provider', 'requestor']);

/** Resource types a reference may name: the patient's own record, another person, a diagnosis. */
export const SUBJECT_TYPES: ReadonlySet<string> = new Set(['Patient']);
export const OTHER_PERSON_TYPES: ReadonlySet<string> = new Set(['Practitioner', 'PractitionerRole', 'RelatedPerson']);
export const DIAGNOSIS_TYPES: ReadonlySet<string> = new Set(['Condition', 'AllergyIntolerance', 'Procedure', 'FamilyMemberHistory']);

/**
 * Resources that record care given to the person (a diagnosis, a prescription, a visit): a note written
 * in one is about their health. Not Patient, Practitioner or Organization: notes there are administrative.
 */
export const CLINICAL_TYPES: ReadonlySet<string> = new Set(['Condition', 'Observation', 'MedicationRequest', 'MedicationStatement',
  'MedicationAdministration', 'Procedure', 'AllergyIntolerance', 'Immunization', 'DiagnosticReport', 'CarePlan', 'Encounter',
  'ClinicalImpression', 'FamilyMemberHistory', 'ServiceRequest']);

/** HumanName's parts (and vCard N's): a name written in parts is a person's, whoever the record is about. */
export const NAME_PARTS: ReadonlySet<string> = new Set(['family', 'given', 'prefix', 'suffix', 'text']);

/**
 * Code systems of diagnoses, procedures, medicines and vaccines (ICD-9 and ICD-10, SNOMED CT, RxNorm, NDC,
 * CPT, CVX), as they appear in a coding's `system` URI. Not LOINC: its codes name what was measured, and
 * the measurement's value says the rest.
 */
export const CLINICAL_SYSTEMS: readonly string[] = ['icd-10', 'icd10', 'icd-9', 'icd9', 'snomed', 'rxnorm', '/ndc', 'cpt', '/cvx'];

/** Words of a coded element that names a reason for care (Encounter.reasonCode, Claim.diagnosis, MedicationRequest.medication). */
export const CLINICAL_CONCEPT_WORDS: ReadonlySet<string> = new Set(['reason', 'diagnosis', 'medication', 'procedure', 'indication',
  'allergy', 'problem', 'vaccine']);
