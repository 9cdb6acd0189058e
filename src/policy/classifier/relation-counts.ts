import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { keyedFindings } from './keyed-findings.js';
import { readKey } from './words.js';

/**
 * `relation-count`: a number under a key that names the people an account is related to, in the plural
 * (`followers: 12`, `friends: 3`, `unread_count.friends: 0`), counts them; it names nobody. The people word's
 * third_party and personal readings go (docs/CORPUS.md, Third parties: a count of the owner's friends or
 * followers is no other person's data); what a record of somebody else makes of it is the people detectors'
 * (a container of other people stays certain). Only relations (schema.org `knows`/`follows`, a social
 * network's friends, followers, contacts): a count of visitors or guests counts visits, which the corpus reads
 * as the visitors' behaviour. Keyed on the last key, memoised (numeric-keys.ts does the same for record keys).
 */
export const RELATION_COUNT = 'relation-count';

export const relationCountExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [RELATION_COUNT]: (f) =>
    `a number under "${f.facts.words}" counts the account's ${f.facts.words}: it names nobody (not third_party)`,
};

const RELATIONS = new Set(['friends', 'followers', 'followings', 'followees', 'following', 'contacts', 'fans',
  'subscribers', 'connections']);

const readings = new BoundedMemo<Finding | null>(5_000, 256);
function relationCount(raw: string): Finding | undefined {
  const found = readings.get(raw, () => {
    const words = readKey(raw).words;
    const head = words[0];
    if (words.length !== 1 || head === undefined || !RELATIONS.has(head)) return null;
    return finding(RELATION_COUNT, 'veto', ['third_party', 'personal'], { of: 'structure', words: head });
  });
  return found ?? undefined;
}

export const relationCounts = keyedFindings('number', relationCount);
