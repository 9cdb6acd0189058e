import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * The twelfth round for people, their devices, health readings and secrets (issue 7): identifiers under
 * unusual keys, numbers of the parties of a call or a message.
 */
describe('key: a system id is an installed unit\'s', () => {
  // As heating and access-control clouds list a home's systems (made-up ids).
  const fields = classifyJson({
    gateways: [{ temperatureControlSystems: [{ systemId: '3432522', modelType: 'EvoTouch' }] }],
    acs_user: { acs_system_id: 'f4d2b3fb-7fa5-47fd-b0d3-aa6da8f5b710', email_address: 'jane@example.org' },
    operatingSystem: 'Linux',
  });

  it.each([
    ['$.gateways[0].temperatureControlSystems[0].systemId'],
    ['$.acs_user.acs_system_id'],
  ])('reads %s as a device, not a person', (path) => {
    expect(at(fields, path).categories).toEqual(['device']);
  });

  it('leaves the name of an operating system alone', () => {
    expect(at(fields, '$.operatingSystem').categories).toEqual([]);
  });
});

describe('party-number: the phone number of a party of a call or a message, written without its +', () => {
  // As telephony and SMS gateways post calls and messages to the owner's server (made-up numbers).
  const fields = classifyJson({
    call: { from: '492111234567', to: '4915791234567', answeringNumber: '4921199999999', created: '2018-08-13T13:57:23' },
    sms: { fromNumber: '250788383383', timestamp: 1516217711000, caller: '+4600100100' },
    schedule: { from: ' 1509555600', to: '151199' },
    totals: { from: 1748736000000, to: 1748822399000 },
    page: { number: '123456789012', to: '12345678' },
  });
  const categories = (path: string) => at(fields, path).categories;

  it.each([
    ['$.call.from'],
    ['$.call.to'],
    ['$.call.answeringNumber'],
    ['$.sms.fromNumber'],
    ['$.sms.caller'],
  ])('reads %s as a person\'s number', (path) => {
    expect(categories(path)).toContain('personal');
  });

  it.each([
    ['$.schedule.from'],
    ['$.schedule.to'],
    ['$.totals.from'],
    ['$.totals.to'],
    ['$.page.number'],
    ['$.page.to'],
    ['$.sms.timestamp'],
  ])('leaves %s alone: times, counts and digits that are no valid number', (path) => {
    expect(categories(path)).not.toContain('personal');
  });
});

describe('key: the account\'s own workspace at a cloud service is the account holder\'s', () => {
  // As access-control and satellite-messenger APIs name the account's space (made-up ids).
  const fields = classifyJson({
    device: { workspace_id: '9f8e7d6c-5b4a-3c2d-1e0f-9876543210ab', display_name: 'Front door' },
    payloads: [{ account: { workspaceId: '7' }, workspace: { id: '7', name: 'Example Workspace' } }],
    AccountSid: 'f5586561-8ff0-4291-a51b-c7dfe4139ff9',
    editor: { workspace: 'split', workspaceLayout: 'grid' },
  });

  it.each(['$.device.workspace_id', '$.payloads[0].account.workspaceId', '$.payloads[0].workspace.id', '$.payloads[0].workspace.name',
    '$.AccountSid'])('reads %s as personal', (path) => {
    expect(at(fields, path).categories).toEqual(['personal']);
  });

  it('leaves a workspace setting that is no id or name alone', () => {
    expect(at(fields, '$.editor.workspace').categories).toEqual([]);
    expect(at(fields, '$.editor.workspaceLayout').categories).toEqual([]);
  });
});

describe('care-record: what a FHIR observation found is about the body', () => {
  // As a personal health record server wraps its observations (made-up values).
  const fields = classifyJson({
    data: [
      { user_id: 'u1', resource_raw: { resourceType: 'Observation', code: { coding: [{ system: 'http://loinc.org', code: '29463-7', display: 'Body Weight' }], text: 'Body Weight' },
        valueQuantity: { value: 72.9, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' } } },
      { resource_raw: { resourceType: 'Observation', valueCodeableConcept: { coding: [{ code: '449868002', display: 'Smokes tobacco daily' }], text: 'Smokes tobacco daily' },
        component: [{ valueInteger: 12 }] } },
      { resource_raw: { resourceType: 'Device', valueQuantity: { value: 3 }, valueString: 'spare' } },
    ],
  });

  it.each(['$.data[0].resource_raw.valueQuantity.value', '$.data[1].resource_raw.valueCodeableConcept.text',
    '$.data[1].resource_raw.valueCodeableConcept.coding[0].display', '$.data[1].resource_raw.component[0].valueInteger',
  ])('reads %s as health only', (path) => {
    expect(at(fields, path).categories).toEqual(['health']);
  });

  it('leaves the unit, its code system and the values of a record that is no observation alone', () => {
    for (const path of ['$.data[0].resource_raw.valueQuantity.unit', '$.data[0].resource_raw.valueQuantity.system',
      '$.data[2].resource_raw.valueQuantity.value', '$.data[2].resource_raw.valueString']) {
      expect(at(fields, path).categories).not.toContain('health');
    }
  });
});

describe('key: Thread radios and callers under the names their standards give them', () => {
  // As a Thread border router reports itself and an energy scan, and a voice API a call (made-up values).
  const fields = classifyJson({
    Network: { BorderAgentID: '856801577801e3167ac9cca74e4d94e0', UserAgent: 'otbr/1.3' },
    ScanList: [{ Extaddr: 'b2abeff4fcb6297b', Rssi: -71 }],
    call: { CallerId: 'Jane Doe', caller_name: 'Jane Doe', CallStatus: 'ringing' },
  });
  const categories = (path: string) => at(fields, path).categories;

  it('reads a border agent id as the unit\'s and a neighbour\'s extended address as a device id', () => {
    expect(categories('$.Network.BorderAgentID')).toEqual(['device']);
    expect(categories('$.ScanList[0].Extaddr')).toContain('device');
  });

  it('reads who is calling as a person', () => {
    expect(categories('$.call.CallerId')).toEqual(['personal', 'third_party']);
    expect(categories('$.call.caller_name')).toContain('personal');
  });

  it('leaves a user agent, a signal and a call\'s state alone', () => {
    expect(categories('$.Network.UserAgent')).toEqual([]);
    expect(categories('$.ScanList[0].Rssi')).not.toContain('device');
    expect(categories('$.call.CallStatus')).toEqual([]);
  });
});

describe('care-record: what a patient record\'s extensions say of the person', () => {
  // As US Core and a synthetic patient generator extend a Patient (made-up values).
  const fields = classifyJson({
    resourceType: 'Patient',
    extension: [
      { url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race',
        extension: [{ url: 'ombCategory', valueCoding: { system: 'urn:oid:2.16.840.1.113883.6.238', code: '2106-3', display: 'White' } }, { url: 'text', valueString: 'White' }] },
      { url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex', valueCode: 'M' },
      { url: 'http://example.org/quality-adjusted-life-years', valueDecimal: 16 },
    ],
    address: [{ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/geolocation', extension: [{ url: 'note', valueString: 'home' }] }] }],
  });
  const categories = (path: string) => at(fields, path).categories;

  it.each(['$.extension[0].extension[0].valueCoding.code', '$.extension[0].extension[0].valueCoding.display',
    '$.extension[0].extension[1].valueString', '$.extension[1].valueCode',
  ])('reads %s as personal', (path) => {
    expect(categories(path)).toEqual(['personal']);
  });

  it('leaves an extension\'s url, its code system, a score and an address\'s extension alone', () => {
    for (const path of ['$.extension[0].url', '$.extension[0].extension[0].valueCoding.system', '$.extension[2].valueDecimal',
      '$.address[0].extension[0].extension[0].valueString']) {
      expect(categories(path)).not.toContain('personal');
    }
  });
});

describe('device-record: a decoded radio message names the sensor that sent it', () => {
  // As rtl_433 publishes what it decoded (made-up ids).
  const thermometer = classifyJson({ time: '@0.086036s', model: 'Eurochron-EFTH800', id: 2936, channel: 2, battery_ok: 1, temperature_C: 24.4, mic: 'CRC' });
  const meter = classifyJson({ time: '@0.070726s', model: 'ESIC-EMT7110', id: 627725447, power_W: 0.0, mic: 'CHECKSUM' });
  const catalogue = classifyJson({ id: 'p-381', model: 'EFTH800', price: 19.9 });

  it('reads the id of a sensor\'s message as the sensor\'s', () => {
    expect(at(thermometer, '$.id').categories).toEqual(['device']);
    expect(at(meter, '$.id').categories).toEqual(['device']);
  });

  it('leaves the check, the battery and the id of a record that only names a model alone', () => {
    expect(at(thermometer, '$.mic').categories).toEqual([]);
    expect(at(thermometer, '$.battery_ok').categories).toEqual([]);
    expect(at(catalogue, '$.id').categories).toEqual([]);
  });
});

describe('sleep-time: the time in bed a sleep record measures', () => {
  // As a smart bed and a ring report a night's sleep, and a display its own sleep schedule (made-up values).
  const fields = classifyJson({
    bed: [{ side: 'left', entered_bed_at: '2025-02-15T22:00:00Z', left_bed_at: '2025-02-16T06:00:00Z', sleep_period_seconds: 28800 }],
    ring: { bedtime_start: '2022-07-12T01:05:14-07:00', total_sleep_duration: 24000, sleepStartTimestampGMT: 1657612800000 },
    display: { bedtime_start: '22:00', sleep_mode: 'dim' },
  });
  const categories = (path: string) => at(fields, path).categories;

  it.each(['$.bed[0].entered_bed_at', '$.bed[0].left_bed_at', '$.ring.bedtime_start'])('reads %s as health', (path) => {
    expect(categories(path)).toContain('health');
  });

  it('leaves when sleep itself started, and a bed time beside no sleep measure, without health', () => {
    expect(categories('$.ring.sleepStartTimestampGMT')).not.toContain('health');
    expect(categories('$.display.bedtime_start')).not.toContain('health');
    expect(categories('$.bed[0].side')).toEqual([]);
  });
});

describe('key: a body measurement qualified by the state it was taken in', () => {
  // As an activity app's daily summary and a watch's report write them; a fan's and a screen's figures are the machines' (made-up values).
  const fields = classifyJson({ summary: { caloriesIdle: 1785, heartRateResting: 58, fanIdle: 3, screenResting: 12 } });

  it.each([
    ['caloriesIdle', ['health']], ['heartRateResting', ['health']], ['fanIdle', []], ['screenResting', []],
  ])('reads %s as %j', (key, expected) => {
    expect(at(fields, `$.summary.${key}`).categories).toEqual(expected);
  });
});
