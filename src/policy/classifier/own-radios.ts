import { BoundedMemo } from '../../memo.js';
import { namesAnOwnedUnit } from './heard-networks.js';
import { readKey, type KeyWords } from './words.js';

/**
 * A list of radio records that names networks (`radios[*]: {bssid, settings: {ssid, wpaPersonalSettings:
 * {passphrase}}}`) is the owner's own access points when an entry holds what only whoever runs the network
 * knows: its passphrase or pre-shared key (IEEE 802.11i PSK, WPA "passphrase"; nobody's scan hears a
 * neighbour's secret), or what only an owned unit reports (a serial, a firmware: heard-networks.ts). Such a
 * list is no scan of the neighbourhood (network-scan, records.ts), so its leaves are not third_party.
 * Reads only keys: memoised per key.
 */
const SECRET_PHRASES = new Set(['passphrase', 'password', 'psk', 'pre shared key', 'preshared key', 'wpa key', 'wpa psk',
  'network key', 'wifi password', 'wifi key', 'security key']);

const owning = new BoundedMemo<boolean>(5_000, 256);
/** True when a key inside a radio record says the record is the owner's own network (its secret, its unit's facts). */
export function namesOwnRadio(raw: string): boolean {
  return owning.get(raw, () => {
    const words = readKey(raw).words;
    return SECRET_PHRASES.has(words.join(' ')) || SECRET_PHRASES.has(words[words.length - 1] ?? '') || namesAnOwnedUnit(raw);
  });
}

/**
 * A key inside a scan that names the scanning itself (`scan_interval`, `scanWindow`, `one_scan_time`: the
 * Bluetooth Core specification's LE Scan Interval and LE Scan Window, a Wi-Fi scan's dwell time) is how the
 * owner's receiver listens, a setting of their device: no neighbour's data (the scan container's third_party
 * reading does not reach it). What an entry of the scan heard is keyed by what it is (`rssi`, `bssid`).
 */
export function namesScanning(key: KeyWords | undefined): boolean {
  return key !== undefined && key.words.some((w) => w === 'scan' || w === 'scanning');
}

/**
 * A scan container that lists nothing on the way to the field (`pool.scan.state`, `scan.percentage`: no entry
 * index or keyed entry between `scan` and the key) is the scanning job's own record (a disk scrub's, a
 * receiver's sweep: its state, progress, start, end and errors), not something a scan heard. What a radio scan
 * heard comes as entries (`scan[*].bssid`, `scan.results[*].rssi`, `scan.{mac}.rssi`): those keep third_party.
 */
export function scanJobRecord(container: string, listsEntries: boolean): boolean {
  return !listsEntries && container.split(' ').includes('scan');
}
