import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `followed-entry`: an entry of a list that says since when the reader follows it or is friends with it
 * (`followed_at`, `friends_since`: the follow edge of social APIs, Twitch's followed channels, a fediverse
 * account's follows) is a person the reader follows, somebody other than the reader: who the entry names
 * (`broadcaster_id`, `user_login`, `display_name`) is personal and third_party. The time itself is the
 * reader's (what they follow, behaviour) and stays with the other detectors. Reads only keys.
 */
export const FOLLOWED_ENTRY = 'followed-entry';

export const followedEntryExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [FOLLOWED_ENTRY]: (f) => `who an entry the reader follows names ("${f.facts.since}" in it): somebody other than the reader → personal, third_party`,
};

const SINCE_PHRASES = new Set(['followed at', 'followed since', 'following since', 'follow date', 'followed date', 'friends since',
  'friend since', 'befriended at']);
/** What names the person in such an entry: an id, a login or a name, bare or after a person's role. */
const IDENTITY_HEADS = new Set(['id', 'login', 'name']);
const PERSON_ROLES = new Set(['user', 'broadcaster', 'streamer', 'display', 'follower', 'friend', 'member', 'account', 'screen', 'nick', 'profile']);

const phrases = new BoundedMemo<readonly string[]>(5_000, 256);
const wordsOf = (raw: string) => phrases.get(raw, () => readKey(raw).words);

function namesPerson(key: string): boolean {
  const words = wordsOf(key);
  const head = words[words.length - 1] ?? '';
  return IDENTITY_HEADS.has(head) && words.slice(0, -1).every((w) => PERSON_ROLES.has(w));
}

export function followedEntries(fields: readonly ShapeField[], add: Add): void {
  let entries: Map<string, string> | undefined;
  for (const field of fields) {
    const n = field.segments.length;
    if (field.key === undefined || n < 2 || typeof field.segments[n - 2] !== 'number') continue;
    if (SINCE_PHRASES.has(wordsOf(field.key).join(' '))) (entries ??= new Map()).set(prefixKey(field, -1), field.key);
  }
  if (entries === undefined) return;
  fields.forEach((field, index) => {
    if (field.key === undefined || (field.kind !== 'string' && field.kind !== 'number') || !namesPerson(field.key)) return;
    const since = entries?.get(prefixKey(field, -1));
    if (since !== undefined) add(index, finding(FOLLOWED_ENTRY, 'strong', ['personal', 'third_party'], { of: 'structure', since }));
  });
}
