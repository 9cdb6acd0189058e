import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `medicine-record`: a record that codes a medicine by a drug terminology — RxNorm (`rxnorm`, `rx_norm`,
 * `rxcui`), the US National Drug Code (`ndc`), WHO's ATC classification (`atc`, `atc_code`) — is a medicine
 * somebody takes (a medication list, a dose taken, a diary entry naming it): its code, its name, brand and
 * generic name and the amount of a dose (`dose.quantity`, `strength`) say what the person is treated with:
 * health (certain: a `brand` or `name` is read as a vendor's or a thing's elsewhere, not beside a drug code). Its `route` is the route of administration (FHIR Dosage.route: oral, inhaled), not a way
 * travelled: location vetoed. A prescription's own number (`rx_number`) is the prescription's, not the
 * drug's, and is left to its key. Reads only keys and value kinds: memoised per payload shape.
 */
export const MEDICINE_RECORD = 'medicine-record';

export const medicineRecordExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [MEDICINE_RECORD]: (f) =>
    f.signal === 'veto'
      ? `the route of a medicine (how it is taken) is no way travelled`
      : `"${f.facts.part}" of a medicine coded by a drug terminology (${f.facts.code}) → health`,
};

/** Keys of a drug terminology's code, read as words. */
const DRUG_CODES = new Set(['rxnorm', 'rx norm', 'rxcui', 'ndc', 'atc', 'atc code']);
/** What names the medicine or its dose beside the code. */
const MEDICINE_PARTS = new Set(['name', 'brand', 'brand name', 'generic', 'generic name', 'drug', 'drug name', 'strength']);
const DOSE_WORDS = new Set(['dose', 'dosage']);
const DOSE_AMOUNTS = new Set(['quantity', 'amount', 'value', 'qty']);

const phrases = new BoundedMemo<string>(5_000, 256);
const phrase = (raw: string) => phrases.get(raw, () => readKey(raw).words.join(' '));

/** The record a field sits in, and the record above it for a dose's part (`medication.dose.quantity`). */
function recordsOf(field: ShapeField): { own: string; key: string; up?: string | undefined; via?: string | undefined } | undefined {
  const n = field.segments.length;
  const key = field.segments[n - 1];
  if (typeof key !== 'string') return undefined;
  const own = parentPath(field);
  const via = field.segments[n - 2];
  if (typeof via !== 'string') return { own, key };
  return { own, key, up: prefixKey(field, -2), via };
}

export function medicineRecords(fields: readonly ShapeField[], add: Add): void {
  let coded: Map<string, string> | undefined;
  for (const field of fields) {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || (field.kind !== 'string' && field.kind !== 'number')) continue;
    const words = phrase(key);
    if (DRUG_CODES.has(words)) (coded ??= new Map()).set(parentPath(field), words);
  }
  if (coded === undefined) return;
  fields.forEach((field, index) => {
    if (field.kind !== 'string' && field.kind !== 'number') return;
    const where = recordsOf(field);
    if (where === undefined) return;
    const words = phrase(where.key);
    const code = coded.get(where.own);
    if (code !== undefined) {
      if (DRUG_CODES.has(words) || MEDICINE_PARTS.has(words)) add(index, partFinding(words, code));
      else if (words === 'route') add(index, NOT_A_WAY);
      return;
    }
    const above = where.up === undefined ? undefined : coded.get(where.up);
    if (above !== undefined && where.via !== undefined && DOSE_WORDS.has(phrase(where.via)) && DOSE_AMOUNTS.has(words)) add(index, partFinding(`dose ${words}`, above));
  });
}

const findings = new BoundedMemo<Finding>(200, 128);
const partFinding = (part: string, code: string) =>
  findings.get(`${part}\u0000${code}`, () => finding(MEDICINE_RECORD, 'certain', ['health'], { of: 'structure', part, code }));
const NOT_A_WAY = finding(MEDICINE_RECORD, 'veto', ['location'], { of: 'structure', part: 'route' }, 'all');
