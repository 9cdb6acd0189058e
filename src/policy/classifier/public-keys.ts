import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `public-key`: the public half of a key pair and a certificate are made to be handed out (X.509, RFC
 * 5280; a Matter fabric's root public key and trusted root certificates; WireGuard's and Tailscale's
 * public keys), so they open nothing: no secret (docs/CORPUS.md: credentials are passwords, tokens and
 * keys that grant access; identifiers that are public are not). Read by the key (`publicKey`, `pub`,
 * `rootPublicKey.value`, `trustedRootCertificates[*]`, `cert`, Matter's `noc`/`icac`/`rcac`) or by a
 * value that says so itself (a PEM `-----BEGIN CERTIFICATE-----` or `PUBLIC KEY` block, an OpenSSH public
 * key line, a typed key such as `tlpub:…`) under a key naming a key. A veto of credentials only: what
 * the key identifies (a device, a network) keeps its other readings; `privateKey` is untouched.
 */
export const PUBLIC_KEY = 'public-key';

export const publicKeyExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [PUBLIC_KEY]: (f) =>
    f.facts.by === 'value' ? `the value is a public key or certificate (${f.facts.form}): public, no secret` : `"${f.facts.key}" names a public key or certificate: public, no secret`,
};

const PUBLIC_WORDS = new Set(['public', 'pub', 'pubkey', 'pubkeys']);
const KEY_WORDS = new Set(['key', 'keys', 'pubkey', 'pubkeys', 'cert', 'certs', 'certificate', 'certificates', 'pub']);
/** Heads naming a certificate: X.509's and Matter's node operational, intermediate and root CA certificates. */
const CERTIFICATE_HEADS = new Set(['certificate', 'certificates', 'cert', 'certs', 'noc', 'icac', 'rcac', 'chain', 'x5c']);
/** A private part never becomes public by being beside one (`privateKey`, `certificateKey`, `cert_password`). */
const PRIVATE_WORDS = new Set(['private', 'priv', 'secret', 'password', 'pass', 'passphrase', 'pin', 'token', 'signing']);
/** Leaves that hold what their record names (`rootPublicKey.value`, `{_type: "bytes", value}`). */
const HOLDER_KEYS = new Set(['value', 'data', 'bytes', 'raw', 'pem', 'der', 'base64']);

const lastKey = (field: { readonly segments: readonly (string | number)[] }) => field.segments[field.segments.length - 1];

const publicKeys = new BoundedMemo<boolean>(5_000, 256);
/** `publicKey`, `wgs_pub`, `rootPublicKey`, `trustedRootCertificates`, `noc`: a key naming a public key or certificate. */
function namesPublic(raw: string): boolean {
  return publicKeys.get(raw, () => {
    const words = readKey(raw, false).words;
    if (words.some((w) => PRIVATE_WORDS.has(w))) return false;
    const head = words[words.length - 1] ?? '';
    if (CERTIFICATE_HEADS.has(head)) return true;
    return words.some((w) => PUBLIC_WORDS.has(w)) && KEY_WORDS.has(head);
  });
}

const keyNames = new BoundedMemo<boolean>(5_000, 256);
/** A key whose words name a key (`tailnetLockKey`, `ssh_key`), where a value may say it is a public one. */
function namesKey(raw: string): boolean {
  return keyNames.get(raw, () => readKey(raw, false).words.some((w) => KEY_WORDS.has(w)));
}

/** The key a leaf is read by: its own, or for a holder (`value`) or a list entry its record's or list's (`certs[*].value`). */
function keyOf(field: ShapeField | PayloadField): string | undefined {
  const segments = field.segments;
  const last = lastKey(field);
  if (typeof last === 'string' && !HOLDER_KEYS.has(last.toLowerCase())) return last;
  for (let i = segments.length - 2; i >= Math.max(0, segments.length - 3); i--) {
    const up = segments[i];
    if (typeof up === 'string') return up;
  }
  return typeof last === 'string' ? last : undefined;
}

interface PublicKeyPlan {
  /** Leaves a key shows to be public, with that key. */
  readonly named: readonly { readonly index: number; readonly key: string }[];
  /** Leaves under a key naming some key, whose value may show it is public. */
  readonly checked: readonly number[];
}

export function planPublicKeys(fields: readonly ShapeField[]): PublicKeyPlan | undefined {
  const named: { index: number; key: string }[] = [];
  const checked: number[] = [];
  fields.forEach((field, index) => {
    if (field.kind !== 'string') return;
    const key = keyOf(field);
    if (key === undefined) return;
    if (namesPublic(key)) named.push({ index, key });
    else if (namesKey(key)) checked.push(index);
  });
  return named.length === 0 && checked.length === 0 ? undefined : { named, checked };
}

const PEM = /^-----BEGIN ((?:[A-Z0-9]+ )*(?:PUBLIC KEY|CERTIFICATE))-----/;
const OPENSSH = /^(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp\d{3}|sk-ssh-ed25519@openssh\.com) AAAA[A-Za-z0-9+/]/;
/**
 * A key typed by its prefix as a public one: Tailscale's text forms (`tlpub:`, `nlpub:`, `chalpub:`, and the
 * node, machine and disco public keys `nodekey:`, `mkey:`, `discokey:`; its private keys are `privkey:`), `pub:`, `pubkey:`.
 */
const TYPED_PUBLIC = /^(?:[a-z]{0,8}pub(?:key)?|nodekey|mkey|discokey):[0-9a-f]{16,}$/i;

/** The form a value shows itself to be public in, or undefined. */
function publicForm(value: string): string | undefined {
  const pem = PEM.exec(value);
  if (pem !== null) return `a PEM ${pem[1]?.toLowerCase() ?? 'block'}`;
  if (OPENSSH.test(value)) return 'an OpenSSH public key';
  if (value.length <= 256 && TYPED_PUBLIC.test(value)) return 'a key typed as public';
  return undefined;
}

const findings = new BoundedMemo<Finding>(1_000, 256);
export function detectPublicKeys(plan: PublicKeyPlan, fields: readonly PayloadField[], add: Add): void {
  for (const { index, key } of plan.named) {
    const value = fields[index]?.value;
    if (typeof value !== 'string' || value === '') continue;
    add(index, findings.get(`k\u0000${key}`, () => finding(PUBLIC_KEY, 'veto', ['credentials'], { of: 'structure', by: 'key', key: readKey(key, false).words.join(' ') })));
  }
  for (const index of plan.checked) {
    const value = fields[index]?.value;
    const form = typeof value === 'string' ? publicForm(value) : undefined;
    if (form === undefined) continue;
    add(index, findings.get(`v\u0000${form}`, () => finding(PUBLIC_KEY, 'veto', ['credentials'], { of: 'structure', by: 'value', form })));
  }
}
