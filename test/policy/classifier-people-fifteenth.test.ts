import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * The fifteenth round for people and third parties (issue 7): records about one person other than the
 * owner, told by the key they sit under and by what they show of a person.
 */
describe('other-person-record: one contact, visitor or guest named by its record', () => {
  // As a personal CRM logs a call with one of the owner's contacts (made-up people).
  const call = classifyJson({
    data: {
      id: 12,
      called_at: '2024-03-01T10:00:00Z',
      contact: {
        id: 3,
        hash_id: 'h:Q2xvdWRlZA',
        first_name: 'Leslie',
        complete_name: 'Leslie Knope',
        initials: 'LK',
        gender_type: 'F',
        is_partial: false,
        address: { latitude: 39.77, longitude: -86.16 },
        account: { id: 5 },
      },
    },
  });
  const categories = (path: string) => at(call, path).categories;

  it.each([['$.data.contact.id'], ['$.data.contact.hash_id'], ['$.data.contact.first_name'], ['$.data.contact.complete_name'],
    ['$.data.contact.initials'], ['$.data.contact.gender_type']])('reads %s as the contact\'s: personal and third_party', (path) => {
    expect(categories(path)).toEqual(['personal', 'third_party']);
  });

  it('adds third_party to the contact\'s other data that is something (a position)', () => {
    expect(categories('$.data.contact.address.latitude')).toEqual(['location', 'third_party']);
  });

  it('leaves a flag of the record alone', () => {
    expect(categories('$.data.contact.is_partial')).toEqual([]);
  });

  it('leaves the owner\'s account nested in the contact the owner\'s', () => {
    expect(categories('$.data.contact.account.id')).toEqual(['personal']);
  });

  it('leaves the record\'s own id alone', () => {
    expect(categories('$.data.id')).not.toContain('third_party');
  });

  // As a live chat names the visitor of a session (made-up).
  const chat = classifyJson({ visitor: { _id: 'v8Kq2', username: 'guest-5521', token: 'a1b2c3d4e5f6a7b8c9d0', status: 'online' } });

  it('reads a visitor shown by a user name alone as somebody else', () => {
    expect(at(chat, '$.visitor.username').categories).toEqual(['personal', 'third_party']);
    expect(at(chat, '$.visitor._id').categories).toEqual(['personal', 'third_party']);
  });

  it('leaves the session\'s secret a secret only', () => {
    expect(at(chat, '$.visitor.token').categories).not.toContain('third_party');
  });

  it.each([
    ['a door sensor\'s contact', { contact: { state: 'open', battery: 80, id: 'c-1' } }, '$.contact.id'],
    ['a venue\'s contact links', { venue: { contact: { twitter: 'brewpub', url: 'https://example.org' } } }, '$.venue.contact.twitter'],
    ['the owner\'s contact details', { contactDetails: { name: 'Ann Lee', email: 'ann@example.org' } }, '$.contactDetails.name'],
  ])('finds no other person in %s', (_what, body, path) => {
    expect(at(classifyJson(body), path).categories).not.toContain('third_party');
  });
});

describe('a rider on a flag needs a finding of the flag\'s own', () => {
  // As a CRM lists contacts, each marked as not the reader (made-up people).
  const fields = classifyJson({
    data: [
      { id: 1, first_name: 'Ann', is_me: false, is_partial: false, is_at_home: true },
      { id: 2, first_name: 'Bo', is_me: false, is_partial: true, is_at_home: false },
    ],
  });

  it('leaves a flag whose word reads as something no flag can be (media) unlabelled', () => {
    expect(at(fields, '$.data[0].is_partial').categories).toEqual([]);
  });

  it('keeps third_party on a flag that is something of its own (presence)', () => {
    expect(at(fields, '$.data[0].is_at_home').categories).toEqual(['behaviour', 'third_party']);
  });
});
