import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * The ninth round's places (issue 7): a word in a container's name must not make a whole subtree places.
 * Each case keeps the reading that must stay, so a fix cannot be a blanket veto.
 */
describe('how far a place container reaches', () => {
  it('colours the members of a place, not the records nested in it', () => {
    // A heat pump's "management points" are its units: their firmware and set points are no place.
    const fields = classifyJson({
      managementPoints: [
        { embeddedId: 'climateControl', firmwareVersion: { value: '1.4.3' }, sensoryData: { value: { outdoorTemperature: { value: 7.5 } } } },
        { embeddedId: 'gateway', modelInfo: { value: 'BRP069A78' }, ipAddress: { value: '192.168.1.20' } },
      ],
    });
    expect(at(fields, '$.managementPoints[0].firmwareVersion.value').categories).toEqual([]);
    expect(at(fields, '$.managementPoints[0].sensoryData.value.outdoorTemperature.value').categories).toEqual([]);
    expect(at(fields, '$.managementPoints[1].modelInfo.value').categories).toEqual([]);
    expect(at(fields, '$.managementPoints[1].ipAddress.value').categories).toContain('network');
    expect(at(fields, '$.managementPoints[1].ipAddress.value').categories).not.toContain('location');
  });

  it('keeps the members of a place and a position behind a value wrapper', () => {
    const fields = classifyJson({
      waypoints: [{ desc: 'work', rad: 150, lat: 51.5047, lon: -0.0238 }, { desc: 'home', rad: 100, lat: 53.6776, lon: -1.5826 }],
      robot: { position: { value: { x: 1250, y: -340 } } },
      address: { formatted: 'Am Olympiapark 1, 80809 München' },
    });
    expect(at(fields, '$.waypoints[0].rad').categories).toEqual(['location']);
    expect(at(fields, '$.waypoints[1].desc').categories).toEqual(['location']);
    expect(at(fields, '$.robot.position.value.x').categories).toEqual(['location']);
    expect(at(fields, '$.address.formatted').categories).toEqual(['location']);
  });

  it('reads a place word at the end of a longer key as a place only when the whole key is not something else', () => {
    const fields = classifyJson({
      accessPoint: { ssid: 'HomeNet', channel: 6 },
      ip_addresses: [{ family: 'ipv4', address: '192.168.1.44' }],
      managementPoints: [{ managementPointCategory: 'primary' }],
      parkingPosition: { gpsCoordinates: { latitude: 50.1234, longitude: 20.1234 }, formattedAddress: 'Rynek 1, Wrocław' },
      trackPoints: [{ ele: 12.5, time: '2024-05-01T10:00:00Z', lat: 52.1, lon: 4.3 }],
      chargePos: { x: 120, y: -35 },
    });
    expect(at(fields, '$.accessPoint.ssid').categories).toEqual(['network']);
    expect(at(fields, '$.ip_addresses[0].family').categories).toEqual([]);
    expect(at(fields, '$.managementPoints[0].managementPointCategory').categories).toEqual([]);
    expect(at(fields, '$.parkingPosition.formattedAddress').categories).toEqual(['location']);
    expect(at(fields, '$.trackPoints[0].ele').categories).toContain('location');
    expect(at(fields, '$.chargePos.x').categories).toEqual(['location']);
  });
});

describe('members of a place that say something else', () => {
  it('leaves a fix\'s state, source, time, operator codes and satellites to their own keys', () => {
    const fields = classifyJson({
      positions: [{ latitude: 48.0241, longitude: 7.2642, radius: 31, mcc: 262, mnc: 1, gsm: 17, satellites: 7, date_tracker: '2021-04-15T05:53:24+00:00', source: 'gps', state: 'PARKED' }],
    });
    for (const key of ['mcc', 'mnc', 'gsm', 'satellites', 'date_tracker', 'source', 'state']) {
      expect(at(fields, `$.positions[0].${key}`).categories).not.toContain('location');
    }
    expect(at(fields, '$.positions[0].radius').categories).toEqual(['location']);
    expect(at(fields, '$.positions[0].latitude').categories).toEqual(['location']);
  });
});

describe('points', () => {
  it('reads a number under points as a score, and a list of points as places', () => {
    const fields = classifyJson({ sessions: [{ points: 228.8, steps: 1200 }], zone: { points: [[10, 20], [30, 40], [50, 10]] } });
    expect(at(fields, '$.sessions[0].points').categories).not.toContain('location');
    expect(at(fields, '$.zone.points[0][1]').categories).toContain('location');
  });
});

describe('parts of a position (coordinate-part)', () => {
  it('reads the hemisphere and the minutes and seconds of a coordinate in degrees, minutes and seconds', () => {
    const fields = classifyJson({ Location: { LatitudeDeg: '69', LatitudeMin: '41', LatitudeSec: '5540', LatitudeMode: 'NORTH', LongitudeMode: 'EAST', LocationType: 'WGS84' } });
    expect(at(fields, '$.Location.LatitudeSec').categories).toEqual(['location']);
    expect(at(fields, '$.Location.LatitudeMode').categories).toEqual(['location']);
    expect(at(fields, '$.Location.LongitudeMode').categories).toEqual(['location']);
    expect(at(fields, '$.Location.LocationType').categories).toEqual([]);
    const exif = classifyJson({ GPSLatitudeRef: 'N', GPSLongitudeRef: 'E', GPSLatitude: 52.1 });
    expect(at(exif, '$.GPSLatitudeRef').categories).toEqual(['location']);
  });

  it('reads a position on one axis as a place on a map, not a picture\'s', () => {
    const fields = classifyJson({ xPos: 5, yPos: 50, svg_xPos: 720, thumbnail: { xPos: 10 }, mowed: 42 });
    expect(at(fields, '$.xPos').categories).toEqual(['location']);
    expect(at(fields, '$.svg_xPos').categories).toEqual(['location']);
    expect(at(fields, '$.thumbnail.xPos').categories).toEqual([]);
  });

  it('reads the accuracy of a place, not a bare radius of something else', () => {
    const fields = classifyJson({ pos_uncertainty: 12, geo_radius: 150, location: { geofenceTriggerRadius: 300 }, fan: { radius: 20 }, maximumGeofenceRadius: 5000 });
    expect(at(fields, '$.pos_uncertainty').categories).toEqual(['location']);
    expect(at(fields, '$.geo_radius').categories).toEqual(['location']);
    expect(at(fields, '$.location.geofenceTriggerRadius').categories).toEqual(['location']);
    expect(at(fields, '$.maximumGeofenceRadius').categories).toEqual([]);
  });
});

describe('network addresses in other forms', () => {
  it('reads a public address with its port as an IP address, and loopback as nobody\'s', () => {
    const fields = classifyJson({ endpoints: ['198.51.100.22:51820', '10.0.0.15:41641'], gui: { address: '127.0.0.1:8384' }, mqtt_server: '34.209.20.1:8883' });
    expect(at(fields, '$.endpoints[0]').categories).toEqual(['network']);
    expect(at(fields, '$.endpoints[1]').categories).toEqual(['network']);
    expect(at(fields, '$.gui.address').categories).toEqual([]);
    expect(at(fields, '$.mqtt_server').categories).toEqual([]);
  });

  it('reads WebRTC candidates and session descriptions (network-text)', () => {
    const fields = classifyJson({
      type: 'webrtc/candidate',
      value: 'candidate:3277516026 1 udp 2130706431 192.168.1.123 54321 typ host',
      sdp: 'v=0\r\no=- 1730880192000275 1 IN IP4 192.168.1.20\r\ns=Session streamed by "preview"\r\nt=0 0\r\n',
      note: 'candidate: none today',
    });
    expect(at(fields, '$.value').categories).toEqual(['network']);
    expect(at(fields, '$.value').explanation).toContain('ICE candidate');
    expect(at(fields, '$.sdp').categories).toEqual(['network']);
    expect(at(fields, '$.note').categories).toEqual([]);
  });

  it('reads a computer name Windows generated as a host name, not a user-given one', () => {
    const fields = classifyJson({ devices: [{ name: 'DESKTOP-BKC5SIK', type: 'Computer' }, { name: 'Kitchen Echo', type: 'Speaker' }, { name: 'DESKTOP-LAMP', type: 'Light' }] });
    expect(at(fields, '$.devices[0].name').categories).toEqual(['network']);
    expect(at(fields, '$.devices[1].name').categories).toEqual([]);
    expect(at(fields, '$.devices[2].name').categories).toEqual([]);
  });

  it('reads a label with spaces under a host-name key as somebody\'s label, not a host name', () => {
    const fields = classifyJson({ host: [{ mac: '50:ff:20:00:00:01', name: 'My Phone' }, { mac: '50:ff:20:00:00:02', name: 'android-8f2c1a' }], hostname: 'your esp-rfid hostname' });
    expect(at(fields, '$.host[0].name').categories).not.toContain('network');
    expect(at(fields, '$.host[1].name').categories).toContain('network');
    expect(at(fields, '$.hostname').categories).toContain('network');
  });

  it('reads a key ending in ssid glued to a qualifier as a Wi-Fi network, and a MAC under it as the access point\'s', () => {
    const fields = classifyJson({ geolocation_meta: { reqssid: '"Home WiFi"', wssid: 'a4:2b:b0:12:34:56' }, message: 'hi' });
    expect(at(fields, '$.geolocation_meta.reqssid').categories).toEqual(['network']);
    expect(at(fields, '$.geolocation_meta.wssid').categories).toEqual(['network']);
    expect(at(fields, '$.message').categories).toEqual([]);
  });
});
