import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { HOUSEHOLD_PEOPLE, OTHER_PEOPLE } from './list-owners.js';
import type { KeyWords } from './words.js';
import { singular } from './words.js';

/**
 * `people-setting`: a key that counts people or sets something about them is not a person (key detector).
 * - How many people a household has (`numPeople`, `number_of_occupants`, `residentCount`: schema.org
 *   `numberOfResidents`-like counts of a home's people) is its composition: personal (docs/CORPUS.md:
 *   household composition), not a third party's data.
 * - A setting or a limit about people (`setup_contacts`, `no_contacts`, `max_guests`, `allowVisitors`)
 *   says what an account does with people, not who they are: the people word's third_party is vetoed,
 *   whatever the value's kind (a flag's is people-flags.ts's; this covers `"1"`, `2`).
 */
export const PEOPLE_SETTING = 'people-setting';

export const peopleSettingExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [PEOPLE_SETTING]: (f) =>
    f.signal === 'veto'
      ? `key "${f.facts.words}" sets or limits something about people: not a person (not third_party)`
      : `key "${f.facts.words}" counts the people of a household (its composition) → personal`,
};

const COUNT_LEADS = new Set(['number', 'num', 'count', 'total', 'nb', 'no']);
const COUNT_HEADS = new Set(['count', 'number', 'total', 'num']);
/**
 * People a home has: the household's people and its everyday kinds. Not `family` or `household`, whose
 * count or number (`family_num`) is as often an id of the group as a head count.
 */
const RESIDENTS = new Set([...[...HOUSEHOLD_PEOPLE].filter((w) => w !== 'family'), 'adult', 'child', 'children', 'kid', 'inhabitant']);
/** How a setting or a limit begins (`setup`, `no`, `max`, `allow`), as people-flags.ts reads flags. */
const SETTING_LEADS = new Set(['has', 'have', 'approve', 'allow', 'allows', 'enable', 'disable', 'show', 'hide', 'can', 'setup',
  'accept', 'require', 'requires', 'notify', 'auto', 'max', 'min', 'limit', 'no']);

const readings = new BoundedMemo<readonly Finding[]>(5_000, 256);

/** The findings of a key that counts people or sets something about them; empty for any other key. */
export function detectPeopleSetting(key: KeyWords): readonly Finding[] {
  return readings.get(key.raw, () => read(key.words));
}

const NONE: readonly Finding[] = Object.freeze([]);

function read(words: readonly string[]): readonly Finding[] {
  if (words.length < 2) return NONE;
  const first = words[0] ?? '';
  const last = words[words.length - 1] ?? '';
  const people = words.filter((w) => w !== 'of').map(singular);
  const phrase = words.join(' ');
  // `numPeople`, `number_of_occupants`, `residentCount`: a count of the household's people.
  const counted = COUNT_LEADS.has(first) ? people[people.length - 1] : COUNT_HEADS.has(last) ? people[people.length - 2] : undefined;
  if (counted !== undefined && RESIDENTS.has(counted) && first !== 'no') {
    return Object.freeze([finding(PEOPLE_SETTING, 'strong', ['personal'], { of: 'key', words: phrase }), veto(phrase)]);
  }
  // `setup_contacts`, `no_contacts`, `max_guests`: a setting about people.
  if (SETTING_LEADS.has(first) && people.slice(1).some((w) => OTHER_PEOPLE.has(w) || RESIDENTS.has(w))) return Object.freeze([veto(phrase)]);
  return NONE;
}

function veto(words: string): Finding {
  return finding(PEOPLE_SETTING, 'veto', ['third_party'], { of: 'key', words });
}
