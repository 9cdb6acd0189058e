import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * Records that are a secret's, whatever the secret's own key says:
 * - `secret-record`: a bare `key` in a record whose siblings describe a secret — how it authenticates or
 *   encrypts (`authentication: "wpa2-psk"`), its kind (`keyType`), its expiry or its revocation (an API key's
 *   or a setup key's `expires`, `revoked`) — is that secret (a Wi-Fi passphrase, an access key), not a
 *   lookup key. A `key` beside a `value` alone (a setting) has no such sibling;
 * - `relay-login`: a user name of a TURN or STUN relay (RFC 8489 long-term credentials, WebRTC's
 *   RTCIceServer `{urls, username, credential}`) is half of the relay's credential, often minted per
 *   session: credentials, not a person's user name.
 * Reads only keys: memoised per payload shape.
 */
export const SECRET_RECORD = 'secret-record';
export const RELAY_LOGIN = 'relay-login';

export const secretRecordExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [SECRET_RECORD]: (f) => `a key in a record that describes a secret (its "${f.facts.sibling}") → credentials`,
  [RELAY_LOGIN]: () => 'the user name of a TURN or STUN relay: half of the relay\'s credential, not a person\'s → credentials',
};

/** Siblings that describe a secret: its scheme, its kind, its life. */
const SECRET_SIGNS = new Set(['authentication', 'auth', 'encryption', 'encryption type', 'key type', 'key kind', 'expires',
  'expires at', 'expiry', 'expiration', 'expiration date', 'revoked', 'is revoked', 'revoked at']);
/** Words that name a relay of media between peers. */
const RELAY_WORDS = new Set(['turn', 'turns', 'stun', 'ice']);
const USER_KEYS = new Set(['username', 'user name', 'user']);

const signs = new BoundedMemo<boolean>(5_000, 256);
const describesASecret = (raw: string) => signs.get(raw, () => SECRET_SIGNS.has(readKey(raw).words.join(' ')));
const relays = new BoundedMemo<boolean>(5_000, 256);
const namesARelay = (raw: string) => relays.get(raw, () => readKey(raw).words.some((w) => RELAY_WORDS.has(w)));

export function secretRecords(fields: readonly ShapeField[], add: Add): void {
  let secrets: Map<string, string> | undefined;
  for (const field of fields) {
    if (field.key !== undefined && field.kind !== 'null' && describesASecret(field.key)) (secrets ??= new Map()).set(parentPath(field), field.key);
  }
  fields.forEach((field, index) => {
    const key = field.key;
    if (key === undefined || field.kind !== 'string') return;
    if (key === 'key') {
      const sibling = secrets?.get(parentPath(field));
      if (sibling !== undefined) add(index, secretFinding(sibling));
      return;
    }
    const words = readKey(key).words;
    const user = USER_KEYS.has(words.join(' ')) || USER_KEYS.has(words.slice(1).join(' '));
    if (!user || !field.segments.some((s) => typeof s === 'string' && namesARelay(s))) return;
    add(index, RELAY_LOGIN_FINDING);
    add(index, NOT_A_PERSON);
  });
}

const secretFindings = new BoundedMemo<Finding>(1_000, 64);
const secretFinding = (sibling: string) => secretFindings.get(sibling, () => finding(SECRET_RECORD, 'strong', ['credentials'], { of: 'structure', sibling }));
const RELAY_LOGIN_FINDING = finding(RELAY_LOGIN, 'strong', ['credentials'], { of: 'structure' });
const NOT_A_PERSON = finding(RELAY_LOGIN, 'veto', ['personal'], { of: 'structure' });
