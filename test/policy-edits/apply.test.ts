import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { applyPolicyEdit, parsePolicyEdit, ruleId } from '../../src/policy-edits/index.js';
import { parsePolicy, type Policy } from '../../src/policy/index.js';

const base = (): Policy =>
  parsePolicy({
    version: 1,
    mode: 'enforce',
    destinations: [{ id: 'cloud', vendor: 'Cloud', hosts: ['cloud.example'] }],
    devices: [
      { id: 'cam', name: 'Camera', addresses: ['192.168.1.20'], mode: 'monitor', destinations: [{ id: 'own', vendor: 'Cam', hosts: ['cam.example'] }] },
    ],
  });

const apply = (policy: Policy, input: unknown) => applyPolicyEdit(policy, parsePolicyEdit(input));
const cam = (policy: Policy) => {
  const device = policy.devices.find((d) => d.id === 'cam');
  if (device === undefined) throw new Error('no cam');
  return device;
};

describe('applyPolicyEdit', () => {
  it('sets a field action as one rule per subject: setting it again replaces the rule (newest last)', () => {
    const once = apply(base(), { operation: 'set_field_action', data: { device_id: 'cam', field_path: ' $.coords.lat ', action: 'redact' } });
    expect(once.result).toEqual({ rule_id: 'field:$.coords.lat' });
    const other = apply(once.policy, { operation: 'set_field_action', data: { device_id: 'cam', category: 'network', action: 'drop' } });
    const again = apply(other.policy, { operation: 'set_field_action', data: { device_id: 'cam', field_path: '$.coords.lat', action: 'hash' } });
    expect(cam(again.policy).rules.map((r) => [r.id, r.action])).toEqual([
      ['category:network', 'drop'],
      ['field:$.coords.lat', 'hash'],
    ]);
  });

  it('scopes a rule to destinations, sorted in the rule and its id as the integration does', () => {
    const { policy, result } = apply(base(), {
      operation: 'set_field_action',
      data: { device_id: 'cam', category: 'location', action: 'block', destinations: ['B.example', 'a.example'] },
    });
    expect(result.rule_id).toBe('category:location@a.example,b.example');
    expect(cam(policy).rules[0]).toMatchObject({ category: 'location', destinations: ['a.example', 'b.example'] });
  });

  it('hashes a rule id past 100 characters exactly like store.py (sha256, 32 hex digits)', () => {
    expect(ruleId(`$.${'a'.repeat(120)}`, undefined, undefined)).toBe('rule:d05e842ed4a3285256f87d9478c31435');
  });

  it('keeps one entry per host: allow then block of the same host leaves the block only', () => {
    const allowed = apply(base(), { operation: 'allow_destination', data: { device_id: 'cam', host: 'Ads.Example.', vendor: 'Ads' } });
    const blocked = apply(allowed.policy, { operation: 'block_destination', data: { device_id: 'cam', host: 'ads.example' } });
    expect(cam(blocked.policy).destinations.map((d) => [d.id, d.vendor, d.access])).toEqual([
      ['own', 'Cam', 'allow'],
      ['host:ads.example', 'ads.example', 'block'],
    ]);
  });

  it('edits the household without a device, and the unknown clients as device "default"', () => {
    const household = apply(base(), { operation: 'block_destination', data: { host: '*.tracker.example' } });
    expect(household.policy.destinations.map((d) => d.id)).toEqual(['cloud', 'host:*.tracker.example']);
    const unknown = apply(base(), { operation: 'quarantine', data: { device_id: 'default' } });
    expect(unknown.policy.defaultProfile.quarantine).toBe(true);
  });

  it('quarantines (true by default) and releases', () => {
    const quarantined = apply(base(), { operation: 'quarantine', data: { device_id: 'cam' } });
    expect(cam(quarantined.policy).quarantine).toBe(true);
    expect(cam(apply(quarantined.policy, { operation: 'quarantine', data: { device_id: 'cam', quarantine: false } }).policy).quarantine).toBe(false);
  });

  it('sets a mode, and null makes the device follow the household again', () => {
    const locked = apply(base(), { operation: 'set_mode', data: { device_id: 'cam', mode: 'lockdown' } });
    expect(cam(locked.policy).mode).toBe('lockdown');
    const following = apply(locked.policy, { operation: 'set_mode', data: { device_id: 'cam', mode: null } });
    expect(cam(following.policy).mode).toBeUndefined();
    expect(JSON.stringify(cam(following.policy))).not.toContain('"mode"');
  });

  it('locks down to exactly the reviewed list: learned entries replaced, the owner\'s own kept', () => {
    const first = apply(base(), {
      operation: 'lock_down',
      data: { device_id: 'cam', destinations: [{ host: 'api.cam.example', access: 'allow', vendor: 'Cam' }, { host: 'ads.example', access: 'block' }] },
    });
    expect(cam(first.policy).mode).toBe('lockdown');
    const second = apply(first.policy, { operation: 'lock_down', data: { device_id: 'cam', destinations: [{ host: 'ntp.example', access: 'allow' }] } });
    expect(cam(second.policy).destinations.map((d) => [d.id, d.access])).toEqual([
      ['own', 'allow'],
      ['learned:ntp.example', 'allow'],
    ]);
  });

  it('lets the owner overrule a lockdown: allowing a learned-blocked host replaces the learned entry', () => {
    const locked = apply(base(), { operation: 'lock_down', data: { device_id: 'cam', destinations: [{ host: 'ads.example', access: 'block' }] } });
    const allowed = apply(locked.policy, { operation: 'allow_destination', data: { device_id: 'cam', host: 'ads.example' } });
    expect(cam(allowed.policy).destinations.map((d) => [d.id, d.access])).toEqual([
      ['own', 'allow'],
      ['host:ads.example', 'allow'],
    ]);
    expect(cam(allowed.policy).mode).toBe('lockdown');
  });

  it('refuses a device the policy does not have with NOT_FOUND', () => {
    expect(() => apply(base(), { operation: 'quarantine', data: { device_id: 'toaster' } })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it.each([
    ['no subject', { operation: 'set_field_action', data: { device_id: 'cam', action: 'drop' } }],
    ['both subjects', { operation: 'set_field_action', data: { device_id: 'cam', field_path: '$.a', category: 'location', action: 'drop' } }],
    ['a path with a space', { operation: 'set_field_action', data: { field_path: '$.a b', action: 'drop' } }],
    ['a path without $', { operation: 'set_field_action', data: { field_path: 'a.b', action: 'drop' } }],
    ['an unknown category', { operation: 'set_field_action', data: { category: 'secrets', action: 'drop' } }],
    ['an unknown action', { operation: 'set_field_action', data: { category: 'location', action: 'encrypt' } }],
    ['a URL as host', { operation: 'allow_destination', data: { host: 'https://a.example/' } }],
    ['an empty host list', { operation: 'set_field_action', data: { category: 'location', action: 'drop', destinations: [] } }],
    ['a 101-character vendor', { operation: 'allow_destination', data: { host: 'a.example', vendor: 'v'.repeat(101) } }],
    ['quarantine as a string', { operation: 'quarantine', data: { device_id: 'cam', quarantine: 'yes' } }],
    ['a mode missing', { operation: 'set_mode', data: { device_id: 'cam' } }],
    ['an unknown key', { operation: 'quarantine', data: { device_id: 'cam', quarantined: true } }],
    ['a 65-character device id', { operation: 'quarantine', data: { device_id: 'd'.repeat(65) } }],
    ['a lockdown access other than allow/block', { operation: 'lock_down', data: { device_id: 'cam', destinations: [{ host: 'a.example', access: 'maybe' }] } }],
    ['no operation', { data: {} }],
    ['an array', []],
  ])('refuses %s with REQUEST_INVALID naming the problem', (_name, input) => {
    let caught: unknown;
    try {
      parsePolicyEdit(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GatewayError);
    expect(caught).toMatchObject({ code: 'REQUEST_INVALID' });
    expect((caught as GatewayError).details.length).toBeGreaterThan(0);
  });

  it('does not change the policy it was given', () => {
    const policy = base();
    const before = JSON.stringify(policy);
    apply(policy, { operation: 'lock_down', data: { device_id: 'cam', destinations: [{ host: 'a.example', access: 'allow' }] } });
    expect(JSON.stringify(policy)).toBe(before);
  });
});
