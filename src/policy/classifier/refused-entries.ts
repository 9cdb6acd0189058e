import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import type { Add, ShapeField } from './shape.js';
import { readKey, singular } from './words.js';

/**
 * `refused-entry`: a list whose key says its entries were refused, ignored or blocked, or wait for the
 * owner's approval (`remoteIgnoredDevices`, `pendingDevices`, `blockedUsers`, `rejectedClients`), holds
 * people or machines that asked the home for something: somebody else's, since nobody ignores, blocks or
 * approves their own. Every field of such an entry (when it asked, the name its owner gave it, its id and
 * address) is third_party, as a neighbour scan entry's fields are (docs/CORPUS.md). The list needs a word
 * of people or machines (`devices`, `peers`, `users`): `pendingUpdates` or `blockedDomains` are no one.
 * Reads only keys: memoised per shape.
 */
export const REFUSED_ENTRY = 'refused-entry';

export const refusedEntryExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [REFUSED_ENTRY]: (f) => `in an entry of a list of ${f.facts.list} the owner ${f.facts.refusal} (somebody else's) → third_party`,
};

const REFUSALS = new Set(['ignored', 'pending', 'blocked', 'rejected', 'denied', 'banned', 'unaccepted']);
const ASKERS = new Set(['device', 'peer', 'user', 'client', 'member', 'node', 'contact', 'person', 'people']);

const lists = new BoundedMemo<{ refusal: string; list: string } | null>(5_000, 256);
function refusedList(raw: string): { refusal: string; list: string } | undefined {
  return lists.get(raw, () => {
    const words = readKey(raw).words;
    const refusal = words.find((w) => REFUSALS.has(w));
    const head = singular(words[words.length - 1] ?? '');
    return refusal !== undefined && ASKERS.has(head) ? { refusal, list: words[words.length - 1] ?? head } : null;
  }) ?? undefined;
}

export function refusedEntries(fields: readonly ShapeField[], add: Add): void {
  fields.forEach((field, index) => {
    if (field.kind === 'null' || field.kind === 'empty') return;
    // The list's key, then an entry (an index, or a map key that is an id), then the entry's fields.
    const segments = field.segments;
    for (let at = 0; at < segments.length - 2; at++) {
      const segment = segments[at];
      if (typeof segment !== 'string') continue;
      const refused = refusedList(segment);
      if (refused === undefined) continue;
      add(index, finding(REFUSED_ENTRY, 'strong', ['third_party'], { of: 'structure', ...refused }));
      return;
    }
  });
}
