import { describe, expect, it } from 'vitest';
import { at, classifyJson } from '../helpers/classify-json.js';

/**
 * The thirteenth round's devices, credentials, networks and places (issue 7): each concept beside the
 * reading that must stay, so a fix cannot be a blanket rule.
 */
describe('a time zone named in full', () => {
  it.each([
    ['timeZoneName', 'America/New_York'],
    ['tzName', 'Europe/London'],
    ['time_zone_id', 'Europe/Berlin'],
  ])('leaves %s unlabelled (a setting, not a zone somebody named)', (key, value) => {
    const fields = classifyJson({ Name: 'Cabin', City: 'Leeds', [key]: value });
    expect(at(fields, `$.${key}`).categories).toEqual([]);
    expect(at(fields, '$.City').categories).toEqual(['location']);
  });

  it('still reads a zone a person named as a place', () => {
    expect(at(classifyJson({ zoneName: 'Back garden' }), '$.zoneName').categories).toContain('location');
  });
});

describe('a PIN code in an address', () => {
  const address = { street_address: '215, 4th Main, JP Nagar', district: 'Bengaluru', state: 'Karnataka', pin: '560078' };

  it.each([
    ['a string', address],
    ['a number', { ...address, pin: 560078 }],
  ])('reads the postal index number written as %s as location, not credentials', (_what, body) => {
    expect(at(classifyJson({ address: body }), '$.address.pin').categories).toEqual(['location']);
  });

  it.each([
    ['a keypad code', { pin: '560078', name: 'Front door keypad' }],
    ['a lock user', { user: { name: 'Ann', pin: '4711' } }],
  ])('keeps %s a credential', (_what, body) => {
    const fields = classifyJson(body);
    const pin = fields.find((f) => f.field.path.endsWith('.pin'));
    expect(pin?.categories).toContain('credentials');
  });
});
