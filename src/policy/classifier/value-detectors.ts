import type { ScalarValue } from '../../payload/index.js';
import type { DataCategory } from '../categories.js';
import { finding, type Detector, type Finding, type Signal } from './detector.js';
import { addressSettingDetector } from './address-settings.js';
import { encodesWords } from './encoded-texts.js';
import { bareFileNameDetector } from './file-names.js';
import { lanAddressDetector } from './lan-addresses.js';
import { networkTextDetector } from './network-texts.js';
import { partyNumberDetector } from './party-numbers.js';
import { urlPartsDetector } from './url-parts.js';
import { vendorDrawingDetector } from './vendor-drawings.js';
import { noPictureDetector } from './no-picture-values.js';
import { plainUrlDetector, shortNumberDetector } from './non-secret-values.js';
import { resourceNameDetector } from './resource-names.js';
import { categoriesToMask } from './mask.js';
import type { ValueHints } from './key-detectors.js';
import {
  NETWORK,
  validateCoordinatesText,
  validateHardwareId,
  validateIdentifier,
  validateMediaUrl,
  validatePhoneInContext,
  validatePostalInContext,
  validateSecret,
  type Validation,
} from './validators.js';

/** A value with what its key says about reading it. */
export interface ValueInput {
  readonly value: ScalarValue;
  readonly hints: ValueHints;
}

type ValueDetector = Detector<ValueInput, unknown>;

/**
 * Value findings depend only on the detector, the signal and the validator's words: shared, so verdicts
 * are cached by them and no field allocates its own. The validator texts are a fixed set plus a few
 * counts (`12 words`, `40 random characters`); the bound guards the map all the same.
 */
const valueFindings = new Map<string, Finding[]>();
let valueFindingCount = 0;

function valueFinding(name: string, signal: Signal, categories: readonly DataCategory[], validator: string, vetoes?: 'weak' | 'all'): Finding {
  // By the validator's words (mostly constant strings, whose hash is kept), then the few detectors using them.
  const mask = categoriesToMask(categories);
  let list = valueFindings.get(validator);
  for (const f of list ?? []) {
    if (f.detector === name && f.signal === signal && f.vetoes === vetoes && categoriesToMask(f.categories) === mask) return f;
  }
  const f = finding(name, signal, categories, { of: 'value', validator }, vetoes);
  if (valueFindingCount >= 1024) (valueFindings.clear(), (valueFindingCount = 0), (list = undefined));
  if (list === undefined) valueFindings.set(validator, [f]);
  else list.push(f);
  valueFindingCount++;
  return f;
}

function fromValidation(name: string, validation: Validation | undefined): Finding | undefined {
  return validation === undefined ? undefined : valueFinding(name, 'strong', validation.categories, validation.validator);
}

const explainValidation = (f: Finding) => `value is a valid ${f.facts.validator ?? 'identifier'} → ${f.categories.join(', ')}`;

/** E-mail, phone (+…), IP, MAC, EUI-64, IMEI/ICCID (Luhn), VIN (check digit): identifiers by shape. */
export const identifierDetector: ValueDetector = {
  name: 'identifier-shape',
  detect({ value, hints }) {
    if (typeof value !== 'string') return undefined;
    const validation = validateIdentifier(value);
    if (validation?.validator === 'MAC address' && hints.networkMac) {
      return valueFinding(this.name, 'strong', NETWORK, 'MAC address of an access point');
    }
    // SIP writes its endpoints as `user@host` (RFC 3261): under a SIP key the shape is an endpoint, not a mailbox.
    if (validation?.validator === 'e-mail address' && hints.sip) return valueFinding(this.name, 'strong', NETWORK, 'SIP address');
    return fromValidation(this.name, validation);
  },
  explain: explainValidation,
};

export const secretDetector: ValueDetector = {
  name: 'secret-shape',
  detect: ({ value }) => (typeof value === 'string' ? fromValidation('secret-shape', validateSecret(value)) : undefined),
  explain: (f) => `value has the shape of a ${f.facts.validator ?? 'secret'} → ${f.categories.join(', ')}`,
};

export const mediaUrlDetector: ValueDetector = {
  name: 'media-url',
  detect: ({ value }) => (typeof value === 'string' ? fromValidation('media-url', validateMediaUrl(value)) : undefined),
  explain: (f) => `value is a ${f.facts.validator ?? 'media URL'} → media`,
};

/**
 * Coordinates: a "lat,lon" text or geo: URI, and the range check of a number under a latitude or
 * longitude key (out of range, it is not a coordinate: the key's location is vetoed).
 */
export const coordinateDetector: ValueDetector = {
  name: 'coordinates',
  detect({ value, hints }) {
    if (hints.latitude || hints.longitude) {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      if (Number.isFinite(n) && Math.abs(n) > (hints.latitude ? 90 : 180) && !fixedPoint(n, hints.latitude ? 90 : 180)) {
        return valueFinding(this.name, 'veto', [], hints.latitude ? 'latitude' : 'longitude', 'all');
      }
      return undefined;
    }
    return typeof value === 'string' ? fromValidation(this.name, validateCoordinatesText(value)) : undefined;
  },
  explain: (f) =>
    f.signal === 'veto' ? `value is out of range for a ${f.facts.validator ?? 'coordinate'}: not a coordinate` : explainValidation(f),
};

/**
 * A coordinate written as a whole number of micro- or ten-millionths of a degree (E6/E7 fixed point:
 * `latitudeE7`, trackers' and plugs' `latitude: 39913818`): at least 0.1 degree and within range once
 * scaled. Small out-of-range numbers (`999`, `181`) stay vetoed placeholders.
 */
function fixedPoint(n: number, limit: number): boolean {
  return Number.isInteger(n) && Math.abs(n) >= 100_000 && Math.abs(n) <= limit * 1e7;
}

/** Digits under a phone key, a short code under a postal key: plausible only because of the key. */
export const contextualDetector: ValueDetector = {
  name: 'contextual-shape',
  detect({ value, hints }) {
    if ((!hints.phone && !hints.postal) || (typeof value !== 'string' && typeof value !== 'number')) return undefined;
    const text = String(value);
    // An international number was already checked by libphonenumber (identifier-shape).
    if (hints.phone) return text.startsWith('+') ? undefined : fromValidation(this.name, validatePhoneInContext(text));
    if (hints.postal) return fromValidation(this.name, validatePostalInContext(text));
    return undefined;
  },
  explain: explainValidation,
};

export const hardwareIdDetector: ValueDetector = {
  name: 'hardware-id',
  detect({ value, hints }) {
    if (typeof value !== 'string') return undefined;
    const validation = validateHardwareId(value, hints.macKey, hints.deviceId);
    if (validation === undefined) return undefined;
    const inName = validation.validator === 'hardware id inside a name';
    return valueFinding(this.name, inName && !hints.hostName ? 'weak' : 'strong', validation.categories, validation.validator);
  },
  explain: (f) => `value contains a ${f.facts.validator ?? 'hardware id'} → device`,
};

/** One word as typed or said (`hi`, a mistyped `4t3pouiewj`): letters and digits, no code or path. */
const ONE_WORD = /^[\p{L}\p{N}'-]{1,40}$/u;

/** Natural language under `input`/`text`/`query`: a transcript of what somebody said. */
export const speechDetector: ValueDetector = {
  name: 'speech',
  detect({ value, hints }) {
    if (!hints.speech || typeof value !== 'string' || value.length > 2000) return undefined;
    const words = value.trim().split(/\s+/);
    if (words.length < 2 && hints.request && ONE_WORD.test(value)) return valueFinding(this.name, 'strong', ['media', 'behaviour'], 'a one-word request to an assistant');
    if (words.length < 2 || !/^[\p{L}\s',.!?-]+$/u.test(value)) return undefined;
    return valueFinding(this.name, 'strong', ['media', 'behaviour'], `${words.length} words of natural language`);
  },
  explain: (f) => `value is ${f.facts.validator ?? 'natural language'} under a speech key → media, behaviour (what somebody said)`,
};

/** `switch:0.id = 0`, `scenes[2].id = 3`: a small integer under an id key is an index, not an identifier. */
export const indexDetector: ValueDetector = {
  name: 'small-index',
  detect({ value, hints }) {
    if (!hints.idKey) return undefined;
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(n) || n < 0 || n >= 1000) return undefined;
    return valueFinding(this.name, 'veto', [], 'small integer', 'weak');
  },
  explain: () => 'value is a small integer: an index, not an identifier',
};

/**
 * A random string: mixed letters and digits with the entropy of a generated key (`qiCNieZa8Xk2…` under a
 * key nobody recognises: `k`, `s`, `secretStuff`). Weak: a key that says what it is comes first, and an
 * id key (an opaque id looks just as random) is left alone.
 */
export const randomTokenDetector: ValueDetector = {
  name: 'random-token',
  detect({ value, hints }) {
    if (typeof value !== 'string' || hints.idKey || hints.deviceId) return undefined;
    const bits = randomTokenBits(value);
    if (bits !== undefined && encodesWords(value)) return undefined;
    return bits === undefined ? undefined : valueFinding(this.name, 'weak', ['credentials'], `${value.length} random characters`);
  },
  explain: (f) => `value is ${f.facts.validator ?? 'random characters'} with the entropy of a generated key or token → credentials`,
};

const TOKEN_ALPHABET = /^[A-Za-z0-9+/=_~-]+$/;
const MIN_TOKEN_BITS_PER_CHAR = 3.8;
const LONG_RUNS = /[A-Za-z0-9]{16,}/g;

/**
 * Whether a run of 16 letters and digits mixes both: a generated key's characters are random throughout,
 * while `Observation/obs-252848348019728387-FERR` (a FHIR reference) has its letters in words and its one
 * long run all digits, a record's number.
 */
function mixedRun(value: string): boolean {
  for (const run of value.match(LONG_RUNS) ?? []) {
    if (/\d/.test(run) && /[A-Za-z]/.test(run)) return true;
  }
  return false;
}

/** Bits per character when the string looks generated (all three character classes, no hex-only id); else undefined. */
export function randomTokenBits(value: string): number | undefined {
  if (value.length < 20 || value.length > 256 || !TOKEN_ALPHABET.test(value)) return undefined;
  if (!/[a-z]/.test(value) || !/[A-Z]/.test(value) || !/\d/.test(value)) return undefined;
  // A generated key is one long run; `cmnd/DVES_D460E6_fb/` is words and an id joined by separators.
  if (!mixedRun(value)) return undefined;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits >= MIN_TOKEN_BITS_PER_CHAR ? bits : undefined;
}

export const VALUE_DETECTORS: readonly ValueDetector[] = [
  indexDetector,
  identifierDetector,
  secretDetector,
  mediaUrlDetector,
  coordinateDetector,
  contextualDetector,
  partyNumberDetector,
  hardwareIdDetector,
  speechDetector,
  randomTokenDetector,
  bareFileNameDetector,
  addressSettingDetector,
  lanAddressDetector,
  networkTextDetector,
  urlPartsDetector,
  vendorDrawingDetector,
  noPictureDetector,
  resourceNameDetector,
  shortNumberDetector,
  plainUrlDetector,
];

/**
 * Every value finding of one field, appended to `found` (the caller may pass a reused array: most values
 * have none). Booleans carry no identifier; short strings are skipped early.
 */
export function detectValue(input: ValueInput, found: Finding[] = []): Finding[] {
  const value = input.value;
  if (value === null || typeof value === 'boolean') return found;
  if (typeof value === 'string' && value.length < 3) return found;
  for (const detector of VALUE_DETECTORS) {
    const f = detector.detect(input, undefined);
    if (f !== undefined) found.push(f);
  }
  return found;
}
