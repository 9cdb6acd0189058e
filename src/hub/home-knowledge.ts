import type { DataCategory, HomeKnowledge, KnownValue } from '../policy/index.js';
import { HomeFrameSchema, type HomeFrame } from './protocol.js';

/** A home zone smaller than this (or none) still counts a coordinate this close as home. */
export const MIN_HOME_RADIUS_METRES = 100;
/** Shorter texts ("1", "tv", "ok") would match half of all payloads: they are not remembered. */
const MIN_TEXT_LENGTH = 4;
/** The frame's longest text (HomeFrameSchema): anything longer cannot match, and is not even lower-cased. */
const MAX_TEXT_LENGTH = 255;
/** Registry identifiers are often short counters or words ("1", "home", "hub"): only distinctive ones count. */
const MIN_IDENTIFIER_LENGTH = 6;
/** What integrations write when they do not know a serial number. */
const PLACEHOLDERS = new Set(['unknown', 'none', 'null', 'n/a', 'undefined', 'default', '0000', '00000000', '000000000000']);
const EARTH_RADIUS_METRES = 6_371_008.8;
const MAX_LABEL_NAME = 60;

const CONNECTION_LABELS: Record<string, string> = {
  mac: 'the MAC address',
  bluetooth: 'the Bluetooth address',
  zigbee: 'the Zigbee address',
};

export interface HomeKnowledgeSummary {
  readonly etag: string | undefined;
  readonly zone: boolean;
  readonly persons: number;
  readonly devices: number;
  /** Distinct texts lookup() recognises. */
  readonly values: number;
}

export type HomeFrameResult =
  | { readonly kind: 'applied' | 'unchanged'; readonly etag: string }
  | { readonly kind: 'malformed'; readonly reason: string };

/**
 * What Home Assistant knows about the home, as the classifier asks it (HomeKnowledge). Filled from the
 * integration's subscribe_home frames; held in memory only, never written to disk or the ledger: it is
 * made of raw names, serial numbers and MACs. Until a frame arrives it knows nothing.
 */
export class HomeKnowledgeStore implements HomeKnowledge {
  private texts = new Map<string, KnownValue>();
  /** Hex digits only, lower case: a MAC matches however it is written. */
  private hardware = new Map<string, KnownValue>();
  private zone: HomeFrame['zone'] = null;
  private counts = { persons: 0, devices: 0 };
  private etag: string | undefined;
  /** Counts the changes of what lookup() answers (HomeKnowledge.generation): the classifier's memo of lookups is good while it holds. */
  private changes = 0;

  get generation(): number {
    return this.changes;
  }

  /** Validates a subscribe_home event at the edge and puts it in force; a malformed one changes nothing. */
  accept(event: unknown): HomeFrameResult {
    const parsed = HomeFrameSchema.safeParse(event);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(frame)'}: ${issue.message}`);
      return { kind: 'malformed', reason: `not a home knowledge frame (${problems.slice(0, 3).join('; ')})` };
    }
    if (parsed.data.etag === this.etag) return { kind: 'unchanged', etag: parsed.data.etag };
    this.replace(parsed.data);
    return { kind: 'applied', etag: parsed.data.etag };
  }

  /** Forgets everything (the hub stops). */
  clear(): void {
    this.texts = new Map();
    this.hardware = new Map();
    this.zone = null;
    this.counts = { persons: 0, devices: 0 };
    this.etag = undefined;
    this.changes++;
  }

  lookup(text: string): KnownValue | undefined {
    if (text.length < MIN_TEXT_LENGTH || text.length > MAX_TEXT_LENGTH * 2) return undefined;
    const trimmed = text.trim();
    if (trimmed.length < MIN_TEXT_LENGTH || trimmed.length > MAX_TEXT_LENGTH) return undefined;
    const digits = hardwareDigits(trimmed);
    const known = digits === undefined ? undefined : this.hardware.get(digits);
    return known ?? this.texts.get(trimmed.toLowerCase());
  }

  metresFromHome(latitude: number, longitude: number): number | undefined {
    if (this.zone === null || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
    return haversineMetres(this.zone.latitude, this.zone.longitude, latitude, longitude);
  }

  get homeRadiusMetres(): number {
    return Math.max(MIN_HOME_RADIUS_METRES, this.zone?.radius ?? 0);
  }

  summary(): HomeKnowledgeSummary {
    return { etag: this.etag, zone: this.zone !== null, ...this.counts, values: this.texts.size + this.hardware.size };
  }

  private replace(frame: HomeFrame): void {
    const texts = new Map<string, KnownValue>();
    const hardware = new Map<string, KnownValue>();
    // First come, first kept: the most specific knowledge is added first.
    const remember = (value: string, category: DataCategory, label: string, minLength = MIN_TEXT_LENGTH): void => {
      const trimmed = value.trim();
      const key = trimmed.toLowerCase();
      if (trimmed.length < minLength || PLACEHOLDERS.has(key)) return;
      const digits = hardwareDigits(trimmed);
      const table = digits === undefined ? texts : hardware;
      const at = digits ?? key;
      if (!table.has(at)) table.set(at, { category, label });
    };
    for (const device of frame.devices) {
      const name = labelName(device.names[0]);
      if (device.serial_number !== null) remember(device.serial_number, 'device', `the serial number of ${name} in Home Assistant`);
      for (const [type, value] of device.connections) {
        const what = CONNECTION_LABELS[type];
        remember(value, what === undefined ? 'device' : 'network', `${what ?? `the ${type} id`} of ${name} in Home Assistant`);
      }
    }
    for (const device of frame.devices) {
      const name = labelName(device.names[0]);
      for (const [domain, value] of device.identifiers) {
        remember(value, 'device', `the ${domain} identifier of ${name} in Home Assistant`, MIN_IDENTIFIER_LENGTH);
      }
    }
    for (const person of frame.persons) {
      remember(person.name, 'personal', 'the name of a person in Home Assistant');
      if (person.user !== null) remember(person.user, 'personal', 'the name of a Home Assistant user');
    }
    for (const device of frame.devices) {
      for (const name of device.names) remember(name, 'device', 'the name of a device in Home Assistant');
    }
    this.texts = texts;
    this.hardware = hardware;
    this.zone = frame.zone;
    this.counts = { persons: frame.persons.length, devices: frame.devices.length };
    this.etag = frame.etag;
    this.changes++;
  }
}

/**
 * The hex digits of a MAC (EUI-48) or EUI-64 written in any usual way — `AA:BB:…`, `aa-bb-…`,
 * `aabb.ccdd.eeff`, `aabbccddeeff` — lower case; undefined for anything else.
 */
export function hardwareDigits(text: string): string | undefined {
  if (!/^[0-9a-f]{2}(?:[:.\- ]?[0-9a-f]{2})+$/i.test(text) && !/^[0-9a-f]{4}(?:\.[0-9a-f]{4}){2,3}$/i.test(text)) return undefined;
  const digits = text.replace(/[:.\- ]/g, '').toLowerCase();
  return digits.length === 12 || digits.length === 16 ? digits : undefined;
}

/** Great-circle distance on a spherical Earth (haversine): metres, accurate to well under 1% at home scale. */
export function haversineMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
}

function labelName(name: string | undefined): string {
  if (name === undefined) return 'a device';
  return name.length > MAX_LABEL_NAME ? `${name.slice(0, MAX_LABEL_NAME - 1)}…` : name;
}
