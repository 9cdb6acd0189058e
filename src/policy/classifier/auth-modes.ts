import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `auth-mode`: under a key about authentication or encryption (`auth`, `authmode`, `encryption`), a
 * value that is only the name of a security method — IEEE 802.11's (`OPEN`, `WEP`, `WPA2PSK`,
 * `WPAPSKWPA2PSK`, `SAE`, `OWE`, `EAP`), its ciphers (`TKIP`, `AES`, `CCMP`) — or a small enumeration
 * number (`auth: 0`, as a Wi-Fi scan reports it) says how a network or a link is protected, not the
 * secret that protects it (docs/CORPUS.md: algorithm names are not credentials).
 */
export const AUTH_MODE = 'auth-mode';

export const authModeExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [AUTH_MODE]: (f) => `the value under "${f.facts.words}" names a security method (${f.facts.method}), not a secret`,
};

const AUTH_WORDS = new Set(['auth', 'authentication', 'authmode', 'encryption', 'encrypt', 'encry', 'security', 'cipher', 'enc']);
/** IEEE 802.11 security methods and ciphers, as vendors spell them glued or separated (`WPA2-PSK`, `WPAPSKWPA2PSK`). */
const METHOD = /^(?:wpa[123]?|rsn|psk|wep|open|none|sae|owe|tkip|aes|ccmp|gcmp|eap|enterprise|personal|mixed|shared|auto|ft|[-_/+ ]|\d)+$/i;
const MAX_ENUM = 15;

const keys = new BoundedMemo<string | null>(5_000, 256);
/** The words of a key about authentication (`auth`, `auth mode`), or undefined; cached. */
function authWords(raw: string): string | undefined {
  const words = keys.get(raw, () => {
    let words: string | null;
    const read = readKey(raw).words;
    words = read.length <= 3 && read.some((w) => AUTH_WORDS.has(w)) ? read.join(' ') : null;
    return words;
  });
  return words ?? undefined;
}

export function planAuthModes(fields: readonly ShapeField[]): number[] | undefined {
  let planned: number[] | undefined;
  fields.forEach((field, index) => {
    const k = field.segments[field.segments.length - 1];
    if (typeof k === 'string' && (field.kind === 'string' || field.kind === 'number') && authWords(k) !== undefined) (planned ??= []).push(index);
  });
  return planned;
}

export function detectAuthModes(plan: readonly number[], fields: readonly PayloadField[], add: Add): void {
  for (const index of plan) {
    const field = fields[index];
    const k = field?.segments[field.segments.length - 1];
    if (field === undefined || typeof k !== 'string') continue;
    const value = field.value;
    const method =
      typeof value === 'number' ? (Number.isInteger(value) && value >= 0 && value <= MAX_ENUM ? 'an enumeration number' : undefined)
        : typeof value === 'string' && value.length <= 32 && METHOD.test(value) && !/^[\d\s]+$/.test(value) ? 'IEEE 802.11' : undefined;
    const words = authWords(k);
    if (method === undefined || words === undefined) continue;
    add(index, finding(AUTH_MODE, 'veto', ['credentials'], { of: 'structure', words, method }, 'all'));
  }
}
