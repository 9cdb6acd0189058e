import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey, singular } from './words.js';

/**
 * `heard-network`: a list named for radios (`wifiAccessPoints`, `bluetoothBeacons`, `visibleNetworks`,
 * `aps`) whose entries carry a radio address (a MAC, a BSSID, an SSID) and a received signal is what the
 * device heard around it: the neighbours' access points and beacons (docs/CORPUS.md: every field of a scan
 * entry is third_party). This is the shape network geolocation requests send — the W3C-era Google
 * Geolocation API and Mozilla Location Service (`wifiAccessPoints[*]: {macAddress, signalStrength, age,
 * channel, signalToNoiseRatio}`, `bluetoothBeacons[*]`) — and the shape of Android's `WifiManager` scan
 * results (`BSSID`, `SSID`, `level`, `frequency`). Unlike network-scan (records.ts) it accepts a list of
 * one entry and an address under any of these names, because the list's name already says what the
 * entries are. A list whose entries also carry what only a unit of the owner's has (a serial number, a
 * firmware or model: a mesh system's own access points) is left alone.
 *
 * In such an entry nothing is a person's (`age` is how old the observation is, not somebody's age) and
 * nothing is a place of the home (an access point is no position): those readings are vetoed, and an
 * access point's MAC is its BSSID, a network id rather than a device of the owner's.
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const HEARD_NETWORK = 'heard-network';

export const heardNetworkExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [HEARD_NETWORK]: (f) =>
    f.facts.bssid !== undefined
      ? 'the address of an access point in a scan of networks: its BSSID → network'
      : f.signal === 'veto'
      ? `a field of a ${f.facts.radio} the device heard: ${f.facts.not}`
      : `inside a list of ${f.facts.count} ${f.facts.radio}s the device heard (each with an address and a signal): a neighbour's → third_party`,
};

type Radio = 'access point' | 'beacon';

/** A list's key read as a plural of radios (`wifiAccessPoints` → access point, `bleBeacons` → beacon). */
const listRadios = new BoundedMemo<Radio | null>(5_000, 256);
function radioOfList(raw: string): Radio | undefined {
  const radio = listRadios.get(raw, () => {
    const words = readKey(raw).words;
    const head = words[words.length - 1] ?? '';
    // A plural: `networks`, not the device's own `network`.
    if (head === singular(head)) return null;
    const one = singular(head);
    if (one === 'beacon') return 'beacon';
    if (one === 'ap' || one === 'hotspot' || one === 'bssid' || (one === 'point' && words[words.length - 2] === 'access')) return 'access point';
    // `networks` alone is also a vendor's word for a home system (Blink): an address and a signal decide.
    if (one === 'network' && (words.length === 1 || RADIO_QUALIFIERS.has(words[0] ?? ''))) return 'access point';
    return null;
  });
  return radio ?? undefined;
}

const RADIO_QUALIFIERS = new Set(['wifi', 'wlan', 'wireless', 'visible', 'available', 'nearby', 'scanned', 'found', 'detected', 'seen', 'other', 'networks']);

type Part = 'address' | 'signal' | 'unit' | 'coordinate' | 'other';
/** What an entry's key is: a radio address, a received signal, something only an owned unit has. */
const parts = new BoundedMemo<Part>(5_000, 256);
function partOf(raw: string): Part {
  return parts.get(raw, () => {
    const words = readKey(raw).words;
    const joined = words.join(' ');
    if (ADDRESS.has(joined)) return 'address';
    if (words.includes('rssi') || words.includes('dbm') || SIGNAL.has(joined)) return 'signal';
    if (words.some((w) => UNIT_WORDS.has(w))) return 'unit';
    if (words.some((w) => COORDINATE_WORDS.has(w))) return 'coordinate';
    return 'other';
  });
}

/** Radio addresses as IEEE 802 and 802.11 name them, and as geolocation requests and scan results spell them. */
const ADDRESS = new Set(['mac', 'mac address', 'macaddress', 'bssid', 'ssid', 'essid', 'bd address', 'bdaddr', 'address']);
/** Received signal, as 802.11 scan results and geolocation requests name it. */
const SIGNAL = new Set(['signal', 'signal strength', 'signal level', 'level', 'quality', 'signal quality', 'signal to noise']);
/** What only a unit the owner runs reports (a mesh system's own access point); not `model`, which BLE decoders give heard devices. */
const UNIT_WORDS = new Set(['serial', 'firmware', 'uptime', 'hardware']);
/** A key only a unit the owner runs reports (`serial`, `firmwareVersion`, `model`): its list is no scan of neighbours. */
export function namesAnOwnedUnit(raw: string): boolean {
  return partOf(raw) === 'unit';
}

const COORDINATE_WORDS = new Set(['latitude', 'longitude', 'lat', 'lon', 'lng', 'coordinates', 'position', 'altitude']);

interface List {
  readonly radio: Radio;
  readonly entries: Set<number>;
  address: boolean;
  signal: boolean;
  unit: boolean;
}

/** The nearest list on a field's path named for radios, with the position of its index. */
function radioList(field: ShapeField): { at: number; radio: Radio } | undefined {
  for (let at = field.segments.length - 2; at > 0; at--) {
    const index = field.segments[at];
    if (typeof index !== 'number') continue;
    const list = field.segments[at - 1];
    if (typeof list !== 'string') return undefined;
    const radio = radioOfList(list);
    return radio === undefined ? undefined : { at, radio };
  }
  return undefined;
}

export function heardNetworks(fields: readonly ShapeField[], add: Add): void {
  let lists: Map<string, List> | undefined;
  const members: { index: number; list: string; part: Part }[] = [];
  fields.forEach((field, index) => {
    const key = field.key;
    if (key === undefined || field.kind === 'null' || field.kind === 'empty') return;
    const found = radioList(field);
    if (found === undefined) return;
    const path = prefixKey(field, found.at);
    const part = partOf(key);
    lists ??= new Map();
    const list = lists.get(path) ?? { radio: found.radio, entries: new Set<number>(), address: false, signal: false, unit: false };
    list.entries.add(field.segments[found.at] as number);
    // Only the entry's own keys say what the entry is (`aps[*].ssid`, not `aps[*].owner.mac`).
    if (found.at === field.segments.length - 2) {
      if (part === 'address') list.address = true;
      else if (part === 'signal') list.signal = true;
      else if (part === 'unit') list.unit = true;
    }
    lists.set(path, list);
    members.push({ index, list: path, part });
  });
  if (lists === undefined) return;
  for (const { index, list: path, part } of members) {
    const list = lists.get(path);
    if (list === undefined || !list.address || !list.signal || list.unit) continue;
    add(index, heard(list.radio, list.entries.size));
    if (part !== 'coordinate') add(index, NOT_A_PLACE_OR_PERSON);
    if (part === 'address' && list.radio === 'access point') add(index, NOT_OWN_DEVICE);
  }
}

/**
 * What the address of a scanned network's entry is (for network-scan, records.ts): a MAC or BSSID there is
 * the access point's BSSID — a network id, not a device of the owner's.
 */
export function scannedAddress(raw: string): readonly Finding[] {
  return partOf(raw) === 'address' && raw.toLowerCase() !== 'ssid' && raw.toLowerCase() !== 'essid' ? SCANNED_ADDRESS : NO_FINDINGS;
}

const heardFindings = new BoundedMemo<Finding>(1_024, 64);
function heard(radio: Radio, count: number): Finding {
  return heardFindings.get(`${radio}\u0000${count}`, () => finding(HEARD_NETWORK, 'certain', ['third_party'], { of: 'structure', radio, count: String(count) }));
}

const NOT_A_PLACE_OR_PERSON = finding(HEARD_NETWORK, 'veto', ['personal', 'location'], {
  of: 'structure', radio: 'radio', not: 'no person\'s data and no place of the home (not personal, not location)',
});
const NOT_OWN_DEVICE = finding(HEARD_NETWORK, 'veto', ['device'], {
  of: 'structure', radio: 'access point', not: 'its MAC is the BSSID of a neighbour\'s network, not a device of the owner\'s (not device)',
});

const BSSID = finding(HEARD_NETWORK, 'strong', ['network'], { of: 'structure', radio: 'access point', count: '1', bssid: 'yes' });
const SCANNED_ADDRESS: readonly Finding[] = Object.freeze([BSSID, NOT_OWN_DEVICE]);
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
