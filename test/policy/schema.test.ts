import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { defaultPolicy, parsePolicy, safeParsePolicy } from '../../src/policy/index.js';
import { policyJsonSchema } from '../../src/policy/export-json-schema.js';

function problems(input: unknown): readonly string[] {
  const result = safeParsePolicy(input);
  if (result.success) throw new Error('expected the policy to be invalid');
  return result.error.details;
}

const device = { id: 'doorbell', name: 'Doorbell', addresses: ['192.168.1.20'] };
const dest = { vendor: 'Ring', hosts: ['*.ring.com'] };

describe('parsePolicy', () => {
  it('fills defaults into a minimal policy', () => {
    const policy = parsePolicy({ version: 1 });
    expect(policy).toEqual({
      version: 1,
      mode: 'monitor',
      pseudonyms: 'per-vendor',
      destinations: [],
      rules: [],
      defaultProfile: { destinations: [], rules: [] },
      devices: [],
    });
  });

  it('fills destination and device defaults', () => {
    const policy = parsePolicy({ version: 1, devices: [{ ...device, destinations: [dest] }] });
    expect(policy.devices[0]).toMatchObject({ quarantine: false, rules: [] });
    expect(policy.devices[0]?.destinations[0]).toEqual({
      ...dest,
      access: 'allow',
      inspect: true,
      verifyUpstream: true,
      onUninspectable: 'allow',
      allowOpaque: false,
    });
  });

  it.each([
    ['a bad address', { devices: [{ ...device, addresses: ['192.168.1.20', '192.168.1.300'] }] }, 'devices[0].addresses[1]: not an IP address or CIDR'],
    ['a prefix too long', { devices: [{ ...device, addresses: ['10.0.0.0/33'] }] }, 'devices[0].addresses[0]: not an IP address or CIDR'],
    ['a bad MAC', { devices: [{ ...device, macs: ['aa:bb:cc'] }] }, 'devices[0].macs[0]: not a MAC address (like aa:bb:cc:dd:ee:ff)'],
    ['a device without address or MAC', { devices: [{ id: 'tv', name: 'TV' }] }, 'devices[0]: needs at least one address or MAC'],
    ['a device id that is no slug', { devices: [{ ...device, id: 'Front Door' }] }, 'devices[0].id: must be a slug: lower-case letters, digits, - and _'],
    ['the reserved device id', { devices: [{ ...device, id: 'default' }] }, 'devices[0].id: "default" is reserved for unknown clients'],
    ['duplicate device ids', { devices: [device, { ...device, addresses: ['192.168.1.21'] }] }, 'devices[1].id: duplicate device id "doorbell" (also at [0])'],
    ['one address on two devices', { devices: [device, { ...device, id: 'cam' }] }, 'devices[1].addresses[0]: same address as device "doorbell"'],
    ['one MAC on two devices', { devices: [{ ...device, macs: ['AA-BB-CC-DD-EE-FF'] }, { id: 'cam', name: 'Cam', macs: ['aa:bb:cc:dd:ee:ff'] }] }, 'devices[1].macs[0]: same MAC as device "doorbell"'],
    ['a bad mode', { mode: 'strict' }, 'mode: expected one of "monitor", "enforce", "lockdown"'],
    ['a wrong version', { version: 2 }, 'version: must be 1'],
    ['a destination without hosts', { destinations: [{ vendor: 'Ring', hosts: [] }] }, 'destinations[0].hosts: needs at least 1 item(s)'],
    ['a bad host glob', { destinations: [{ vendor: 'Ring', hosts: ['api.*.com'] }] }, 'destinations[0].hosts[0]: not a host pattern (use api.example.com, *.example.com or *)'],
    ['a port out of range', { destinations: [{ ...dest, ports: [70000] }] }, 'destinations[0].ports[0]: must be at most 65535'],
    ['a fractional port', { destinations: [{ ...dest, ports: [80.5] }] }, 'destinations[0].ports[0]: expected a whole number, got number'],
    ['a missing vendor', { destinations: [{ hosts: ['a.com'] }] }, 'destinations[0].vendor: required'],
    ['a rule with neither path nor category', { rules: [{ id: 'r', action: 'drop' }] }, 'rules[0]: needs a path or a category (or both)'],
    ['a bad path pattern', { rules: [{ id: 'r', path: 'coords.lat', action: 'drop' }] }, 'rules[0].path: not a path pattern: must start with $ (body) or $query (query string)'],
    ['a partial wildcard', { rules: [{ id: 'r', path: '$.lat*', action: 'drop' }] }, 'rules[0].path: not a path pattern: partial wildcards like "lat*" are not supported; use * for a whole key'],
    ['an unknown category', { rules: [{ id: 'r', category: 'gps', action: 'drop' }] }, 'rules[0].category: expected one of "location", "network", "device", "personal", "credentials", "health", "media", "behaviour", "third_party"'],
    ['duplicate rule ids in a device', { devices: [{ ...device, rules: [{ id: 'r', category: 'location', action: 'drop' }, { id: 'r', category: 'media', action: 'drop' }] }] }, 'devices[0].rules[1].id: duplicate rule id "r" (also at [0])'],
    ['duplicate rule ids in the default profile', { defaultProfile: { rules: [{ id: 'r', category: 'location', action: 'drop' }, { id: 'r', category: 'media', action: 'drop' }] } }, 'defaultProfile.rules[1].id: duplicate rule id "r" (also at [0])'],
    ['a non-array for a list', { devices: {} }, 'devices: expected a list, got an object'],
  ])('names path and problem for %s', (_name, input, detail) => {
    expect(problems({ version: 1, ...input })).toContain(detail);
  });

  it('reports every problem and counts them in the message', () => {
    const bad = { version: 1, mode: 'x', devices: [{ ...device, addresses: ['nope'], macs: ['zz'] }] };
    expect(() => parsePolicy(bad)).toThrow(GatewayError);
    try {
      parsePolicy(bad);
    } catch (error) {
      expect(error).toMatchObject({ code: 'POLICY_INVALID', message: 'Policy is invalid: 3 problem(s)' });
    }
  });

  it.each([
    ['policy', { quarantined: true }, 'quarantined: unknown key (check the spelling)'],
    ['device', { devices: [{ ...device, quarantined: true }] }, 'devices[0].quarantined: unknown key (check the spelling)'],
    ['destination', { destinations: [{ ...dest, acess: 'block' }] }, 'destinations[0].acess: unknown key (check the spelling)'],
    ['rule', { rules: [{ id: 'r', category: 'location', action: 'drop', exept: ['a.com'] }] }, 'rules[0].exept: unknown key (check the spelling)'],
    ['default profile', { defaultProfile: { mod: 'enforce' } }, 'defaultProfile.mod: unknown key (check the spelling)'],
  ])('rejects an unknown key in the %s', (_name, input, detail) => {
    expect(problems({ version: 1, ...input })).toEqual([detail]);
  });

  it('rejects a policy that is not an object', () => {
    expect(problems('monitor')).toEqual(['(policy): expected an object, got string']);
  });

  it('accepts overlapping prefixes on different devices', () => {
    const policy = { version: 1, devices: [device, { id: 'lan', name: 'LAN', addresses: ['192.168.1.0/24'] }] };
    expect(safeParsePolicy(policy).success).toBe(true);
  });
});

describe('defaultPolicy', () => {
  it('passes parsePolicy and stays in monitor mode', () => {
    const policy = defaultPolicy();
    expect(parsePolicy(JSON.parse(JSON.stringify(policy)))).toEqual(policy);
    expect([policy.mode, policy.defaultProfile.mode, policy.devices]).toEqual(['monitor', 'monitor', []]);
  });

  it.each([
    ['credentials', 'redact'],
    ['location', 'redact'],
    ['network', 'hash'],
    ['device', 'hash'],
    ['media', 'drop'],
  ])('has a household rule for %s → %s', (category, action) => {
    expect(defaultPolicy().rules).toContainEqual(expect.objectContaining({ category, action }));
  });
});

describe('policyJsonSchema', () => {
  const schema = policyJsonSchema();

  it('describes the policy object strictly', () => {
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false, required: ['version'] });
    expect(Object.keys(schema.properties as object)).toEqual(
      expect.arrayContaining(['version', 'mode', 'destinations', 'rules', 'defaultProfile', 'devices']),
    );
  });

  it('lists every top-level key of the default policy', () => {
    const properties = Object.keys(schema.properties as object);
    for (const key of Object.keys(defaultPolicy())) expect(properties).toContain(key);
  });

  it('describes a device with its addresses and defaults', () => {
    const devices = (schema.properties as Record<string, { items?: { properties?: Record<string, unknown>; additionalProperties?: boolean } }>).devices;
    expect(Object.keys(devices?.items?.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'name', 'addresses', 'macs', 'mode', 'quarantine', 'destinations', 'rules']),
    );
    expect(devices?.items?.additionalProperties).toBe(false);
  });
});

describe('the documented example policy', () => {
  it('parses (test/fixtures/policy/example.json is the example in docs/POLICY.md)', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL('../fixtures/policy/example.json', import.meta.url), 'utf8');
    expect(parsePolicy(JSON.parse(text)).devices[0]?.id).toBe('doorbell');
  });
});
