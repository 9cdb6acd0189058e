import { isIPv6 } from 'node:net';
import { CATEGORY_BIT } from './mask.js';

/** What a string value itself reveals, as category bits; `MAC_FOUND` is resolved by the caller. */
export const MAC_FOUND = 1 << 20;

/** Hints from the key that unlock detectors which would be too eager alone. */
export interface ValueHints {
  readonly macKey: boolean;
  readonly phoneKey: boolean;
  readonly postalKey: boolean;
  readonly deviceKey: boolean;
}

const IPV4 = /^(?:\d{1,3}|[X*]{1,3})(?:\.(?:\d{1,3}|[X*]{1,3})){3}$/i;
const MAC_SEPARATED = /^[0-9a-f]{2}([:-])(?:[0-9a-fx*]{2}\1){4}[0-9a-fx*]{2}$/i;
const IPV6_ALPHABET = /^[0-9a-f:.]+$/i;
const HEX12 = /^[0-9a-f]{12}$/i;
const EUI64 = /^0x[0-9a-f]{16}$/i;
const EMAIL = /^[^\s@:/]+@[^\s@/]+\.[a-z]{2,}$/i;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const JWT = /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/;
const AUTH_HEADER = /^(?:Bearer|Basic|Token)\s+\S{8,}$/;
const SIGNED_URL = /[?&](?:x-amz-signature|x-goog-signature|signature|sig|token|access_token|auth|apikey|api_key)=/i;
const PHONE_E164 = /^\+[1-9][\d\s().-]{6,18}$/;
const PHONE_LOCAL = /^[\d\s().+-]{7,20}$/;
const POSTAL = /^[a-z0-9][a-z0-9 -]{1,9}$/i;
const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;
const LAT_LON_PAIR = /^(-?\d{1,2}\.\d{3,}),\s*(-?\d{1,3}\.\d{3,})$/;
/** A hardware id inside a name: `shellypro4pm-f008d1d8b8b8`, `tasmota_D460E6-0230`, `iRobot-<BLID>`. */
const EMBEDDED_ID = /(?:^|[-_/])([0-9a-f]{32}|[0-9a-f]{16}|[0-9a-f]{12}|[0-9a-f]{6})(?=$|[-_/])/i;

const NETWORK = CATEGORY_BIT.network;
const DEVICE = CATEGORY_BIT.device;
const PERSONAL = CATEGORY_BIT.personal;
const CREDENTIALS = CATEGORY_BIT.credentials;
const LOCATION = CATEGORY_BIT.location;

/**
 * Categories a string reveals by its shape. Each detector sits behind a cheap check on the first
 * character, the length or one `indexOf`, so ordinary strings cost a few comparisons.
 */
export function detectValue(value: string, hints: ValueHints): number {
  const length = value.length;
  if (length < 4 || length > 4096) return 0;
  const first = value.charCodeAt(0);
  let found = 0;

  if (length === 17 && (value[2] === ':' || value[2] === '-') && MAC_SEPARATED.test(value)) return MAC_FOUND;
  if (isDigit(first)) {
    if (length <= 19 && IPV4.test(value)) return ipv4Categories(value);
    if (length === 15 && isAllDigits(value) && luhnValid(value)) return DEVICE;
    if (length === 18 && value[1] === 'x' && EUI64.test(value)) return DEVICE;
    const pair = length <= 30 ? LAT_LON_PAIR.exec(value) : null;
    if (pair && inRange(pair[1], 90) && inRange(pair[2], 180)) return LOCATION;
  }
  if (hints.macKey && length === 12 && HEX12.test(value)) return MAC_FOUND;
  if (first === 0x65 /* e */ && length > 20 && JWT.test(value)) return CREDENTIALS;
  if ((first === 0x42 || first === 0x54) /* B T */ && AUTH_HEADER.test(value)) return CREDENTIALS;
  if (first === 0x68 /* h */ && value.startsWith('http') && value.includes('?') && SIGNED_URL.test(value)) return CREDENTIALS;
  if (first === 0x73 /* s */ && (value.startsWith('sip:') || value.startsWith('sips:'))) return NETWORK;
  if (first === 0x67 /* g */ && value.startsWith('geo:')) return LOCATION;
  if (first === 0x2b /* + */ && PHONE_E164.test(value) && digitCount(value) >= 8) return PERSONAL;
  if (hints.phoneKey && PHONE_LOCAL.test(value) && digitCount(value) >= 7) found |= PERSONAL;
  if (hints.postalKey && POSTAL.test(value)) found |= LOCATION;
  if (length <= 254 && value.includes('@') && EMAIL.test(value)) return found | PERSONAL;
  if (length <= 45 && value.includes(':') && IPV6_ALPHABET.test(value) && isIPv6(value)) return ipv6Categories(value);
  if (length === 17 && VIN.test(value) && vinCheckDigitValid(value)) return DEVICE;

  const hasDash = value.includes('-');
  if (hasDash && length >= 36 && UUID.test(value)) return hints.deviceKey ? found | DEVICE : found;
  if (length >= 8 && length <= 80 && (hasDash || value.includes('_') || value.includes('/')) && !value.includes(' ')) {
    const match = EMBEDDED_ID.exec(value);
    const id = match?.[1];
    if (id !== undefined && (id.length > 6 || (/\d/.test(id) && /[a-f]/i.test(id)))) found |= DEVICE;
  }
  return found;
}

function ipv4Categories(value: string): number {
  // 0.0.0.0 is "unset"; 255.x.x.x are masks and broadcast addresses, not anybody's address.
  if (value === '0.0.0.0' || value.startsWith('255.')) return 0;
  for (const part of value.split('.')) {
    if (isDigit(part.charCodeAt(0)) && Number(part) > 255) return 0;
  }
  return NETWORK;
}

/** An EUI-64 interface id (`…:5632:4ff:fe54:7478`) carries the device's MAC: device as well. */
function ipv6Categories(value: string): number {
  const groups = value.toLowerCase().split(':');
  if (groups.length < 4) return NETWORK;
  const sixth = groups[groups.length - 3] ?? '';
  const seventh = groups[groups.length - 2] ?? '';
  const eui64 = sixth.endsWith('ff') && seventh.length === 4 && seventh.startsWith('fe');
  return eui64 ? NETWORK | DEVICE : NETWORK;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isAllDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (!isDigit(value.charCodeAt(i))) return false;
  return true;
}

function digitCount(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) if (isDigit(value.charCodeAt(i))) count++;
  return count;
}

function inRange(text: string | undefined, limit: number): boolean {
  const n = Number(text);
  return Number.isFinite(n) && Math.abs(n) <= limit;
}

/** IMEI check digit (Luhn). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
const VIN_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const VIN_LETTER_VALUES = [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9];

/** ISO 3779 check digit (position 9); random 17-character ids fail it ten times out of eleven. */
export function vinCheckDigitValid(vin: string): boolean {
  if (!/\d/.test(vin) || !/[A-Z]/.test(vin)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = vin.charAt(i);
    const letter = VIN_LETTERS.indexOf(ch);
    const value = letter >= 0 ? (VIN_LETTER_VALUES[letter] ?? 0) : Number(ch);
    sum += value * (VIN_WEIGHTS[i] ?? 0);
  }
  const check = sum % 11;
  return vin.charAt(8) === (check === 10 ? 'X' : String(check));
}
