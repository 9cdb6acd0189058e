import type { ScalarValue } from '../../payload/index.js';
import { finding, type Detector, type Finding } from './detector.js';
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

/** Value findings depend only on the detector and the validator: shared, so verdicts can be cached by them. */
const validationFindings = new Map<string, Finding>();

function fromValidation(name: string, validation: Validation | undefined): Finding | undefined {
  if (validation === undefined) return undefined;
  const key = `${name}\u0000${validation.validator}\u0000${validation.categories.join(',')}`;
  let f = validationFindings.get(key);
  if (f === undefined) {
    f = finding(name, 'strong', validation.categories, { of: 'value', validator: validation.validator });
    // Validator names are a fixed set; the bound only guards against a future dynamic one.
    if (validationFindings.size < 256) validationFindings.set(key, f);
  }
  return f;
}

const explainValidation = (f: Finding) => `value is a valid ${f.facts.validator ?? 'identifier'} → ${f.categories.join(', ')}`;

/** E-mail, phone (+…), IP, MAC, EUI-64, IMEI/ICCID (Luhn), VIN (check digit): identifiers by shape. */
export const identifierDetector: ValueDetector = {
  name: 'identifier-shape',
  detect({ value, hints }) {
    if (typeof value !== 'string') return undefined;
    const validation = validateIdentifier(value);
    if (validation?.validator === 'MAC address' && hints.networkMac) {
      return finding(this.name, 'strong', NETWORK, { of: 'value', validator: 'MAC address of an access point' });
    }
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
      if (Number.isFinite(n) && Math.abs(n) > (hints.latitude ? 90 : 180)) {
        return finding(this.name, 'veto', [], { of: 'value', validator: hints.latitude ? 'latitude' : 'longitude' }, 'all');
      }
      return undefined;
    }
    return typeof value === 'string' ? fromValidation(this.name, validateCoordinatesText(value)) : undefined;
  },
  explain: (f) =>
    f.signal === 'veto' ? `value is out of range for a ${f.facts.validator ?? 'coordinate'}: not a coordinate` : explainValidation(f),
};

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
    return finding(this.name, inName && !hints.hostName ? 'weak' : 'strong', validation.categories, {
      of: 'value',
      validator: validation.validator,
    });
  },
  explain: (f) => `value contains a ${f.facts.validator ?? 'hardware id'} → device`,
};

/** Natural language under `input`/`text`/`query`: a transcript of what somebody said. */
export const speechDetector: ValueDetector = {
  name: 'speech',
  detect({ value, hints }) {
    if (!hints.speech || typeof value !== 'string' || value.length > 2000) return undefined;
    const words = value.trim().split(/\s+/);
    if (words.length < 2 || !/^[\p{L}\s',.!?-]+$/u.test(value)) return undefined;
    return finding(this.name, 'strong', ['media', 'behaviour'], { of: 'value', validator: `${words.length} words of natural language` });
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
    return finding(this.name, 'veto', [], { of: 'value', validator: 'small integer' }, 'weak');
  },
  explain: () => 'value is a small integer: an index, not an identifier',
};

export const VALUE_DETECTORS: readonly ValueDetector[] = [
  indexDetector,
  identifierDetector,
  secretDetector,
  mediaUrlDetector,
  coordinateDetector,
  contextualDetector,
  hardwareIdDetector,
  speechDetector,
];

/** Every value finding of one field. Booleans carry no identifier; short strings are skipped early. */
export function detectValue(input: ValueInput): Finding[] {
  const value = input.value;
  if (value === null || typeof value === 'boolean') return [];
  if (typeof value === 'string' && value.length < 3) return [];
  const found: Finding[] = [];
  for (const detector of VALUE_DETECTORS) {
    const f = detector.detect(input, undefined);
    if (f !== undefined) found.push(f);
  }
  return found;
}
