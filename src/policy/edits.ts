import type { FieldEdit, PayloadField, ScalarValue } from '../payload/index.js';
import type { ClassifiedField, Decision, FieldDecision } from './flow.js';
import type { PseudonymKey, Pseudonymizer } from './pseudonyms.js';

/**
 * A placeholder of the same JSON type, so clients and vendors parsing the body do not break. A number
 * (also one kept as exact text, `1e400`) becomes 0.
 */
function redacted(field: PayloadField, decision: FieldDecision): ScalarValue {
  const value = field.value;
  if (field.numberToken === true) return 0;
  if (typeof value === 'string') {
    const category = decision.categories[0];
    return category === undefined ? '[redacted]' : `[redacted:${category}]`;
  }
  if (typeof value === 'number') return 0;
  if (typeof value === 'boolean') return false;
  return null;
}

/** A number (also one kept as exact text) becomes a whole number below 2^48 derived from the key. */
function hashed(field: PayloadField, key: PseudonymKey): ScalarValue {
  const value = field.value;
  if (typeof value === 'number' || (field.numberToken === true && typeof value === 'string')) return key.numericPseudonym(value);
  if (typeof value === 'string') return key.pseudonym(value);
  // A boolean carries one bit and null none: nothing to pseudonymise, so they are neutralised instead.
  return typeof value === 'boolean' ? false : null;
}

/**
 * The byte edits for the applied redact/hash/drop actions of a Decision. `fields` are the classified
 * fields the Decision was made from, in the same order. A blocked request needs no edits. Hashes use
 * the key of the request's device and vendor (or the household's, see Decision.pseudonyms); a drop
 * decided by a rule on a container removes that container.
 */
export function planEdits(decision: Decision, fields: readonly ClassifiedField[], pseudonymizer: Pseudonymizer): FieldEdit[] {
  if (decision.verdict === 'block') return [];
  if (decision.fields.length !== fields.length) {
    throw new TypeError(`planEdits: the decision has ${decision.fields.length} fields but ${fields.length} were given`);
  }
  const edits: FieldEdit[] = [];
  let key: PseudonymKey | undefined;
  decision.fields.forEach((fd, i) => {
    if (!fd.applied) return;
    const field = fields[i]?.field;
    if (field === undefined || field.path !== fd.path || field.source !== fd.source) {
      throw new TypeError(`planEdits: field ${i} is ${field?.path ?? 'missing'}, the decision is about ${fd.path}`);
    }
    if (fd.action === 'redact') edits.push({ field, action: 'redact', replacement: redacted(field, fd) });
    else if (fd.action === 'hash') {
      key ??= pseudonymizer.keyFor(decision.connection, decision.pseudonyms);
      edits.push({ field, action: 'hash', replacement: hashed(field, key) });
    } else if (fd.action === 'drop') {
      edits.push(fd.container === undefined ? { field, action: 'drop' } : { field, action: 'drop', container: fd.container.depth });
    }
  });
  return edits;
}
