import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import type { ShapeField } from './shape.js';
import { endsWithRecordToken } from './credential-vocabulary.js';
import { readKey } from './words.js';

/**
 * `key-material`: secrets by the shape of the value under a key named for a secret's role. A value with
 * the length of a key (hex of 128 to 512 bits, base64 of 16, 24 or 32 bytes) under a key whose last word
 * is a secret's role (`key`, `secret`, `code`, `pin`, `pass`, `token`, `sig`; also glued: `authkey`,
 * `ttcode`) is that secret wherever it sits (`key: {key: "0123…cde"}`), even where the key alone says
 * nothing (`key` under `key`). Keys that name what is public about a secret (its id, algorithm, type,
 * expiry, length) never count.
 */
export const KEY_MATERIAL = 'key-material';

export const keyMaterialExplanations: Readonly<Record<string, (f: Finding) => string>> = {
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
  if (head === undefined || words.some((w) => NOT_SECRET_WORDS.has(w)) || endsWithRecordToken(words)) return null;
  if (ROLE_WORDS.has(head)) return { role: head };
  const glued = GLUED_ROLES.find((role) => head.length > role.length + 1 && head.endsWith(role));
  return glued === undefined ? null : { role: glued };
}

/** Strings with the length of a key under a key named for a secret's role. */
export function keyMaterials(fields: readonly PayloadField[], add: Add): void {
  fields.forEach((field, index) => {
    const key = lastKey(field);
    if (typeof key !== 'string' || typeof field.value !== 'string') return;
    const shape = keyMaterial(field.value);
    if (shape === undefined) return;
    const role = secretRoleOf(key);
    // Certain: the length of a key under a secret's name outweighs the key's weak or generic readings.
    if (role !== undefined) add(index, finding(KEY_MATERIAL, 'certain', ['credentials'], { of: 'structure', role, shape }));
  });
}

/** Plan of `keyMaterials`: texts under a key named for a secret's role. */
export function keyMaterialFields(fields: readonly ShapeField[]): number[] | undefined {
  let named: number[] | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (field.kind === 'string' && typeof key === 'string' && secretRoleOf(key) !== undefined) (named ??= []).push(index);
  });
  return named;
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
