import { describe, expect, it } from 'vitest';
import type { ScalarValue } from '../../src/payload/index.js';
import { Pseudonymizer } from '../../src/policy/index.js';
import { FingerprintLists, TemplateFingerprints } from '../../src/policy/template-fingerprints.js';

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

/** A pass over `lists` (template -> values, fed interleaved as a payload's arrays are) and how many texts it fingerprinted. */
function pass(templates: TemplateFingerprints, lists: Record<string, readonly ScalarValue[]>): { fingerprints: Map<string, string>; computed: number } {
  let computed = 0;
  const fresh = new Pseudonymizer(KEY);
  const feed = new FingerprintLists(templates, (text) => {
    computed++;
    return fresh.fingerprint(...(JSON.parse(text) as ScalarValue[]));
  });
  const longest = Math.max(...Object.values(lists).map((values) => values.length));
  for (let i = 0; i < longest; i++) for (const [template, values] of Object.entries(lists)) if (i < values.length) feed.add(template, values[i] ?? null);
  return { fingerprints: feed.finish(), computed };
}

describe('FingerprintLists', () => {
  it('gives fingerprint(...values) after any other list of the template, and computes nothing for the same list', () => {
    const fresh = new Pseudonymizer(KEY);
    for (const before of LISTS) {
      for (const values of LISTS) {
        if (before.length === 0 || values.length === 0) continue;
        const templates = new TemplateFingerprints();
        pass(templates, { '$.xs[*]': before });
        const { fingerprints, computed } = pass(templates, { '$.xs[*]': values });
        expect(fingerprints.get('$.xs[*]')).toBe(fresh.fingerprint(...values));
        // The same text is answered from the last list, unless JSON escapes a string (then it is computed, same result).
        const escapes = values.some((value) => typeof value === 'string' && JSON.stringify(value) !== `"${value}"`);
        if (JSON.stringify(before) === JSON.stringify(values) && !escapes) expect(computed).toBe(0);
        if (JSON.stringify(before) !== JSON.stringify(values)) expect(computed).toBe(1);
      }
    }
  });

  it('follows interleaved templates, each against its own last list, in the order they first came', () => {
    const fresh = new Pseudonymizer(KEY);
    const templates = new TemplateFingerprints();
    const lists = { '$.ap[*].ssid': ['home', 'Jürgen 😀', 'guest'], '$.ap[*].bssid': ['00:11:22:33:44:01', '00:11:22:33:44:02'], '$.n': [52.3731] };
    pass(templates, lists);
    const same = pass(templates, lists);
    expect(same.computed).toBe(0);
    expect([...same.fingerprints.keys()]).toEqual(Object.keys(lists));
    const changed = { ...lists, '$.ap[*].ssid': ['home', 'Jürgen 😀'], '$.n': [52.3731, -0.5] };
    const after = pass(templates, changed);
    expect(after.computed).toBe(2);
    for (const [template, values] of Object.entries(changed)) expect(after.fingerprints.get(template)).toBe(fresh.fingerprint(...values));
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
