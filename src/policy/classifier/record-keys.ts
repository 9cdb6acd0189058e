import type { DataCategory } from '../categories.js';
import type { Finding } from './detector.js';
import { categoriesToMask, maskToCategories } from './mask.js';
import type { KeyWords } from './words.js';

/**
 * A number under a key whose last word is `key` (`device_key: 25343495`, an Ayla property's `key`) is a
 * record key, the row a database gave the thing: a secret key is text (hex, base64, a passphrase), and
 * the codes people type (PINs, access codes) go by their own words (`pin`, `code`). So a number's
 * credentials reading is dropped when it comes from such a key; what else the key says stays.
 */
export function isRecordKey(key: KeyWords): boolean {
  return key.words[key.words.length - 1] === 'key';
}

const SECRET = categoriesToMask(['credentials']);

/** The classification without credentials, or undefined when that leaves it unchanged. */
export function withoutSecret<R extends { readonly categories: readonly DataCategory[]; readonly findings: readonly Finding[] }>(
  result: R,
  explain: (findings: readonly Finding[]) => string,
): { categories: readonly DataCategory[]; findings: readonly Finding[]; explanation: string } | undefined {
  const mask = categoriesToMask(result.categories);
  if ((mask & SECRET) === 0) return undefined;
  const kept = mask & ~SECRET;
  const findings = result.findings.filter((f) => (categoriesToMask(f.categories) & kept) !== 0);
  return { categories: maskToCategories(kept), findings, explanation: explain(findings) };
}
