import { isPossiblePhoneNumber, isValidPhoneNumber } from 'libphonenumber-js/min';
import type { ScalarValue } from '../../payload/index.js';
import { finding, type Detector, type Finding } from './detector.js';
import type { KeyWords } from './words.js';

/**
 * `party-number`: who called or texted whom. Telephony and SMS gateways post a call's or a message's
 * parties under `from`, `to`, `caller`, `answeringNumber`, and many write the number in E.164 without its
 * `+` (`from=492111234567`, `"fromNumber": "250788383383"`): an international number all the same, a
 * person's (docs/CORPUS.md: phone numbers are personal). Only under a key naming a party, and only when the
 * digits, read with a `+`, are a number libphonenumber knows as valid (a `+` written out needs only be a
 * possible one): a time range's `from`/`to` (`1509555600`, `"0800"`) or a count is none. Only values are read.
 */
export const PARTY_NUMBER = 'party-number';

/** Keys that are a party of a call or a message on their own. */
const PARTY_KEYS = new Set(['from', 'to', 'caller', 'callee', 'sender', 'recipient', 'originator', 'destination']);
/** Words that make a number key a party's (`fromNumber`, `answeringNumber`, `called_no`). */
const PARTY_WORDS = new Set(['from', 'to', 'caller', 'callee', 'called', 'calling', 'answering', 'answered', 'dialed', 'dialled',
  'sender', 'recipient', 'originator', 'originating', 'forwarded', 'forwarding', 'destination']);
const NUMBER_HEADS = new Set(['number', 'no', 'nr']);

export function partyNumberKey(key: KeyWords): boolean {
  const words = key.words;
  if (words.length === 1) return PARTY_KEYS.has(words[0] ?? '');
  return NUMBER_HEADS.has(words[words.length - 1] ?? '') && words.slice(0, -1).some((w) => PARTY_WORDS.has(w));
}

/** E.164: a country code and a national number, 15 digits at most; fewer than 8 is no international number. */
const E164_DIGITS = /^\+?\d{8,15}$/;

const FOUND = finding(PARTY_NUMBER, 'strong', ['personal'], { of: 'value', validator: 'phone number of a party of a call or a message' });

export const partyNumberDetector: Detector<{ readonly value: ScalarValue; readonly hints: { readonly party: boolean } }, unknown> = {
  name: PARTY_NUMBER,
  detect(input): Finding | undefined {
    if (!input.hints.party) return undefined;
    const value = input.value;
    const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
    if (!E164_DIGITS.test(text)) return undefined;
    const international = text.startsWith('+');
    const number = international ? text : `+${text}`;
    return (international ? isPossiblePhoneNumber(number) : isValidPhoneNumber(number)) ? FOUND : undefined;
  },
  explain: () => 'value is the phone number of a party of a call or a message (E.164 digits, libphonenumber) → personal',
};
