import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { audienceRecords } from './published-works.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `work-creator`: who a published work credits as its maker. A record that counts its audience (a video
 * on a site, as published-works.ts tells it) names the person who put it there — schema.org CreativeWork's
 * `author`, `creator`, `publisher`, a site's `owner`, `uploader` or `channel` — and that person is the
 * publisher, somebody other than the household watching it: what identifies them (`video.owner.id`,
 * `video.owner.name`, `uploaderName`) rides third_party. Rides only: a field nothing else reads as a
 * person's stays unlabelled. Reads keys only (a shape detector).
 */
export const WORK_CREATOR = 'work-creator';

export const workCreatorExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [WORK_CREATOR]: (f) => `who a published work credits as its ${f.facts.creator} (somebody other than the household) → third_party`,
};

const CREATOR_WORDS = new Set(['owner', 'uploader', 'author', 'creator', 'publisher', 'channel', 'poster']);
const IDENTITY_HEADS = new Set(['id', 'uid', 'uuid', 'name', 'nickname', 'display name', 'user name', 'username', 'login', 'screen name']);

const creators = new BoundedMemo<string | null>(5_000, 256);
/** The creator a key names by itself (`owner`) or with an identity head (`uploaderName`, `owner_id`). */
function creatorOf(key: string, alone: boolean): string | undefined {
  return creators.get(`${alone ? 1 : 0}${key}`, () => {
    const words = readKey(key).words;
    const first = words[0] ?? '';
    if (!CREATOR_WORDS.has(first)) return null;
    if (alone) return words.length === 1 ? first : null;
    return IDENTITY_HEADS.has(words.slice(1).join(' ')) ? first : null;
  }) ?? undefined;
}
const identities = new BoundedMemo<boolean>(5_000, 256);
const isIdentity = (key: string) => identities.get(key, () => IDENTITY_HEADS.has(readKey(key).words.join(' ')));

export function workCreators(fields: readonly ShapeField[], add: Add): void {
  const works = audienceRecords(fields);
  if (works === undefined) return;
  fields.forEach((field, index) => {
    const segments = field.segments;
    const n = segments.length;
    const key = segments[n - 1];
    if (typeof key !== 'string' || (field.kind !== 'string' && field.kind !== 'number')) return;
    // `video.uploaderName`: the creator's identity in the work's own record.
    const glued = creatorOf(key, false);
    if (glued !== undefined && works.has(prefixKey(field, n - 1))) return add(index, creatorFinding(glued));
    // `video.owner.id`: the creator's record inside the work's.
    const record = segments[n - 2];
    if (typeof record !== 'string' || !isIdentity(key)) return;
    const creator = creatorOf(record, true);
    if (creator !== undefined && works.has(prefixKey(field, n - 2))) add(index, creatorFinding(creator));
  });
}

const findings = new BoundedMemo<Finding>(64, 64);
function creatorFinding(creator: string): Finding {
  return findings.get(creator, () => finding(WORK_CREATOR, 'strong', ['third_party'], { of: 'structure', creator, rides: 'creator' }));
}
