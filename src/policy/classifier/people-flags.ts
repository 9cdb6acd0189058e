import { BoundedMemo } from '../../memo.js';
import type { Finding } from './detector.js';
import { CONTAINER } from './key-detectors.js';
import { readKey, singular } from './words.js';

/**
 * A flag (a boolean) that says what an account has, allows or turned on — `hasMembers`,
 * `approve_followers`, a family member's `hasScreenTimeEnabled`, whether a member's address was checked
 * (`emailVerified`, `isConfirmed`: the account's bookkeeping) — is a setting about people, not a
 * person: third_party alone on such a flag goes. A flag that says what somebody did or is doing
 * (`out_of_sight`, `isDriving`) keeps it, and so does a flag a receiver heard among other things' radio
 * (a scan entry, a nearby device: every field of the entry is the neighbour's): a certain finding,
 * except a container of people, whose entries' settings are their accounts'.
 *
 * Any other flag of a person's record in a container of people (a friend's `isFavorite`, `blocked`,
 * `isBroadcasting`, `InParty`, a follower's `admin`) is the service's status of that account, the same
 * sort of fact for everybody: schema.org Person has no such property, and docs/CORPUS.md labels a friend's
 * flags nothing. Only the container said third_party there; a flag whose own key says what the person did
 * (presence, `out_of_sight`) keeps it through its behaviour reading, as it never reaches here alone.
 */
export function flagIsSettingAboutPeople(rawKey: string | undefined, findings: readonly Finding[]): boolean {
  if (rawKey === undefined) return false;
  if (settingFlags.get(rawKey, isSettingFlag)) return !findings.some((f) => certainThirdParty(f) && !peopleContainer(f));
  return findings.every((f) => !f.categories.includes('third_party') || peopleContainer(f));
}

function certainThirdParty(f: Finding): boolean {
  return f.signal === 'certain' && f.categories.includes('third_party');
}

/** The finding of a container of people (`friends[*]`, `members[*]`) that puts third_party on its entries' leaves. */
function peopleContainer(f: Finding): boolean {
  return f.detector === CONTAINER && namesPeople(f.facts.container);
}

/** How flags of a setting begin and end (`hasX`, `allowX`, `X_enabled`, `parentalPrivileges`). */
const SETTING_FIRST = new Set(['has', 'have', 'approve', 'allow', 'allows', 'enable', 'disable', 'show', 'hide', 'can', 'no', 'setup',
  'accept', 'require', 'requires', 'notify', 'auto']);
const SETTING_LAST = new Set(['enabled', 'disabled', 'allowed', 'privileges', 'permission', 'permissions', 'approval', 'verified', 'confirmed']);
const settingFlags = new BoundedMemo<boolean>(5_000, 256);
function isSettingFlag(raw: string): boolean {
  const words = readKey(raw).words;
  return SETTING_FIRST.has(words[0] ?? '') || SETTING_LAST.has(words[words.length - 1] ?? '');
}

/** Collections of people, as vCard/schema.org and sharing APIs name them (`familyMembers`, `contacts`). */
const PEOPLE_WORDS = new Set(['contact', 'member', 'friend', 'follower', 'visitor', 'guest', 'people', 'person', 'invitee', 'sharee',
  'caregiver', 'participant', 'attendee', 'delegate', 'caller', 'user', 'face']);

const readings = new BoundedMemo<boolean>(5_000, 256);
function namesPeople(container: string | undefined): boolean {
  if (container === undefined) return false;
  return readings.get(container, () => readKey(container).words.some((w) => PEOPLE_WORDS.has(singular(w))));
}
