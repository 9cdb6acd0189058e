import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import { detectKeyWords } from './key-detectors.js';
import { showsAPerson } from './records.js';
import type { Add, ShapeField } from './shape.js';
import { DEVICE_THING_WORDS, PERSON_WORDS, THING_WORDS } from './vocabulary.js';
import { readKey, singular, type KeyWords } from './words.js';

/**
 * `person-id`: in a record that is a person's (a sibling names them: `email`, `firstName`, `login`), an
 * id under the vendor's own word for it (`garminGUID`, `mdmId`, `idpId`, `identityId`) is that person's
 * id. Only ids whose other words the vocabulary does not know: `deviceId`, `homeId`, `sessionId`,
 * `countryId` say what else they point at and are read by their words. Weak: a value that shows what it
 * is still wins. Reads only keys: memoised per payload shape.
 */
export const PERSON_ID = 'person-id';

export const personIdExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [PERSON_ID]: (f) => `an id under the vendor's own word in a record whose sibling "${f.facts.sibling}" shows it is a person's → personal`,
};

const ID_HEADS = new Set(['id', 'uuid', 'guid', 'uid']);
/** Words of what else a record points at: a request, a plan, an app, a resource are no one's identity. */
const RECORD_WORDS = new Set(['transaction', 'call', 'session', 'request', 'message', 'event', 'plan', 'set', 'dealer',
  'application', 'app', 'client', 'resource', 'registry', 'category', 'template', 'order', 'job', 'task', 'trace',
  'correlation', 'channel', 'group', 'role', 'package', 'asset', 'tag', 'terminal', 'parent', 'external', 'reference',
  'ref', 'object', 'entity', 'item', 'record', 'entry', 'log', 'file', 'image', 'picture', 'photo', 'video', 'clip',
  'region', 'country', 'language', 'locale', 'currency', 'type', 'kind', 'partner', 'provider', 'vendor', 'tenant']);

const vendorIds = new Map<string, boolean>();
/** `garminGUID`, `mdm_id`: an id head after words that are nobody's vocabulary (cached: keys come from senders). */
function vendorId(raw: string): boolean {
  let known = vendorIds.get(raw);
  if (known === undefined) {
    const key = readKey(raw);
    known = key.words.length >= 2 && ID_HEADS.has(key.words[key.words.length - 1] ?? '') && modifiersUnknown(key);
    if (vendorIds.size >= 5_000) vendorIds.clear();
    vendorIds.set(raw, known);
  }
  return known;
}

function modifiersUnknown(key: KeyWords): boolean {
  if (detectKeyWords(key).length > 0) return false;
  return key.words.slice(0, -1).every((w) => {
    const one = singular(w);
    return !RECORD_WORDS.has(one) && !THING_WORDS.has(one) && !DEVICE_THING_WORDS.has(one) && !PERSON_WORDS.has(one) && detectKeyWords(readKey(w)).length === 0;
  });
}

export function personIds(fields: readonly ShapeField[], add: Add): void {
  let candidates: { index: number; parent: string }[] | undefined;
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index];
    const key = field?.segments[field.segments.length - 1];
    if (field === undefined || typeof key !== 'string' || field.kind === 'null' || field.kind === 'boolean' || field.kind === 'empty') continue;
    if (!vendorId(key)) continue;
    (candidates ??= []).push({ index, parent: parentPath(field) });
  }
  if (candidates === undefined) return;
  const parents = new Set(candidates.map((c) => c.parent));
  const persons = new Map<string, string>();
  for (const field of fields) {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string') continue;
    const parent = parentPath(field);
    if (!parents.has(parent) || persons.has(parent) || !showsAPerson(key)) continue;
    persons.set(parent, key);
  }
  for (const { index, parent } of candidates) {
    const sibling = persons.get(parent);
    if (sibling !== undefined) add(index, personId(sibling));
  }
}

const found = new Map<string, Finding>();
/** The sibling is quoted only when it is vocabulary (showsAPerson read it as such), never a value. */
function personId(sibling: string): Finding {
  let f = found.get(sibling);
  if (f === undefined) {
    f = finding(PERSON_ID, 'weak', ['personal'], { of: 'structure', sibling });
    if (found.size < 256) found.set(sibling, f);
  }
  return f;
}
