import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { thingWord } from './key-detectors.js';
import { keyedFindings } from './keyed-findings.js';
import { PERSON_WORDS } from './vocabulary.js';
import { readKey } from './words.js';

/**
 * `record-key`: a whole number under `<thing> key` (`device_key: 25343495`, `vehicleKey: 1000001`,
 * `accountKey: 1234567`) is the key of a record in the vendor's database — which device, vehicle or
 * account — not a secret: keys that open something are strings of a key's length (hex, base64, a PIN
 * under its own word). It is what the thing's id is: a device's (device) or a person's account
 * (personal), and never credentials.
 */
export const RECORD_KEY = 'record-key';

export const recordKeyExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [RECORD_KEY]: (f) =>
    f.signal === 'veto' ? `a whole number under "${f.facts.words}" is a record's key, not a secret` : `a whole number under "${f.facts.words}" is the key of a ${f.facts.owner} record → ${f.categories.join(', ')}`,
};

const readings = new BoundedMemo<readonly Finding[] | null>(5_000, 256);
/** The findings for a number under this key, or undefined when the key is not `<thing> key` (cached). */
function recordKeyFindings(raw: string): readonly Finding[] | undefined {
  const found = readings.get(raw, () => {
    let found: readonly Finding[] | null;
    found = null;
    const words = readKey(raw).words;
    const before = words[words.length - 2];
    if (words.length === 2 && words[1] === 'key' && before !== undefined) {
      const thing = thingWord(before);
      const person = PERSON_WORDS.has(before);
      if (thing !== undefined || person) {
        const facts = { of: 'structure', words: `${before} key` };
        found = [
          finding(RECORD_KEY, 'veto', [], facts, 'all'),
          finding(RECORD_KEY, 'certain', [thing !== undefined ? 'device' : 'personal'], { ...facts, owner: thing ?? before }),
        ];
      }
    }
    return found;
  });
  return found ?? undefined;
}

export const recordKeys = keyedFindings('number', recordKeyFindings);
