import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { prefixKey, within } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `heard-transmitter`: a record that names a transmitter and lists the receivers that heard it with the
 * signal they heard it at (`transmitterId` beside `rssiSignature[*]: {receiverId, rssi}`: a radio
 * decoding as real-time location systems report one) is a radio the home's receivers picked up around
 * them: a passer-by's phone, a neighbour's tag. What the record says of the transmitter (its id, the id's
 * type, the raw packets it sent, how strongly and how often each receiver heard it) is third_party, as a
 * neighbour scan entry's fields are (docs/CORPUS.md); the receivers' own ids and the report's time are the
 * home's. Reads only keys: memoised per shape.
 */
export const HEARD_TRANSMITTER = 'heard-transmitter';

export const heardTransmitterExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [HEARD_TRANSMITTER]: () => 'what a record of a transmitter heard by the home\'s receivers says of it (a nearby radio) → third_party',
};

const wordsOf = new BoundedMemo<readonly string[]>(5_000, 256);
const words = (raw: string) => wordsOf.get(raw, () => readKey(raw).words);
/** The report's own time: when it was made, not what was heard. */
const TIME_WORDS = new Set(['time', 'timestamp', 'ts', 'date']);

export function heardTransmitters(fields: readonly ShapeField[], add: Add): void {
  // Records with a transmitter's key, and records with a receiver's signal below them.
  const transmitters = new Set<string>();
  const heard = new Set<string>();
  for (const field of fields) {
    const key = field.key;
    if (key === undefined) continue;
    const own = words(key);
    if (own[0] === 'transmitter') transmitters.add(prefixKey(field, -1));
    if (own.length <= 2 && own.includes('rssi')) {
      // `rssiSignature[0].rssi` beside `receiverId`: the record is two levels up, past the list.
      const hasReceiver = fields.some((f) => f.key !== undefined && words(f.key)[0] === 'receiver' && prefixKey(f, -1) === prefixKey(field, -1));
      if (hasReceiver && field.segments.length >= 3) heard.add(prefixKey(field, -3));
    }
  }
  const records = [...transmitters].filter((record) => heard.has(record));
  if (records.length === 0) return;
  fields.forEach((field, index) => {
    // A list's items (`packets[0]`) are read by the list's key.
    const key = lastKey(field);
    if (field.kind === 'null' || field.kind === 'empty' || key === undefined) return;
    const own = words(key);
    if (own[0] === 'receiver' || own.some((w) => TIME_WORDS.has(w))) return;
    for (const record of records) {
      if (!within(field.path, record)) continue;
      add(index, THIRD);
      return;
    }
  });
}

function lastKey(field: ShapeField): string | undefined {
  for (let at = field.segments.length - 1; at >= 0; at--) {
    const segment = field.segments[at];
    if (typeof segment === 'string') return segment;
  }
  return undefined;
}

// Certain, as a scan entry's: the record says whose the field is, over a reading's veto (`rssi`, `transmitterIdType`).
const THIRD = finding(HEARD_TRANSMITTER, 'certain', ['third_party'], { of: 'structure' });
