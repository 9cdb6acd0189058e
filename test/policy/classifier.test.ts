import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PathSegment, ScalarValue } from '../../src/payload/index.js';
import type { DataCategory } from '../../src/policy/categories.js';
import { classifyField, classifyPayload, normaliseKey } from '../../src/policy/classifier/index.js';
import { flattenJson } from '../helpers/flatten.js';

/** `a.b[0].c` → ['a', 'b', 0, 'c'] */
function segmentsOf(path: string): PathSegment[] {
  return path.split(/\.|(?=\[)/).map((part) => (part.startsWith('[') ? Number(part.slice(1, -1)) : part));
}

function classify(path: string, value: ScalarValue): readonly DataCategory[] {
  return classifyField({ segments: segmentsOf(path), value });
}

describe('normaliseKey', () => {
  it.each([
    ['wifi_sta', 'wifista'],
    ['wifiSta', 'wifista'],
    ['WiFi-STA', 'wifista'],
    ['coords.latitude', 'coordslatitude'],
    ['switch:0', 'switch0'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseKey(raw)).toBe(expected);
  });
});

describe('classifyField by key', () => {
  it.each<[string, ScalarValue, DataCategory[]]>([
    ['lat', 52.3, ['location']],
    ['location.coords.longitude', 13.4, ['location']],
    ['coords.speed', 3, ['location']],
    ['pose.point.x', -7, ['location']],
    ['place.location[0]', 52.516263, ['location']],
    ['inregions[1]', 'Testregion2', ['location']],
    ['postal_code', '10115', ['location']],
    ['SSId1', 'XXX', ['network']],
    ['wifi_sta.ssid', 'home', ['network']],
    ['wlan0HwAddr', 'XX', ['device']],
    ['navSerialNo', 'CF08814PR', ['device']],
    ['imei', '451746050955683', ['device']],
    ['terminalUUID', 'MY_UUID_v4', ['device']],
    ['doorbots[0].id', 987654, ['device']],
    ['owner.id', 999999, ['personal']],
    ['owner.email', 'x', ['personal']],
    ['cloudUserName', 'XXXXX', ['personal']],
    ['imsi', '40895Galaxy75dd', ['device', 'personal']],
    ['cloudPassword', 'XXXXX', ['credentials']],
    ['opencageApiKey', 'k', ['credentials']],
    ['local_key', '3a9b50126fe473', ['credentials']],
    ['sip_token', 'abc', ['credentials']],
    ['weight', '48900', ['health']],
    ['heart_rate', 62, ['health']],
    ['face', 'iVBOR', ['media']],
    ['input', 'bitte schalte die stehlampe an', ['media', 'behaviour']],
    ['state.reported.cleanSchedule2[0].start.hour', 8, ['behaviour']],
    ['get_device_usage.time_usage.today', 1264, ['behaviour']],
    ['ap_list[0].ssid', 'neighbour', ['network', 'third_party']],
    ['ap_list[3].cipher_type', 2, ['third_party']],
  ])('%s = %j → %j', (path, value, expected) => {
    expect(classify(path, value)).toEqual(expected);
  });

  it.each<[string, ScalarValue]>([
    ['cap.pose', 1],
    ['definition.description', 'Mi power plug ZigBee'],
    ['model', 'HS110(EU)'],
    ['firmware_version', '1.2.3'],
    ['Sleep', 50],
    ['audio_jitter_buffer_ms', 0],
    ['port', 1883],
    ['id', 7840],
    ['productKey', '8FAPq5h6gdV51Vcr'],
    // The labelling rules (docs/CORPUS.md) no longer count these as personal data.
    ['time_zone', 'America/New_York'],
    ['Wifi.RSSI', 44],
    ['signal.noise', -82],
    ['input', 0],
    ['relays[0].ison', false],
    ['battery.level', 0.5],
  ])('%s = %j has no category', (path, value) => {
    expect(classify(path, value)).toEqual([]);
  });

  it.each<[string, ScalarValue]>([
    ['password', null],
    ['ssid', ''],
    ['dns2', '0.0.0.0'],
  ])('%s = %j carries nothing', (path, value) => {
    expect(classify(path, value)).toEqual([]);
  });

  it('does not call a boolean a secret', () => {
    expect(classify('usePassword', true)).toEqual([]);
  });

  it.each<[string, ScalarValue]>([
    ['latitude', 123.4],
    ['lon', -200],
    ['lat', '95.5'],
  ])('drops location when %s = %j is out of range', (path, value) => {
    expect(classify(path, value)).toEqual([]);
  });

  it('keeps location for a coordinate written as text (DMS, masked)', () => {
    expect(classify('lat', "52°30'N")).toEqual(['location']);
  });

  it('uses the nearest key when the path has no object key at the end', () => {
    expect(classifyField({ key: 'lat', segments: [], value: 1.5 })).toEqual(['location']);
  });
});

describe('classifyField by value', () => {
  it.each<[string, string, DataCategory[]]>([
    ['addr', '192.168.1.55', ['network']],
    ['x', '192.168.178.XX', ['network']],
    ['x', 'fe80::1', ['network']],
    ['x', 'fd78:cbf8:4939:746:5632:4ff:fe54:7478', ['network', 'device']],
    ['addr', '0c:ef:f6:f1:d7:7b', ['device']],
    ['x', '48-22-54-00-00-00', ['device']],
    ['APMac', '34:31:C4:XX:XX:XX', ['network']],
    ['bssid', '000000000000', ['network']],
    ['mac', 'C45BBE78A8A4', ['device']],
    ['x', '0x00158d00018255df', ['device']],
    ['x', '490154203237518', ['device']],
    ['x', '1M8GDM9AXKP042788', ['device']],
    ['src', 'shellypro4pm-f008d1d8b8b8', ['device']],
    ['x', 'cmnd/DVES_D460E6_fb/', ['device']],
    ['src', 'ifp-1C9A46F07B3CADE33EFC75ABA3DC37CF', []],
    ['x', 'fbd71d16462c473d8c7aae32b300a775-live', []],
    ['x', 'foo@bar.org', ['personal']],
    ['x', '+49 30 1234567', ['personal']],
    ['phone', '030 1234567', ['personal']],
    ['x', 'sip:abc123@ring.com', ['network']],
    ['x', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl', ['credentials']],
    ['x', 'Bearer abcdefghijklmnop', ['credentials']],
    ['x', 'https://bucket.s3.amazonaws.com/a.jpg?X-Amz-Signature=abc&X-Amz-Date=1', ['credentials', 'media']],
    ['x', '52.516263,13.377726', ['location']],
    ['x', 'geo:52.5,13.4', ['location']],
    ['device_uuid', '0e24799a-aa63-4205-9808-74ee92f2436b', ['device']],
    ['friendly_name', '0x90fd9ffffe6494fc', ['device']],
  ])('%s = %s → %j', (key, value, expected) => {
    expect(classify(key, value)).toEqual(expected);
  });

  it.each([
    ['x', '000000000000'],
    ['x', '490154203237519'],
    ['x', 'session:0e24799a-aa63-4205-9808-74ee92f2436b'],
    ['x', 'd15eb1a0-67ba-4a3b-a378-a5b06e370719'],
    ['x', 'Europe/Berlin'],
    ['x', '2000-01-01T00:00:00.000Z'],
    ['x', '20191217-140757/1047-long-id-for-shelly-devices@a0661583'],
    ['x', 'https://example.com/page?lang=en'],
    ['x', '255.255.255.0'],
    ['x', '1.2.3'],
    ['x', 'Hello there, how are you?'],
    ['x', '12345'],
  ])('%s = %s has no category', (key, value) => {
    expect(classify(key, value)).toEqual([]);
  });
});

describe('classifyPayload', () => {
  it('classifies a `value` by its sibling `code`', () => {
    const fields = flattenJson('{"status":[{"code":"weight","value":"48900"},{"code":"switch_1","value":true}]}');
    const result = classifyPayload({ format: 'json', fields, opaqueReason: undefined });
    expect(result.map((r) => [r.field.path, r.categories])).toEqual([
      ['$.status[0].code', []],
      ['$.status[0].value', ['health']],
      ['$.status[1].code', []],
      ['$.status[1].value', []],
    ]);
  });

  it('marks a base64 image as media and opaque whatever its key', () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(120)]).toString('base64');
    const fields = flattenJson(JSON.stringify({ blob: png, note: 'hello' }));
    const [blob, note] = classifyPayload({ format: 'json', fields, opaqueReason: undefined });
    expect(blob?.categories).toEqual(['media']);
    expect(blob?.opaque?.kind).toBe('binary');
    expect(note?.opaque).toBeUndefined();
  });
});
