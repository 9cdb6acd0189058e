import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';

/** key-detectors.ts, entry-id: a `uid` under a collection of things with ids of their own is that entry's. */
describe('entry-id', () => {
  it.each([
    ['a charge schedule', { charge_schedules: [{ uid: 'a18eb318-f84b-48a8-9f84-e5cb44e32b16', start_time: '08:00' }] }, '$.charge_schedules[0].uid'],
    ['a room', { result: [{ room: { uid: '3vZrZbT6', name: 'Bedroom' } }] }, '$.result[0].room.uid'],
    ['an event', { events: [{ uid: 'ev-20240101-0042', kind: 'start' }] }, '$.events[0].uid'],
  ])('does not read the uid of %s as a user id', (_what, payload, path) => {
    const field = at(classifyJson(payload), path);
    expect(field.categories).not.toContain('personal');
  });

  it.each([
    ['a bare uid', { uid: '123456', nickname: 'x' }, '$.uid'],
    ['an owner', { owner: { uid: '99999' } }, '$.owner.uid'],
    ['a camera (a device, not a collection of entries)', { cameras: [{ uid: '12345' }] }, '$.cameras[0].uid'],
  ])('still reads the uid of %s as a user id', (_what, payload, path) => {
    expect(at(classifyJson(payload), path).categories).toContain('personal');
  });
});

/** key-detectors.ts, detectParent: an entry of a list inside an entry of another list has an id of its own. */
describe('ids of nested entries', () => {
  it.each([
    ['the items of an account', { accounts: [{ id: 'DZSXp7iBQY', items: [{ id: '9OF-QjVDQo2Wp2xWPw6ZhA', title: 'Login' }] }] }, '$.accounts[0].items[0].id'],
    ['the collections of an account', { accounts: [{ collections: [{ id: '0dimBl7dRRyPLGKGxEEm5Q' }] }] }, '$.accounts[0].collections[0].id'],
  ])('does not read the id of %s as the outer entry\'s', (_what, payload, path) => {
    expect(at(classifyJson(payload), path).categories).not.toContain('personal');
  });

  it.each([
    ['an account itself', { accounts: [{ id: 'DZSXp7iBQY', items: [] }] }, '$.accounts[0].id'],
    ['a list of users under a wrapper', { users: { items: [{ id: 'u-4411' }] } }, '$.users.items[0].id'],
  ])('still reads the id of %s as a user\'s or an account\'s', (_what, payload, path) => {
    expect(at(classifyJson(payload), path).categories).toContain('personal');
  });
});
