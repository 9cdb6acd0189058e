import { describe, expect, it } from 'vitest';
import type { ScalarValue } from '../../src/payload/index.js';
import { Pseudonymizer } from '../../src/policy/index.js';
import { TemplateFingerprints } from '../../src/policy/template-fingerprints.js';

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

describe('TemplateFingerprints', () => {
  it('answers a list only when its JSON is the remembered text', () => {
    for (const remembered of LISTS) {
      const text = JSON.stringify(remembered);
      for (const values of LISTS) {
        const memo = new TemplateFingerprints();
        memo.remember('$.xs[*]', text, 'remembered');
        const known = memo.lookup('$.xs[*]', values);
        if (known !== undefined) expect(JSON.stringify(values)).toBe(text);
        else expect(JSON.stringify(values)).not.toBe(text);
      }
    }
  });

  it('answers every list remembered from its own JSON (escapes, emoji, lone surrogates, -0)', () => {
    for (const list of LISTS) {
      const memo = new TemplateFingerprints();
      memo.remember('$.xs[*]', JSON.stringify(list), 'remembered');
      expect(memo.lookup('$.xs[*]', list)).toBe('remembered');
    }
  });

  it('keeps its own copy: a list changed in place after it was remembered is told apart', () => {
    const memo = new TemplateFingerprints();
    const list: ScalarValue[] = ['00:11:22:33:44:01', -67, true];
    memo.remember('$.ap_list[*]', JSON.stringify(list), 'remembered');
    list[1] = -70;
    expect(memo.lookup('$.ap_list[*]', list)).toBeUndefined();
  });

  it('does not keep a list of many short values past its size estimate', () => {
    const memo = new TemplateFingerprints();
    const short = Array.from({ length: 1000 }, () => 1);
    memo.remember('$.bits[*]', JSON.stringify(short), 'remembered');
    expect(memo.lookup('$.bits[*]', short)).toBeUndefined();
    const networks = Array.from({ length: 77 }, (_, i) => `00:11:22:33:44:${i.toString(16).padStart(2, '0')}`);
    memo.remember('$.ap_list[*].bssid', JSON.stringify(networks), 'remembered');
    expect(memo.lookup('$.ap_list[*].bssid', [...networks])).toBe('remembered');
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
