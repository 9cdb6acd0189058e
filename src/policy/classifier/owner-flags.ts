import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { parentPath, within } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `foreign-thing`: a record that says whether the reader owns it (`isOwner`, `is_owner`, `amOwner`) and
 * answers no (`false`, `0`) is a thing somebody else owns that the account may read: a neighbour's public
 * air or weather sensor, a device another household shared in. Sharing APIs answer the question per thing
 * for the signed-in account, so the answer is about the reader, not a state of the thing (unlike `owned`,
 * `hasOwner`, which say whether a tag or a device is claimed at all). What identifies or locates the thing
 * rides third_party; its readings and settings nothing else reads stay unlabelled. Reads flag values.
 */
export const FOREIGN_THING = 'foreign-thing';

export const ownerFlagExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [FOREIGN_THING]: () => 'in a record the payload says is not the account\'s own or its household\'s (somebody else\'s) → third_party',
};

/**
 * Flags that ask whether the reader is the owner, as sharing APIs word them, and whether a person's record is
 * of the owner's own household (a media server's `is_home_user`: no is a friend the library is shared with).
 */
const OWNER_QUESTIONS = new Set(['is owner', 'am owner', 'i am owner', 'is my', 'is mine', 'is own', 'user is owner', 'is device owner',
  'is home user', 'is household member', 'is family member', 'is home member', 'in household']);

const questions = new BoundedMemo<boolean>(5_000, 256);
const asksOwner = (key: string) => questions.get(key, () => OWNER_QUESTIONS.has(readKey(key).words.join(' ')));

/** Plan: every field, when the shape has an owner question answered by a flag or a 0/1 number. */
export function ownerFlagFields(fields: readonly ShapeField[]): number[] | undefined {
  const asked = fields.some((f) => (f.kind === 'boolean' || f.kind === 'number') && f.key !== undefined && asksOwner(f.key));
  return asked ? fields.map((_f, index) => index) : undefined;
}

/** A flag's no: `false` or `0` (a `1`, a `true` or anything else is the owner's own or unknown). */
function answersNo(value: PayloadField['value']): boolean {
  return value === false || value === 0;
}

export function ownerFlags(fields: readonly PayloadField[], add: Add): void {
  let foreign: Set<string> | undefined;
  for (const field of fields) {
    if (field.key === undefined || !asksOwner(field.key) || !answersNo(field.value)) continue;
    (foreign ??= new Set()).add(parentPath(field));
  }
  if (foreign === undefined) return;
  const records = [...foreign];
  fields.forEach((field, index) => {
    if (field.value === null || field.value === '' || (field.key !== undefined && asksOwner(field.key))) return;
    if (records.some((record) => within(field.path, record))) add(index, FOREIGN);
  });
}

const FOREIGN = finding(FOREIGN_THING, 'strong', ['third_party'], { of: 'structure', rides: 'owner' });
