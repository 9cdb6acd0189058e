import { finding, type Finding } from './detector.js';
import type { KeyWords } from './words.js';

/**
 * `glued-ssid`: a one-word key that ends in `ssid` glued to a qualifier (`wssid`, `reqssid`, `lastssid`,
 * `apssid`) names a Wi-Fi network as `ssid` does (IEEE 802.11's SSID and BSSID); the tokeniser cannot split
 * the qualifier off, the vocabulary reads only `ssid` and `bssid` whole. Reads only the key.
 */
export const GLUED_SSID = 'glued-ssid';

export const networkKeyExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [GLUED_SSID]: () => 'key ends in "ssid" (a Wi-Fi network\'s name or its access point) → network',
};

const GLUED = finding(GLUED_SSID, 'strong', ['network'], { of: 'key' });

export function detectGluedSsid(key: KeyWords): Finding | undefined {
  if (key.words.length !== 1) return undefined;
  const word = key.words[0] ?? '';
  return word.length > 5 && word.endsWith('ssid') ? GLUED : undefined;
}
