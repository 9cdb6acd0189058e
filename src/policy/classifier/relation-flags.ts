import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `relation-flag`: an entry of a list that says how it stands to the reader is a person other than the
 * reader. Social APIs mark each account they list by its relation to the signed-in user — ActivityPub and
 * Mastodon's Relationship (`following`, `followed_by`), a session user's `isFollowing`, `isFriend` — or by
 * whether it is the reader at all (`isMe`, `is_self`, `isCurrentUser`). An entry that is *not* the reader
 * (`isMe: false`) or that the reader follows or befriended (`isFollowing: true`) is somebody else's record:
 * its own id names that person (personal, third_party), and whatever else in it identifies them (a name, a
 * nickname, a picture) rides third_party; its flags, types and texts nothing else reads stay unlabelled.
 * An entry that says it is the reader (`isMe: true`) is left to the other detectors.
 * Services written in languages without booleans send the flags as 0 and 1 (`"friend": 1, "follower": 1,
 * "following": 1` of a location-sharing app's followed user); a number is read as a flag only where the
 * same object holds two such flags, each 0 or 1, so that a lone count (`following: 1` of a profile) stays
 * a count. The id beside the flags in that object (the entry's `who.id`) is the person's own, as the
 * entry's top-level id is.
 * Reads flag values: the plan names every field of a payload whose shape has such a flag.
 */
export const RELATION_FLAG = 'relation-flag';

export const relationFlagExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [RELATION_FLAG]: (f) => `in the entry of a person the list marks as ${f.facts.relation} → ${f.categories.join(', ')}`,
};

/** Flags that say whether an entry is the reader (false: somebody else). */
const SELF_FLAGS = new Set(['is me', 'me', 'is self', 'self', 'is current user', 'is you', 'is viewer']);
/** Flags that say the reader follows or knows the entry (true: somebody else). */
const RELATION_FLAGS = new Set(['is following', 'following', 'followed by me', 'is followed', 'is friend', 'friend', 'is friends',
  'is contact', 'is blocked', 'blocking', 'muting', 'is muted', 'follower', 'is follower', 'followed by']);
const ID_KEYS = new Set(['id', 'uid', 'uuid', 'user id']);

type FlagKind = 'self' | 'relation';
const flags = new BoundedMemo<FlagKind | null>(5_000, 256);
function flagOf(key: string): FlagKind | undefined {
  return flags.get(key, () => {
    const words = readKey(key).words.join(' ');
    return SELF_FLAGS.has(words) ? 'self' : RELATION_FLAGS.has(words) ? 'relation' : null;
  }) ?? undefined;
}
const idKeys = new BoundedMemo<boolean>(5_000, 256);
const isIdKey = (key: string) => idKeys.get(key, () => ID_KEYS.has(readKey(key).words.join(' ')));

/** Plan: every field, when some boolean of the shape sits in a list entry under a relation flag's key. */
export function relationFlagFields(fields: readonly ShapeField[]): number[] | undefined {
  const flagged = fields.some((f) => (f.kind === 'boolean' || f.kind === 'number') && f.key !== undefined && flagOf(f.key) !== undefined
    && entryEnd(f.segments) !== undefined);
  return flagged ? fields.map((_f, index) => index) : undefined;
}

/** How many segments make the list entry a field is in (`items[3]` of `items[3].relationships.isMe`). */
function entryEnd(segments: readonly (string | number)[]): number | undefined {
  for (let at = segments.length - 2; at >= 0; at--) if (typeof segments[at] === 'number') return at + 1;
  return undefined;
}

export function relationFlags(fields: readonly PayloadField[], add: Add): void {
  let others: Map<string, string> | undefined;
  const mine = new Set<string>();
  const flagObjects = new Set<string>();
  const numeric = numericFlagObjects(fields);
  for (const field of fields) {
    if (field.key === undefined) continue;
    const kind = flagOf(field.key);
    const end = kind === undefined ? undefined : entryEnd(field.segments);
    const value = flagValue(field, numeric);
    if (end === undefined || value === undefined) continue;
    const entry = prefixKey(field, end);
    flagObjects.add(prefixKey(field, -1));
    if (kind === 'self' && value) mine.add(entry);
    else if ((kind === 'self' && !value) || (kind === 'relation' && value)) {
      (others ??= new Map()).set(entry, kind === 'self' ? 'not the reader' : 'followed or befriended by the reader');
    }
  }
  if (others === undefined) return;
  fields.forEach((field, index) => {
    if (field.value === null || field.value === '') return;
    const end = entryEnd(field.segments);
    if (end === undefined) return;
    const entry = prefixKey(field, end);
    const relation = others?.get(entry);
    if (relation === undefined || mine.has(entry)) return;
    const own = field.key !== undefined && isIdKey(field.key) && (field.segments.length === end + 1 || flagObjects.has(prefixKey(field, -1)));
    add(index, own ? finding(RELATION_FLAG, 'strong', ['personal', 'third_party'], { of: 'structure', relation })
      : finding(RELATION_FLAG, 'strong', ['third_party'], { of: 'structure', relation, rides: 'relation' }));
  });
}

/** Objects holding at least two relation flags written as 0 or 1: there, such numbers are flags. */
function numericFlagObjects(fields: readonly PayloadField[]): ReadonlySet<string> {
  const counts = new Map<string, number>();
  for (const field of fields) {
    if ((field.value !== 0 && field.value !== 1) || field.key === undefined || flagOf(field.key) === undefined) continue;
    const object = prefixKey(field, -1);
    counts.set(object, (counts.get(object) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, count]) => count >= 2).map(([object]) => object));
}

/** A flag's truth: a boolean, or 0 and 1 where the object writes its flags as numbers. */
function flagValue(field: PayloadField, numeric: ReadonlySet<string>): boolean | undefined {
  if (typeof field.value === 'boolean') return field.value;
  if ((field.value === 0 || field.value === 1) && numeric.has(prefixKey(field, -1))) return field.value === 1;
  return undefined;
}
