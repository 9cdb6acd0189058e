import { describe, expect, it } from 'vitest';
import type { ClassifiedField } from '../../src/policy/index.js';
import { decidedBy } from '../../src/policy/classifier/index.js';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * The eighth round for people and their neighbours (issue 7): what makes a list a scan of other networks,
 * and when a list of people is somebody else's rather than the owner's household.
 */
const by = (field: ClassifiedField) => decidedBy(field.findings ?? []);

describe('network-scan: the networks a device saw', () => {
  it('reads every field of a list of networks as the neighbours\'', () => {
    // As an ESP-based plug answers a Wi-Fi list request.
    const fields = classifyJson({ results: [
      { ssid: 'Kowalski-5G', bssid: 'a4:2b:b0:11:22:33', signal: -48, channel: 36, encryption: 'WPA2' },
      { ssid: 'FRITZ!Box 7590 QX', bssid: '3c:a6:2f:44:55:66', signal: -77, channel: 1, encryption: 'WPA2' },
    ] });
    expect(at(fields, '$.results[1].signal').categories).toEqual(['third_party']);
    expect(at(fields, '$.results[0].ssid').categories).toContain('third_party');
    expect(by(at(fields, '$.results[1].channel'))).toContain('network-scan');
  });

  it('reads a scanned entry\'s MAC as its access point\'s BSSID, not a device of the owner\'s', () => {
    // As a GPS watch reports the networks around it with an alarm.
    const fields = classifyJson({ payload: { wifiInformation: [
      { ssid: 'a', macAddress: '02-15-bc-24-d6-57', signalStrength: '78' },
      { ssid: 'b', macAddress: '88-d7-f6-87-88-60', signalStrength: '76' },
    ] }, imei: '865513041161826' });
    expect(at(fields, '$.payload.wifiInformation[1].macAddress').categories).toEqual(['network', 'third_party']);
    expect(at(fields, '$.payload.wifiInformation[1].macAddress').explanation).toContain('BSSID');
    expect(at(fields, '$.imei').categories).toEqual(['device']);
  });

  it('leaves alone a list of the owner\'s devices that each name the network they joined', () => {
    // As an air-conditioner controller's cloud lists the account's units (one unit, its setup access point).
    const fields = classifyJson({ status: 'success', result: [{
      id: 'LnsWxDj2', serial: '1234567890', macAddress: '50:02:91:b6:69:8a', room: { name: 'Hall', icon: 'Hall' },
      accessPoint: { ssid: 'SENSIBO-I-37940', password: null }, firmwareVersion: 'SKY30046', measurements: { temperature: 23.1, rssi: -62 },
    }] });
    expect(at(fields, '$.result[0].accessPoint.ssid').categories).toContain('network');
    expect(at(fields, '$.result[0].accessPoint.ssid').categories).not.toContain('third_party');
    expect(at(fields, '$.result[0].serial').categories).toEqual(['device']);
    for (const path of ['$.result[0].measurements.temperature', '$.result[0].measurements.rssi', '$.result[0].firmwareVersion', '$.result[0].room.icon']) {
      expect(at(fields, path).categories).not.toContain('third_party');
    }
    expect(by(at(fields, '$.result[0].serial'))).not.toContain('network-scan');
  });
});

describe('heard-network: a list named for radios the device heard', () => {
  it('reads a geolocation request\'s access points and beacons as the neighbours\', even one of each', () => {
    // As a phone asks a network geolocation service where it is (Mozilla Location Service / Google Geolocation API body).
    const fields = classifyJson({
      considerIp: true,
      bluetoothBeacons: [{ macAddress: 'ff:23:45:67:89:ab', age: 2000, name: 'beacon', signalStrength: -110 }],
      wifiAccessPoints: [
        { macAddress: '01:23:45:67:89:ab', age: 3, channel: 11, frequency: 2412, signalStrength: -51, signalToNoiseRatio: 13 },
        { macAddress: '01:23:45:67:89:cd' },
      ],
    });
    expect(at(fields, '$.wifiAccessPoints[0].macAddress').categories).toEqual(['network', 'third_party']);
    expect(at(fields, '$.wifiAccessPoints[1].macAddress').categories).toEqual(['network', 'third_party']);
    expect(at(fields, '$.wifiAccessPoints[0].age').categories).toEqual(['third_party']);
    expect(at(fields, '$.wifiAccessPoints[0].frequency').categories).toEqual(['third_party']);
    expect(at(fields, '$.bluetoothBeacons[0].macAddress').categories).toEqual(['device', 'third_party']);
    expect(at(fields, '$.bluetoothBeacons[0].age').categories).toEqual(['third_party']);
    expect(at(fields, '$.considerIp').categories).toEqual([]);
    expect(by(at(fields, '$.wifiAccessPoints[0].channel'))).toContain('heard-network');
    expect(at(fields, '$.wifiAccessPoints[0].age').explanation).toContain('access points the device heard');
  });

  it('reads an Android scan result list under a plural of networks', () => {
    const fields = classifyJson({ visibleNetworks: [{ BSSID: '64:66:b3:5a:0c:11', SSID: 'UPC1234567', level: -67, frequency: 5180, capabilities: '[WPA2-PSK-CCMP][ESS]' }] });
    expect(at(fields, '$.visibleNetworks[0].level').categories).toEqual(['third_party']);
    expect(at(fields, '$.visibleNetworks[0].capabilities').categories).toEqual(['third_party']);
  });

  it('leaves alone the owner\'s mesh access points and saved networks', () => {
    // As a mesh Wi-Fi system lists its own nodes: serials and firmware say they are units the owner runs.
    const mesh = classifyJson({ accessPoints: [
      { mac: 'f0:9f:c2:10:20:30', serial: 'G021ABC123', model: 'U6-Lite', rssi: -40, firmwareVersion: '6.5.28' },
      { mac: 'f0:9f:c2:10:20:31', serial: 'G021ABC124', model: 'U6-Lite', rssi: -52, firmwareVersion: '6.5.28' },
    ] });
    expect(at(mesh, '$.accessPoints[0].rssi').categories).toEqual([]);
    expect(at(mesh, '$.accessPoints[1].serial').categories).toContain('device');
    for (const path of ['$.accessPoints[1].serial', '$.accessPoints[1].mac', '$.accessPoints[0].firmwareVersion']) {
      expect(at(mesh, path).categories).not.toContain('third_party');
    }
    // Saved networks carry no received signal: the networks the owner configured, not heard ones.
    const saved = classifyJson({ networks: [{ ssid: 'Kowalski-5G', priority: 1 }] });
    expect(by(at(saved, '$.networks[0].priority'))).not.toContain('heard-network');
    // A home system a vendor calls a network (Blink) has neither.
    const blink = classifyJson({ networks: [{ id: 5678, name: 'Network-Name', time_zone: 'America/Chicago', armed: false }] });
    expect(at(blink, '$.networks[0].time_zone').categories).toEqual([]);
  });
});

describe('people-list: whose list of people it is', () => {
  it('reads a home\'s or a device\'s users as the household, the owner among them: personal only', () => {
    // As a smart lock's cloud lists who may use it; a 3D printer host's users; a camera location's customers.
    const lock = classifyJson({ deviceId: 'lock-uuid', users: [
      { email: 'asdf@example.com', friendlyName: 'Asdf Kowalski', identityId: 'user-uuid', role: 'owner' },
      { email: 'anna@example.org', friendlyName: 'Anna Nowak', identityId: 'anna-uuid', role: 'owner' },
    ] });
    expect(at(lock, '$.users[1].email').categories).toEqual(['personal']);
    expect(at(lock, '$.users[1].friendlyName').categories).toEqual(['personal']);
    const customers = classifyJson({ objects: [{ id: 70002, name: 'Vacation Home', customers: [
      { id: 90001, first_name: 'Joe', last_name: 'Lu', has_seen_data_share_prompt: false },
      { id: 90002, first_name: 'Jenny', last_name: 'Chen', has_seen_data_share_prompt: true },
    ] }] });
    expect(at(customers, '$.objects[0].customers[1].first_name').categories).toEqual(['personal']);
    expect(at(customers, '$.objects[0].customers[1].id').categories).toEqual(['personal']);
  });

  it('reads the household as others when the payload names the reader apart from it', () => {
    // As a camera home lists the faces it knows beside the account's own e-mail.
    const fields = classifyJson({ body: { homes: [{ id: '5a1b', persons: [
      { id: '91827374-7e04-5298-83ad-a0cb8372dff1', pseudo: 'John Doe', url: 'https://cdn.example.org/faces/1.jpg' },
      { id: '91827375-7e04-5298-83ae-a0cb8372dff2', pseudo: 'Jane Doe', url: 'https://cdn.example.org/faces/2.jpg' },
    ] }], user: { email: 'john@doe.example', language: 'de-DE' } } });
    expect(at(fields, '$.body.homes[0].persons[1].pseudo').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.body.homes[0].persons[1].id').categories).toContain('third_party');
    expect(at(fields, '$.body.homes[0].persons[1].id').explanation).toContain('names the account apart from them');
    expect(at(fields, '$.body.user.email').categories).toEqual(['personal']);
  });

  it('reads an entry that says it is a guest\'s as somebody else\'s, and its neighbours not', () => {
    const fields = classifyJson({ users: [
      { email: 'asdf@example.com', friendlyName: 'Asdf', role: 'owner' },
      { email: 'foo@bar.example', friendlyName: 'Foo Bar', role: 'guest' },
    ] });
    expect(at(fields, '$.users[1].email').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.users[1].email').explanation).toContain('guest');
    expect(at(fields, '$.users[0].email').categories).toEqual(['personal']);
  });

  it('reads people named for what they are to the owner as others, even one', () => {
    const fields = classifyJson({ number: '+4915112345678', message: 'Hello', recipients: ['+4915187654321'] });
    expect(at(fields, '$.recipients[0]').categories).toEqual(['personal', 'third_party']);
    expect(by(at(fields, '$.recipients[0]'))).toContain('people-list');
  });

  it('reads the id of an event about a person as the event\'s', () => {
    const fields = classifyJson({ user: { mail: 'john@doe.example' }, events: [
      { id: '5a2f0c1e', type: 'person', person_id: '91827374-7e04', time: 1515000000 },
      { id: '5a2f0c1f', type: 'person', person_id: '91827375-7e04', time: 1515000100 },
    ] });
    expect(at(fields, '$.events[1].id').categories).not.toContain('third_party');
    expect(at(fields, '$.events[1].person_id').categories).toEqual(['personal', 'third_party']);
  });
});

describe('access-grant and people-setting: what a person may do, how many people a home has', () => {
  it('reads a permission to share as no grant to anybody', () => {
    // As a music server describes its one user: role flags as strings.
    const fields = classifyJson({ user: { username: 'sindre', email: 'sindre@example.org', shareRole: 'false', adminRole: 'false' } });
    expect(at(fields, '$.user.email').categories).toEqual(['personal']);
    // A share that was made still names somebody else.
    const shared = classifyJson({ share: { shareId: 'sh-771', sharedFirstName: 'Anna', sharedEmail: 'anna@example.org' } });
    expect(at(shared, '$.share.sharedEmail').categories).toContain('third_party');
  });

  it('reads a count of a household\'s people as personal and a setting about contacts as nobody', () => {
    const fields = classifyJson({ locationInformation: { numPeople: '2', hvacType: 'heat pump' }, panel: { setup_contacts: '1' }, permissions: { no_contacts: '2' } });
    expect(at(fields, '$.locationInformation.numPeople').categories).toEqual(['personal']);
    expect(at(fields, '$.locationInformation.numPeople').explanation).toContain('counts the people of a household');
    expect(at(fields, '$.panel.setup_contacts').categories).toEqual([]);
    expect(at(fields, '$.permissions.no_contacts').categories).toEqual([]);
    // The contacts themselves stay third parties.
    const contacts = classifyJson({ contacts: [{ name: 'Anna Nowak', phone: '+48 601 234 567' }] });
    expect(at(contacts, '$.contacts[0].phone').categories).toContain('third_party');
  });
});

describe('sighted-subject: a person or vehicle a camera saw and described', () => {
  it('reads a described person\'s attributes, picture and time as a third party\'s', () => {
    // As a video management system's analytics event (ONVIF-like human body with appearance attributes).
    const fields = classifyJson({ timestamp: '2020-05-25T13:56:18.461-05:00', chid: 1, objId: 142, type: 'human', likelihood: 74.8,
      attributes: { gender: 'female', hat: true, bag: true, clothes: [{ type: 'tops', length: 'long', colors: ['white'] }] },
      image: 'http://nvr.local/storage/object/7673854.object._c1_t1_s376x600.jpg' });
    expect(at(fields, '$.attributes.gender').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.attributes.hat').categories).toEqual(['third_party']);
    expect(at(fields, '$.attributes.clothes[0].length').categories).toEqual(['third_party']);
    expect(at(fields, '$.attributes.clothes[0].colors[0]').categories).toEqual(['third_party']);
    expect(at(fields, '$.image').categories).toContain('media');
    expect(at(fields, '$.image').categories).toContain('third_party');
    expect(at(fields, '$.timestamp').categories).toEqual(['behaviour', 'third_party']);
    expect(at(fields, '$.objId').categories).toEqual([]);
    expect(at(fields, '$.likelihood').categories).toEqual([]);
    expect(by(at(fields, '$.attributes.hat'))).toEqual(['sighted-subject']);
    expect(at(fields, '$.attributes.hat').explanation).toContain('attributes such as "gender"');
  });

  it('reads a logged plate with its region of interest as a passing car\'s', () => {
    const fields = classifyJson({ totalCount: 2, data: [
      { id: 64, plateNo: '55EV96', score: 95, roi: { offset: [821, 473], size: [173, 43] }, timeRange: ['2018-02-21T09:07:29.000-05:00', '2018-02-21T09:07:34.057-05:00'], direction: 'entry' },
      { id: 63, plateNo: 'DSP963', roi: { offset: [753, 578], size: [170, 40] }, timeRange: ['2018-02-21T09:05:11.000-05:00', '2018-02-21T09:05:15.000-05:00'] },
    ] });
    expect(at(fields, '$.data[1].plateNo').categories).toEqual(['device', 'third_party']);
    expect(at(fields, '$.data[0].direction').categories).toEqual(['behaviour', 'third_party']);
    expect(at(fields, '$.data[1].timeRange[0]').categories).toEqual(['behaviour', 'third_party']);
    expect(at(fields, '$.data[0].roi.size[0]').categories).toEqual([]);
    expect(at(fields, '$.totalCount').categories).toEqual([]);
  });

  it('leaves a bare detection and a person\'s profile alone', () => {
    // An object detector's label with a score describes nobody: presence only (detected-person).
    const bare = classifyJson({ label: 'person', score: 0.87, box: [424, 500, 536, 712], start_time: 1607123955.47 });
    expect(at(bare, '$.start_time').categories).not.toContain('third_party');
    // A profile's sex and age are the account's, with no detector's figure beside them.
    const profile = classifyJson({ user: { gender: 'female', age: 34, hairColor: 'brown', memberSince: '2019-01-02' } });
    expect(at(profile, '$.user.gender').categories).toEqual(['personal']);
    expect(at(profile, '$.user.hairColor').categories).not.toContain('third_party');
  });
});

describe('observation-age: the age of a fix or a radio reading', () => {
  it('reads `age` beside a position or a signal as the observation\'s, not a person\'s', () => {
    const fields = classifyJson({
      cellTowers: [{ radioType: 'lte', cellId: 21532831, locationAreaCode: 2862, age: 1, signalStrength: -60 }],
      position: { latitude: 52.52, longitude: 13.405, accuracy: 12, age: 2000 },
      child: { 'ext-addr': '122bc09d8fd78e8e', margin: 51, age: 38 },
    });
    expect(at(fields, '$.cellTowers[0].age').categories).toEqual([]);
    expect(at(fields, '$.position.age').categories).toEqual([]);
    expect(at(fields, '$.child.age').categories).toEqual([]);
    expect(at(fields, '$.position.latitude').categories).toEqual(['location']);
  });

  it('leaves a person\'s age alone', () => {
    const fields = classifyJson({ profile: { firstName: 'Anna', age: 34, heightCm: 168 } });
    expect(at(fields, '$.profile.age').categories).toEqual(['personal']);
  });
});
