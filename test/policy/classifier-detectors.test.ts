import { describe, expect, it } from 'vitest';
import { parsePayload } from '../../src/payload/index.js';
import { compilePolicy, evaluate, parsePolicy, type ClassifiedField } from '../../src/policy/index.js';
import {
  classifyField,
  classifyPayload,
  decidedBy,
  detectField,
  readKey,
  splitWords,
  type ClassifierKnowledge,
  type HomeKnowledge,
  type TrafficKnowledge,
} from '../../src/policy/classifier/index.js';
import { combine, finding } from '../../src/policy/classifier/detector.js';
import type { ScalarValue } from '../../src/payload/index.js';
import { labelPath } from '../helpers/flatten.js';

/** Classifies a JSON body through the real parser, as the proxy does. */
function classifyJson(body: unknown, knowledge?: ClassifierKnowledge, host?: string): ClassifiedField[] {
  return classifyPayload(parsePayload(Buffer.from(JSON.stringify(body)), 'application/json'), { knowledge, host });
}

/** A field by its raw segments: keys that are values appear templated in `path` (`$.contacts.{personal}`). */
function bySegments(fields: readonly ClassifiedField[], segments: readonly (string | number)[]): ClassifiedField {
  const found = fields.find((f) => JSON.stringify(f.field.segments) === JSON.stringify(segments));
  if (found === undefined) throw new Error(`no field ${JSON.stringify(segments)}`);
  return found;
}

/** By its path as written from its segments: a key that is a value is templated in `path` (`$.contacts.{personal}`). */
function byPath(fields: readonly ClassifiedField[], path: string): ClassifiedField {
  const found = fields.find((f) => f.field.path === path || labelPath(f.field.source, f.field.segments, false) === path);
  if (found === undefined) throw new Error(`no field ${path}`);
  return found;
}

const field = (key: string, value: ScalarValue) => ({ key, segments: [key], value });

describe('reading keys as words', () => {
  it.each([
    ['weightKg', ['weight', 'kg']],
    ['body_fat_pct', ['body', 'fat', 'pct']],
    ['heart-rate-bpm', ['heart', 'rate', 'bpm']],
    ['wlan0HwAddr', ['wlan', 'hw', 'addr']],
    ['MACAddress', ['mac', 'address']],
    ['SSId1', ['ss', 'id']],
  ])('%s → %j', (raw, words) => {
    expect(splitWords(raw)).toEqual(words);
  });

  it.each([
    ['weightKg', 'weight', 'kg'],
    ['bodyFatPct', 'bodyfat', 'pct'],
    ['devId', 'deviceid', undefined],
    ['sn', 'serialnumber', undefined],
    ['awayRadiusInMeters', 'awayradius', 'meters'],
  ])('%s reads as %s with unit %s', (raw, joined, unit) => {
    const key = readKey(raw);
    expect(key.joined).toBe(joined);
    expect(key.unit).toBe(unit);
  });
});

describe('key detectors', () => {
  it.each<[string, ScalarValue, string[]]>([
    ['weightKg', 71.4, ['health']],
    ['bodyFatPct', 21.5, ['health']],
    ['restingHeartRateBpm', 58, ['health']],
    ['systolicMmhg', 121, ['health']],
    ['sn', 'AB12CD34', ['device']],
    ['devId', 'bf3a77', ['device']],
    ['did', '1234567890', ['device']],
    ['psid', '5550001', ['personal']],
    ['birthYear', 1984, ['personal']],
    ['gender', 'f', ['personal']],
    ['offlineKey', 'abc123def', ['credentials']],
    ['isPresent', true, []],
    ['inBed', true, ['behaviour']],
    ['eventTimestamp', 1700000000, ['behaviour']],
  ])('%s = %j → %j', (key, value, expected) => {
    expect(classifyField(field(key, value))).toEqual(expected);
  });

  it.each<[string, ScalarValue]>([
    ['wifiRssi', -61],
    ['signalStrength', 80],
    ['batteryLevel', 92],
    ['roomTemperature', 21.5],
    ['firmwareVersion', '1.2.3.4'],
    ['timezone', 'Europe/Berlin'],
    ['updatedAt', '2024-01-01T10:00:00Z'],
    ['uptime', 12345],
    ['model', 'HS110(EU)'],
    ['deviceName', 'Kitchen plug'],
    ['defaultSleepTime', 3600],
    ['tokenExpiresAt', 1700000000],
  ])('%s = %j is not personal data (negative vocabulary)', (key, value) => {
    expect(classifyField(field(key, value))).toEqual([]);
  });

  it('explains the key words and the unit', () => {
    const result = detectField(field('weightKg', 71.4));
    expect(result.explanation).toBe('key "weightKg": word "weight" + unit "kg" → health');
    expect(decidedBy(result.findings)).toEqual(['key']);
  });

  it('never quotes a key that is not all vocabulary (keys can be values)', () => {
    const result = detectField(field('Anna-Phone', '0170 1234567'));
    expect(result.categories).toEqual(['personal']);
    expect(result.explanation).not.toContain('Anna');
  });

  it('reads only the end of a very long key', () => {
    const key = `${'word'.repeat(1)}${'Abc'.repeat(20_000)}Email`;
    expect(classifyField(field(key, 'x'))).toEqual(['personal']);
    expect(readKey(key).words.length).toBeLessThanOrEqual(8);
  });

  it('reads a generic key with its parent', () => {
    const fields = classifyJson({ owner: { id: 42424242, name: 'Anna' }, devices: [{ id: 'ab12cd34ef56' }], device: { name: 'Lamp' } });
    expect(byPath(fields, '$.owner.id').categories).toEqual(['personal']);
    expect(byPath(fields, '$.owner.name').explanation).toBe('key "name" under "owner" reads "owner name" → personal');
    expect(byPath(fields, '$.devices[0].id').categories).toEqual(['device']);
    expect(byPath(fields, '$.device.name').categories).toEqual([]);
  });

  it('does not take a component index for a device id', () => {
    const fields = classifyJson({ 'switch:0': { id: 0 }, sensors: [{ id: 987654321 }] });
    expect(byPath(fields, '$["switch:0"].id').categories).toEqual([]);
    expect(byPath(fields, '$.sensors[0].id').categories).toEqual(['device']);
  });
});

describe('value detectors', () => {
  it.each<[string, string, string[], string]>([
    ['x', '1M8GDM9AXKP042788', ['device'], 'value is a valid VIN (check digit) → device'],
    ['x', '490154203237518', ['device'], 'value is a valid IMEI (Luhn check digit) → device'],
    ['x', '89148000000745809013', ['device'], 'value is a valid ICCID (Luhn check digit) → device'],
    ['x', '+49 30 901820', ['personal'], 'value is a valid phone number (libphonenumber) → personal'],
    ['x', 'anna@example.org', ['personal'], 'value is a valid e-mail address → personal'],
    ['x', '00:1A:2B:3C:4D:5E', ['device'], 'value is a valid MAC address → device'],
    ['bssid', '00:1A:2B:3C:4D:5E', ['network'], 'key "bssid": word "bssid" → network; value is a valid MAC address of an access point → network'],
    ['x', 'sk_live_0123456789abcdefghijklmn', ['credentials'], 'value has the shape of a API key format → credentials'],
    ['x', 'https://cdn.example.com/clips/2024/front.mp4', ['media'], 'value is a URL of an image, clip or recording (extension) → media'],
    ['x', '52.516263, 13.377726', ['location'], 'value is a valid "lat,lon" pair within range → location'],
  ])('%s = %s → %j', (key, value, categories, explanation) => {
    const result = detectField(field(key, value));
    expect(result.categories).toEqual(categories);
    expect(result.explanation).toBe(explanation);
  });

  it.each([
    ['x', '+49 30'],
    ['x', '1M8GDM9AXKP042789'],
    ['x', '89148000000745809014'],
    ['x', '1.2.3'],
  ])('%s = %s has no category (fails its check)', (key, value) => {
    expect(classifyField(field(key, value))).toEqual([]);
  });

  it('reads digits as a phone number only under a phone key', () => {
    expect(classifyField(field('mobile', '0170 1234567'))).toEqual(['personal']);
    expect(classifyField(field('counter', '0170 1234567'))).toEqual([]);
  });

  it('vetoes a latitude out of range', () => {
    const result = detectField(field('latitude', 123.4));
    expect(result.categories).toEqual([]);
  });
});

describe('structure detectors', () => {
  it('classifies a value by its sibling type and says so', () => {
    const fields = classifyJson({ measures: [{ type: 'weight', value: 71.4 }, { type: 'temperature', value: 21 }] });
    expect(byPath(fields, '$.measures[0].value').categories).toEqual(['health']);
    expect(byPath(fields, '$.measures[0].value').explanation).toContain('sibling type="weight" names the value');
    expect(byPath(fields, '$.measures[1].value').categories).toEqual([]);
  });

  it('finds [lat, lon] and GeoJSON [lon, lat] pairs under any key', () => {
    const fields = classifyJson({ p: [52.516263, 13.377726], geometry: { type: 'Point', coordinates: [13.377726, 52.516263] }, rgb: [0.31, 0.32] });
    expect(byPath(fields, '$.p[0]').categories).toEqual(['location']);
    expect(byPath(fields, '$.p[0]').explanation).toContain('[lat, lon] pair within range');
    expect(byPath(fields, '$.geometry.coordinates[1]').categories).toEqual(['location']);
    expect(byPath(fields, '$.rgb[0]').categories).toEqual([]);
  });

  it('takes every leaf of a list of Wi-Fi networks as third-party data', () => {
    const fields = classifyJson({ results: [{ ssid: 'Neighbour', bssid: '00:11:22:33:44:55', signal: -70 }, { ssid: 'Other', bssid: '00:11:22:33:44:66', signal: -80 }] });
    expect(byPath(fields, '$.results[0].ssid').categories).toEqual(['network', 'third_party']);
    expect(byPath(fields, '$.results[1].signal').categories).toEqual(['third_party']);
    expect(decidedBy(byPath(fields, '$.results[1].signal').findings ?? [])).toEqual(['network-scan']);
  });

  it('takes household members and contacts as third parties', () => {
    const fields = classifyJson({ members: [{ name: 'Ben', email: 'ben@example.org' }], contacts: { 'anna@example.org': 1 } });
    expect(byPath(fields, '$.members[0].name').categories).toEqual(['personal', 'third_party']);
    const contact = bySegments(fields, ['contacts', 'anna@example.org']);
    expect(contact.field.path).toBe('$.contacts.{personal}');
    expect(contact.categories).toEqual(['personal', 'third_party']);
    expect(contact.explanation).toContain('an object key on the path is a e-mail address');
  });

  it('reads whose record an id or a name is from its siblings', () => {
    const person = classifyJson({ id: 'u-93', nickname: 'annie', email: 'anna@example.org' });
    expect(byPath(person, '$.id').categories).toEqual(['personal']);
    expect(byPath(person, '$.nickname').explanation).toContain('sibling "email" shows it is about a person');
    const vehicle = classifyJson({ response: { id: 1234567890, display_name: 'Red car', vin: '1M8GDM9AXKP042788' } });
    expect(byPath(vehicle, '$.response.id').categories).toEqual(['device']);
    expect(byPath(vehicle, '$.response.display_name').categories).toEqual([]);
  });

  it('takes the time of an event record as behaviour, not the time of a report', () => {
    const fields = classifyJson({ action: 'unlock', timestamp: 1700000000, device: { updatedAt: 1700000000 } });
    expect(byPath(fields, '$.timestamp').categories).toEqual(['behaviour']);
    expect(byPath(fields, '$.device.updatedAt').categories).toEqual([]);
  });

  it('reads a value named by an ancestor record or by its parent key', () => {
    const fields = classifyJson({
      point: [{ dataTypeName: 'com.google.step_count.delta', startTimeNanos: 1, value: [{ intVal: 8 }] }],
      'body-weight': [{ dateTime: '2019-03-13', value: '170' }],
    });
    expect(byPath(fields, '$.point[0].value[0].intVal').categories).toEqual(['health']);
    expect(byPath(fields, '$.point[0].startTimeNanos').categories).toEqual([]);
    expect(byPath(fields, '$["body-weight"][0].value').categories).toEqual(['health']);
    expect(byPath(fields, '$["body-weight"][0].dateTime').categories).toEqual([]);
  });

  it('reads the statistics of a series named by its slug as that quantity, not a series named otherwise', () => {
    const fields = classifyJson({ metrics: [{ slug: 'heart_rate', max_value: 147, average_value: 125 }, { slug: 'cadence', max_value: 90 }] });
    expect(byPath(fields, '$.metrics[0].max_value').categories).toEqual(['health']);
    expect(byPath(fields, '$.metrics[0].average_value').categories).toEqual(['health']);
    expect(byPath(fields, '$.metrics[1].max_value').categories).toEqual([]);
  });

  it('reads typed records: an act, its times and what it saw; whose id; what a paired type names', () => {
    const fields = classifyJson({
      event: { modelKey: 'event', type: 'nfcCardScanned', start: 1735689600000, smartDetectTypes: ['person'], id: 'e-1' },
      result: { type: 'person', id: 'GGNJL9', attributes: { name: 'Alan' } },
      resource: { type: 'contact', id: 'c-1', owner: { rid: 'r-1', rtype: 'device' } },
      keyring: { registryType: 'nfc', registryId: '64B2A621', eventType: 'activityCam', eventId: 'x-9' },
      reading: { type: 'lock', updatedAt: 1735689600000 },
    });
    expect(byPath(fields, '$.event.type').categories).toEqual(['behaviour']);
    expect(byPath(fields, '$.event.type').explanation).toContain('event record (its type says "scanned"');
    // Explanations quote vocabulary, never the value they explain (the ledger keeps them).
    for (const field of fields) expect(field.explanation ?? '').not.toMatch(/nfcCardScanned|GGNJL9|64B2A621/);
    expect(byPath(fields, '$.event.start').categories).toEqual(['behaviour']);
    expect(byPath(fields, '$.event.smartDetectTypes[0]').categories).toEqual(['behaviour']);
    expect(byPath(fields, '$.event.id').categories).toEqual([]);
    expect(byPath(fields, '$.result.id').categories).toEqual(['personal']);
    expect(byPath(fields, '$.result.attributes.name').categories).toEqual(['personal']);
    // A contact sensor is no person; a reference typed `device` is a device id.
    expect(byPath(fields, '$.resource.id').categories).toEqual([]);
    expect(byPath(fields, '$.resource.owner.rid').categories).toEqual(['device']);
    expect(byPath(fields, '$.keyring.registryId').categories).toEqual(['device']);
    expect(byPath(fields, '$.keyring.eventId').categories).toEqual([]);
    expect(byPath(fields, '$.reading.type').categories).toEqual([]);
  });

  it('reads a record by its parts: a region beside a city, a presence mode, a map of references', () => {
    const fields = classifyJson({
      address: { city: 'San Francisco', state: 'CA' },
      thermostat: { state: 'CA' },
      system: { mode: 'away' },
      heating: { mode: 'auto' },
      entities: { device: 'mockDeviceId2', house: 'mock-house-id' },
    });
    expect(byPath(fields, '$.address.state').categories).toEqual(['location']);
    expect(byPath(fields, '$.thermostat.state').categories).toEqual([]);
    expect(byPath(fields, '$.system.mode').categories).toEqual(['behaviour']);
    expect(byPath(fields, '$.heating.mode').categories).toEqual([]);
    expect(byPath(fields, '$.entities.device').categories).toEqual(['device']);
    expect(byPath(fields, '$.entities.house').categories).toEqual(['personal']);
  });

  it('reads a one-record collection key by key, not by one shared template', () => {
    const fields = classifyJson({ sensors: { uuid: 'a5b0c7e2-8f1d-4c3b-9a6e-2d4f8b1c3e5a', installed_at: '2019-06-17T03:30:27Z', user: { id: 12345 }, bridge: { id: 67890 } } });
    expect(byPath(fields, '$.sensors.installed_at').categories).toEqual([]);
    expect(byPath(fields, '$.sensors.user.id').categories).toEqual(['personal']);
    expect(byPath(fields, '$.sensors.bridge.id').categories).not.toContain('personal');
  });

  it('takes word lists beside an intent for what was said, and other tokens for secrets', () => {
    const speech = classifyJson({ intent: { name: 'GetTime' }, raw_text: 'what time is it', tokens: ['what', 'time', 'is', 'it'] });
    expect(byPath(speech, '$.tokens[1]').categories).toEqual(['media', 'behaviour']);
    const auth = classifyJson({ response: { tokens: ['4f9a1c2e7b3d5a6f8e0c1b2a3d4e5f60'] } });
    expect(byPath(auth, '$.response.tokens[0]').categories).toContain('credentials');
  });

  it('never quotes a key that its path template took for a value, even one made of vocabulary', () => {
    for (const key of ['User Name', 'Room 1', '<refresh_token>']) {
      const [field] = classifyJson({ contacts: { [key]: 1 } });
      expect(field?.categories.length).toBeGreaterThan(0);
      expect(field?.explanation).not.toContain(key);
      expect(field?.explanation).toContain('key "{value}"');
    }
  });

  it('never quotes a value-key in a detector\'s own facts either, as sent or as read (a picture, another party)', () => {
    const picture = 'https://example.org/p/1f2e3d.png';
    const whole = classifyJson({ contacts: { "John Appleseed's avatar": picture } });
    const dotted = classifyJson({ contacts: { "Anna Smith's friend": { photo: picture } } });
    const party = classifyJson({ contacts: { 'Friend Joe Bloggs': 'https://example.org/joe' } });
    for (const [fields, name] of [[whole, 'John Appleseed'], [dotted, 'Anna Smith'], [party, 'Bloggs']] as const) {
      const explanation = fields.map((f) => f.explanation).join(' ');
      expect(fields.some((f) => f.categories.length > 0)).toBe(true);
      expect(explanation).not.toContain(name);
    }
  });

  it('sees a base64 image by its magic bytes', () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(90, 7)]).toString('base64');
    const [blob] = classifyJson({ blob: png });
    expect(blob?.categories).toEqual(['media']);
    expect(blob?.explanation).toMatch(/PNG image.*\(magic bytes\) → media/);
  });
});

/** Small in-test implementations of the knowledge contract. */
class TestHome implements HomeKnowledge {
  readonly homeRadiusMetres = 150;
  lookup(text: string) {
    return text.toLowerCase() === 'sn-0042-kp' ? { category: 'device' as const, label: 'the serial number of Kitchen plug in Home Assistant' } : undefined;
  }
  metresFromHome(latitude: number, longitude: number): number {
    // Flat-earth distance is plenty at this scale.
    return Math.hypot((latitude - 52.5) * 111_320, (longitude - 13.4) * 67_800);
  }
}

class TestTraffic implements TrafficKnowledge {
  identifierEvidence(host: string, pathTemplate: string): string | undefined {
    return host === 'api.vendor.com' && pathTemplate === '$.blob7' ? 'constant across 14 requests of this device, different on 3 other devices' : undefined;
  }
}

describe('knowledge detectors', () => {
  const knowledge: ClassifierKnowledge = { home: new TestHome(), traffic: new TestTraffic() };

  it('names a value the home registry knows, wherever it is', () => {
    const fields = classifyJson({ a: 'SN-0042-KP', list: { 'SN-0042-KP': true } }, knowledge);
    expect(byPath(fields, '$.a').categories).toEqual(['device']);
    expect(byPath(fields, '$.a').explanation).toBe('value matches the serial number of Kitchen plug in Home Assistant → device');
    expect(bySegments(fields, ['list', 'SN-0042-KP']).explanation).toBe('object key matches the serial number of Kitchen plug in Home Assistant → device');
    expect(classifyJson({ a: 'SN-0042-KP' })[0]?.categories).toEqual([]);
  });

  it('takes two numbers within the home zone for the home location, whatever their keys', () => {
    const fields = classifyJson({ a: 52.5003, b: 13.4004, c: 48.1234, d: 11.5678 }, knowledge);
    expect(byPath(fields, '$.a').categories).toEqual(['location']);
    expect(byPath(fields, '$.a').explanation).toMatch(/^coordinate pair \d+ m from the home zone's centre → location$/);
    expect(byPath(fields, '$.c').categories).toEqual([]);
  });

  it('takes a value the traffic shows to be constant per device for an identifier', () => {
    const fields = classifyJson({ blob7: 'q8Zr', other: 'q8Zr' }, knowledge, 'api.vendor.com');
    expect(byPath(fields, '$.blob7').categories).toEqual(['device']);
    expect(byPath(fields, '$.blob7').explanation).toContain('constant across 14 requests of this device');
    expect(byPath(fields, '$.other').categories).toEqual([]);
  });
});

describe('combining findings', () => {
  const strong = finding('a', 'strong', ['device'], { of: 'key' });
  const weak = finding('b', 'weak', ['location'], { of: 'key' });
  const value = finding('c', 'strong', ['network'], { of: 'value' });
  const vetoWeak = finding('d', 'veto', [], { of: 'key' }, 'weak');
  const vetoAll = finding('e', 'veto', [], { of: 'key' }, 'all');
  const certain = finding('f', 'certain', ['media'], { of: 'value' });

  it.each([
    ['strong and weak', [strong, weak], ['location', 'device']],
    ['a strong value silences a weak key', [weak, value], ['network']],
    ['negative words silence weak signals', [strong, weak, vetoWeak], ['device']],
    ['a negative head silences strong signals too', [strong, weak, vetoAll], []],
    ['nothing vetoes what is certain', [certain, vetoAll], ['media']],
  ])('%s', (_name, findings, expected) => {
    expect(combine(findings).categories).toEqual(expected);
  });
});

describe('the explanation reaches the decision', () => {
  it('appends the deciding detectors to a category rule', () => {
    const policy = compilePolicy(
      parsePolicy({ version: 1, mode: 'enforce', rules: [{ id: 'no-health', category: 'health', action: 'redact' }] }),
    );
    const fields = classifyJson({ weightKg: 71.4 });
    const decision = evaluate(
      {
        target: { clientAddress: '10.0.0.2', scheme: 'https', host: 'api.vendor.com', port: 443 },
        method: 'POST',
        path: '/',
        payload: { format: 'json', fields, opaque: undefined },
      },
      policy,
    );
    expect(decision.fields[0]?.explanation.reason).toMatch(/→ redact — key "weightKg": word "weight" \+ unit "kg" → health$/);
  });
});
