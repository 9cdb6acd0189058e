import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { indicesByRecord, parentPath } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `lookup-key`: a `…Key` whose value repeats its record's id or name is a key in the database sense — the
 * handle the record is looked up by — not a key that opens something. A collaboration app's user
 * `{primaryKey: "admin", uid: "admin"}`, a shopping list's item `{default_key: "item_1", name: "item_1"}`.
 * A secret is never its own record's id or name: its value is generated or chosen apart from them. A veto
 * on credentials alone (the id or name keeps whatever else it is). Values are compared without case and
 * separators (`category_1` is `Category 1`); placeholders shorter than 3 characters compare to nothing.
 * Its plan pairs each record's `…Key` with the record's ids and names.
 */
export const LOOKUP_KEY = 'lookup-key';

export const lookupKeyExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [LOOKUP_KEY]: (f) => `the key repeats its record's "${f.facts.sibling}": a handle to look the record up, not a secret → not credentials`,
};

/** Keys that name their record: its identifier or its name. */
const HANDLE_KEYS = new Set(['id', 'uid', 'uuid', 'guid', 'name', 'display name', 'displayname', 'slug']);
const SHORTEST = 3;

type Role = 'key' | 'handle' | undefined;
const roles = new BoundedMemo<Role>(5_000, 256);
function roleOf(raw: string): Role {
  return roles.get(raw, () => {
    const words = readKey(raw).words;
    if (words.length > 1 && words[words.length - 1] === 'key') return 'key';
    return HANDLE_KEYS.has(words.join(' ')) ? 'handle' : undefined;
  });
}

export interface LookupKeyPlan {
  /** Pairs of a `…Key`'s index and the index of an id or a name of the same record. */
  readonly pairs: readonly (readonly [number, number])[];
}

export function planLookupKeys(fields: readonly ShapeField[]): LookupKeyPlan | undefined {
  const records = indicesByRecord(fields, (field) => field.kind === 'string' && field.key !== undefined && roleOf(field.key) === 'key');
  if (records === undefined) return undefined;
  const pairs: (readonly [number, number])[] = [];
  fields.forEach((field, index) => {
    if ((field.kind !== 'string' && field.kind !== 'number') || field.key === undefined || roleOf(field.key) !== 'handle') return;
    for (const key of records.get(parentPath(field)) ?? []) pairs.push([key, index]);
  });
  return pairs.length === 0 ? undefined : { pairs };
}

export function detectLookupKeys(plan: LookupKeyPlan, fields: readonly PayloadField[], add: Add): void {
  for (const [keyIndex, handleIndex] of plan.pairs) {
    const key = fields[keyIndex]?.value;
    const handle = fields[handleIndex];
    if (typeof key !== 'string' || handle === undefined || (typeof handle.value !== 'string' && typeof handle.value !== 'number')) continue;
    const written = bare(key);
    if (written.length < SHORTEST || written !== bare(String(handle.value))) continue;
    add(keyIndex, lookupKeyFinding(String(handle.key ?? '')));
  }
}

/** Lower case, letters and digits only. */
function bare(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

const lookupKeyFindings = new BoundedMemo<Finding>(1_000, 64);
const lookupKeyFinding = (sibling: string) =>
  lookupKeyFindings.get(sibling, () => finding(LOOKUP_KEY, 'veto', ['credentials'], { of: 'structure', sibling }));
