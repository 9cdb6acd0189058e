import { describe, expect, it } from 'vitest';
import type { DataCategory } from '../../src/policy/index.js';
import { at, classifyJson } from '../helpers/classify-json.js';

/**
 * The fifteenth round for precision: fields the classifier flagged that carry no personal data, each shape with
 * the case that must stay flagged. Payloads written for the test.
 */
type Case = readonly [name: string, body: unknown, path: string, category: DataCategory, flagged: boolean];

function itReads(cases: readonly Case[]): void {
  it.each(cases)('%s', (_name, body, path, category, flagged) => {
    const field = at(classifyJson(body), path);
    if (flagged) expect(field.categories).toContain(category);
    else expect(field.categories).not.toContain(category);
  });
}

describe("a scan with no entries is the scanning job's own record (own-radios.ts)", () => {
  const pool = [{ name: 'tank', scan: { function: 'SCRUB', state: 'FINISHED', percentage: 99.9, errors: 0 } }];
  const radio = { scan: [{ bssid: 'a4:2b:b0:11:22:33', ssid: 'Kowalski-5G', rssi: -71 }] };
  const nested = { scan: { results: [{ ssid: 'Kowalski-5G', rssi: -71 }] } };
  itReads([
    ["a disk scrub's state", pool, '$[0].scan.state', 'third_party', false],
    ["a disk scrub's progress", pool, '$[0].scan.percentage', 'third_party', false],
    ["a radio scan's entry stays the neighbour's", radio, '$.scan[0].rssi', 'third_party', true],
    ['an entry in a list below the scan stays the neighbour\'s', nested, '$.scan.results[0].rssi', 'third_party', true],
  ]);
});

describe("the load of a computer's own resource (resource-loads.ts)", () => {
  const realtime = { fields: { cpu: { cpu0: { usage: 12.5 }, cpu1: { usage: 3.1 } }, memory: { usage: 41.2 } } };
  itReads([
    ["a processor core's usage", realtime, '$.fields.cpu.cpu0.usage', 'behaviour', false],
    ["the memory's usage", realtime, '$.fields.memory.usage', 'behaviour', false],
    ["a household's water usage stays behaviour", { water: { usage: 312.5 } }, '$.water.usage', 'behaviour', true],
  ]);
});

describe('an address record that is a machine\'s holds no postal code (key-detectors.ts, keyHints)', () => {
  const iface = { networkInterfaces: [{ name: 'wlan0', hardwareAddress: { value: '12345' } }] };
  itReads([
    ["an interface's hardware address", iface, '$.networkInterfaces[0].hardwareAddress.value', 'location', false],
    ["a person's address keeps its postal code", { address: { value: '12345' } }, '$.address.value', 'location', true],
  ]);
});

describe("a fix member qualified by a machine's part (fix-companions.ts)", () => {
  const exif = [{ GPSLatitude: 52.2297, GPSLongitude: 21.0122, ShutterSpeedValue: 6.64, GPSSpeed: 1.5 }];
  itReads([
    ["a camera's shutter speed beside the photo's position", exif, '$[0].ShutterSpeedValue', 'location', false],
    ["the fix's own speed stays location", exif, '$[0].GPSSpeed', 'location', true],
  ]);
});

describe('what an assistant answers or a speech engine says (assistant-replies.ts)', () => {
  const webhook = { result: { resolvedQuery: 'turn on the lights', fulfillment: { speech: 'Okay, turning them on' } } };
  const engine = { ttss: [{ name: 'pico2wave', parameters: { voice: 'en-GB', cache: true } }] };
  itReads([
    ["a fulfilment's speech", webhook, '$.result.fulfillment.speech', 'media', false],
    ["a speech engine's voice", engine, '$.ttss[0].parameters.voice', 'media', false],
    ['speech somebody gave stays media', { result: { speech: 'turn on the lights' } }, '$.result.speech', 'media',
      true],
  ]);
});

describe('an address is no time (activity-records.ts, timeLike)', () => {
  const pool = { 'pool-start': '172.16.3.33', 'pool-end': '172.16.3.42', interface: 'Wireguard0' };
  const charge = { start: '2026-11-02T22:00:00Z', end: '2026-11-03T05:30:00Z', energy: 21.4 };
  itReads([
    ["a VPN pool's first address", pool, '$["pool-start"]', 'behaviour', false],
    ["a charge's start stays behaviour", charge, '$.start', 'behaviour', true],
  ]);
});

describe('a grant word qualifying another thing speaks of no grant (relation-vocabulary.ts, speaksOfGrant)', () => {
  const host = [{ id: 7, email: 'host@example.org', firstName: 'Maria', createGuestInvoicing: 1, readGuestbook: 1 }];
  const listing = {
    name: 'Sea view flat', contactName: 'Maria', contactEmail: 'host@example.org', guestStayTax: 12,
    guestsIncluded: 3, checkInTimeStart: 15, checkInTimeEnd: 21,
  };
  const share = {
    sharedWith: 'anna@example.org', sharedFirstName: 'Anna', role: 'viewer', expiresAt: '2026-12-24T00:00:00Z',
  };
  const guest = {
    guestEmail: 'anna@example.org', guestName: 'Anna', accessStartsAt: '2026-12-20', accessEndsAt: '2026-12-24',
  };
  itReads([
    ["a host's permissions to invoice guests", host, '$[0].email', 'third_party', false],
    ["a listing's guest prices and its contact", listing, '$.contactEmail', 'third_party', false],
    ['whom access was shared with stays a third party', share, '$.sharedFirstName', 'third_party', true],
    ["a guest's window and e-mail stay a third party's", guest, '$.guestEmail', 'third_party', true],
  ]);
});

describe("the age of a reading and an age rating's bounds are nobody's age (vocabulary.ts, NEGATIVE_WORDS)", () => {
  itReads([
    ["an inverter's data age", { inverters: [{ serial: '114182801234', data_age: 3 }] }, '$.inverters[0].data_age',
      'personal', false],
    ["a work's youngest listener", { metadata: { title: 'Stories', minAge: 3, maxAge: 8 } }, '$.metadata.minAge',
      'personal', false],
    ["a person's age stays personal", { user: { displayName: 'Anna', age: 34 } }, '$.user.age', 'personal', true],
  ]);
});

describe("a device's profile or type names that record, not the unit (key-detectors.ts, keyHints)", () => {
  const uplink = {
    deviceInfo: {
      deviceProfileId: '605d2d93-8a11-4c2d-bc61-0b3a2a7c5e11', devEui: '0101010101010101', deviceName: 'garden',
    },
  };
  itReads([
    ["a LoRaWAN device profile's id", uplink, '$.deviceInfo.deviceProfileId', 'device', false],
    ["the unit's own id stays a device's", { device_id: '605d2d93-8a11-4c2d-bc61-0b3a2a7c5e11' }, '$.device_id',
      'device', true],
  ]);
});

describe('a path in a file system is no place (place-placeholders.ts)', () => {
  const app = {
    volume_mounts: [{ source: '/mnt/tank/apps/config', destination: '/config' }],
    volumes: [{ destination: '/downloads/complete' }],
  };
  itReads([
    ["a volume mount's destination", app, '$.volume_mounts[0].destination', 'location', false],
    ["a volume's destination", app, '$.volumes[0].destination', 'location', false],
    ["a trip's destination stays a place", { trip: { destination: '221B Baker Street, London' } }, '$.trip.destination',
      'location', true],
  ]);
});
