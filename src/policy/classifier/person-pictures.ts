import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { PERSON_WORDS } from './vocabulary.js';
import { singular, type KeyWords } from './words.js';

/**
 * `person-picture`: a picture of a person shows who somebody is, so it is personal as well as media
 * (docs/CORPUS.md, Conventions: Pictures). Read from keys only (memoised per template, key detector):
 * - a key that names a portrait (`avatar`, `portrait`, `headshot`, `selfie`), or a picture qualified by a
 *   person (`profileImageUrl`, `user_avatar`, `guestPicture`);
 * - one size or address of such a picture (`avatar.icon_l`, `profilePicture.url`, a known face's `face.url`);
 * - a picture held directly by a person's record (`user.thumbnail`, `friends[*].photo`, `people[*].displayPic`,
 *   `user.picture.small`).
 * It says whose picture, not that the value is one: the finding rides on media (it counts only where another
 * detector found a picture), so `avatar: "kettle"` (an appliance's icon name) or an avatar's ETag stays as it
 * was. A group's or a team's avatar is no person's. Whether the person is somebody else is left to the
 * people detectors, as for a name.
 */
export const PERSON_PICTURE = 'person-picture';

export const personPictureExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [PERSON_PICTURE]: (f) => `a picture of a person ("${f.facts.picture}"): it shows who somebody is → personal`,
};

/** Pictures that are of a person whatever holds them. `face`: the face of somebody a camera or a service knows. */
const PORTRAITS = new Set(['avatar', 'portrait', 'headshot', 'selfie', 'face']);
/** Pictures of anything: a person's only when a person word qualifies or holds them. */
const PICTURES = new Set(['picture', 'photo', 'image', 'thumbnail', 'thumb', 'pic']);
/** Holders of an avatar that are groups of people or places, not a person: their avatar is a thing's picture. */
const GROUPS = new Set(['group', 'team', 'channel', 'room', 'server', 'organisation', 'organization', 'org', 'company',
  'league']);
/** Plural person words the vocabulary keeps singular. */
const PEOPLE = new Set(['people', 'persons']);

type Reading = 'portrait' | 'person' | 'picture' | undefined;

const readings = new BoundedMemo<Reading>(5_000, 256);
/** What a key says about a picture: a portrait, a person's picture, any picture, or none. */
function readingOf(key: KeyWords): Reading {
  return readings.get(key.raw, () => {
    let personBefore = false;
    let picture = false;
    for (const word of key.words) {
      if (PORTRAITS.has(word) && word !== 'face') return 'portrait';
      if (PICTURES.has(word)) {
        if (personBefore) return 'person';
        picture = true;
      }
      if (isPerson(word)) personBefore = true;
    }
    return picture ? 'picture' : undefined;
  });
}

function isPerson(word: string): boolean {
  return PEOPLE.has(word) || PERSON_WORDS.has(singular(word));
}

/** A holder key that is a person or a known face (`user`, `friends`, `sender`, `faces`). */
function holdsPerson(key: KeyWords | undefined): boolean {
  const head = key?.words[key.words.length - 1];
  return head !== undefined && (isPerson(head) || singular(head) === 'face');
}

function isGroup(key: KeyWords | undefined): boolean {
  const head = key?.words[key.words.length - 1];
  return head !== undefined && GROUPS.has(singular(head));
}

const findings = new BoundedMemo<Finding>(2_000, 256);
function riding(picture: string): Finding {
  const facts = { of: 'key', picture, rides: 'picture', needs: 'media' };
  return findings.get(picture, () => finding(PERSON_PICTURE, 'strong', ['personal'], facts));
}

/** The person-picture finding of a key with its ancestors (outermost first), or none. */
export function detectPersonPicture(key: KeyWords, ancestors: readonly KeyWords[]): Finding | undefined {
  const parent = ancestors[ancestors.length - 1];
  const grand = ancestors[ancestors.length - 2];
  const own = readingOf(key);
  if (own === 'portrait') return isGroup(parent) ? undefined : riding(key.raw);
  if (own === 'person') return riding(key.raw);
  if (own === 'picture') return holdsPerson(parent) ? riding(`${parent?.raw ?? ''}.${key.raw}`) : undefined;
  if (parent === undefined) return undefined;
  // One size or address of a picture: the picture's own key says whose it is.
  const held = readingOf(parent);
  const face = parent.words.length === 1 && parent.words[0] === 'face' && holdsPerson(grand);
  if (held === 'portrait' || held === 'person' || face) return isGroup(grand) ? undefined : riding(parent.raw);
  if (held === 'picture' && holdsPerson(grand)) return riding(`${grand?.raw ?? ''}.${parent.raw}`);
  return undefined;
}
