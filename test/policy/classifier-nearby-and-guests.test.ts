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
