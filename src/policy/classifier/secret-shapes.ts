import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import { keyMaterial, secretRoleOf } from './key-material.js';
import type { Add, ShapeField } from './shape.js';
import { randomTokenBits } from './value-detectors.js';
import { readKey } from './words.js';

/**
 * `secret-form`: two shapes secrets take under a key named for a secret's role (`code`, `pin`, `key`, …,
 * as key-material reads them) that key-material's lengths miss:
 * - a PIN: a string of 4 to 10 digits under a key that is only `code`, `pin`, `passcode` or `password` (an
 *   access code a lock or keypad is given, `{"code": "1234"}`); a qualified code names its kind (`event_code`,
 *   `zipcode`). Status and error codes travel as numbers or beside their message (`{code, message}`,
 *   `{code, success}`), a product's code beside its maker (`{brand, code}`), a `pin` beside a district (a postal code), a terminology's code beside its
 *   system or display text (`{system, code, display}`): such records are left alone;
 * - a prefixed key: a generated key behind the vendor's prefix, as API keys are issued
 *   (`tskey-auth-…-<hex>`, `<id>.<base64 secret>`, `sk_live_<random>`): one of its parts, split at `.`, `-`
 *   and `_`, has the length of a key or the entropy of a generated token.
 * And the opposite: a 0 or 1 under such a key (`append_password: 0`) is a switch about the secret, not the
 * secret (docs/CORPUS.md: flags named for a key are no credentials): a veto of credentials.
 * Reads the values of the planned fields only (strings and numbers under a secret's role).
 */
export const SECRET_SHAPE = 'secret-form';

export const secretShapeExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [SECRET_SHAPE]: (f) =>
    f.signal === 'veto' ? `0 or 1 under a key named for a ${f.facts.role}: a switch, not the secret` : `${f.facts.shape} under a key named for a ${f.facts.role} → credentials`,
};

/** Keys a PIN is given under, alone. */
const PIN_KEYS = new Set(['code', 'pin', 'passcode', 'password', 'pass']);
/**
 * Siblings that make a `code` a response's status (`{code: "1001", message: "…"}`) or a product's code
 * (`{brand, code}`, `{sku, code}`).
 */
const STATUS_WORDS = new Set(['message', 'msg', 'messages', 'success', 'error', 'errors', 'result', 'reason', 'description', 'desc',
  'brand', 'product', 'sku', 'model', 'manufacturer', 'barcode', 'ean', 'upc', 'gtin',
  // A code beside its code system or its display text is an entry of a terminology (FHIR Coding: ICD, SNOMED, RxNorm).
  'system', 'display',
  // A `pin` beside a street or a district is the address's postal index number (India's postal code).
  'street', 'city', 'town', 'district', 'locality', 'village']);
const PIN = /^\d{4,10}$/;
const PARTS = /[._-]/;

/** The one word a key reads as, or '' (`Code` → `code`, `error_code` → ''). */
const singleWords = new BoundedMemo<string>(5_000, 256);
function singleWord(raw: string): string {
  return singleWords.get(raw, () => {
    const words = readKey(raw, false).words;
    return words.length === 1 ? (words[0] ?? '') : '';
  });
}

interface Planned {
  readonly index: number;
  readonly role: string;
  /** A PIN may be read here: a role a PIN is given under, in a record that is not a response's status. */
  readonly pin: boolean;
  /** A number: only a switch (0 or 1) is read. */
  readonly number?: boolean;
}

export function planSecretShapes(fields: readonly ShapeField[]): readonly Planned[] | undefined {
  let statuses: Set<string> | undefined;
  let planned: Planned[] | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string') return;
    if (STATUS_WORDS.has(singleWord(key))) (statuses ??= new Set()).add(parentPath(field));
    if (field.kind !== 'string' && field.kind !== 'number') return;
    const role = secretRoleOf(key);
    if (role === undefined) return;
    if (field.kind === 'string') (planned ??= []).push({ index, role, pin: PIN_KEYS.has(singleWord(key)) });
    // A key the path template took for a value (`{"<refresh_token>": 1}`) is the secret itself, not a switch's name.
    else if (field.pathTemplate?.endsWith('}') !== true) (planned ??= []).push({ index, role, pin: false, number: true });
  });
  if (planned === undefined || statuses === undefined) return planned;
  const status = statuses;
  return planned.map((p) => {
    const field = fields[p.index];
    return p.pin && field !== undefined && status.has(parentPath(field)) ? { ...p, pin: false } : p;
  });
}

export function detectSecretShapes(plan: readonly Planned[], fields: readonly PayloadField[], add: Add): void {
  for (const { index, role, pin, number } of plan) {
    const value = fields[index]?.value;
    if (number === true) {
      if (value === 0 || value === 1) add(index, switchFinding(role));
      continue;
    }
    if (typeof value !== 'string' || value.length < 4 || value.length > 256) continue;
    const shape = pin && PIN.test(value) ? `a PIN of ${value.length} digits` : prefixedKey(value);
    if (shape !== undefined) add(index, shapeFinding(role, shape));
  }
}

/** `a generated key behind a prefix` when a part after the first has a key's length or a token's entropy. */
function prefixedKey(value: string): string | undefined {
  if (!PARTS.test(value) || keyMaterial(value) !== undefined) return undefined;
  const parts = value.split(PARTS);
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (part.length >= 16 && (keyMaterial(part) !== undefined || randomTokenBits(part) !== undefined)) return 'a generated key behind a prefix';
  }
  return undefined;
}

const findings = new BoundedMemo<Finding>(256, 256);
function switchFinding(role: string): Finding {
  return findings.get(`\u0001${role}`, () => finding(SECRET_SHAPE, 'veto', ['credentials'], { of: 'structure', role }, 'all'));
}
function shapeFinding(role: string, shape: string): Finding {
  return findings.get(`${role}\u0000${shape}`, () => finding(SECRET_SHAPE, 'certain', ['credentials'], { of: 'structure', role, shape }));
}
