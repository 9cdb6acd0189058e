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
