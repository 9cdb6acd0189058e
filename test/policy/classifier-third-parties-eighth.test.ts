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
