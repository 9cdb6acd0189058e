import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * The fourteenth round for people and third parties (issue 7): which leaves of somebody else's record
 * say anything about them, and which lists of networks are the neighbours'.
 */
describe('people-flags: a flag in a list of people is the account\'s status', () => {
  // As a game network lists the owner's friends (made-up people).
  const fields = classifyJson({
    friends: [{ gamertag: 'Quiet Otter', isFavorite: true, blocked: false, isBroadcasting: false, isAtHome: true }],
    persons: [{ pseudo: 'Ana', out_of_sight: true }],
  });
  const categories = (path: string) => at(fields, path).categories;

  it.each([['$.friends[0].isFavorite'], ['$.friends[0].blocked'], ['$.friends[0].isBroadcasting']])('leaves %s alone', (path) => {
    expect(categories(path)).toEqual([]);
  });

  it('keeps a flag that says where the friend is, with third_party', () => {
    expect(categories('$.friends[0].isAtHome')).toEqual(['behaviour', 'third_party']);
  });

  it('keeps whether a camera sees a known person: presence, with third_party', () => {
    expect(categories('$.persons[0].out_of_sight')).toEqual(['behaviour', 'third_party']);
  });

  it('still reads the friend\'s name as theirs', () => {
    expect(categories('$.friends[0].gamertag')).toContain('third_party');
  });
});

describe('network-scan: a router\'s own radios are no scan', () => {
  // As a mesh router reports its radios, each with its network's settings (made-up values).
  const own = classifyJson({
    radios: [
      { radioID: 'RADIO_2.4GHz', bssid: '02:11:22:33:44:55', band: '2.4GHz', settings: { ssid: 'Home', channel: 6, wpa: { passphrase: 'not-a-real-one' } } },
      { radioID: 'RADIO_5GHz', bssid: '02:11:22:33:44:56', band: '5GHz', settings: { ssid: 'Home', channel: 36, wpa: { passphrase: 'not-a-real-one' } } },
    ],
  });
  // As a plug reports the networks it heard (made-up values).
  const heard = classifyJson({
    networks: [
      { ssid: 'Neighbour', bssid: '02:aa:bb:cc:dd:01', signal: -70, channel: 1 },
      { ssid: 'Cafe', bssid: '02:aa:bb:cc:dd:02', signal: -80, channel: 11 },
    ],
  });

  it.each([['$.radios[0].band'], ['$.radios[0].settings.channel'], ['$.radios[1].radioID']])('leaves %s of the owner\'s radio alone', (path) => {
    expect(at(own, path).categories).toEqual([]);
  });

  it('reads the own radio\'s BSSID and SSID as network only', () => {
    expect(at(own, '$.radios[0].bssid').categories).toEqual(['network']);
    expect(at(own, '$.radios[0].settings.ssid').categories).toEqual(['network']);
  });

  it('still reads every field of a heard network as a neighbour\'s', () => {
    expect(at(heard, '$.networks[0].channel').categories).toEqual(['third_party']);
    expect(at(heard, '$.networks[1].ssid').categories).toEqual(['network', 'third_party']);
  });
});

describe('key: the calling party of a call, as telephony signalling names it', () => {
  // As a voice API posts an incoming-call callback to the owner's app (made-up numbers and ids).
  const fields = classifyJson({ event: 'ice', callid: 'c-8812', cli: '+15550101234', rdnis: '+15550109876', to: { type: 'number', endpoint: '+15550100000' } });
  // A conference participant's record (made-up).
  const participant = classifyJson({ cli: '+15550104444', id: 'p-0042', muted: true });

  it.each([['$.cli'], ['$.rdnis']])('reads %s as the other party\'s number', (path) => {
    expect(at(fields, path).categories).toEqual(['personal', 'third_party']);
  });

  it('does not read the record\'s own id as a person\'s because a caller is beside it', () => {
    expect(at(participant, '$.id').categories).toEqual([]);
    expect(at(fields, '$.callid').categories).toEqual([]);
  });
});

describe('people-containers: a record nested in a person\'s entry', () => {
  // As a game network lists the owner's friends with the service's facts about each (made-up people).
  const fields = classifyJson({
    people: [{
      gamertag: 'Quiet Otter',
      detail: { tenure: '7', accountTier: 'Gold', location: 'Lisbon, Portugal' },
      preferredColor: { primaryColor: '1073d6' },
    }],
    friends: [{ user: { displayName: 'Ana', country: 'PT' } }],
  });
  const categories = (path: string) => at(fields, path).categories;

  it.each([['$.people[0].detail.tenure'], ['$.people[0].detail.accountTier'], ['$.people[0].preferredColor.primaryColor']])('leaves %s alone: the service\'s facts about the account', (path) => {
    expect(categories(path)).toEqual([]);
  });

  it('still reads the friend\'s stated place as theirs', () => {
    expect(categories('$.people[0].detail.location')).toEqual(['location', 'third_party']);
  });

  it('reads a record named for the person itself whole', () => {
    expect(categories('$.friends[0].user.country')).toEqual(['third_party']);
  });

  it('still reads the entry\'s own leaves as the person\'s', () => {
    expect(categories('$.people[0].gamertag')).toContain('third_party');
  });
});

describe('received-message: a message whose content is a record of its own', () => {
  // As an SMS gateway posts an MMS that reached the owner's number (made-up numbers and texts).
  const fields = classifyJson({
    from: '+15550107777',
    to: '15550100000',
    received_at: '2026-03-01T10:00:00Z',
    body: { subject: 'Dinner', message: 'See you at eight', media: [{ url: 'https://mms.example.org/p/1.jpg', content_type: 'image/jpeg' }] },
  });
  const categories = (path: string) => at(fields, path).categories;

  it.each([['$.body.subject'], ['$.body.message']])('reads %s as what the sender wrote', (path) => {
    expect(categories(path)).toContain('third_party');
  });

  it('reads the attached picture as the sender\'s', () => {
    expect(categories('$.body.media[0].url')).toEqual(['media', 'third_party']);
  });

  it('leaves the attachment\'s content type alone', () => {
    expect(categories('$.body.media[0].content_type')).toEqual([]);
  });
});

describe('key-detectors: a scan\'s own parameters', () => {
  // As a Bluetooth gateway reports how it scans and what it heard (made-up values).
  const fields = classifyJson({
    scan: { scan_interval: 100, scanWindow: 30, results: [{ mac: '02:de:ad:be:ef:01', rssi: -71 }] },
  });

  it.each([['$.scan.scan_interval'], ['$.scan.scanWindow']])('leaves %s alone: how the receiver listens', (path) => {
    expect(at(fields, path).categories).toEqual([]);
  });

  it('still reads what the scan heard as a neighbour\'s', () => {
    expect(at(fields, '$.scan.results[0].rssi').categories).toEqual(['third_party']);
  });
});

describe('sighted-subject: a region named in an address is no box', () => {
  // As a health-data API returns the account's user profile (made-up person).
  const profile = classifyJson([{ age: 41, sex: 'female', city: 'Porto', region: 'Norte', email: 'ana@example.org' }]);
  // As a camera describes a person it saw, with the region of the picture it is in (made-up values).
  const sighting = classifyJson({ objects: [{ gender: 'male', age: 'adult', region: { x: 10, y: 20, w: 40, h: 80 } }] });

  it.each([['$[0].age'], ['$[0].sex']])('reads %s of a profile as the account holder\'s only', (path) => {
    expect(at(profile, path).categories).toEqual(['personal']);
  });

  it('still reads a sighted person\'s description as a third party\'s', () => {
    expect(at(sighting, '$.objects[0].gender').categories).toContain('third_party');
  });
});

describe('setting-profile: a profile qualified by what it configures', () => {
  // As a LoRaWAN network server posts an uplink event (made-up ids and names).
  const uplink = classifyJson({ deviceInfo: { deviceProfileId: 'c6b2f1a4-0b6e-4c55-9d0e-1f2a3b4c5d6e', deviceProfileName: 'Class A sensors', deviceName: 'Garden probe' } });
  // As a social service returns the account's own profile (made-up person).
  const account = classifyJson({ user: { userProfileId: 'up-77', displayName: 'Ana' } });

  it('does not read a device profile\'s name as a person\'s', () => {
    expect(at(uplink, '$.deviceInfo.deviceProfileName').categories).toEqual([]);
  });

  it('does not read a device profile\'s id as a person\'s', () => {
    expect(at(uplink, '$.deviceInfo.deviceProfileId').categories).not.toContain('personal');
  });

  it('still reads a user\'s profile id as the person\'s', () => {
    expect(at(account, '$.user.userProfileId').categories).toContain('personal');
  });
});
