import { isIPv6 } from 'node:net';
import { isValidPhoneNumber } from 'libphonenumber-js/min';
import type { DataCategory } from '../categories.js';

/**
 * What a string is, by its shape and check digits. Each validator sits behind a cheap test of the first
 * character, the length or one `indexOf`, so ordinary strings cost a few comparisons. A validation
 * names itself (`VIN (check digit)`) for explanations and never carries the value.
 */
export interface Validation {
  readonly validator: string;
  readonly categories: readonly DataCategory[];
}

const IPV4 = /^(?:\d{1,3}|[X*]{1,3})(?:\.(?:\d{1,3}|[X*]{1,3})){3}$/i;
const MAC_SEPARATED = /^[0-9a-fx*]{2}([:-])(?:[0-9a-fx*]{2}\1){4}[0-9a-fx*]{2}$/i;
const MAC_DOTTED = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i;
const EUI64_SEPARATED = /^[0-9a-f]{2}(?::[0-9a-f]{2}){7}$/i;
const IPV6_ALPHABET = /^[0-9a-f:.]+$/i;
const HEX12 = /^[0-9a-f]{12}$/i;
const HEX16 = /^[0-9a-f]{16}$/i;
const EUI64 = /^0x[0-9a-f]{16}$/i;
const EMAIL = /^[^\s@:/]+@[^\s@/]+\.[a-z*]{2,}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const JWT = /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/;
const AUTH_HEADER = /^(?:Bearer|Basic|Token|Digest)\s+\S{8,}/;
const API_KEY = /^(?:sk_(?:live|test)_\w{16,}|pk_(?:live|test)_\w{16,}|AKIA[0-9A-Z]{16}|AIza[\w-]{35}|gh[pousr]_\w{30,}|xox[abposr]-[\w-]{10,}|glpat-[\w-]{20}|SG\.[\w-]{16,}\.[\w-]{16,})$/;
const API_KEY_FIRST = new Set(['s', 'p', 'A', 'g', 'x', 'S']);
const SIGNED_URL = /[?&](?:x-amz-signature|x-amz-security-token|x-goog-signature|signature|sig|token|access_token|auth|apikey|api_key|key|expires&signature)=/i;
const MEDIA_EXTENSION = /\.(?:jpe?g|png|gif|webp|heic|bmp|mp4|m4v|mov|mkv|webm|avi|m3u8|ts|mp3|m4a|aac|wav|ogg|oga|opus|flac|amr|pcm)(?:$|[?#])/i;
const MEDIA_PATH = /\/(?:snapshots?|thumbnails?|clips?|recordings?|videos?|images?|photos?|frames?|media|audio|hls|stream|live|preview)(?:\/|$|\?)/i;
/** Google-style resource names: `enterprises/<project>/devices/<id>`. */
const RESOURCE_NAME = /(?:^|\/)devices\/[\w-]{3,}(?:$|\/)/;
const MEDIA_FILE_NAME = /^[\w.-]+\.(?:jpe?g|png|gif|webp|heic|mp4|mov|mkv|webm|avi|mp3|m4a|aac|wav|ogg|opus|flac)$/i;
const LAT_LON_PAIR = /^\s*(-?\d{1,2}\.\d{3,})\s*[,;\s]\s*(-?\d{1,3}\.\d{3,})\s*$/;
/**
 * A position in degrees, minutes and seconds with its hemispheres, as photo metadata writes it (exiftool's
 * `52 deg 27' 31.32" N, 13 deg 27' 33.48" E`, or `52°27'31.3"N 13°27'33.5"E`): latitude then longitude.
 */
const DMS_PAIR = /^(\d{1,2})\s*(?:deg|°)\s*\d{1,2}'\s*[\d.]+"\s*[NS],?\s+(\d{1,3})\s*(?:deg|°)\s*\d{1,2}'\s*[\d.]+"\s*[EW]$/;
const POSTAL = /^(?=.*\d)[a-z0-9][a-z0-9 -]{2,9}$/i;
const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;
/**
 * A hardware id inside a name: `shellypro4pm-f008d1d8b8b8`, `tasmota_D460E6-0230`, `iRobot-<BLID>`. A MAC, a MAC's
 * tail or an EUI-64, not 32 hex digits: that is a UUID or a hash written bare, which records, streams, uploads and
 * keys are named by (`ifp-<32 hex>`, `<32 hex>-live`, `ek_<32 hex>`) far more often than units.
 */
const EMBEDDED_ID = /(?:^|[-_/])([0-9a-f]{16}|[0-9a-f]{12}|[0-9a-f]{6})(?=$|[-_/.])/i;

export const NETWORK: readonly DataCategory[] = ['network'];
const DEVICE: readonly DataCategory[] = ['device'];
const PERSONAL: readonly DataCategory[] = ['personal'];
const CREDENTIALS: readonly DataCategory[] = ['credentials'];
const LOCATION: readonly DataCategory[] = ['location'];
const MEDIA: readonly DataCategory[] = ['media'];

const v = (validator: string, categories: readonly DataCategory[]): Validation => ({ validator, categories });

/** Identifiers whose shape is certain on its own; shared with object keys and path segments. */
export function validateIdentifier(value: string): Validation | undefined {
  const length = value.length;
  if (length < 6 || length > 320) return undefined;
  const first = value.charCodeAt(0);
  if (length === 17 && (value[2] === ':' || value[2] === '-') && MAC_SEPARATED.test(value)) return v('MAC address', DEVICE);
  if (length === 14 && value[4] === '.' && MAC_DOTTED.test(value)) return v('MAC address', DEVICE);
  if (length === 23 && value[2] === ':' && EUI64_SEPARATED.test(value)) return v('EUI-64 address', DEVICE);
  if (isDigit(first)) {
    if (length <= 15 && IPV4.test(value)) return ipv4(value);
    if (length === 15 && isAllDigits(value) && luhnValid(value)) return v('IMEI (Luhn check digit)', DEVICE);
    if ((length === 19 || length === 20) && value.startsWith('89') && isAllDigits(value) && luhnValid(value)) {
      return v('ICCID (Luhn check digit)', DEVICE);
    }
    if (length === 18 && value[1] === 'x' && EUI64.test(value)) return v('EUI-64 address', DEVICE);
  }
  if (length <= 254 && value.includes('@') && EMAIL.test(value)) return v('e-mail address', PERSONAL);
  if (length <= 45 && value.includes(':') && IPV6_ALPHABET.test(value) && isIPv6(value)) return ipv6(value);
  if (length === 17 && VIN.test(value) && vinCheckDigitValid(value)) return v('VIN (check digit)', DEVICE);
  if (first === 0x73 /* s */ && (value.startsWith('sip:') || value.startsWith('sips:'))) return v('SIP address', NETWORK);
  if (first === 0x2b /* + */ && length <= 24 && isValidPhoneNumber(value)) return v('phone number (libphonenumber)', PERSONAL);
  return undefined;
}

/** Secrets by shape: JWTs, authorization headers, well-known API key formats, signed URLs. */
export function validateSecret(value: string): Validation | undefined {
  const length = value.length;
  if (length < 16) return undefined;
  const first = value.charCodeAt(0);
  if (first === 0x65 /* e */ && length > 20 && JWT.test(value)) return v('JSON Web Token', CREDENTIALS);
  if ((first === 0x42 || first === 0x54 || first === 0x44) /* B T D */ && AUTH_HEADER.test(value)) return v('authorization header', CREDENTIALS);
  if (length <= 200 && API_KEY_FIRST.has(value.charAt(0)) && API_KEY.test(value)) return v('API key format', CREDENTIALS);
  if (first === 0x68 /* h */ && value.includes('?') && value.startsWith('http') && SIGNED_URL.test(value)) {
    return v('signed URL', isMediaUrl(value) ? [...CREDENTIALS, ...MEDIA] : CREDENTIALS);
  }
  return undefined;
}

/** A URL or path to an image, a clip or a recording (by extension or by a media path segment). */
export function validateMediaUrl(value: string): Validation | undefined {
  if (value.length < 8 || value.length > 4096) return undefined;
  const first = value.charCodeAt(0);
  const urlLike = first === 0x68 /* h */ || first === 0x72 /* r */ || first === 0x73 /* s */ || first === 0x2f; /* / */
  // A publisher's mask may stand for the host (`https:…/upload/photo.jpg`): the path still says what the file is.
  if (!urlLike || !/^(?:https?|rtsp|rtmp|s3):(?:\/\/|\u2026)|^\//.test(value)) {
    const dot = value.lastIndexOf('.');
    return dot > 0 && value.length - dot <= 5 && value.length <= 255 && MEDIA_FILE_NAME.test(value)
      ? v('file name of an image, clip or recording', MEDIA)
      : undefined;
  }
  if (MEDIA_EXTENSION.test(value)) return v('URL of an image, clip or recording (extension)', MEDIA);
  if (value.startsWith('rtsp') || value.startsWith('rtmp')) return v('camera stream URL', MEDIA);
  if (MEDIA_PATH.test(value)) return v('URL of an image, clip or recording (path)', MEDIA);
  return undefined;
}

export function validateCoordinatesText(value: string): Validation | undefined {
  if (value.length > 48) return undefined;
  const first = value.charCodeAt(0);
  if (first === 0x67 /* g */) return value.startsWith('geo:') ? v('geo: URI', LOCATION) : undefined;
  if (!isDigit(first) && first !== 0x2d /* - */ && first !== 0x20) return undefined;
  const pair = LAT_LON_PAIR.exec(value);
  if (pair !== null && inRange(pair[1], 90) && inRange(pair[2], 180)) return v('"lat,lon" pair within range', LOCATION);
  const dms = DMS_PAIR.exec(value);
  if (dms !== null && inRange(dms[1], 90) && inRange(dms[2], 180)) return v('position in degrees, minutes and seconds', LOCATION);
  return undefined;
}

export function validatePhoneInContext(value: string): Validation | undefined {
  if (value.length < 7 || value.length > 24 || !/^[\d\s().+-]+$/.test(value)) return undefined;
  const digits = digitCount(value);
  if (digits < 7 || digits > 15) return undefined;
  return v('phone number (digits under a phone key)', PERSONAL);
}

export function validatePostalInContext(value: string): Validation | undefined {
  return value.length <= 10 && POSTAL.test(value) ? v('postal code in an address', LOCATION) : undefined;
}

/** Hardware ids: a UUID under a device key, a 12/16-hex string under a MAC key, an id inside a name. */
export function validateHardwareId(value: string, macKey: boolean, deviceKey: boolean): Validation | undefined {
  const length = value.length;
  if (macKey && length === 12 && HEX12.test(value) && value !== '000000000000') return v('MAC address (12 hex digits)', DEVICE);
  if (macKey && length === 16 && HEX16.test(value)) return v('EUI-64 address (16 hex digits)', DEVICE);
  // An EUI-64 made from a MAC-48 has FFFE in its middle (IEEE): a unit's address under any key.
  if (length === 16 && HEX16.test(value) && value.slice(6, 10).toLowerCase() === 'fffe') return v('EUI-64 address derived from a MAC (…fffe…)', DEVICE);
  if (deviceKey && length === 36 && UUID.test(value)) return v('UUID under a device key', DEVICE);
  if (length > 12 && length <= 400 && value.includes('devices/') && RESOURCE_NAME.test(value)) return v('device resource name (devices/<id>)', DEVICE);
  if (length >= 8 && length <= 80 && !value.includes(' ') && (value.includes('-') || value.includes('_') || value.includes('/'))) {
    const id = EMBEDDED_ID.exec(value)?.[1];
    if (id !== undefined && (id.length > 6 || (/\d/.test(id) && /[a-f]/i.test(id))) && !UUID_ANYWHERE.test(value)) {
      return v('hardware id inside a name', DEVICE);
    }
  }
  return undefined;
}

function ipv4(value: string): Validation | undefined {
  // 0.0.0.0 is "unset"; 255.x.x.x are masks and broadcast addresses, not anybody's address.
  if (value === '0.0.0.0' || value.startsWith('255.') || value.startsWith('127.')) return undefined;
  for (const part of value.split('.')) {
    if (isDigit(part.charCodeAt(0)) && Number(part) > 255) return undefined;
  }
  return v('IPv4 address', NETWORK);
}

/** An EUI-64 interface id (`…:5632:4ff:fe54:7478`) carries the device's MAC: device as well. */
function ipv6(value: string): Validation {
  const groups = value.toLowerCase().split(':');
  const sixth = groups[groups.length - 3] ?? '';
  const seventh = groups[groups.length - 2] ?? '';
  const eui64 = groups.length >= 4 && sixth.endsWith('ff') && seventh.length === 4 && seventh.startsWith('fe');
  return eui64 ? v('IPv6 address with an EUI-64 interface id', [...NETWORK, ...DEVICE]) : v('IPv6 address', NETWORK);
}

function isMediaUrl(value: string): boolean {
  return MEDIA_EXTENSION.test(value) || MEDIA_PATH.test(value);
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

/** IMEI and ICCID check digit (Luhn). */
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
