import { describe, expect, it } from 'vitest';
import type { ClassifiedField } from '../../src/policy/index.js';
import { decidedBy } from '../../src/policy/classifier/index.js';
import { classifyJson, at as at } from '../helpers/classify-json.js';

/** Signals that read a record by what most of its fields are (record-context.ts) and key morphology. */
describe('record context', () => {
  it('takes the plain numbers of a record of body measurements as health, but not its ids, bounds or readings', () => {
    const fields = classifyJson({
      night: { id: 93845, average_heart_rate: 53, deep_sleep_duration: 3510, average_hrv: 70, efficiency: 84, from: 1700000000, batteryLevel: 80, room: 'x' },
    });
    expect(at(fields, '$.night.efficiency').categories).toEqual(['health']);
    expect(decidedBy(at(fields, '$.night.efficiency').findings ?? [])).toEqual(['health-record']);
    expect(at(fields, '$.night.efficiency').explanation).toContain('record of 3 body measurements');
    expect(at(fields, '$.night.id').categories).toEqual([]);
    expect(at(fields, '$.night.from').categories).toEqual([]);
    expect(at(fields, '$.night.batteryLevel').categories).toEqual([]);
  });

  it('needs three body measurements before it reads the rest of a record as health', () => {
    const fields = classifyJson({ day: { steps: 4000, efficiency: 84, score: 3 } });
    expect(at(fields, '$.day.efficiency').categories).toEqual([]);
  });

  it('takes a list of records heard over the air (address and signal) as third parties, not a list of the owner devices', () => {
    const heard = { results: [{ mac: 'C4:7C:8D:6A:3E:11', rssi: -71, name: 'Band' }, { mac: 'F0:99:B6:12:34:56', rssi: -88, name: 'Watch' }] };
    const scan = classifyJson(heard);
    expect(at(scan, '$.results[1].rssi').categories).toEqual(['third_party']);
    expect(at(scan, '$.results[0].name').explanation).toContain('devices heard over the air');
    const own = classifyJson({ devices: heard.results });
    expect(at(own, '$.devices[1].rssi').categories).toEqual([]);
    const one = classifyJson({ results: [heard.results[0]] });
    expect(at(one, '$.results[0].rssi').categories).toEqual([]);
  });

  it('takes the times and acts of a log of events as behaviour, but not a log under a setting', () => {
    const fields = classifyJson({ logs: [{ id: '5e3a', action: 1, date: '2022-05-01T08:15:00Z', state: 0 }], tz: { events: [{ dt: 1700000000 }] } });
    expect(at(fields, '$.logs[0].date').categories).toEqual(['behaviour']);
    expect(at(fields, '$.logs[0].action').categories).toEqual(['behaviour']);
    expect(at(fields, '$.logs[0].id').categories).toEqual([]);
    expect(at(fields, '$.logs[0].state').categories).toEqual([]);
    expect(at(fields, '$.tz.events[0].dt').categories).toEqual([]);
  });
});

describe('key morphology', () => {
  it('reads a thing glued to a qualifier, a temperature unit and a speech record', () => {
    const fields = classifyJson({ smartlockId: 123456789, databaseId: 42424242, tempRoomC: 21.5, skin_temp_celsius: 33.7, voice: { text: 'turn off the kitchen lights' } });
    expect(at(fields, '$.smartlockId').categories).toEqual(['device']);
    expect(at(fields, '$.databaseId').categories).toEqual([]);
    expect(at(fields, '$.tempRoomC').categories).toEqual([]);
    expect(at(fields, '$.skin_temp_celsius').categories).toEqual(['health']);
    expect(at(fields, '$.voice.text').categories).toEqual(['media', 'behaviour']);
  });

  it('takes the address of a person for where they live, and an e-mail under it for personal', () => {
    const fields = classifyJson({ members: [{ address: '123 Main St' }], owner: { address: 'anna@example.org' } });
    expect(at(fields, '$.members[0].address').categories).toEqual(['location', 'third_party']);
    expect(at(fields, '$.owner.address').categories).toEqual(['personal']);
  });

  it('takes a generated-looking string under an unknown key for a secret, but not an opaque id or a word', () => {
    const fields = classifyJson({ rriot: { k: 'qiCNieZa8Xk2Lp0RtY7vBn3w', id: 'qiCNieZa8Xk2Lp0RtY7vBn3w', u: 'user_nickname_for_the_app' } });
    expect(at(fields, '$.rriot.k').categories).toEqual(['credentials']);
    expect(at(fields, '$.rriot.k').explanation).toContain('24 random characters');
    expect(at(fields, '$.rriot.k').explanation).not.toContain('qiCN');
    expect(at(fields, '$.rriot.id').categories).not.toContain('credentials');
    expect(at(fields, '$.rriot.u').categories).toEqual([]);
  });

  it('reads quantities and states by their parent, a state only for what a person does', () => {
    const fields = classifyJson({ stepCount: { qty: 4200 }, age: { high: 40, low: 30 }, door1: { status: 'open' }, user: { state: 'CA' } });
    expect(at(fields, '$.stepCount.qty').categories).toEqual(['health']);
    expect(at(fields, '$.age.high').categories).toEqual(['personal']);
    expect(at(fields, '$.door1.status').categories).toEqual(['behaviour']);
    expect(at(fields, '$.user.state').categories).toEqual([]);
  });
});

describe('person-id', () => {
  it("reads an id under the vendor's own word in a person's record as personal, not ids of what else the record points at", () => {
    const fields = classifyJson({
      profile: { garminGUID: '0690cc1d-d23d-4412-b027-80fd4ed1c0f6', fullName: 'Ann Example', deviceId: 'AB12CD34', sessionId: 'c2Vzc2lvbg', plan_id: 3 },
      station: { garminGUID: '0690cc1d-d23d-4412-b027-80fd4ed1c0f6', model: 'Index S2' },
    });
    expect(at(fields, '$.profile.garminGUID').categories).toEqual(['personal']);
    expect(decidedBy(at(fields, '$.profile.garminGUID').findings ?? [])).toEqual(['person-id']);
    expect(at(fields, '$.profile.garminGUID').explanation).toContain('sibling "fullName"');
    expect(at(fields, '$.profile.deviceId').categories).not.toContain('personal');
    expect(at(fields, '$.profile.sessionId').categories).not.toContain('personal');
    expect(at(fields, '$.profile.plan_id').categories).toEqual([]);
    expect(at(fields, '$.station.garminGUID').categories).not.toContain('personal');
  });
});

describe('health-record: parts of a record of body measurements', () => {
  it('reads the plain numbers of a part of a record of body measurements as health, not its ids or settings', () => {
    const fields = classifyJson([
      { id: 'r1', resting_heart_rate: 52, temperature_deviation: -0.2, hrv: 41, contributors: { sleep_balance: 73, stay_active: 98, device_id: 5, interval: 60 } },
    ]);
    expect(at(fields, '$[0].contributors.sleep_balance').categories).toEqual(['health']);
    expect(at(fields, '$[0].contributors.sleep_balance').explanation).toContain('a part of a record of 3 body measurements');
    expect(at(fields, '$[0].contributors.device_id').categories).not.toContain('health');
    expect(at(fields, '$[0].contributors.interval').categories).toEqual([]);
    const plain = classifyJson([{ id: 'r1', power: 12, contributors: { sleep_balance: 73 } }]);
    expect(at(plain, '$[0].contributors.sleep_balance').categories).toEqual([]);
  });
});

describe('home-record', () => {
  it("reads the id and name of a record holding a household's rooms, people or devices as the household's", () => {
    const fields = classifyJson({
      objects: [{ id: 70001, name: 'Vacation Home', customers: [{ first_name: 'Ann' }], devices: [{ serial_number: 'C1234' }] }],
      hub: { id: 'H-1', name: 'Hub', devices: [{ serial_number: 'C1234' }], scenes: [{ name: 'Evening' }] },
    });
    expect(at(fields, '$.objects[0].id').categories).toEqual(['personal']);
    expect(at(fields, '$.objects[0].name').categories).toEqual(['personal']);
    expect(decidedBy(at(fields, '$.objects[0].name').findings ?? [])).toEqual(['home-record']);
    expect(at(fields, '$.objects[0].name').explanation).toContain("a household's customers, devices");
    expect(at(fields, '$.hub.id').categories).not.toContain('personal');
    expect(at(fields, '$.hub.name').categories).toEqual([]);
  });
});

describe('nickname', () => {
  it("reads a nickname or pseudonym as personal, but not a thing's", () => {
    const fields = classifyJson({
      nickname: 'user_nickname',
      member: { member_nick: 'ann', nick_name: 'Ann***' },
      persons: [{ pseudo: 'John Doe' }],
      vehicleDetails: { nickName: 'SANTA FE 2019' },
      devices: [{ nickname: 'Kitchen plug' }],
    });
    expect(at(fields, '$.nickname').categories).toEqual(['personal']);
    expect(decidedBy(at(fields, '$.nickname').findings ?? [])).toEqual(['nickname']);
    expect(at(fields, '$.member.member_nick').categories).toContain('personal');
    expect(at(fields, '$.persons[0].pseudo').categories).toContain('personal');
    expect(at(fields, '$.vehicleDetails.nickName').categories).toEqual([]);
    expect(at(fields, '$.devices[0].nickname').categories).toEqual([]);
  });
});
