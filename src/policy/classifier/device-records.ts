import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { isTimeKey } from './key-detectors.js';
import { parentPath, prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { DEVICE_THING_WORDS } from './vocabulary.js';
import { readKey, singular } from './words.js';

/**
 * `device-record`: a record that describes a unit the way a device describes itself — the attributes of
 * Matter's Basic Information cluster (VendorName, ProductName, ProductID, HardwareVersion,
 * SoftwareVersion, PartNumber, SerialNumber) and of Zigbee's Basic cluster (ZCLVersion,
 * ApplicationVersion, StackVersion, HWVersion, ManufacturerName, ModelIdentifier, DateCode,
 * PowerSource, SWBuildID) — is a device, whatever the vendor calls it: two or more such keys make its
 * own `id`/`uuid` this unit's id and its `parentId` the id of the unit it hangs off (a hub, a base
 * station). A section named for the build or the product (`firmware: {…}`) is one such key of its record,
 * and the payload's top record needs only its model (a unit reporting itself). Weak: what the key or the value says comes first. Also by morphology anywhere: an id
 * abbreviation glued to a device word (`deviceGid`, `meterOid`), a `physicalId`, a `fabNumber`
 * (a fabrication number is a serial). And a number under a device's `key` (`device_key: 25343495`,
 * `vehicleKey`, as IoT platforms number their units) is that unit's id, not a secret: a secret's key is
 * text (hex, base64), so the number vetoes the key's credentials reading. Reads only keys and value
 * kinds: memoised per payload shape. A `clientId` in a record described as a unit is the unit's client
 * id, not an owner's app's: device, and the personal reading of `client id` is vetoed. (An MQTT
 * session's fields — keep alive, clean session, a will — do not say it: a phone app such as OwnTracks
 * opens one too, and its client id is the owner's.)
 */
export const DEVICE_RECORD = 'device-record';

export const deviceRecordExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [DEVICE_RECORD]: (f) =>
    f.facts.node !== undefined
      ? `a number under "${f.facts.key}" is the address a network gave the node, not the unit's identity → network`
      : f.facts.addressed !== undefined
      ? `"${f.facts.key}" beside a hardware address ("${f.facts.addressed}") is a network client's id, not an app's → device`
      : f.facts.sibling !== undefined
      ? `"${f.facts.key}" of a record that describes a unit (its "${f.facts.sibling}", as a device's basic information does) → device`
      : f.signal === 'veto'
      ? `a number under "${f.facts.key}" numbers a unit: not a secret`
      : f.facts.numbered !== undefined
      ? `a number under "${f.facts.key}" is the unit's number (a secret's key is text) → device`
      : `key "${f.facts.key}" names a unit's own identifier → device`,
};

/** The software and hardware a unit reports (first word) and how (last word): `firmware_version`, `hwRev`. */
const BUILD_PARTS = new Set(['firmware', 'software', 'hardware', 'hw', 'sw', 'zcl', 'stack', 'application', 'app']);
const BUILD_HEADS = new Set(['version', 'type', 'rev', 'revision', 'build', 'build id']);
const DESCRIPTOR_PHRASES = new Set(['model', 'model id', 'model name', 'model number', 'model identifier', 'product id',
  'product name', 'product type', 'product label', 'vendor name', 'vendor id', 'manufacturer', 'manufacturer name',
  'part number', 'date code', 'power source', 'serial', 'serial number',
  // What rtl_433's data format has every decoder report of the radio sensor a message came from: the check the
  // frame passed (`mic`: CRC, checksum, parity) and its battery state (`battery_ok`), beside its `model` and `id`.
  'mic', 'battery ok',
  // A vehicle's or an appliance's maker as its record names it (`{id, make, model, year}`).
  'make']);
const OWN_IDS = new Set(['id', '_id', 'uuid', 'guid']);
/**
 * A host's hardware address: a record holding one beside a client id is a network client (a DHCP lease's
 * `clientID`, RFC 2132 option 61, is the hardware type and the MAC), not an owner's app.
 */
const HARDWARE_ADDRESS_PHRASES = new Set(['mac', 'mac address', 'macaddr', 'hardware address', 'hw addr', 'hwaddr']);
/** Id abbreviations the vocabulary does not expand: a group's, an object's, a node's, an entity's id. */
const ID_ABBREVIATIONS = new Set(['gid', 'oid', 'nid', 'eid']);
const SERIAL_PHRASES = new Set(['physical id', 'fab number', 'fabrication number']);

const MODEL_PHRASES = new Set(['model', 'model id', 'model name', 'model number', 'model identifier']);
/**
 * Sections of a record that describe the unit it is (`{id, firmware: {currentFwVersion}, product:
 * {serialNumber, name}}`, myUplink's and many clouds' device objects): a section named for the unit's
 * build or product counts as one descriptor of the record that holds it.
 */
const UNIT_SECTIONS = new Set(['product', 'product info', 'hardware', 'hardware info', 'firmware', 'firmware info', 'software',
  'model', 'model info', 'versions', 'build']);
/** What a key says of its record: it describes a unit, it names the model, it may head a section describing one. */
const DESCRIBES = 1;
const NAMES_MODEL = 2;
const SECTION = 4;
const descriptors = new BoundedMemo<number>(5_000, 128);

function descriptorKind(raw: string): number {
  return descriptors.get(raw, readDescriptorKind);
}

function readDescriptorKind(raw: string): number {
  const all = readKey(raw).words;
  // The unit named first is the record's own (`deviceModel`, `device_serial`, `unitFirmwareVersion`).
  const words = all.length >= 2 && DEVICE_THING_WORDS.has(singular(all[0] ?? '')) ? all.slice(1) : all;
  const phrase = words.join(' ');
  const head = words.slice(1).join(' ');
  // A bare `fw` or `firmware` is the build too (`{id, model, fw, hw}`).
  const describes = DESCRIPTOR_PHRASES.has(phrase) || (BUILD_PARTS.has(words[0] ?? '') && (BUILD_HEADS.has(head) || words.length === 1));
  return (describes ? DESCRIBES | SECTION : 0) | (MODEL_PHRASES.has(phrase) ? NAMES_MODEL : 0) | (UNIT_SECTIONS.has(phrase) ? SECTION : 0);
}

const describesAUnit = (raw: string): boolean => (descriptorKind(raw) & DESCRIBES) !== 0;

type IdKind = 'own' | 'parent' | 'unit' | 'numbered' | 'client' | 'node';
const ownIds = new Map<string, IdKind | null>();
/** What an id key is: the record's own, its parent unit's, or a unit's by its own words. */
function idKind(raw: string): IdKind | undefined {
  let known = ownIds.get(raw);
  if (known === undefined) {
    const words = readKey(raw).words;
    const phrase = words.join(' ');
    const last = words[words.length - 1] ?? '';
    const thing = words.length >= 2 && DEVICE_THING_WORDS.has(singular(words[words.length - 2] ?? ''));
    known = OWN_IDS.has(raw) ? 'own'
      : phrase === 'parent id' || phrase === 'parent device id' ? 'parent'
      : SERIAL_PHRASES.has(phrase) || (thing && ID_ABBREVIATIONS.has(last)) ? 'unit'
      : thing && last === 'key' ? 'numbered'
      : phrase === 'client id' || phrase === 'mqtt client id' ? 'client'
      : phrase === 'node id' ? 'node'
      : null;
    if (ownIds.size >= 5_000) ownIds.clear();
    ownIds.set(raw, known);
  }
  return known ?? undefined;
}

interface Described {
  count: number;
  sibling: string;
  /** A descriptor names the model (`model`, `deviceModel`): what only a unit has, unlike an app's build. */
  model: boolean;
}

function count(described: Map<string, Described>, record: string, sibling: string): Map<string, Described> {
  const entry = described.get(record) ?? { count: 0, sibling, model: false };
  entry.count++;
  entry.model ||= (descriptorKind(sibling) & NAMES_MODEL) !== 0;
  described.set(record, entry);
  return described;
}

/**
 * Whether a record's descriptors make it a unit's: two of them, or at the payload's top one that names the
 * model in a stamped report — a unit reporting itself (rtl_433's message of a radio sensor: `{time, model, id}`,
 * a cloud's device document with its `timestamp`) names its model once and says when, where a catalogue entry
 * (`{id, model, price}`) or a record inside a payload, which may list products, does not. An app's build
 * (`appVersion`) at the top is the sending app's, not a unit's.
 */
function describedAsAUnit(record: Described | undefined, field: ShapeField, stamped: boolean): record is Described {
  if (record === undefined) return false;
  return record.count >= 2 || (field.segments.length === 1 && record.model && stamped);
}

export function deviceRecords(fields: readonly ShapeField[], add: Add): void {
  let candidates: { index: number; key: string; kind: IdKind }[] | undefined;
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index];
    const key = field?.key;
    if (field === undefined || key === undefined || (field.kind !== 'string' && field.kind !== 'number')) continue;
    const kind = idKind(key);
    if (kind === 'numbered') {
      if (field.kind !== 'number') continue;
      add(index, finding(DEVICE_RECORD, 'certain', ['device'], { of: 'structure', key, numbered: 'yes' }));
      add(index, finding(DEVICE_RECORD, 'veto', [], { of: 'structure', key }, 'all'));
      continue;
    }
    if (kind === 'node') {
      // A node's number is the address the network gave it when it joined (a Matter fabric's operational node
      // id, a Z-Wave node id): a network id, not the unit's own identity, which is text (`nodeId: "nEXNDUS4321"`).
      if (field.kind !== 'number') continue;
      add(index, finding(DEVICE_RECORD, 'strong', ['network'], { of: 'structure', key, node: 'yes' }));
      add(index, finding(DEVICE_RECORD, 'veto', ['device'], { of: 'structure', key, node: 'yes' }));
      continue;
    }
    if (kind !== undefined) (candidates ??= []).push({ index, key, kind });
  }
  if (candidates === undefined) return;
  // Records described as a unit: two or more descriptor keys among their leaves.
  let described: Map<string, Described> | undefined;
  let addressed: Map<string, string> | undefined;
  let sections: Set<string> | undefined;
  // The top record says when it reports (a report time, not a record's creation or update).
  let stamped = false;
  for (const field of fields) {
    const key = field.key;
    if (key === undefined || field.kind === 'null') continue;
    if (field.segments.length === 1 && !stamped && isTimeKey(key)) stamped = true;
    if (field.kind === 'string' && HARDWARE_ADDRESS_PHRASES.has(readKey(key).words.join(' '))) (addressed ??= new Map()).set(parentPath(field), key);
    const section = field.segments[field.segments.length - 2];
    if (typeof section === 'string' && (descriptorKind(section) & SECTION) !== 0) {
      // One count per section, however many leaves it holds: the section is one descriptor of its record.
      const path = parentPath(field);
      if (!(sections ??= new Set()).has(path)) {
        sections.add(path);
        described = count(described ??= new Map(), prefixKey(field, -2), section);
      }
    }
    if (describesAUnit(key)) described = count(described ??= new Map(), parentPath(field), key);
  }
  for (const { index, key, kind } of candidates) {
    const field = fields[index];
    if (field === undefined) continue;
    if (kind === 'unit') {
      add(index, finding(DEVICE_RECORD, 'weak', ['device'], { of: 'structure', key }));
      continue;
    }
    const hardware = kind === 'client' ? addressed?.get(parentPath(field)) : undefined;
    if (hardware !== undefined) {
      add(index, finding(DEVICE_RECORD, 'certain', ['device'], { of: 'structure', key, addressed: hardware }));
      add(index, finding(DEVICE_RECORD, 'veto', [], { of: 'structure', key }, 'all'));
      continue;
    }
    const record = described?.get(parentPath(field));
    if (!describedAsAUnit(record, field, stamped)) continue;
    if (kind === 'client') {
      // The unit's own client id: not the id of an owner's app (personal), so that reading is vetoed.
      add(index, finding(DEVICE_RECORD, 'certain', ['device'], { of: 'structure', key, sibling: record.sibling }));
      add(index, finding(DEVICE_RECORD, 'veto', [], { of: 'structure', key }, 'all'));
    } else add(index, finding(DEVICE_RECORD, 'weak', ['device'], { of: 'structure', key, sibling: record.sibling }));
  }
}
