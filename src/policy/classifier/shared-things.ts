import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import type { Add, ShapeField } from './shape.js';
import { DEVICE_THING_WORDS } from './vocabulary.js';
import { readKey, singular } from './words.js';

/**
 * `shared-thing`: a list named for things shared (`sharedAppliances`, `shared_devices`, `sharedCameras`) holds
 * what another household let the owner use: sharing flows (relation-vocabulary.ts GRANT_WORDS) list what was
 * shared *with* the account under such a name, while what the owner shares out carries its sharees inside
 * the owner's own things (`devices[*].sharedWith`). So each entry, and every record in it, is somebody
 * else's: what identifies it (a serial, a device id, the other home's id) rides third_party. Rides only: a
 * name, a flag or a model number nothing else reads stays unlabelled. Reads keys only.
 */
export const SHARED_THING = 'shared-thing';

export const sharedThingExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [SHARED_THING]: (f) => `in a list of ${f.facts.things} another household shared with the owner → third_party`,
};

const SHARE_WORDS = new Set(['shared', 'share']);

const lists = new BoundedMemo<string | null>(5_000, 256);
/** The things a key names as shared (`sharedAppliances` → appliances), or nothing. */
function sharedThings(key: string): string | undefined {
  return lists.get(key, () => {
    const words = readKey(key).words;
    const last = singular(words[words.length - 1] ?? '');
    return words.length === 2 && SHARE_WORDS.has(words[0] ?? '') && DEVICE_THING_WORDS.has(last) ? `${words[1] ?? ''}` : null;
  }) ?? undefined;
}

export function sharedThingFields(fields: readonly ShapeField[], add: Add): void {
  fields.forEach((field, index) => {
    if (field.kind !== 'string' && field.kind !== 'number') return;
    const segments = field.segments;
    // An entry of the list and below it: `sharedAppliances[0].appliances[0].SERIAL`, not the list's own length.
    for (let at = 0; at < segments.length - 2; at++) {
      const segment = segments[at];
      if (typeof segment !== 'string' || typeof segments[at + 1] !== 'number') continue;
      const things = sharedThings(segment);
      if (things !== undefined) return add(index, sharedFinding(things));
    }
  });
}

const findings = new BoundedMemo<Finding>(64, 64);
function sharedFinding(things: string): Finding {
  return findings.get(things, () => finding(SHARED_THING, 'strong', ['third_party'], { of: 'structure', things, rides: 'shared' }));
}
