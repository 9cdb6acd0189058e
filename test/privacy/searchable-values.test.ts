import { describe, expect, it } from 'vitest';
import { searchableValues, type CorpusFixture } from './labelled-values.js';

// Which labelled values the never-raw scan searches for (labelled-values.ts says why each is skipped).
describe('searchableValues', () => {
  const fixture: CorpusFixture = {
    file: 'door.json',
    json: Buffer.from('{"curfew":{"unlock_time":"17:00"},"visitor":{"name":"visitor name"},"agent":{"username":"agent.username"},"sensor":{"pm10.0":3}}'),
    values: [{ path: '$.curfew.unlock_time', name: 'unlock_time', categories: ['behaviour'], value: '17:00' }],
  };
  const searchable = searchableValues([fixture], ['127.0.0.1']);
  const year = new Date().getUTCFullYear();

  it.each([
    ['17:00', false], // a time of day: every timestamp written during the run holds one
    ['7:30', false],
    ['06:45:00', false],
    ['Mon 17:00-18:30', true], // a schedule around the time is searched whole
    ['25:00', true], // not a clock time
    ['17:00Z', true],
    [String(year), false], // this year: inside every timestamp
    ['1984', true], // a birth year is searched
    ['127.0.0.1', false], // the test's own skip list
    ['curfew', false], // a word of the corpus's keys
    ['Anna Kowalski', true],
    ['visitor name', false], // a placeholder repeating its key and parent: the explanations read "visitor name"
    ['agent.username', false], // ... or their path: the ledger keeps `$.agent.username`
    ['visitor agent', true], // not a parent and its key
    ['10.0', false], // a dotted number inside a key (`pm10.0`): the ledger's paths hold it
    ['12.5', true],
  ])('%s → searched %s', (value, expected) => {
    expect(searchable(value) !== undefined).toBe(expected);
  });
});
