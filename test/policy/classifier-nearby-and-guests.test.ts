import { describe, expect, it } from 'vitest';
import type { ClassifiedField } from '../../src/policy/index.js';
import { decidedBy } from '../../src/policy/classifier/index.js';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * Detectors of the seventh round for people and their neighbours (issue 7): what a receiver heard
 * around it, and people given time-limited access to the owner's doors.
 */
const by = (field: ClassifiedField) => decidedBy(field.findings ?? []);

describe('heard-advertisement', () => {
  it('reads every field of one advertisement a BLE gateway heard as a nearby device', () => {
    // As a BLE-to-MQTT gateway publishes an iBeacon it heard (Bluetooth AD types, iBeacon fields).
    const fields = classifyJson({ id: 'C4:7C:8D:6A:21:0F', mac_type: 1, rssi: -81, distance: 9.4, brand: 'GENERIC', model: 'iBeacon',
      mfid: '4c00', uuid: 'e2c56db5dffb48d2b060d0f5a71096e0', major: 120, minor: 7, txpower: -59 });
    expect(at(fields, '$.id').categories).toEqual(['device', 'third_party']);
    expect(at(fields, '$.rssi').categories).toEqual(['third_party']);
    expect(at(fields, '$.major').categories).toEqual(['third_party']);
    expect(at(fields, '$.txpower').categories).toEqual(['third_party']);
    expect(by(at(fields, '$.rssi'))).toContain('heard-advertisement');
    expect(at(fields, '$.rssi').explanation).toContain('Bluetooth advertisement');
    expect(at(fields, '$.id').explanation).not.toContain('C4:7C');
  });

  it('reads an advertisement with service data and an estimated distance', () => {
    const fields = classifyJson({ id: '5a:11:e0:93:4b:02', rssi: -92, distance: 24.7, servicedata: '1600e0ff0a0b0c' });
    expect(at(fields, '$.servicedata').categories).toEqual(['third_party']);
    expect(at(fields, '$.distance').categories).toEqual(['third_party']);
  });

  it('leaves the owner\'s own radio alone: a signal beside one part, or a record under the owner\'s sensors', () => {
    const own = classifyJson({ wifi: { rssi: -61, ssid: 'Kowalski-5G', distance: 3 } });
    expect(at(own, '$.wifi.rssi').categories).toEqual([]);
    const sensors = classifyJson({ sensors: [{ mac: 'A4:C1:38:0E:55:21', rssi: -70, txpower: -59, manufacturerdata: '0a1b2c', tempc: 21.4 }] });
    expect(at(sensors, '$.sensors[0].rssi').categories).toEqual([]);
    expect(at(sensors, '$.sensors[0].tempc').categories).toEqual([]);
  });
});

describe('guest-access', () => {
  it('reads a person given access for a window of days and hours as a guest', () => {
    // A lock's sharing list as lock APIs send it (Matter Door Lock: a week-day schedule user).
    const fields = classifyJson({ result: [{ accessLevel: 1, dayStartTime: '2026-03-01T07:30:00.000Z', dayEndTime: '2026-03-31T19:00:00.000Z',
      deviceId: 40112, id: '9b2e7c1a-3f44-4d1e-a0c2-51f0e2d7aa10', principalId: 'c81d0f52-6a0e-4bde-9a57-2f1b4c0d9e31', principalName: 'Ilse Brandt',
      userEmail: 'ilse.brandt@example.org', weekDays: 62 }] });
    expect(at(fields, '$.result[0].principalName').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.result[0].userEmail').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.result[0].principalId').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.result[0].weekDays').categories).toEqual(['behaviour', 'third_party']);
    expect(at(fields, '$.result[0].dayStartTime').categories).toContain('third_party');
    expect(at(fields, '$.result[0].deviceId').categories).not.toContain('third_party');
    expect(at(fields, '$.result[0].accessLevel').categories).toEqual([]);
    expect(by(at(fields, '$.result[0].principalName'))).toContain('guest-access');
    expect(at(fields, '$.result[0].principalName').explanation).not.toContain('Ilse');
  });

  it('reads an access-control user whose window is a record of its own, and keeps the owner\'s ids the owner\'s', () => {
    const fields = classifyJson({ acs_user: { access_schedule: { starts_at: '2026-05-02T14:00:00.000Z', ends_at: '2026-05-04T10:00:00.000Z' },
      acs_user_id: '5d0e7f11-2c3b-4a8e-9f60-1b7d2c4e8a90', workspace_id: '0f6a2b7c-8d9e-4f10-a1b2-c3d4e5f60718', full_name: 'Tomás Ruiz',
      user_identity_id: 'e7c9a1b3-5d2f-4e6a-8b0c-9d1e2f3a4b5c', phone_number: '+34600123456' } });
    expect(at(fields, '$.acs_user.access_schedule.ends_at').categories).toContain('third_party');
    expect(at(fields, '$.acs_user.full_name').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.acs_user.user_identity_id').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.acs_user.phone_number').categories).toContain('third_party');
    expect(at(fields, '$.acs_user.workspace_id').categories).not.toContain('third_party');
  });

  it('leaves a PIN with a window but no person, and a person with no window, alone', () => {
    const pin = classifyJson({ result: { id: 2, alias: 'cleaner', pin: '480213', startDate: '2026-01-01T00:00:00.000Z', endDate: '2026-02-01T00:00:00.000Z', weekDays: 1 } });
    expect(at(pin, '$.result.weekDays').categories).toEqual(['behaviour']);
    const member = classifyJson({ user: { email: 'ana@example.com', accessLevel: 'admin', firstName: 'Ana' } });
    expect(at(member, '$.user.email').categories).toEqual(['personal']);
    const login = classifyJson({ email: 'ana@example.com', access_token: 'eyJhbGciOiJIUzI1NiJ9.e30.abc', starts: 1, ends: 2 });
    expect(at(login, '$.email').categories).toEqual(['personal']);
  });
});

describe('people flags', () => {
  it('drops third_party from a flag that says what an account has or allows, not from what somebody did', () => {
    const fields = classifyJson({ userInfo: { hasMembers: true, approve_followers: false },
      familyMembers: [{ firstName: 'Uma', lastName: 'Berg', hasScreenTimeEnabled: false }, { firstName: 'Leo', lastName: 'Berg', hasScreenTimeEnabled: true }] });
    expect(at(fields, '$.userInfo.hasMembers').categories).toEqual([]);
    expect(at(fields, '$.userInfo.approve_followers').categories).toEqual([]);
    expect(at(fields, '$.familyMembers[1].hasScreenTimeEnabled').categories).toEqual([]);
    expect(at(fields, '$.familyMembers[1].firstName').categories).toEqual(['personal', 'third_party']);
  });

  it.each(['emailVerified', 'phone_verified', 'isConfirmed'])('drops third_party from a member\'s %s (whether an address was checked is the account\'s bookkeeping)', (flag) => {
    const fields = classifyJson({ members: [{ firstName: 'Uma', [flag]: true }, { firstName: 'Leo', [flag]: false }] });
    expect(at(fields, `$.members[1].${flag}`).categories).toEqual([]);
    expect(at(fields, '$.members[1].firstName').categories).toContain('third_party');
  });

  it('keeps a neighbour\'s flag in a scan entry', () => {
    const fields = classifyJson({ scan: [{ ssid: 'Nowak_home', bssid: '9c:3d:cf:11:22:33', hasWps: true }, { ssid: 'FRITZ!Box 7530 QX', bssid: '3c:a6:2f:44:55:66', hasWps: false }] });
    expect(at(fields, '$.scan[0].hasWps').categories).toEqual(['third_party']);
  });
});

describe('person roles', () => {
  it('reads the id of a person named by the role they play (schema.org roles, the people a thing serves)', () => {
    const fields = classifyJson({ list: [{ employee_id: 118204, tracker_id: 'T-4471' }], athlete: { id: 93341277 }, message: { accessorUuid: '0f3c2a1e-77b4-4c9d-9e21-5d6a8b9c0e1f' } });
    expect(at(fields, '$.list[0].employee_id').categories).toEqual(['personal']);
    expect(at(fields, '$.athlete.id').categories).toEqual(['personal']);
    expect(at(fields, '$.message.accessorUuid').categories).toEqual(['personal']);
    expect(at(fields, '$.list[0].tracker_id').categories).toEqual(['device']);
  });
});

describe('person traits', () => {
  it('reads a birth date in parts and a flag of sex or age group as personal', () => {
    const fields = classifyJson({ sleeper: { firstName: 'Marta', birthMonth: 7, birthYear: '1986', isMale: false, isChild: false, dobDay: 14, isActive: true } });
    expect(at(fields, '$.sleeper.birthMonth').categories).toEqual(['personal']);
    expect(at(fields, '$.sleeper.dobDay').categories).toEqual(['personal']);
    expect(at(fields, '$.sleeper.isMale').categories).toEqual(['personal']);
    expect(at(fields, '$.sleeper.isChild').categories).toEqual(['personal']);
    expect(at(fields, '$.sleeper.isActive').categories).toEqual([]);
    expect(at(fields, '$.sleeper.isMale').explanation).not.toContain('false');
  });
});

describe('device kinds', () => {
  it('reads the id of a unit named by its kind in vendor-neutral catalogues (Matter device types, Bluetooth appearance, HomeKit)', () => {
    const fields = classifyJson({ bedId: '-9223372019953519000', accessoryId: 'b8e94b3a4f21', receiverId: '0288 7745 5858', sleeper: { firstName: 'Jonas' } });
    expect(at(fields, '$.bedId').categories).toEqual(['device']);
    expect(at(fields, '$.accessoryId').categories).toEqual(['device']);
    expect(at(fields, '$.receiverId').categories).toEqual(['device']);
  });
});

describe('mesh network ids', () => {
  it('reads Thread and Matter network identifiers by their specifications\' names', () => {
    const fields = classifyJson({ Network: { MeshLocalPrefix: 'fd7e:5c2a:9b1e:41d0::/64', Rloc16: '0x9c00', OnMeshPrefix: ['fd11:22::/64'] },
      fabrics: [{ fabricId: 2, vendorId: 65521, label: '' }], RCP: { Version: 'OPENTHREAD/1.3.0' } });
    expect(at(fields, '$.Network.MeshLocalPrefix').categories).toEqual(['network']);
    expect(at(fields, '$.Network.Rloc16').categories).toEqual(['network']);
    expect(at(fields, '$.Network.OnMeshPrefix[0]').categories).toEqual(['network']);
    expect(at(fields, '$.fabrics[0].fabricId').categories).toEqual(['network']);
    expect(at(fields, '$.fabrics[0].vendorId').categories).toEqual([]);
    expect(at(fields, '$.RCP.Version').categories).toEqual([]);
  });
});

describe('related-person traits', () => {
  it('reads the birth date and sex beside a relative\'s name as the relative\'s, not who recorded it', () => {
    const fields = classifyJson({ babyName: 'Ada Lind', birthDate: '2025-09-02T00:00:00.000Z', sex: 'Female', user: 'u-2231', updatedAt: '2025-10-01T08:00:00Z' });
    expect(at(fields, '$.babyName').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.birthDate').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.sex').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.user').categories).not.toContain('third_party');
  });
});
