import { describe, expect, it } from 'vitest';
import { rulesMatchingNothing, type SeenField } from '../../src/policy/index.js';
import { compile } from './engine-helpers.js';

const seen = (deviceId: string, path: string, category = '', host = 'api.vendor.com'): SeenField => ({ deviceId, host, path, category });

const devices = [
  { id: 'vacuum', name: 'Vacuum', addresses: ['192.168.1.30'] },
  { id: 'camera', name: 'Camera', addresses: ['192.168.1.31'] },
];
const SEEN = [
  seen('vacuum', '$.map.robotPos.x'),
  seen('vacuum', '$.map.rooms[*].polygon[*][*]'),
  seen('vacuum', '$.serial', 'device'),
  seen('vacuum', '$query.imei', 'device'),
];

const unmatchedIds = (rules: object[], extra: object = {}): string[] =>
  rulesMatchingNothing(compile({ rules, devices, ...extra } as Parameters<typeof compile>[0]), SEEN).map((r) => r.ruleId);

describe('rulesMatchingNothing', () => {
  it.each([
    ['a leaf path', '$.serial'],
    ['an object path', '$.map.robotPos'],
    ['an array path under a list', '$.map.rooms[*].polygon'],
    ['a descendant path', '$..polygon'],
    ['a query path', '$query.imei'],
  ])('accepts a rule on %s the ledger has seen', (_name, path) => {
    expect(unmatchedIds([{ id: 'r', path, action: 'redact' }])).toEqual([]);
  });

  it.each([
    ['a misspelt path', { path: '$.map.robotPosition' }],
    ['a path under a leaf', { path: '$.serial.part' }],
    ['a category never seen', { category: 'health' }],
    ['a path with a category it was never seen with', { path: '$.serial', category: 'location' }],
    ['a destination the devices never talked to', { path: '$.serial', destinations: ['other.example'] }],
  ])('reports a rule with %s', (_name, rule) => {
    expect(unmatchedIds([{ id: 'r', action: 'redact', ...rule }])).toEqual(['r']);
  });

  it('never reports a pattern naming an array index: templates cannot tell', () => {
    expect(unmatchedIds([{ id: 'r', path: '$.map.rooms[7].polygon', action: 'drop' }])).toEqual([]);
  });

  it('judges a device rule only against that device, and says when the device sent nothing', () => {
    const policy = {
      devices: [
        { ...devices[0], rules: [{ id: 'mine', path: '$.serial', action: 'hash' }] },
        { ...devices[1], rules: [{ id: 'theirs', path: '$.serial', action: 'hash' }] },
      ],
    };
    const unmatched = rulesMatchingNothing(compile(policy as Parameters<typeof compile>[0]), SEEN);
    expect(unmatched).toEqual([
      { ruleId: 'theirs', scope: 'device camera', reason: expect.stringMatching(/device camera, which has sent no inspected field/) },
    ]);
  });

  it('names household rules once, with the path and category it looked for', () => {
    const unmatched = rulesMatchingNothing(compile({ devices, rules: [{ id: 'gps', path: '$.gps', category: 'location', action: 'drop' }] }), SEEN);
    expect(unmatched).toEqual([
      { ruleId: 'gps', scope: 'household', reason: 'its path $.gps with category location matches no field seen from any of the 1 device(s) in the ledger' },
    ]);
  });
});
