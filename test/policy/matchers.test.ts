import { describe, expect, it } from 'vitest';
import type { PathSegment } from '../../src/payload/index.js';
import { compileHostGlob, hostGlobProblem, normalizeHost } from '../../src/policy/matchers/host.js';
import { cidrContains, parseCidr, parseClientIp } from '../../src/policy/matchers/ip.js';
import { normalizeMac } from '../../src/policy/matchers/mac.js';
import { compilePathPattern, pathPatternProblem } from '../../src/policy/matchers/path.js';

describe('host globs', () => {
  it.each([
    ['api.ring.com', 'api.ring.com', true],
    ['api.ring.com', 'fw.ring.com', false],
    ['*.ring.com', 'api.ring.com', true],
    ['*.ring.com', 'a.b.ring.com', true],
    ['*.ring.com', 'ring.com', false],
    ['*.ring.com', 'evilring.com', false],
    ['*', 'anything.example', true],
    ['API.Ring.com', 'api.ring.com', true],
  ])('%s matches %s: %s', (glob, host, expected) => {
    expect(compileHostGlob(glob).matches(normalizeHost(host))).toBe(expected);
  });

  it.each([['api.*.com'], ['*ring.com'], ['ring..com'], [''], ['http://ring.com']])('rejects %j', (glob) => {
    expect(hostGlobProblem(glob)).toMatch(/not a host pattern/);
  });

  it('ranks exact above longer suffix above shorter suffix above any', () => {
    const scores = ['api.ring.com', '*.api.ring.com', '*.ring.com', '*'].map((g) => compileHostGlob(g).specificity);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it.each([['API.Ring.COM.', 'api.ring.com'], ['[::1]', '::1']])('normalises host %s', (host, expected) => {
    expect(normalizeHost(host)).toBe(expected);
  });
});

describe('addresses and CIDRs', () => {
  it.each([
    ['192.168.1.0/24', '192.168.1.77', true],
    ['192.168.1.0/24', '192.168.2.1', false],
    ['192.168.1.5/24', '192.168.1.200', true],
    ['10.0.0.0/8', '10.255.0.1', true],
    ['0.0.0.0/0', '8.8.8.8', true],
    ['192.168.1.20', '192.168.1.20', true],
    ['192.168.1.20', '192.168.1.21', false],
    ['fd00::/8', 'fd12:3456::1', true],
    ['fd00::/8', 'fe80::1', false],
    ['2001:db8::1', '2001:0db8:0:0:0:0:0:1', true],
    ['192.168.1.20', '::ffff:192.168.1.20', true],
    ['fe80::/10', 'fe80::1%eth0', true],
    ['192.168.1.0/24', 'fd00::1', false],
  ])('%s contains %s: %s', (cidr, address, expected) => {
    const matcher = parseCidr(cidr);
    const ip = parseClientIp(address);
    expect(matcher && ip && cidrContains(matcher, ip)).toBe(expected);
  });

  it.each([['192.168.1.256'], ['192.168.1'], ['1.2.3.4/33'], ['::1/129'], ['1:2:3:4:5:6:7:8:9'], ['1::2::3'], ['abc'], ['01.2.3.4']])(
    'rejects %s',
    (text) => {
      expect(parseCidr(text)).toBeUndefined();
    },
  );
});

describe('MAC addresses', () => {
  it.each([
    ['AA:BB:CC:DD:EE:FF', 'aa:bb:cc:dd:ee:ff'],
    ['aa-bb-cc-dd-ee-0f', 'aa:bb:cc:dd:ee:0f'],
    ['aa:bb-cc:dd:ee:ff', undefined],
    ['aabbccddeeff', undefined],
  ])('normalises %s to %s', (text, expected) => {
    expect(normalizeMac(text)).toBe(expected);
  });
});

describe('path patterns', () => {
  type Row = [string, 'body' | 'query', PathSegment[], boolean];
  it.each<Row>([
    ['$.coords.latitude', 'body', ['coords', 'latitude'], true],
    ['$.coords.latitude', 'body', ['coords', 'longitude'], false],
    ['$.coords.latitude', 'query', ['coords', 'latitude'], false],
    ['$.ap_list[0].ssid', 'body', ['ap_list', 0, 'ssid'], true],
    ['$.ap_list[0].ssid', 'body', ['ap_list', 1, 'ssid'], false],
    ['$.ap_list[*].ssid', 'body', ['ap_list', 7, 'ssid'], true],
    ['$.ap_list[*].ssid', 'body', ['ap_list', 'x', 'ssid'], false],
    ['$.ap_list.*.ssid', 'body', ['ap_list', 7, 'ssid'], true],
    ['$.*.ssid', 'body', ['wifi', 'ssid'], true],
    ['$.*.ssid', 'body', ['a', 'wifi', 'ssid'], false],
    ['$..ssid', 'body', ['ssid'], true],
    ['$..ssid', 'body', ['a', 0, 'b', 'ssid'], true],
    ['$..ssid', 'body', ['ssid', 'x'], false],
    ['$.a..id', 'body', ['a', 'b', 'id'], true],
    ['$.a..id', 'body', ['b', 'a', 'id'], false],
    ['$query.imei', 'query', ['imei'], true],
    ['$query.imei', 'body', ['imei'], false],
    ['$["odd.key"]', 'body', ['odd.key'], true],
    ["$['it\\'s']", 'body', ["it's"], true],
    ['$["say \\"hi\\""]', 'body', ['say "hi"'], true],
    ['$[3].lat', 'body', [3, 'lat'], true],
  ])('%s on %s %j: %s', (pattern, source, segments, expected) => {
    expect(pathPatternProblem(pattern)).toBeUndefined();
    expect(compilePathPattern(pattern).matches(source, segments)).toBe(expected);
  });

  it.each([
    ['coords.lat', 'must start with $'],
    ['$.', 'expected a key at position 2'],
    ['$.a..', 'expected a key after ".."'],
    ['$.a[x]', 'expected an index, * or a quoted key'],
    ['$.a[0', 'expected "]"'],
    ['$.lat*', 'partial wildcards'],
    ['$["open]', 'unterminated quoted key'],
  ])('rejects %s', (pattern, problem) => {
    expect(pathPatternProblem(pattern)).toContain(problem);
  });

  it.each([
    ['$.coords.latitude', 2],
    ['$.ap_list[*].ssid', 2],
    ['$..ssid', 1],
    ['$.*', 0],
  ])('counts the literal segments of %s as %i', (pattern, count) => {
    expect(compilePathPattern(pattern).literalCount).toBe(count);
  });
});

describe('path patterns on containers (matchDepth)', () => {
  type Row = [string, 'body' | 'query', PathSegment[], number | undefined];
  it.each<Row>([
    ['$.map.robotPos', 'body', ['map', 'robotPos', 'x'], 2],
    ['$.map.robotPos', 'body', ['map', 'robotPos'], 2],
    ['$.map.robotPos', 'body', ['map', 'robotPosition', 'x'], undefined],
    ['$.map.robotPos', 'body', ['map'], undefined],
    ['$.map.rooms[*].polygon', 'body', ['map', 'rooms', 3, 'polygon', 0, 1], 4],
    ['$.map.rooms[*].polygon', 'body', ['map', 'rooms', 3, 'name'], undefined],
    ['$.map.rooms[1]', 'body', ['map', 'rooms', 1, 'polygon', 0], 3],
    ['$.map.rooms[1]', 'body', ['map', 'rooms', 2, 'polygon', 0], undefined],
    ['$.map', 'body', ['map', 'rooms', 0, 'polygon', 0, 0], 1],
    ['$.map', 'query', ['map', 'x'], undefined],
    ['$..location', 'body', ['a', 'location', 'lat'], 2],
    ['$..location', 'body', ['location', 'b', 'location', 'lat'], 1],
    ['$..location', 'body', ['a', 'locations', 'lat'], undefined],
    ['$.*.gps', 'body', ['car', 'gps', 'fix', 'lat'], 2],
  ])('%s on %s %j: depth %s', (pattern, source, segments, expected) => {
    expect(compilePathPattern(pattern).matchDepth(source, segments)).toBe(expected);
  });

  it('still matches only the exact field with matches()', () => {
    expect(compilePathPattern('$.map.robotPos').matches('body', ['map', 'robotPos', 'x'])).toBe(false);
  });
});
