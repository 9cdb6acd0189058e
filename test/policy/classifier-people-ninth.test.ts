import { describe, expect, it } from 'vitest';
import type { ClassifiedField } from '../../src/policy/index.js';
import { decidedBy } from '../../src/policy/classifier/index.js';
import { actorOf } from '../../src/policy/classifier/actor-keys.js';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * The ninth round for people, their neighbours and devices (issue 7): who did something to a record,
 * ids carried in locators, tyre sensors heard passing, what of a person's record a container of people
 * colours, and places on a map that are not the household.
 */
const by = (field: ClassifiedField) => decidedBy(field.findings ?? []);

describe('actor keys: who did something to a record', () => {
  it('reads audit participles and record roles as actors, not ordering or provenance', () => {
    expect(actorOf(['requested', 'by'])).toBe('requested by');
    expect(actorOf(['last', 'modified', 'by'])).toBe('modified by');
    expect(actorOf(['sent', 'by'])).toBe('sent by');
    expect(actorOf(['reporter'])).toBe('reporter');
    expect(actorOf(['sorted', 'by'])).toBeUndefined();
    expect(actorOf(['powered', 'by'])).toBeUndefined();
    expect(actorOf(['group', 'by'])).toBeUndefined();
  });

  it('reads the id and display name of a record under an audit key as a person\'s', () => {
    // As a media request manager answers for a request (ids and names made up).
    const fields = classifyJson({
      id: 41, status: 2, createdAt: '2026-03-01T10:00:00.000Z',
      requestedBy: { id: 7, displayName: 'Marta K', requestCount: 12, permissions: 32 },
      sortedBy: { id: 3, name: 'added' },
    });
    expect(at(fields, '$.requestedBy.id').categories).toEqual(['personal']);
    expect(at(fields, '$.requestedBy.displayName').categories).toEqual(['personal']);
    expect(at(fields, '$.requestedBy.requestCount').categories).toEqual([]);
    expect(at(fields, '$.sortedBy.id').categories).not.toContain('personal');
  });
});

describe('access-grant: a grant needs an end that is set', () => {
  it('does not read a user record with a null expiry beside permissions as a time-bound grant', () => {
    // As a household media server's user list: a recovery link that was never sent expires never.
    const fields = classifyJson({ results: [{ id: 5, email: 'ana@example.org', permissions: 2, recoveryLinkExpirationDate: null, displayName: 'Ana' }] });
    expect(at(fields, '$.results[0].email').categories).toEqual(['personal']);
  });

  it('still reads a role with an expiry that is set as a grant for a time', () => {
    const fields = classifyJson({ shares: [{ email: 'guest@example.org', role: 'viewer', expiresAt: '2026-05-01T00:00:00Z' }] });
    expect(at(fields, '$.shares[0].email').categories).toEqual(['personal', 'third_party']);
  });
});

describe('passing-sensor: a tyre-pressure sensor a home receiver heard', () => {
  it('reads every field of a decoded TPMS message as somebody else\'s car', () => {
    // As an SDR receiver decodes a passing car's wheel sensor (made-up id).
    const fields = classifyJson({ time: '2026-04-02 07:41:12', model: 'Toyota', type: 'TPMS', id: '7a1c22e0', status: 128, pressure_kPa: 227.5, temperature_C: 14, mic: 'CRC' });
    for (const path of ['$.time', '$.model', '$.pressure_kPa', '$.temperature_C', '$.mic', '$.id']) {
      expect(at(fields, path).categories).toContain('third_party');
    }
    expect(by(at(fields, '$.pressure_kPa'))).toContain('passing-sensor');
    expect(at(fields, '$.id').explanation).toContain('tyre-pressure sensor');
  });

  it('leaves alone the owner\'s own weather sensor and a car that reports its tyres by key', () => {
    const sensor = classifyJson({ time: '2026-04-02 07:41:12', model: 'Acurite-Tower', id: 5912, channel: 'A', temperature_C: 11.2, humidity: 71 });
    expect(at(sensor, '$.temperature_C').categories).not.toContain('third_party');
    const car = classifyJson({ vehicle: { type: 'EV', tirePressureFrontLeft: 2.4, tirePressureFrontRight: 2.4 } });
    expect(at(car, '$.vehicle.tirePressureFrontLeft').categories).not.toContain('third_party');
  });

  it('reads each message\'s own type when one receiver sends tyre sensors and weather sensors in turn', () => {
    // The type is remembered per value (passing-sensors.ts): a shape seen with TPMS must still read "WH1080" afresh.
    for (let round = 0; round < 2; round++) {
      for (const [type, heard] of [['TPMS', true], ['WH1080', false], ['tpms', true], ['weather', false]] as const) {
        const fields = classifyJson({ model: 'Rx', type, id: '7a1c22e0', temperature_C: 14 });
        expect(at(fields, '$.temperature_C').categories.includes('third_party')).toBe(heard);
      }
    }
  });
});

describe('embedded-id: a locator carrying the id of the person its record is about', () => {
  it('reads a user\'s API link, URN and avatar path as personal', () => {
    // As a music service answers for the current user (ids made up).
    const fields = classifyJson({
      type: 'user', id: '31kq7xv2mz', display_name: 'Ola', href: 'https://api.example.com/v1/users/31kq7xv2mz',
      uri: 'example:user:31kq7xv2mz', external_urls: { web: 'https://open.example.com/user/31kq7xv2mz' },
      images: [{ url: 'https://i.example.net/image/ab67757000003b82', width: 64 }],
    });
    for (const path of ['$.href', '$.uri', '$.external_urls.web']) {
      expect(at(fields, path).categories).toContain('personal');
      expect(by(at(fields, path))).toContain('embedded-id');
    }
    expect(at(fields, '$.images[0].url').categories).not.toContain('personal');
  });

  it('reads an avatar path that embeds a named user id, and not a record that is no person\'s', () => {
    const person = classifyJson({ user: { id: 2, email: 'jo@example.org', mediaUserId: '9c0f4e1ab27d', avatar: '/avatarproxy/9c0f4e1ab27d?v=17' } });
    expect(at(person, '$.user.avatar').categories).toContain('personal');
    const product = classifyJson({ type: 'album', id: '4aawyAB9vmqN3uQ7FjRGTy', href: 'https://api.example.com/v1/albums/4aawyAB9vmqN3uQ7FjRGTy' });
    expect(at(product, '$.href').categories).not.toContain('personal');
  });
});

describe('people containers: what of a person\'s record is about the person', () => {
  it('lets a member record\'s bookkeeping and account flags ride, not colour by the container', () => {
    // As a smart-home sphere lists its guests (made up).
    const fields = classifyJson({ guests: [{ firstName: 'Lena', email: 'lena@example.org', uploadLocation: true, new: false, createdAt: '2025-11-02T09:00:00Z', updatedAt: '2025-11-03T09:00:00Z' }] });
    expect(at(fields, '$.guests[0].firstName').categories).toEqual(['personal', 'third_party']);
    for (const path of ['$.guests[0].uploadLocation', '$.guests[0].new', '$.guests[0].createdAt', '$.guests[0].updatedAt']) {
      expect(at(fields, path).categories).toEqual([]);
    }
  });

  it('keeps every leaf of a radio scan the neighbours\'', () => {
    const fields = classifyJson({ aplist: [{ ssid: 'NETGEAR42', bssid: 'a4:2b:b0:11:22:33', rssi: -70, enabled: true }] });
    expect(at(fields, '$.aplist[0].enabled').categories).toContain('third_party');
  });
});

describe('map places: a record positioned by its own coordinates beside its address', () => {
  it('does not read a zone\'s id and name as the household\'s', () => {
    // As a GPS tracker's app lists the safe zones the user drew.
    const fields = classifyJson({ items: [{ id: 88231, name: 'School', address: '12 Elm Street, Springfield', latitude: 48.85, longitude: 2.35, radius: 300 }] });
    expect(at(fields, '$.items[0].id').categories).not.toContain('personal');
    expect(at(fields, '$.items[0].name').categories).not.toContain('personal');
    expect(at(fields, '$.items[0].address').categories).toContain('location');
  });

  it('still reads a household described with a time zone as the home', () => {
    const fields = classifyJson({ homeId: 'f1d2', name: 'Our Flat', address: '3 Rue Haute, Lyon', latitude: 45.76, longitude: 4.83, timeZoneId: 'Europe/Paris' });
    expect(at(fields, '$.name').categories).toContain('personal');
  });
});
