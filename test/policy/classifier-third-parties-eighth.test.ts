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
