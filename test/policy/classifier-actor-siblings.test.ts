import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';

/** records.ts: a sibling naming an actor's field (`created_by_username`) does not make its record a person's. */
describe('actor siblings', () => {
  it.each([
    ['a shared album beside its creator\'s user name', { shared_albums: [{ id: 'alb-2841', album_name: 'Holidays', created_by_username: 'ann' }] }, '$.shared_albums[0].id'],
    ['a listing beside its owner\'s e-mail', { listings: [{ id: 'lst-a81c3f', owner_email: 'ann@example.com', title: 'Bike' }] }, '$.listings[0].id'],
  ])('does not read the id of %s as a person\'s', (_what, payload, path) => {
    expect(at(classifyJson(payload), path).categories).not.toContain('personal');
  });

  it('still reads the id of a record with a person\'s own e-mail as a person\'s', () => {
    const fields = classifyJson({ members: { id: 'b55763', email: 'ann@example.com' } });
    expect(at(fields, '$.members.id').categories).toContain('personal');
  });
});
