import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * The sixteenth round for people and third parties (issue 7), with payloads written for the test.
 */
describe('person-picture: a picture of a person is media and personal (person-pictures.ts)', () => {
  const profile = classifyJson({
    user: {
      displayName: 'Ana',
      avatar: 'https://cdn.example/avatars/7f3a.png',
      avatarETag: '981168a3c88b23c0',
      thumbnail: 'https://cdn.example/u/7f3a/thumb.jpg',
    },
    profileImageUrl: 'https://cdn.example/profiles/7f3a.jpg',
    friends: [{ name: 'Bo', photo: 'https://cdn.example/f/12.jpg' }],
    group: { avatar: 'https://cdn.example/groups/3.png' },
    product: { image: 'https://shop.example/products/kettle.jpg' },
    vehicle: { image: 'https://cars.example/models/leaf.png' },
    get_device_info: { avatar: 'kettle', model: 'P110' },
  });
  const categories = (path: string) => at(profile, path).categories;

  it.each([
    ["a user's avatar", '$.user.avatar'],
    ["a thumbnail held by the user's record", '$.user.thumbnail'],
    ['a profile image by its key', '$.profileImageUrl'],
  ])('reads %s as media and personal', (_, path) => {
    expect(categories(path)).toEqual(expect.arrayContaining(['media', 'personal']));
  });

  it("reads one size of a member's picture as media and personal", () => {
    const sizes = { small: 'https://cdn.example/u/9b/small.jpg', large: 'https://cdn.example/u/9b/large.jpg' };
    const member = classifyJson({ member: { id: 9, first_name: 'Cy', picture: sizes } });
    expect(at(member, '$.member.picture.small').categories).toEqual(expect.arrayContaining(['media', 'personal']));
  });

  it("reads a friend's photo as media, personal and third_party", () => {
    expect(categories('$.friends[0].photo')).toEqual(expect.arrayContaining(['media', 'personal', 'third_party']));
  });

  it.each([
    ["a group's avatar", '$.group.avatar'],
    ["a product's picture", '$.product.image'],
    ["a vehicle model's picture", '$.vehicle.image'],
  ])('leaves %s without personal', (_, path) => {
    expect(categories(path)).not.toContain('personal');
  });

  it("adds nothing where no picture was found: an avatar's ETag", () => {
    expect(categories('$.user.avatarETag')).not.toContain('personal');
  });
});

describe('relation-count: a count of friends or followers names nobody (relation-counts.ts)', () => {
  const profile = classifyJson({
    data: { username: 'ana', followers: 12, following: 3, nb_workouts: 40 },
    notifications: { unread_count: { friends: 0, messages: 2 } },
    friends: [{ name: 'Bo', email: 'bo@example.org' }],
  });
  const categories = (path: string) => at(profile, path).categories;

  it.each([['$.data.followers'], ['$.data.following'], ['$.notifications.unread_count.friends']])(
    'reads the count %s as no third party and no person',
    (path) => {
      expect(categories(path)).not.toContain('third_party');
      expect(categories(path)).not.toContain('personal');
    },
  );

  it("keeps a friend's e-mail in a list of friends personal and third_party", () => {
    expect(categories('$.friends[0].email')).toEqual(expect.arrayContaining(['personal', 'third_party']));
  });
});

describe("other-party-key: a key that leads with another party names that party's data (other-party-keys.ts)", () => {
  // A booking flattened into one record, as holiday-rental APIs send it (made-up guest).
  const booking = classifyJson({
    id: 4417,
    guestName: 'Ola Nordmann',
    guestCity: 'Bergen',
    guestZipCode: '5003',
    senderName: 'Kari',
    guestWifiSsid: 'Cabin-Guest',
    guestNetworkPassword: 'sommer2026',
    arrivalDate: '2026-07-01',
  });
  const categories = (path: string) => at(booking, path).categories;

  it("reads the guest's name as personal and third_party", () => {
    expect(categories('$.guestName')).toEqual(expect.arrayContaining(['personal', 'third_party']));
  });

  it.each([['$.guestCity'], ['$.guestZipCode']])("adds third_party to the guest's place %s", (path) => {
    expect(categories(path)).toEqual(expect.arrayContaining(['location', 'third_party']));
  });

  it("reads a message sender's name as personal and third_party", () => {
    expect(categories('$.senderName')).toEqual(expect.arrayContaining(['personal', 'third_party']));
  });

  const given = [['$.guestWifiSsid'], ['$.guestNetworkPassword']];
  it.each(given)('leaves what the owner gives a guest (%s) no third party', (path) => {
    expect(categories(path)).not.toContain('third_party');
  });
});
