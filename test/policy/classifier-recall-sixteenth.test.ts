import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';

/** Round 16, recall of the owner's own records: their subject keys read whatever their case and size. */
describe("a person's own record (records.ts, record-subject)", () => {
  it.each([
    ['an account id of 1 beside its e-mail', { id: 1, email: 'ola@example.com', name: 'Ola Nordmann' }, '$.id'],
    ['a profile under data, small id beside the given name', { data: { id: 2, first_name: 'Ola', last_name: 'N' } }, '$.data.id'],
    ['a member id beside a login alone', { id: 3, login: 'ola', xp: 380 }, '$.id'],
    ['a PascalCase account id', { Id: 'c4515db2-83b0-4e71', Email: 'ola@example.com' }, '$.Id'],
    ['a PascalCase user name', { Id: 'c4515db2-83b0-4e71', Name: 'Ola', Email: 'ola@example.com' }, '$.Name'],
    ['a user with a customer id still is the user', { id: 5, customerId: 9, name: 'Ola', email: 'o@example.com' }, '$.id'],
  ])('reads %s as personal', (_, payload, path) => {
    expect(at(classifyJson(payload), path).categories).toEqual(['personal']);
  });

  it.each([
    ['a session that points at its user by id', [{ Id: 's-123', UserId: 'u-1', UserName: 'Ola', Client: 'Web' }], '$[0].Id'],
    ['an act of a user logged with its user id', { entries: [{ id: 'a9', userId: 3, username: 'ola', event: 32 }] },
      '$.entries[0].id'],
    ["a reservation's id beside the guest's first name", { id: 4, guestFirstName: 'Ola', arrivalDate: '2026-01-01' },
      '$.id'],
    ["a pharmacy's id beside its phone", { id: 4, name: 'Apotek', phone: '+4722000000' }, '$.id'],
    ['a record whose small id has no person beside it', { id: 1, label: 'Kitchen', count: 3 }, '$.id'],
  ])('leaves %s unflagged', (_, payload, path) => {
    expect(at(classifyJson(payload), path).categories).toEqual([]);
  });
});

describe("a pet's record (animal-records.ts)", () => {
  const pet = { Data: { List: [{ Id: 1, PetId: 'pet-luna', Name: 'Luna', PetType: 0, Gender: 0, Birth: 0 }] } };

  it.each(['Name', 'PetId', 'Gender', 'Birth'])('reads no person in %s beside a pet id and type', (key) => {
    expect(at(classifyJson(pet), `$.Data.List[0].${key}`).categories).toEqual([]);
  });

  it("still reads a person's record that names nothing of an animal", () => {
    const person = { Data: { List: [{ Id: 1, Name: 'Ola', Gender: 'male', Email: 'ola@example.com' }] } };
    expect(at(classifyJson(person), '$.Data.List[0].Name').categories).toEqual(['personal']);
  });
});
