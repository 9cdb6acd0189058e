import { describe, expect, it } from 'vitest';
import type { ScalarValue } from '../../src/payload/index.js';
import { Pseudonymizer } from '../../src/policy/index.js';
import { isJsonOf } from '../../src/policy/template-fingerprints.js';

const KEY = Buffer.from('0123456789abcdef0123456789abcdef');

/** Lists whose JSON texts are close to each other: every way a cheap comparison could go wrong. */
const LISTS: readonly (readonly ScalarValue[])[] = [
  [],
  ['SN123'],
  ['SN124'],
  ['SN12'],
  ['SN1234'],
  [1],
  ['1'],
  [1, 2],
  [12],
  [1.5],
  [-0],
  [0],
  [1e21],
  [123456789012],
  [true],
  ['true'],
  [false],
  [null],
  ['null'],
  [''],
  ['a"b'],
  ['a\\b'],
  ['line\nbreak'],
  ['tab\tback\bfeed\fret\r'],
  ['\u0001 and \u001f'],
  ['\\"'],
  ['"\\'],
  ['door "front"', null],
  ['door "back"', null],
  ['\u2028 line separator'],
  ['Jürgen'],
  ['😀 emoji'],
  ['\ud800 lone surrogate'],
  ['lone low \udc00'],
  ['pair then lone \ud83d\ude00\ud83d'],
  ['a', 'b'],
  ['a,b'],
  ['a', 'b', 'c'],
  ['00:11:22:33:44:01', '00:11:22:33:44:02'],
  ['00:11:22:33:44:01', '00:11:22:33:44:03'],
];

describe('isJsonOf', () => {
  it('is true exactly when the text is JSON.stringify of the values', () => {
    for (const text of LISTS.map((list) => JSON.stringify(list))) {
      for (const values of LISTS) {
        // "Unsure" (false for a string JSON escapes) is allowed where the texts agree; elsewhere false means different.
        if (isJsonOf(text, values)) expect(JSON.stringify(values)).toBe(text);
        else if (!values.some((value) => typeof value === 'string' && JSON.stringify(value) !== `"${value}"`)) {
          expect(JSON.stringify(values)).not.toBe(text);
        }
      }
    }
  });

  it('matches every list against its own JSON, escapes included (quotes, control characters, lone surrogates)', () => {
    for (const list of LISTS) expect(isJsonOf(JSON.stringify(list), list)).toBe(true);
  });

  it('rejects a text with more or fewer values', () => {
    expect(isJsonOf('["a","b"]', ['a'])).toBe(false);
    expect(isJsonOf('["a"]', ['a', 'b'])).toBe(false);
    expect(isJsonOf('[]', [])).toBe(true);
  });

  it('matches the lists a device sends without building their text: names, emoji, numbers', () => {
    for (const list of [['Jürgen', '😀 emoji'], [52.3731, 1723456789, -0.5], [true, null, 'on']]) expect(isJsonOf(JSON.stringify(list), list)).toBe(true);
  });
});

describe('Pseudonymizer.fingerprintOf', () => {
  it('gives fingerprint(...values) whether the template remembers a list or not', () => {
    const remembering = new Pseudonymizer(KEY);
    const fresh = new Pseudonymizer(KEY);
    // Twice through every list under one template: each step changes the list, then repeats it.
    for (const list of [...LISTS, ...LISTS]) {
      expect(remembering.fingerprintOf('$.xs[*]', list)).toBe(fresh.fingerprint(...list));
      expect(remembering.fingerprintOf('$.xs[*]', list)).toBe(fresh.fingerprint(...list));
    }
  });

  it('tells a changed list apart from the remembered one', () => {
    const pseudonymizer = new Pseudonymizer(KEY);
    const first = pseudonymizer.fingerprintOf('$.boot', [1723456789]);
    expect(pseudonymizer.fingerprintOf('$.boot', [1723456790])).not.toBe(first);
    expect(pseudonymizer.fingerprintOf('$.boot', ['1723456789'])).not.toBe(first);
    expect(pseudonymizer.fingerprintOf('$.boot', [1723456789])).toBe(first);
  });

  it('gives long lists (past the text memo) the same fingerprint as a fresh computation', () => {
    const pseudonymizer = new Pseudonymizer(KEY);
    const list = Array.from({ length: 300 }, (_, i) => `00:11:22:33:44:${i.toString(16).padStart(2, '0')}`);
    const expected = new Pseudonymizer(KEY).fingerprint(...list);
    expect(pseudonymizer.fingerprintOf('$.ap_list[*].bssid', list)).toBe(expected);
    expect(pseudonymizer.fingerprintOf('$.ap_list[*].bssid', [...list])).toBe(expected);
    list[299] = 'changed';
    expect(pseudonymizer.fingerprintOf('$.ap_list[*].bssid', list)).toBe(new Pseudonymizer(KEY).fingerprint(...list));
  });
});
