import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import { PERSON_EVIDENCE } from './relation-vocabulary.js';
import type { Add, ShapeField } from './shape.js';
import { readKey, singular } from './words.js';

/**
 * `setting-profile`: "profile" names a person's account on a social or fitness service, and just as often a
 * set of settings a machine keeps — a heating profile, an access profile, a stream or print profile. A
 * profile's id or name (`profileId`, `profile_name`, `streamProfile[*].name`) is a person's only where its
 * record shows a person (a display name, an e-mail, a birthday: vCard's and schema.org Person's
 * properties) or sits under a person's key (`user`, `account`, `member`); elsewhere it names settings and
 * the personal reading goes. Reads only keys: memoised per payload shape.
 */
export const SETTING_PROFILE = 'setting-profile';

export const settingProfileExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [SETTING_PROFILE]: () => 'a profile\'s id or name in a record that shows no person (a set of settings, not somebody\'s account) → not personal',
};

const PROFILE_HEADS = new Set(['id', 'uid', 'uuid', 'name']);
/** Keys that show the record is a person's, beyond vCard's and schema.org's identification properties. */
const PERSON_KEYS = new Set(['display name', 'user name', 'username', 'avatar', 'profile image', 'profile picture', 'photo url',
  'screen name', 'handle', 'bio', 'about me', 'locale', 'country']);
/** Keys above a record that hold a person's (`user.profileId`, `accounts[*].profile_name`). */
const PERSON_HOLDERS = new Set(['user', 'account', 'member', 'person', 'owner', 'customer', 'me', 'self', 'player', 'athlete', 'patient', 'contact']);

const heads = new BoundedMemo<boolean>(5_000, 256);
/**
 * `profileId`, `profile_name`: a profile's own id or name by its key; also one qualified by what it configures
 * (`deviceProfileId`, `serviceProfileName`: LoRaWAN's device and service profiles), not by a person (`userProfileId`).
 */
function profileKey(raw: string): boolean {
  return heads.get(raw, () => {
    const words = readKey(raw).words;
    const n = words.length;
    if (n < 2 || n > 3 || words[n - 2] !== 'profile' || !PROFILE_HEADS.has(words[n - 1] ?? '')) return false;
    return n === 2 || !PERSON_HOLDERS.has(singular(words[0] ?? ''));
  });
}

const profileWords = new BoundedMemo<boolean>(5_000, 256);
/** A key that names profiles (`streamProfile`, `profiles`, `PROFILE_1`). */
function namesProfiles(raw: string): boolean {
  return profileWords.get(raw, () => {
    const words = readKey(raw).words.filter((w) => !/^\d+$/.test(w));
    return singular(words[words.length - 1] ?? '') === 'profile';
  });
}

const evidence = new BoundedMemo<boolean>(5_000, 256);
function showsPerson(raw: string): boolean {
  return evidence.get(raw, () => {
    const phrase = readKey(raw).words.join(' ');
    return PERSON_EVIDENCE.has(phrase) || PERSON_KEYS.has(phrase);
  });
}

/** Whether a profile field sits under a person's key anywhere above it. */
function underPerson(segments: readonly (string | number)[]): boolean {
  return segments.slice(0, -1).some((s) => typeof s === 'string' && readKey(s).words.some((w) => PERSON_HOLDERS.has(singular(w))));
}

export function settingProfiles(fields: readonly ShapeField[], add: Add): void {
  const candidates: number[] = [];
  const people = new Set<string>();
  fields.forEach((field, index) => {
    const key = field.key;
    if (key === undefined) return;
    if (showsPerson(key)) people.add(parentPath(field));
    if (field.kind !== 'string' && field.kind !== 'number') return;
    const n = field.segments.length;
    const above = field.segments[n - 2];
    const holder = typeof above === 'number' ? field.segments[n - 3] : above;
    const profile = profileKey(key) || (PROFILE_HEADS.has(readKey(key).words.join(' ')) && typeof holder === 'string' && namesProfiles(holder));
    if (profile && !underPerson(field.segments)) candidates.push(index);
  });
  for (const index of candidates) {
    const field = fields[index];
    if (field === undefined || people.has(parentPath(field))) continue;
    add(index, VETO);
  }
}

const VETO = finding(SETTING_PROFILE, 'veto', ['personal'], { of: 'structure' }, 'all');
