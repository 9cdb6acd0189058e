import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * The thirteenth round for people and third parties (issue 7): whose a record is when it lists other
 * people, and which of its leaves say anything about them.
 */
describe('people-containers: a record\'s type tag in a list of people', () => {
  // As a shared calendar's JSON:API answer lists an event's attendees (made-up ids).
  const fields = classifyJson({
    attendees: [{ id: 'CAL001,USER002', type: 'user' }],
    contacts: [{ kind: 'friend', email: 'jane@example.org' }],
  });
  const categories = (path: string) => at(fields, path).categories;

  it.each([['$.attendees[0].type'], ['$.contacts[0].kind']])('leaves %s alone: it says what sort of record the entry is', (path) => {
    expect(categories(path)).toEqual([]);
  });

  it.each([['$.attendees[0].id'], ['$.contacts[0].email']])('still reads %s as the other person\'s', (path) => {
    expect(categories(path)).toContain('third_party');
  });
});
