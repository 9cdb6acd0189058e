import { describe, expect, it } from 'vitest';
import type { CorpusFixture } from './labelled-values.js';
import { findRaw, type Haystack } from './scan.js';

const fixture: CorpusFixture = {
  file: 'tpms.json',
  json: Buffer.from('{"model":"Ford"}'),
  values: [{ path: '$.model', name: 'model', categories: ['third_party'], value: 'Ford' }],
};
const searchable = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function find(text: string, rawDatabase: boolean): string[] {
  const haystack: Haystack = new Map([['ledger.sqlite', { text, countsShown: false, rawDatabase }]]);
  return findRaw([fixture], haystack, searchable);
}

describe('the raw-value search', () => {
  // A keyed fingerprint of a row since rewritten, 22 base64url characters, with the value between `-` and `_`.
  const oldFingerprint = '\x01\x07x3Rq9-Ford_Zk81mPqTvAe\x02';

  it('does not count a word inside an old fingerprint of a database file', () => {
    expect(find(oldFingerprint, true)).toEqual([]);
  });

  it('counts the same bytes where no old fingerprints are kept', () => {
    expect(find(oldFingerprint, false)).toEqual(['tpms.json $.model "Ford" in ledger.sqlite']);
  });

  it('does not search a short number in a database file, where framing bytes between the gateway\'s strings form one', () => {
    const fixtureWithRate: CorpusFixture = { ...fixture, values: [{ path: '$.rate', name: 'rate', categories: ['health'], value: '0.15' }] };
    const framed = '\x1f\x15\t\x082026-12-07scanner127.0.0.15\t!';
    const inFile: Haystack = new Map([['ledger.sqlite', { text: framed, countsShown: false, rawDatabase: true }]]);
    const inRows: Haystack = new Map([['ledger rows', { text: 'rate 0.15', countsShown: false }]]);
    expect(findRaw([fixtureWithRate], inFile, searchable)).toEqual([]);
    expect(findRaw([fixtureWithRate], inRows, searchable)).toEqual(['tpms.json $.rate "0.15" in ledger rows']);
  });

  it('counts the value in a database file when it stands alone or in a short token', () => {
    expect(find('\x01\x07Ford\x02', true)).toHaveLength(1);
    expect(find('\x01"model-Ford"\x02', true)).toHaveLength(1);
  });
});
