import { finding, type Finding } from './detector.js';
import { DEVICE_THING_WORDS, THING_WORDS } from './vocabulary.js';
import { singular, type KeyWords } from './words.js';

/**
 * `nickname`: a nickname or pseudonym (`nickname`, `nick_name`, `member_nick`, `pseudo`) is what a
 * person is called — personal — unless it is a thing's (`devices[*].nickname`, `vehicleDetails.nickName`:
 * names people give to appliances and cars are no one's data, docs/CORPUS.md). Weak: a value that shows
 * what it is, and negative words, win.
 */
export const NICKNAME = 'nickname';

export const nicknameExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [NICKNAME]: () => 'a nickname or pseudonym not under a thing (what a person is called) → personal',
};

const NICK_WORDS = new Set(['nick', 'nickname', 'nicknames', 'pseudo', 'pseudonym']);

function thingWord(key: KeyWords): boolean {
  return key.words.some((w) => THING_WORDS.has(singular(w)) || DEVICE_THING_WORDS.has(singular(w)));
}

export function detectNickname(key: KeyWords, ancestors: readonly KeyWords[]): Finding | undefined {
  if (!key.words.some((w) => NICK_WORDS.has(w)) || thingWord(key)) return undefined;
  for (const ancestor of ancestors) if (thingWord(ancestor)) return undefined;
  return NICKNAME_FINDING;
}

const NICKNAME_FINDING = finding(NICKNAME, 'weak', ['personal'], { of: 'key' });
