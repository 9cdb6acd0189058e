import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { keyedFindings } from './keyed-findings.js';
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

const readings = new BoundedMemo<Finding | null>(5_000, 256);
function gluedFinding(raw: string): Finding | undefined {
  const found = readings.get(raw, () => {
    let found: Finding | null;
    found = null;
    const words = readKey(raw).words;
    const word = words.length === 1 ? (words[0] ?? '') : '';
    const role = ROLES.find((r) => word.endsWith(r) && word.length - r.length >= MIN_PREFIX);
    if (role !== undefined) found = finding(GLUED_SECRET, 'strong', ['credentials'], { of: 'key', role });
    return found;
  });
  return found ?? undefined;
}

export const gluedSecrets = keyedFindings('string', gluedFinding);
