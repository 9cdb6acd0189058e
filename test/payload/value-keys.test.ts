import { describe, expect, it } from 'vitest';
import { compilePathPattern, pathPatternProblem } from '../../src/policy/matchers/path.js';
import { parsePayload, parseQuery, templateUrlPath, valueKeyPlaceholder } from '../../src/payload/index.js';

describe('valueKeyPlaceholder', () => {
  it.each([
    ['anna@example.org', undefined, 'personal'],
    ['+31 6 12345678', undefined, 'personal'],
    ['AA:BB:CC:DD:EE:FF', undefined, 'device'],
    ['aabb.ccdd.eeff', undefined, 'device'],
    ['192.168.1.20', undefined, 'network'],
    ['fe80::1c2a:3bff:fe4d:5e6f', undefined, 'network'],
    ['123e4567-e89b-12d3-a456-426614174000', undefined, 'id'],
    ['0B7K3CDR600421X', undefined, 'id'],
    ['f008d1d8b8b8', undefined, 'id'],
    ['ikBwaAEXSCSFjwCFqogY8g', undefined, 'id'],
    ['Qm9vUkxhYmVs', undefined, 'id'],
    ['356938035643809', undefined, 'number'],
    ['52.37361', undefined, 'number'],
    ['Living Room', undefined, 'name'],
    ['{"lat":52.1}', undefined, 'name'],
    ['Kowalski-5G', 'networks', 'network'],
    ['HomeNet', 'ssids', 'network'],
    ['anna@example.org', 'users', 'personal'],
    ['kitchen_plug', 'devices', 'device'],
    ['0B7K3CDR600421X', 'devices', 'device'],
    ['bedroom', 'rooms', 'location'],
  ])('calls %j (under %s) a value: {%s}', (key, parent, placeholder) => {
    expect(valueKeyPlaceholder(key, parent)).toBe(placeholder);
  });

  it.each([
    ['ssid', undefined],
    ['latitude', undefined],
    ['ap_list', undefined],
    ['pm2_5', undefined],
    ['1', undefined],
    ['switch:0', undefined],
    ['user[id]', undefined],
    ['count', 'devices'],
    ['ssid', 'networks'],
    ['password', 'networks'],
    ['devices', 'users'],
    ['constructor', undefined],
    ['firmware', undefined],
    ['autostartOnBoot', undefined],
    ['SSIDPassword', undefined],
    ['TimeZoneName', undefined],
    ['chargedInKWh', undefined],
    ['ModeAuxHeatOn', undefined],
    ['isAPModeEnabled', undefined],
    ['Device.TimeZoneName', undefined],
    ['get_device_usage', undefined],
  ])('keeps schema key %j (under %s) as written', (key, parent) => {
    expect(valueKeyPlaceholder(key, parent)).toBeUndefined();
  });
});

describe('templated paths of parsed fields', () => {
  const paths = (text: string, contentType = 'application/json'): string[] =>
    parsePayload(Buffer.from(text), contentType).fields.map((field) => field.path);

  it('writes keys that are values as placeholders, keeping the raw key only in segments', () => {
    const text = '{"networks": {"Kowalski-5G": {"password": "x"}}, "contacts": {"anna@example.org": 1}}';
    const fields = parsePayload(Buffer.from(text), 'application/json').fields;
    expect(fields.map((field) => [field.path, field.pathTemplate])).toEqual([
      ['$.networks.{network}.password', '$.networks.{network}.password'],
      ['$.contacts.{personal}', '$.contacts.{personal}'],
    ]);
    expect(fields[0]?.segments).toEqual(['networks', 'Kowalski-5G', 'password']);
  });

  it('gives members of a collection one template, so the ledger has one row for all of them', () => {
    const text = '{"devices": {"0B7K3CDR600421X": {"on": true}, "1A2B3C4D5E6F7G8": {"on": false}}}';
    expect(new Set(parsePayload(Buffer.from(text), 'application/json').fields.map((f) => f.pathTemplate))).toEqual(
      new Set(['$.devices.{device}.on']),
    );
  });

  it('does not treat the members of an array item as a collection', () => {
    expect(paths('{"devices": [{"firmware": "1.2", "name": "Plug"}]}')).toEqual(['$.devices[0].firmware', '$.devices[0].name']);
  });

  it('templates query and form names that are values', () => {
    expect(parseQuery('?anna%40example.org=1&imei=3').map((f) => f.path)).toEqual(['$query.{personal}', '$query.imei']);
    expect(paths('a+b=1', 'application/x-www-form-urlencoded')).toEqual(['$.{name}']);
  });
});

describe('templateUrlPath', () => {
  it.each([
    ['/users/anna@example.org/devices/0B7K3CDR600421X', '/users/{personal}/devices/{device}'],
    ['/users/anna%40example.org/state', '/users/{personal}/state'],
    ['/v1/devices/list', '/v1/devices/list'],
    ['/api/3fa85f64-5717-4562-b3fc-2c963f66afa6/telemetry', '/api/{id}/telemetry'],
    ['/owntracks/pub', '/owntracks/pub'],
    ['/report;imei=356938035643809;v=2/x', '/report;imei={value};v={value}/x'],
    ['/places/Living%20Room', '/places/{location}'],
    ['/logs/Living%20Room', '/logs/{name}'],
    ['/', '/'],
  ])('stores %s as %s', (path, templated) => {
    expect(templateUrlPath(path)).toBe(templated);
    expect(templateUrlPath(templated)).toBe(templated);
  });

  it('answers alike from its memory, after it is cleared, and for paths too long to remember', () => {
    const first = '/users/anna@example.org/devices/0B7K3CDR600421X';
    expect(templateUrlPath(first)).toBe('/users/{personal}/devices/{device}');
    // More distinct paths than it remembers: it starts over and still answers the same.
    for (let i = 0; i < 600; i++) expect(templateUrlPath(`/v1/rooms/${i}/state`)).toBe('/v1/rooms/{location}/state');
    expect(templateUrlPath(first)).toBe('/users/{personal}/devices/{device}');
    const long = `/users/anna@example.org/${'a/'.repeat(1100)}`;
    const once = templateUrlPath(long);
    expect(once.startsWith('/users/{personal}/a/')).toBe(true);
    expect(once.endsWith('/…')).toBe(true);
    expect(templateUrlPath(long)).toBe(once);
  });
});

describe('path patterns with placeholders and query names', () => {
  const fieldsOf = (text: string) => parsePayload(Buffer.from(text), 'application/json').fields;

  it('matches $.networks.{network}.password and $.networks.*.password alike', () => {
    const [password] = fieldsOf('{"networks": {"Kowalski-5G": {"password": "x"}}}');
    for (const pattern of ['$.networks.{network}.password', '$.networks.*.password', '$..{network}.password']) {
      expect(compilePathPattern(pattern).matches('body', password?.segments ?? [])).toBe(true);
    }
    expect(compilePathPattern('$.networks.{personal}.password').matches('body', password?.segments ?? [])).toBe(false);
    expect(compilePathPattern('$.networks.ssid').matches('body', ['networks', 'ssid'])).toBe(true);
  });

  it('checks a written-out key that is a value per field, not per shared template', () => {
    expect(compilePathPattern('$.devices["0B7K3CDR600421X"].on').indexed).toBe(true);
    expect(compilePathPattern('$.devices.{device}.on').indexed).toBe(false);
  });

  it.each(['?IMEI=1', '?imei+=1', '?imei%20=1', '?Imei=1'])('matches $query.imei against %s', (search) => {
    const [field] = parseQuery(search);
    expect(compilePathPattern('$query.imei').matches('query', field?.segments ?? [])).toBe(true);
  });

  it('names the placeholders a pattern may use when it names another', () => {
    expect(pathPatternProblem('$.networks.{network}.password')).toBeUndefined();
    expect(pathPatternProblem('$.networks.{wifi}')).toMatch(/unknown placeholder "\{wifi\}"; use one of \{personal\}/);
  });

  it('keeps body keys case-sensitive', () => {
    expect(compilePathPattern('$.imei').matches('body', ['IMEI'])).toBe(false);
  });
});
