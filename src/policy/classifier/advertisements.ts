import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { THING_WORDS } from './vocabulary.js';
import { readKey, singular } from './words.js';

/**
 * `heard-advertisement`: a record that reports one Bluetooth advertisement a receiver heard — its signal
 * strength (`rssi`) beside two or more parts of an advertisement — is somebody's or something's radio
 * the gateway picked up around it, not the owner's configuration: every field of the record is
 * third_party (docs/CORPUS.md: "nearby devices", every field of a scan entry), as radio-scan reads a
 * list of them. The parts are named as public specifications name them, not as any vendor's keys:
 * the Bluetooth Core Specification Supplement's advertising data types (Tx Power Level, Service Data,
 * Manufacturer Specific Data and its company identifier, Service UUIDs, Appearance, Advertising
 * Interval, LE address type), Apple's iBeacon fields (proximity UUID, major, minor, measured power),
 * Google's Eddystone frames (namespace, instance, URL, TLM) and the distance a receiver estimates
 * from the signal and the transmit power.
 * A record under a list or key named for the owner's things (`devices`, `sensors`) is left to them.
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const HEARD_ADVERTISEMENT = 'heard-advertisement';

export const advertisementExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [HEARD_ADVERTISEMENT]: (f) =>
    `a field of a Bluetooth advertisement a receiver heard (signal strength beside ${f.facts.parts} parts of an advertisement: a nearby device) → third_party`,
};

/** Parts of an advertisement, by the words of the specifications above (read after the key tokeniser). */
const ADVERTISEMENT_PARTS: ReadonlyMap<string, string> = new Map([
  ['tx power', 'tx power'], ['txpower', 'tx power'], ['tx power level', 'tx power'], ['tx pwr', 'tx power'], ['measured power', 'tx power'],
  ['service data', 'service data'], ['servicedata', 'service data'], ['service data uuid', 'service data'], ['servicedatauuid', 'service data'],
  ['manufacturer data', 'manufacturer data'], ['manufacturerdata', 'manufacturer data'], ['manufacturer specific data', 'manufacturer data'],
  ['mfid', 'company id'], ['manufacturer id', 'company id'], ['company id', 'company id'], ['company identifier', 'company id'],
  ['service uuid', 'service uuid'], ['service uuids', 'service uuid'], ['serviceuuid', 'service uuid'], ['serviceuuids', 'service uuid'],
  ['appearance', 'appearance'], ['adv interval', 'interval'], ['advertising interval', 'interval'],
  ['adv type', 'advertisement type'], ['advertisement type', 'advertisement type'], ['mac type', 'address type'],
  ['address type', 'address type'], ['addr type', 'address type'],
  ['major', 'major'], ['minor', 'minor'], ['proximity uuid', 'proximity uuid'],
  ['namespace', 'namespace'], ['instance', 'instance'], ['tlm', 'telemetry'], ['eddystone', 'eddystone'],
  ['distance', 'distance'],
]);

interface KeyReading {
  readonly rssi: boolean;
  readonly part: string | undefined;
}

const keyReadings = new BoundedMemo<KeyReading>(5_000, 256);
function readPart(raw: string): KeyReading {
  return keyReadings.get(raw, () => {
    const words = readKey(raw).words;
    const joined = words.join(' ');
    return { rssi: words.length <= 2 && words.includes('rssi'), part: ADVERTISEMENT_PARTS.get(joined) };
  });
}

const ownThings = new BoundedMemo<boolean>(5_000, 256);
/** A record's own key or its list's key naming the owner's things (`devices[3]`, `sensor`). */
function namedAsOwnThing(field: ShapeField): boolean {
  const n = field.segments.length;
  const above = field.segments[n - 2];
  const holder = typeof above === 'number' ? field.segments[n - 3] : above;
  if (typeof holder !== 'string') return false;
  return ownThings.get(holder, () => {
    const words = readKey(holder).words;
    return words[0] !== 'nearby' && THING_WORDS.has(singular(words[words.length - 1] ?? ''));
  });
}

export function heardAdvertisements(fields: readonly ShapeField[], add: Add): void {
  let records: Map<string, { rssi: boolean; parts: Set<string> }> | undefined;
  for (const field of fields) {
    const key = field.key;
    if (key === undefined || field.kind === 'null' || typeof field.segments[field.segments.length - 1] !== 'string') continue;
    const reading = readPart(key);
    if (!reading.rssi && reading.part === undefined) continue;
    records ??= new Map();
    const record = parentPath(field);
    const entry = records.get(record) ?? { rssi: false, parts: new Set<string>() };
    if (reading.rssi) entry.rssi = true;
    if (reading.part !== undefined) entry.parts.add(reading.part);
    records.set(record, entry);
  }
  if (records === undefined) return;
  let heard: Map<string, Finding> | undefined;
  for (const [record, entry] of records) {
    if (!entry.rssi || entry.parts.size < 2) continue;
    (heard ??= new Map()).set(record, finding(HEARD_ADVERTISEMENT, 'certain', ['third_party'], { of: 'structure', parts: String(entry.parts.size) }));
  }
  if (heard === undefined) return;
  fields.forEach((field, index) => {
    if (field.kind === 'null' || field.kind === 'empty' || typeof field.segments[field.segments.length - 1] !== 'string') return;
    const found = heard?.get(parentPath(field));
    if (found !== undefined && !namedAsOwnThing(field)) add(index, found);
  });
}
