import { BoundedMemo } from '../../memo.js';
import type { DataCategory } from '../categories.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `payment-card`: a record written as a payment card is (ISO/IEC 7812 and 7813: the primary account number,
 * the expiry month and year, the card verification code, the cardholder's name; W3C Payment Request's
 * BasicCardResponse: `cardNumber`, `cardSecurityCode`, `expiryMonth`, `cardholderName`) holds the
 * owner's card: its number identifies the owner and pays with their money (personal, credentials), its
 * verification code is a secret (credentials), the cardholder's name is theirs (personal). A record is
 * a card's when it has an expiry month or year beside a number or a code: an RFID charge card or a
 * loyalty card has a number but no verification code and no expiry month. Reads keys only.
 */
export const PAYMENT_CARD = 'payment-card';

export const paymentCardExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [PAYMENT_CARD]: (f) => `the ${f.facts.part} of a payment card (a record with an expiry month beside a number or a code) → ${f.categories.join(', ')}`,
};

type Part = 'number' | 'code' | 'holder' | 'expiry';
const PARTS: ReadonlyMap<string, Part> = new Map([
  ['number', 'number'], ['card number', 'number'], ['pan', 'number'], ['account number', 'number'],
  ['code', 'code'], ['cvv', 'code'], ['cvc', 'code'], ['cvv2', 'code'], ['cvc2', 'code'], ['csc', 'code'], ['security code', 'code'],
  ['card security code', 'code'], ['verification code', 'code'], ['verification number', 'code'], ['card verification code', 'code'],
  ['cardholder name', 'holder'], ['cardholder', 'holder'], ['card holder', 'holder'], ['card holder name', 'holder'], ['holder name', 'holder'],
  ['name on card', 'holder'],
  ['exp month', 'expiry'], ['exp year', 'expiry'], ['expiry month', 'expiry'], ['expiry year', 'expiry'], ['expiration month', 'expiry'],
  ['expiration year', 'expiry'], ['exp', 'expiry'], ['expiry', 'expiry'], ['expiration', 'expiry'], ['expiry date', 'expiry'],
]);
const CATEGORIES: Readonly<Record<Exclude<Part, 'expiry'>, readonly DataCategory[]>> = {
  number: ['personal', 'credentials'], code: ['credentials'], holder: ['personal'],
};
const PART_TEXT: Readonly<Record<Exclude<Part, 'expiry'>, string>> = { number: 'number', code: 'verification code', holder: 'holder\'s name' };

const parts = new BoundedMemo<Part | null>(5_000, 256);
const partOf = (key: string) => parts.get(key, () => PARTS.get(readKey(key).words.join(' ')) ?? null) ?? undefined;

export function paymentCards(fields: readonly ShapeField[], add: Add): void {
  let records: Map<string, Set<Part>> | undefined;
  for (const field of fields) {
    if (field.key === undefined || (field.kind !== 'string' && field.kind !== 'number')) continue;
    const part = partOf(field.key);
    if (part === undefined) continue;
    const record = parentPath(field);
    records ??= new Map();
    const found = records.get(record);
    if (found === undefined) records.set(record, new Set([part]));
    else found.add(part);
  }
  if (records === undefined) return;
  fields.forEach((field, index) => {
    if (field.key === undefined || (field.kind !== 'string' && field.kind !== 'number')) return;
    const part = partOf(field.key);
    if (part === undefined || part === 'expiry') return;
    const found = records?.get(parentPath(field));
    if (found === undefined || !found.has('expiry') || !(found.has('number') || found.has('code'))) return;
    add(index, cardFinding(part));
  });
}

const findings = new BoundedMemo<Finding>(8, 8);
/**
 * The verification code is certain, as secret-form's PIN is: a bare `code` is negative vocabulary (an error's,
 * a product's) that silences strong readings, and the card's record is what says which code this is.
 */
function cardFinding(part: Exclude<Part, 'expiry'>): Finding {
  return findings.get(part, () => finding(PAYMENT_CARD, part === 'code' ? 'certain' : 'strong', CATEGORIES[part], { of: 'structure', part: PART_TEXT[part] }));
}
