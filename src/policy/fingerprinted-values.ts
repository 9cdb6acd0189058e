import type { PayloadField } from '../payload/index.js';
import { isTimeKey } from './classifier/key-detectors.js';
import type { ClassifiedField } from './flow.js';

/**
 * Which values get a keyed fingerprint in the ledger (the pipeline's fingerprints, one per template): every
 * categorised value, so the ledger sees it change; and an uncategorised value shaped like an identifier, so the
 * ledger's TrafficKnowledge can notice one that each device keeps and no two devices share, whatever its key.
 *
 * A list of moments is no identifier: the times of a series of readings (`readings[*].t`, SenML's `t`) move
 * on with every request, so the traffic knowledge, which wants a value that stays put, can never count them;
 * fingerprinting them only cost an HMAC of the whole list per request (+35 µs at 10 KB, bench/alloc-micro.mjs
 * PG_VARY=1). A single time stays fingerprinted (`"boot": 1723456789`): one a device keeps, such as when it
 * was set up, does tell devices apart.
 */
export function fingerprinted(cf: ClassifiedField): boolean {
  if (cf.categories.length > 0) return true;
  const value = cf.field.value;
  if (typeof value === 'string') return value.length >= MIN_IDENTIFIER_LENGTH && value.length <= MAX_IDENTIFIER_LENGTH;
  // Booleans, short words and small numbers differ between devices without identifying either ("on", a channel).
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) < MIN_IDENTIFIER_NUMBER) return false;
  return !listedMoment(cf.field, value);
}

const MIN_IDENTIFIER_LENGTH = 6;
const MAX_IDENTIFIER_LENGTH = 256;
const MIN_IDENTIFIER_NUMBER = 100_000;

/** 2000-01-01 and 2100-01-01 in Unix seconds: the span of a device's clock, in seconds or milliseconds. */
const EPOCH_FROM = 946_684_800;
const EPOCH_TO = 4_102_444_800;

/** A time (Unix seconds or milliseconds) of a list item, under a key that names a time. */
function listedMoment(field: PayloadField, value: number): boolean {
  const seconds = value >= EPOCH_FROM * 1000 ? value / 1000 : value;
  if (seconds < EPOCH_FROM || seconds > EPOCH_TO) return false;
  const key = field.key;
  return key !== undefined && namesTime(key) && field.pathTemplate?.includes('[*]') === true;
}

/** `timestamp`, `ts`, `time` (the classifier's time keys), and SenML's one-letter time and base time (RFC 8428). */
function namesTime(key: string): boolean {
  return key === 't' || key === 'bt' || isTimeKey(key);
}
