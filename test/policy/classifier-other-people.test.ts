import { describe, expect, it } from 'vitest';
import type { ClassifiedField } from '../../src/policy/index.js';
import { decidedBy, explainFinding } from '../../src/policy/classifier/index.js';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * Detectors of the sixth round for people, devices and networks (issue 7): records about people other
 * than the account holder, units described as devices describe themselves, pets, and the home
 * network's addresses written as ranges, URLs and local names.
 */
const by = (field: ClassifiedField) => decidedBy(field.findings ?? []);

describe('related-person', () => {
  it('reads a relation key as another person, and the record it is the subject of as theirs', () => {
    const fields = classifyJson({ id: 77, baby: 4, user: 2, start: '2025-03-01T19:30:00Z', end: '2025-03-01T21:05:00Z', quiet: false });
    expect(at(fields, '$.baby').categories).toEqual(['personal', 'third_party']);
    expect(by(at(fields, '$.baby'))).toContain('related-person');
    expect(at(fields, '$.start').categories).toContain('third_party');
    expect(at(fields, '$.start').categories).toContain('behaviour');
    expect(at(fields, '$.user').categories).not.toContain('third_party');
    expect(at(fields, '$.id').categories).not.toContain('third_party');
    expect(at(fields, '$.quiet').categories).toEqual([]);
  });

  it('reads a record under a relation that shows a person, but not a child lock or a tree', () => {
    const fields = classifyJson({ spouse: { given_name: 'Maria', birthday: '1988-04-02' }, childLock: 'on', tree: { children: [{ name: 'Living room' }] } });
    expect(at(fields, '$.spouse.given_name').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.spouse.birthday').categories).toContain('third_party');
    expect(at(fields, '$.childLock').categories).toEqual([]);
    expect(at(fields, '$.tree.children[0].name').categories).not.toContain('third_party');
  });
});

describe('recognised-face', () => {
  it('reads who a face was recognised as, its estimated age and gender and its vector', () => {
    const fields = classifyJson({
      faces: [{ bbox: { x: 10, y: 20, w: 80, h: 90 }, identity: 'Jan Novak', age: 41, gender: { value: 'male', score: 0.97 }, descriptor: [0.012, -0.33] }],
    });
    expect(at(fields, '$.faces[0].identity').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.faces[0].age').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.faces[0].gender.value').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.faces[0].descriptor[1]').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.faces[0].gender.score').categories).toEqual([]);
    expect(at(fields, '$.faces[0].identity').explanation).toContain('face a camera saw');
  });

  it('leaves an object detection alone: a box with a label names a class, not a person', () => {
    const fields = classifyJson({ objects: [{ label: 'person', confidence: 0.88, xmin: 3, ymin: 4, xmax: 50, ymax: 90 }] });
    // Somebody was there (detected-person: presence), but nobody in particular: no personal data, no third party.
    expect(at(fields, '$.objects[0].label').categories).toEqual(['behaviour']);
    expect(by(at(fields, '$.objects[0].label'))).not.toContain('recognised-face');
    expect(at(fields, '$.objects[0].confidence').categories).toEqual([]);
  });
});

describe('access-grant', () => {
  it('adds third_party to who is named in a share, not to the share itself', () => {
    const fields = classifyJson({ grants: [{ sharedByEmail: 'tomas@example.net', sharer_last_name: 'Berg', shareId: 'S-118', accessLevel: 'viewer' }] });
    expect(at(fields, '$.grants[0].sharedByEmail').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.grants[0].sharer_last_name').categories).toEqual(['personal', 'third_party']);
    expect(by(at(fields, '$.grants[0].sharer_last_name'))).toContain('access-grant');
    expect(at(fields, '$.grants[0].accessLevel').categories).toEqual([]);
  });

  it('needs a person and a grant: a device record with an owner is not a share', () => {
    const fields = classifyJson({ bike: { invitedUsers: 2, ownerName: 'Eva', frameNumber: 'AB1234567' }, me: { email: 'me@example.org', role: 'admin' } });
    expect(at(fields, '$.bike.ownerName').categories).not.toContain('third_party');
    expect(at(fields, '$.me.email').categories).toEqual(['personal']);
  });
});

describe('message-parties', () => {
  it('reads a record with a sender and recipients as a message between people', () => {
    const fields = classifyJson({ thread: [{ senderId: 'u-1', recipients: ['u-2', 'u-3'], body: 'On my way', at: { lat: 50.08, lon: 14.43 } }] });
    expect(at(fields, '$.thread[0].at.lat').categories).toEqual(['location', 'third_party']);
    expect(by(at(fields, '$.thread[0].at.lat'))).toContain('message-parties');
  });

  it('does not read a range from/to as a message', () => {
    const fields = classifyJson({ window: { from: '08:00', to: '17:00', user_id: 'u-1' }, trip: { from: { lat: 50.1, lon: 14.4 }, to: { lat: 49.2, lon: 16.6 } } });
    expect(at(fields, '$.trip.from.lat').categories).toEqual(['location']);
    expect(at(fields, '$.window.user_id').categories).not.toContain('third_party');
  });
});

describe('device-record', () => {
  it('never quotes a key that is a value: a device id used as a key is its placeholder in the explanation', () => {
    // A list of units keyed by their own ids (`$.devices.{device}`): the key is the identifier itself.
    const fields = classifyJson({ devices: { '{deviceGid}': 1, '0B7K3CDR600421X': 2 } });
    for (const field of fields) {
      expect(field.explanation ?? '').not.toContain('deviceGid');
      expect(field.explanation ?? '').not.toContain('0B7K3CDR600421X');
    }
    expect(fields.some((field) => by(field).includes('device-record'))).toBe(true);
  });

  it('never quotes the words of a key that is a value: they are the value', () => {
    const fields = classifyJson({ contacts: { 'User Name': 1, 'Morning Cycling': 2 } });
    for (const field of fields) {
      expect(field.categories).toContain('third_party');
      expect(field.explanation?.toLowerCase() ?? '').not.toMatch(/user name|cycling/);
    }
  });

  it('takes the own id of a record described as a unit (Matter/Zigbee basic information)', () => {
    const fields = classifyJson({ units: [{ id: 'a81c-77e0', softwareVersion: '2.4.1', hardwareVersion: 'B', vendorName: 'Acme' }], notes: [{ id: 'n1', text: 'x' }] });
    expect(at(fields, '$.units[0].id').categories).toEqual(['device']);
    expect(at(fields, '$.units[0].id').explanation).toContain('describes a unit');
    expect(at(fields, '$.notes[0].id').categories).toEqual([]);
    const unit = classifyJson({ clientId: 'c0ffee1234', firmwareVersion: '7082', hardwareRevision: 'REV-B' });
    expect(at(unit, '$.clientId').categories).toEqual(['device']);
    const app = classifyJson({ clientId: 'c0ffee1234', keepAlive: 60, cleanSession: true });
    expect(at(app, '$.clientId').categories).toEqual(['personal']);
  });

  it('counts a bare fw or hw as the build a unit describes, not one of them alone', () => {
    const meter = classifyJson({ id: '84df:0c11:9999:3795', mf: 'Acme', model: 'SB3102', fw: '1.6.16', hw: 1 });
    expect(at(meter, '$.id').categories).toEqual(['device']);
    const release = classifyJson({ id: 'r-1931', fw: '1.6.16', notes: 'fixes' });
    expect(at(release, '$.id').categories).toEqual([]);
  });

  it('reads a UUID under a device as the unit\'s only when its key is a bare id, not an id named for something else', () => {
    const uuid = '0e24799a-aa63-4205-9808-74ee92f2436b';
    const fields = classifyJson({ device: { uuid, workspace_id: uuid, program: { program_id: uuid } } });
    expect(at(fields, '$.device.uuid').categories).toEqual(['device']);
    expect(at(fields, '$.device.workspace_id').categories).not.toContain('device');
    expect(at(fields, '$.device.program.program_id').categories).not.toContain('device');
  });

  it.each([
    [{ imei_number: '865513041161826' }, '$.imei_number'],
    [{ chassis_number: 'WVWZZZ1JZXW000001' }, '$.chassis_number'],
  ])('reads a unit\'s identifier written with its noun as the unit\'s (%j), not a bare number', (payload, path) => {
    expect(at(classifyJson(payload), path).categories).toEqual(['device']);
    expect(at(classifyJson({ number: '865513041161826' }), '$.number').categories).not.toContain('device');
  });

  it.each([
    [{ uuid: '9f1c2e0a-55aa-4b7e-8f00-0c1d2e3f4a5b', name: 'Milk' }, '$.uuid', []],
    [{ installation_id: 'f3a9c6e2-1b4d-4e8a-9c7f-2d6e8b1a3c5f' }, '$.installation_id', ['personal']],
    [{ hardware: { uuid: '2112091234567890123448e1e9b0a6b2' } }, '$.hardware.uuid', ['device']],
  ])('reads a bare uuid as nobody\'s, an installation as the home\'s and a hardware uuid as the unit\'s (%j)', (payload, path, expected) => {
    expect(at(classifyJson(payload), path).categories).toEqual(expected);
  });

  it('reads id abbreviations glued to a device word, and a number under a device key as the unit\'s number', () => {
    const fields = classifyJson({ meterGid: 88213, gid: 100, device_key: 40112233, api_key: 'b1946ac92492d2347c6235b4d2611184' });
    expect(at(fields, '$.meterGid').categories).toEqual(['device']);
    expect(at(fields, '$.gid').categories).toEqual([]);
    expect(at(fields, '$.device_key').categories).toEqual(['device']);
    expect(at(fields, '$.device_key').explanation).toContain("unit's number");
    expect(at(fields, '$.api_key').categories).toEqual(['credentials']);
  });
});

describe('animal-record', () => {
  it('does not take a pet\'s name, sex and birth date for a person\'s', () => {
    const fields = classifyJson({ animals: [{ id: 5, name: 'Rex', sex: 'male', birth_date: '2019-05-01', breed: 'beagle' }], pet: { gender: 'female', yearOfBirth: 2020 } });
    expect(at(fields, '$.animals[0].sex').categories).toEqual([]);
    expect(at(fields, '$.animals[0].birth_date').categories).toEqual([]);
    expect(at(fields, '$.pet.gender').categories).toEqual([]);
    expect(at(fields, '$.pet.yearOfBirth').categories).toEqual([]);
    const person = classifyJson({ profile: { name: 'Ana Silva', sex: 'female', birth_date: '1990-01-02' } });
    expect(at(person, '$.profile.sex').categories).toEqual(['personal']);
  });
});

describe('lan-address', () => {
  it('reads ranges, URLs and names of the home network, not the vendor\'s', () => {
    const fields = classifyJson({
      peers: '192.168.7.0/24,10.8.0.0/24', tunnel_addr: '10.8.0.2/32', snapshot_base: 'http://192.168.7.40:8080/api',
      broker: 'mosquitto.home.arpa', cloud_server: 'eu.iot.example.com', mqtt_server: '172.20.1.9', version: '1.2.3',
    });
    expect(at(fields, '$.peers').categories).toEqual(['network']);
    expect(at(fields, '$.tunnel_addr').categories).toEqual(['network']);
    expect(at(fields, '$.snapshot_base').categories).toContain('network');
    expect(at(fields, '$.broker').categories).toEqual(['network']);
    expect(at(fields, '$.mqtt_server').categories).toEqual(['network']);
    expect(at(fields, '$.cloud_server').categories).toEqual([]);
    expect(at(fields, '$.version').categories).toEqual([]);
    const finding = at(fields, '$.broker').findings?.find((f) => f.detector === 'lan-address');
    expect(finding === undefined ? '' : explainFinding(finding)).toContain('home network');
  });
});

describe('message-parties: parties named after a leading from/to', () => {
  it.each([
    // An event from one streamer to another (made-up ids): both are somebody else.
    ['$.event.from_broadcaster_user_id', ['personal', 'third_party']],
    ['$.event.to_broadcaster_user_name', ['personal', 'third_party']],
    ['$.event.viewers', []],
  ])('%s reads %j', (path, expected) => {
    const fields = classifyJson({ event: { from_broadcaster_user_id: '1234', from_broadcaster_user_name: 'Anna', to_broadcaster_user_id: '5678', to_broadcaster_user_name: 'Ben', viewers: 9 } });
    expect(at(fields, path).categories).toEqual(expected);
  });

  it('does not read from/to of a time or a place as parties', () => {
    const fields = classifyJson({ filter: { from_time: '08:00', to_time: '17:00', user_id: 'u-1', from_city_name: 'Brno', to_city_name: 'Praha' } });
    expect(at(fields, '$.filter.user_id').categories).not.toContain('third_party');
  });
});

describe('foreign-thing: a record that says the account does not own it', () => {
  const thing = (isOwner: boolean | number) => classifyJson({ sensor: { is_owner: isOwner, sensor_index: 42, latitude: 50.08, longitude: 14.43, name: 'Bluff', humidity: 40 }, api_version: 'v1' });

  it.each([false, 0])('reads a position in a thing not owned (is_owner: %j) as the other owner\'s', (flag) => {
    const fields = thing(flag);
    expect(at(fields, '$.sensor.latitude').categories).toEqual(['location', 'third_party']);
    expect(by(at(fields, '$.sensor.latitude'))).toContain('foreign-thing');
    expect(at(fields, '$.sensor.humidity').categories).toEqual([]);
  });

  it.each([true, 1])('leaves the owner\'s own thing (is_owner: %j) alone', (flag) => {
    expect(at(thing(flag), '$.sensor.latitude').categories).toEqual(['location']);
  });

  it('does not read a tag\'s own claimed state ("owned") as the reader\'s answer', () => {
    const fields = classifyJson({ state: { owned: false, latitude: 50.08, longitude: 14.43 } });
    expect(at(fields, '$.state.latitude').categories).toEqual(['location']);
  });
});

describe('setting-profile: a profile that is a set of settings, not somebody\'s account', () => {
  it.each([
    // A thermostat's heating profiles and a camera's stream profiles (made-up ids).
    [{ heating: { profiles: [{ name: 'Comfort', profileId: 'a1b2c3d4-0000-4000-8000-000000000001', index: 1 }] } }, '$.heating.profiles[0].profileId'],
    [{ streamProfile: [{ name: 'quality', parameters: 'resolution=1920x1080' }] }, '$.streamProfile[0].name'],
    [{ tasks: [{ title: 'Benchy', profileId: 661523, weight: 12.5 }] }, '$.tasks[0].profileId'],
  ])('reads %j at %s as no person', (payload, path) => {
    expect(at(classifyJson(payload), path).categories).not.toContain('personal');
  });

  it.each([
    // A social profile and an account's profile (made-up).
    [{ profileId: 82231, displayName: 'runner_uma', fullName: 'Uma Berg' }, '$.profileId'],
    [{ user: { profile_id: 'p-4411', plan: 'free' } }, '$.user.profile_id'],
  ])('keeps a person\'s profile %j at %s personal', (payload, path) => {
    expect(at(classifyJson(payload), path).categories).toContain('personal');
  });
});
