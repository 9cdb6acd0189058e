import { finding, type Finding } from './detector.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `glued-secret`: a key written as one word that ends in a secret's name (`synotoken`, `xsrftoken`,
 * `adminpassword`, `clientsecret`): vendors glue a prefix to the role, and the key reader, which splits
 * on case and separators only, sees one unknown word. The role still speaks for a string value.
 */
export const GLUED_SECRET = 'glued-secret';

export const gluedSecretExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [GLUED_SECRET]: (f) => `key is one word ending in "${f.facts.role}" (a secret's name glued to a prefix) → credentials`,
};

const ROLES = ['password', 'passwd', 'passphrase', 'secret', 'token'];
const MIN_PREFIX = 3;

const readings = new Map<string, Finding | null>();
function gluedFinding(raw: string): Finding | undefined {
  let found = readings.get(raw);
  if (found === undefined) {
    found = null;
    const words = readKey(raw).words;
    const word = words.length === 1 ? (words[0] ?? '') : '';
    const role = ROLES.find((r) => word.endsWith(r) && word.length - r.length >= MIN_PREFIX);
    if (role !== undefined) found = finding(GLUED_SECRET, 'strong', ['credentials'], { of: 'key', role });
    if (readings.size >= 5_000) readings.clear();
    readings.set(raw, found);
  }
  return found ?? undefined;
}

export function gluedSecrets(fields: readonly ShapeField[], add: Add): void {
  fields.forEach((field, index) => {
    const k = field.segments[field.segments.length - 1];
    if (typeof k !== 'string' || field.kind !== 'string') return;
    const found = gluedFinding(k);
    if (found !== undefined) add(index, found);
  });
}
