import { finding, type Detector } from './detector.js';
import type { ValueInput } from './value-detectors.js';

/**
 * Values no secret is written as, whatever their key says. Each is a veto on credentials alone:
 * - `short-number`: a number below 100, a negative number or a fraction. A PIN has at least four digits
 *   (ISO 9564-1 allows 4 to 12) and a key or password is no small number: `pin: 17` of a board's GPIO
 *   list is a connector, `PW1: -1000` a power setting, `auth: [0, 1]` flags of an alarm's areas.
 * - `plain-url`: a URL with nothing unguessable in it (no userinfo, no query, no fragment, no path segment
 *   long and mixed enough to be a generated token). A webhook, share or callback URL grants access only
 *   through such a part (W3C TAG, "Good Practices for Capability URLs"): `https://example.com/hooks` and a
 *   public profile's `/VaultTec-Co` are addresses, not keys; `/api/webhook/6a04d3b3…` stays one.
 * Neither speaks when the key is itself a value (`contacts["<refresh_token>"]: 1`): the secret is the key.
 */
export const SHORT_NUMBER = 'short-number';
export const PLAIN_URL = 'plain-url';

/** The least a PIN has: ISO 9564-1's four digits, less one for a code that drops a leading zero. */
const SMALLEST_SECRET_NUMBER = 100;
/** A path segment this long mixing letters and digits, or this much longer of anything, can be a generated token. */
const TOKEN_SEGMENT = 6;
const LONG_SEGMENT = 20;
const URL = /^[a-z][a-z0-9+.-]{1,15}:\/\/[^/?#\s@]+(\/[^?#\s]*)?$/i;

const SHORT_NUMBER_FINDING = finding(SHORT_NUMBER, 'veto', ['credentials'], { of: 'value' });
const PLAIN_URL_FINDING = finding(PLAIN_URL, 'veto', ['credentials'], { of: 'value' });

export const shortNumberDetector: Detector<ValueInput, unknown> = {
  name: SHORT_NUMBER,
  detect({ value, hints }) {
    if (typeof value !== 'number' || hints.keyIsValue === true) return undefined;
    return value < SMALLEST_SECRET_NUMBER || !Number.isInteger(value) ? SHORT_NUMBER_FINDING : undefined;
  },
  explain: () => 'value is a number below 100, negative or a fraction: no PIN, key or password → not credentials',
};

export const plainUrlDetector: Detector<ValueInput, unknown> = {
  name: PLAIN_URL,
  detect({ value, hints }) {
    if (typeof value !== 'string' || value.length > 2048 || hints.keyIsValue === true) return undefined;
    const url = URL.exec(value);
    if (url === null) return undefined;
    return (url[1] ?? '').split('/').some(mayBeToken) ? undefined : PLAIN_URL_FINDING;
  },
  explain: () => 'value is a URL with nothing unguessable in it (no query, no login, no token in its path) → not credentials',
};

function mayBeToken(segment: string): boolean {
  if (segment.length >= LONG_SEGMENT) return true;
  return segment.length >= TOKEN_SEGMENT && /\d/.test(segment) && /[A-Za-z]/.test(segment);
}
