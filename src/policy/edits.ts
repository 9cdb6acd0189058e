import { createHmac } from 'node:crypto';
import { GatewayError } from '../errors.js';
import { base64urlPrefix, KeyedHash } from './hmac.js';
import type { FieldEdit, ScalarValue } from '../payload/index.js';
import type { ClassifiedField, Decision, FieldDecision } from './flow.js';

const MIN_KEY_BYTES = 16;

/**
 * Keyed, stable pseudonyms: the same value always maps to the same `pg_…` token under one key, so a
 * vendor still sees "the same device" without learning the identifier. Fingerprints use a derived
 * key, so a ledger fingerprint can never be matched against a pseudonym sent upstream.
 */
export class Pseudonymizer {
  private readonly key: KeyedHash;
  private readonly fingerprintKey: KeyedHash;

  constructor(key: Buffer) {
    if (key.length < MIN_KEY_BYTES) {
      throw new GatewayError('CONFIG_INVALID', `The pseudonym key must be at least ${MIN_KEY_BYTES} bytes`);
    }
    this.key = new KeyedHash(key);
    this.fingerprintKey = new KeyedHash(createHmac('sha256', key).update('privacy-gateway fingerprint key v1').digest());
  }

  pseudonym(value: ScalarValue): string {
    return `pg_${base64urlPrefix(this.key.digest(`v1:${String(value)}`), 22)}`;
  }

  /** A stable whole number (below 2^48) for numeric fields, so the JSON type survives. */
  numericPseudonym(value: number): number {
    const digest = this.key.digest(`v1:${String(value)}`);
    const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
    return view.getUint32(0) * 0x10000 + view.getUint16(4);
  }

  /** Tells value changes apart without revealing the value; the type counts (1 differs from "1"). */
  fingerprint(...values: readonly ScalarValue[]): string {
    // JSON keeps the types apart (1 is not "1") and several values (a template's list) unambiguous.
    return base64urlPrefix(this.fingerprintKey.digest(JSON.stringify(values)), 22);
  }
}

/** A placeholder of the same JSON type, so clients and vendors parsing the body do not break. */
function redacted(value: ScalarValue, decision: FieldDecision): ScalarValue {
  if (typeof value === 'string') {
    const category = decision.categories[0];
    return category === undefined ? '[redacted]' : `[redacted:${category}]`;
  }
  if (typeof value === 'number') return 0;
  if (typeof value === 'boolean') return false;
  return null;
}

function hashed(value: ScalarValue, pseudonymizer: Pseudonymizer): ScalarValue {
  if (typeof value === 'string') return pseudonymizer.pseudonym(value);
  if (typeof value === 'number') return pseudonymizer.numericPseudonym(value);
  // A boolean carries one bit and null none: nothing to pseudonymise, so they are neutralised instead.
  return typeof value === 'boolean' ? false : null;
}

/**
 * The byte edits for the applied redact/hash/drop actions of a Decision. `fields` are the classified
 * fields the Decision was made from, in the same order. A blocked request needs no edits.
 */
export function planEdits(decision: Decision, fields: readonly ClassifiedField[], pseudonymizer: Pseudonymizer): FieldEdit[] {
  if (decision.verdict === 'block') return [];
  if (decision.fields.length !== fields.length) {
    throw new TypeError(`planEdits: the decision has ${decision.fields.length} fields but ${fields.length} were given`);
  }
  const edits: FieldEdit[] = [];
  decision.fields.forEach((fd, i) => {
    if (!fd.applied) return;
    const field = fields[i]?.field;
    if (field === undefined || field.path !== fd.path || field.source !== fd.source) {
      throw new TypeError(`planEdits: field ${i} is ${field?.path ?? 'missing'}, the decision is about ${fd.path}`);
    }
    if (fd.action === 'redact') edits.push({ field, action: 'redact', replacement: redacted(field.value, fd) });
    else if (fd.action === 'hash') edits.push({ field, action: 'hash', replacement: hashed(field.value, pseudonymizer) });
    else if (fd.action === 'drop') edits.push({ field, action: 'drop' });
  });
  return edits;
}
