import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { detectKeyWords } from './key-detectors.js';
import { readKey } from './words.js';

/**
 * Secrets recognised by the role a value plays rather than by the vendor's word for it:
 * - `secret-role`: in a record that signs somebody in, pairs or binds (it holds a login identity such as
 *   an e-mail, a user name or an account, or a password or token), a value under a key whose last word is
 *   a secret's role (`code`, `key`, `pin`, `pass`, `secret`, `sig`; also glued: `ttcode`, `authkey`)
 *   is that secret, even where `code` alone would be an error or a status code;
 * - `key-material`: a value with the length of a key (hex of 128 to 512 bits, base64 of 16, 24 or 32
 *   bytes) under such a key anywhere (`key: {key: "0123…cde"}`).
 * Keys that name what is public about a secret (its id, algorithm, type, expiry, length) never count.
 */
export const SECRET_ROLE = 'secret-role';
export const KEY_MATERIAL = 'key-material';

export const secretRoleExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [SECRET_ROLE]: (f) => `a ${f.facts.role} in a record that signs somebody in (beside ${f.facts.sibling}) → credentials`,
  [KEY_MATERIAL]: (f) => `${f.facts.shape} (the length of a key) under a key named for a ${f.facts.role} → credentials`,
};

type Add = (index: number, f: Finding) => void;
const lastKey = (field: PayloadField) => field.segments[field.segments.length - 1];

/** Last words of keys that name the role of a secret. */
const ROLE_WORDS = new Set(['code', 'key', 'pin', 'pass', 'password', 'passwd', 'pwd', 'secret', 'token', 'sig', 'signature',
  'otp', 'passcode', 'passphrase', 'cred', 'creds', 'credential', 'credentials']);
/** Glued roles (`ttcode`, `authkey`, `userpass`): a compound ending with one of these. */
const GLUED_ROLES = ['code', 'key', 'pass', 'pwd', 'secret', 'token', 'pin'];
/** Words that make a key about a secret's public parts, or about something else that ends the same way. */
const NOT_SECRET_WORDS = new Set(['id', 'ids', 'kid', 'type', 'types', 'alg', 'algorithm', 'expires', 'expiry', 'expiration', 'ttl',
  'length', 'len', 'size', 'version', 'name', 'hint', 'format', 'url', 'uri', 'country', 'region', 'area', 'zip', 'postal',
  'post', 'status', 'error', 'err', 'result', 'response', 'reason', 'lang', 'language', 'currency', 'color', 'colour', 'product',
  'model', 'public', 'pub', 'fingerprint', 'scope', 'state', 'enabled', 'enable', 'required', 'set', 'has', 'is', 'valid',
  'validity', 'strength', 'policy', 'mode', 'method', 'label', 'description', 'qr', 'bar', 'barcode', 'zone', 'time', 'date',
  'hot', 'api', 'app', 'sort', 'group', 'family', 'category', 'tariff', 'message', 'msg', 'display', 'unit', 'units', 'index']);
/** What a login identity is called: a record holding one is where somebody signs in. */
const IDENTITY_WORDS = new Set(['email', 'e mail', 'email address', 'mail', 'user name', 'username', 'login', 'login id',
  'login name', 'account', 'account name', 'account email', 'user email', 'phone', 'phone number', 'mobile', 'user',
  'user id', 'account id', 'uid', 'user uuid']);

interface Role {
  readonly role: string;
}
const roleCache = new Map<string, Role | null>();

/** The secret role a key names, if any. */
export function secretRoleOf(key: string): string | undefined {
  let role = roleCache.get(key);
  if (role === undefined) {
    role = readRole(key);
    if (roleCache.size >= 5_000) roleCache.clear();
    roleCache.set(key, role);
  }
  return role?.role;
}

function readRole(key: string): Role | null {
  if (key.length > 64) return null;
  const words = readKey(key, false).words;
  const head = words[words.length - 1];
  if (head === undefined || words.some((w) => NOT_SECRET_WORDS.has(w))) return null;
  if (ROLE_WORDS.has(head)) return { role: head };
  const glued = GLUED_ROLES.find((role) => head.length > role.length + 1 && head.endsWith(role));
  return glued === undefined ? null : { role: glued };
}

/** What the records of a payload hold: a login identity or a named secret, by record path. */
function authRecords(fields: readonly PayloadField[]): Map<string, string> | undefined {
  let records: Map<string, string> | undefined;
  for (const field of fields) {
    const key = lastKey(field);
    if (typeof key !== 'string' || field.value === null || field.value === '' || typeof field.value === 'boolean') continue;
    const sign = authSign(key);
    if (sign === undefined) continue;
    records ??= new Map();
    const record = prefixKey(field, -1);
    if (!records.has(record)) records.set(record, sign);
  }
  return records;
}

const signCache = new Map<string, string | null>();
/** `a login identity` or `a named secret`, from a sibling key. */
function authSign(key: string): string | undefined {
  let sign = signCache.get(key);
  if (sign === undefined) {
    const found = detectKeyWords(readKey(key)).filter((f) => f.signal === 'strong');
    sign = found.some((f) => f.categories.includes('credentials'))
      ? 'a named secret'
      : found.some((f) => f.categories.includes('personal') && IDENTITY_WORDS.has(f.facts.words ?? ''))
        ? 'a login identity'
        : null;
    if (signCache.size >= 5_000) signCache.clear();
    signCache.set(key, sign);
  }
  return sign ?? undefined;
}

/** A value a secret could be: text of three characters or more, or a number of four digits or more (a PIN). */
const STATUS_WORDS = /^(?:ok|okay|success|succeeded|fail|failed|failure|error|true|false|none|null|n\/a)$/i;
function secretLike(value: PayloadField['value']): boolean {
  if (typeof value === 'string') return value.length >= 3 && value.length <= 4096 && !STATUS_WORDS.test(value);
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) >= 1000;
}

export function secretRoles(fields: readonly PayloadField[], add: Add): void {
  const records = authRecords(fields);
  fields.forEach((field, index) => {
    const key = lastKey(field);
    if (typeof key !== 'string' || !secretLike(field.value)) return;
    const role = secretRoleOf(key);
    if (role === undefined) return;
    const shape = typeof field.value === 'string' ? keyMaterial(field.value) : undefined;
    if (shape !== undefined) {
      add(index, finding(KEY_MATERIAL, 'certain', ['credentials'], { of: 'structure', role, shape }));
      return;
    }
    const sign = records?.get(prefixKey(field, -1));
    // `code` is otherwise an error or a status code (negative vocabulary): the record's role outweighs it.
    if (sign !== undefined) add(index, finding(SECRET_ROLE, 'certain', ['credentials'], { of: 'structure', role, sibling: sign }));
  });
}

const HEX = /^[0-9a-f]+$/i;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const HEX_KEY_LENGTHS = new Set([32, 40, 48, 64, 96, 128]);
/** Base64 of 16, 24 and 32 bytes, padded or not. */
const BASE64_KEY_LENGTHS = new Set([22, 24, 32, 43, 44]);

/** `hex of 128 bits`, `base64 of 32 bytes`: a string with the length of a symmetric key or a digest. */
export function keyMaterial(value: string): string | undefined {
  if (HEX_KEY_LENGTHS.has(value.length) && HEX.test(value) && /\d/.test(value) && /[a-f]/i.test(value)) return `hex of ${value.length * 4} bits`;
  if (BASE64_KEY_LENGTHS.has(value.length) && BASE64.test(value) && /\d/.test(value) && /[A-Z]/.test(value) && /[a-z]/.test(value)) {
    const bytes = Math.floor((value.replace(/=+$/, '').length * 3) / 4);
    return `base64 of ${bytes} bytes`;
  }
  return undefined;
}
