import { BoundedMemo } from '../../memo.js';
import { namesAnOwnedUnit } from './heard-networks.js';
import { readKey } from './words.js';

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
