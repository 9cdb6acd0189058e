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

describe('a vehicle described by its make and model', () => {
  it('reads its own id as the unit\'s', () => {
    const fields = classifyJson({ id: '36ab27d0-fd9d-4455-823a-ce30af709ffc', make: 'TESLA', model: 'Model S', year: 2014 });
    expect(at(fields, '$.id').categories).toEqual(['device']);
    expect(at(fields, '$.make').categories).toEqual([]);
  });

  it('leaves the id of a record with a model alone unlabelled', () => {
    expect(at(classifyJson({ id: 'a81c', model: 'Model S', colour: 'red' }), '$.id').categories).toEqual([]);
  });
});

describe('a link that names what it points at', () => {
  it.each([
    ['a vehicle', { links: { self: '/vehicles/36ab27d0-fd9d/signals' } }, '$.links.self', ['device']],
    ['a vehicle, under another name', { links: { values: 'https://api.example.com/v2/vehicles/36ab27d0-fd9d/values' } }, '$.links.values', ['device']],
    ['a person', { links: { self: '/users/81234567/profile' } }, '$.links.self', ['personal']],
    ['a list page', { links: { self: '/signals?page=2' } }, '$.links.self', []],
  ])('reads a link to %s by the collection its id follows', (_what, body, path, categories) => {
    expect(at(classifyJson(body), path).categories).toEqual(categories);
  });
});

describe('a client id beside a hardware address', () => {
  it('reads a DHCP lease\'s client id as the host\'s, not an app\'s', () => {
    const lease = { leases: [{ macAddress: '80:69:1A:5B:9D:20', ipAddress: '192.168.20.189', hostName: 'Linksys00056', clientID: '01:80:69:1a:5b:9d:20' }] };
    expect(at(classifyJson(lease), '$.leases[0].clientID').categories).toEqual(['device']);
  });

  it('keeps the client id of an owner\'s app beside an IP address (no hardware address) the app\'s', () => {
    const app = { client_id: 'test_client_456', user_id: 'u-88213', ip: '203.0.113.7' };
    expect(at(classifyJson(app), '$.client_id').categories).toEqual(['personal']);
  });
});

describe('values that only look like secrets', () => {
  it.each([
    ['an empty state handed back as text', { conversation: { conversationId: '1494709404186', conversationToken: '[]' } }, '$.conversation.conversationToken'],
    ['a file format\'s magic number', { ProfileFileSignature: 'acsp', ProfileVersion: '4.0.0' }, '$.ProfileFileSignature'],
  ])('leaves %s unlabelled', (_what, body, path) => {
    expect(at(classifyJson(body), path).categories).toEqual([]);
  });

  it('keeps a conversation token with content a credential', () => {
    expect(at(classifyJson({ conversationToken: 'eyJzdGF0ZSI6IjEyMyJ9x8Kq2Lr9' }), '$.conversationToken').categories).toContain('credentials');
  });

  it('keeps a signature a credential', () => {
    expect(at(classifyJson({ signature: 'kq2Lr9x8Zm4Tp7Wc3Vb6Nd1Hf5Gj0Ys' }), '$.signature').categories).toContain('credentials');
  });
});

describe('a radius beside a latitude and a longitude', () => {
  it.each([
    ['a fix\'s uncertainty', { watchLastLocate: { lat: 52.52, lng: 13.41, rad: 25, battery: 80 } }, '$.watchLastLocate.rad'],
    ['a zone drawn round a point', { safeZones: [{ name: 'School', lat: 52.52, lng: 13.41, radius: 100 }] }, '$.safeZones[0].radius'],
  ])('reads %s as location', (_what, body, path) => {
    expect(at(classifyJson(body), path).categories).toContain('location');
  });

  it('leaves the battery beside it unlabelled', () => {
    expect(at(classifyJson({ lat: 52.52, lng: 13.41, rad: 25, battery: 80 }), '$.battery').categories).toEqual([]);
  });
});

describe('the name of an SSID record', () => {
  it('is the SSID', () => {
    const fields = classifyJson({ devices: [{ lastSSID: { name: 'HomeNet', updatedAt: '2024-01-01T00:00:00Z' }, name: 'Nursery' }] });
    expect(at(fields, '$.devices[0].lastSSID.name').categories).toEqual(['network']);
    expect(at(fields, '$.devices[0].name').categories).toEqual([]);
  });
});

describe('keys named in the other order or for what they open', () => {
  it.each([
    ['a MAC named before its radio', { mac_wifi: 'a4:cf:12:0b:9e:31', battery: 90 }, '$.mac_wifi', 'device'],
    ['a Bluetooth MAC named so', { mac_ble: 'a4:cf:12:0b:9e:32', battery: 90 }, '$.mac_ble', 'device'],
    ['a masked MAC named so', { mac_wifi: 'aa', battery: 90 }, '$.mac_wifi', 'device'],
    ['a parcel locker\'s open code', { openCode: '250162', status: 'READY_TO_PICKUP' }, '$.openCode', 'credentials'],
  ])('reads %s', (_what, body, path, category) => {
    expect(at(classifyJson(body), path).categories).toContain(category);
  });

  it('leaves a flag about the open code unlabelled', () => {
    expect(at(classifyJson({ operations: { canShareOpenCode: false } }), '$.operations.canShareOpenCode').categories).toEqual([]);
  });
});

describe('a node id', () => {
  it('reads a number as the address the network gave the node', () => {
    expect(at(classifyJson({ node_id: 4337, available: true }), '$.node_id').categories).toEqual(['network']);
  });

  it('keeps a node id written as text the unit\'s own', () => {
    expect(at(classifyJson({ nodeId: 'nEXNDUS4321', hostname: 'exit-node-us' }), '$.nodeId').categories).toEqual(['device']);
  });
});
