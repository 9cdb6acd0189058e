import { describe, expect, it } from 'vitest';
import type { CorpusFixture } from './labelled-values.js';
import { findRaw, type DatabasePages, type Haystack } from './scan.js';

/** Pages far from every offset these tests use. */
const ANY_PAGES: DatabasePages = { first: 1_000_000, stride: 4096 };

const fixture: CorpusFixture = {
  file: 'tpms.json',
  json: Buffer.from('{"model":"Ford"}'),
  values: [{ path: '$.model', name: 'model', categories: ['third_party'], value: 'Ford' }],
};
const searchable = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function find(text: string, rawDatabase: DatabasePages | undefined): string[] {
  const haystack: Haystack = new Map([['ledger.sqlite', { text, countsShown: false, rawDatabase }]]);
  return findRaw([fixture], haystack, searchable);
}

describe('the raw-value search', () => {
  // A keyed fingerprint of a row since rewritten, 22 base64url characters, with the value between `-` and `_`.
  const oldFingerprint = '\x01\x07x3Rq9-Ford_Zk81mPqTvAe\x02';

  it('does not count a word inside an old fingerprint of a database file', () => {
    expect(find(oldFingerprint, ANY_PAGES)).toEqual([]);
  });

  it('counts the same bytes where no old fingerprints are kept', () => {
    expect(find(oldFingerprint, undefined)).toEqual(['tpms.json $.model "Ford" in ledger.sqlite']);
  });

  it('does not search a short number in a database file, where framing bytes between the gateway\'s strings form one', () => {
    const fixtureWithRate: CorpusFixture = { ...fixture, values: [{ path: '$.rate', name: 'rate', categories: ['health'], value: '0.15' }] };
    const framed = '\x1f\x15\t\x082026-12-07scanner127.0.0.15\t!';
    const inFile: Haystack = new Map([['ledger.sqlite', { text: framed, countsShown: false, rawDatabase: ANY_PAGES }]]);
    const inRows: Haystack = new Map([['ledger rows', { text: 'rate 0.15', countsShown: false }]]);
    expect(findRaw([fixtureWithRate], inFile, searchable)).toEqual([]);
    expect(findRaw([fixtureWithRate], inRows, searchable)).toEqual(['tpms.json $.rate "0.15" in ledger rows']);
  });

  it('does not count a match that begins in a page\'s pointer, whose bytes can be letters', () => {
    const nice: CorpusFixture = { ...fixture, values: [{ path: '$.content', name: 'content', categories: ['media'], value: 'Nice' }] };
    // A row's text `category device → hash` continued on its overflow page, whose pointer to page 3694 is 00 00 0e 6e.
    const page = 16;
    const text = `${'category dev'.padStart(page, '\x01')}\x00\x00\x0enice → hash`;
    const pages = (stride: number): Haystack => new Map([['ledger.sqlite', { text, countsShown: false, rawDatabase: { first: 0, stride } }]]);
    expect(findRaw([nice], pages(page), searchable)).toEqual([]);
    // The same bytes where no page begins are searched as they are.
    expect(findRaw([nice], pages(4096), searchable)).toEqual(['tpms.json $.content "Nice" in ledger.sqlite']);
  });

  it('counts the value in a database file when it stands alone or in a short token', () => {
    expect(find('\x01\x07Ford\x02', ANY_PAGES)).toHaveLength(1);
    expect(find('\x01"model-Ford"\x02', ANY_PAGES)).toHaveLength(1);
  });
});
