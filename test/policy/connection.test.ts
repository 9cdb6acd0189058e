import { describe, expect, it } from 'vitest';
import { evaluateConnection, resolveDevice, type Mode, type PolicyInput } from '../../src/policy/index.js';
import { compile, target } from './engine-helpers.js';

const devices: PolicyInput['devices'] = [
  { id: 'lan', name: 'Whole LAN', addresses: ['192.168.1.0/24'] },
  { id: 'iot', name: 'IoT subnet', addresses: ['192.168.1.128/25', 'fd00:1::/64'] },
  { id: 'doorbell', name: 'Doorbell', addresses: ['192.168.1.200'], macs: ['AA:BB:CC:00:11:22'] },
  { id: 'tv', name: 'TV', macs: ['aa-bb-cc-00-11-33'] },
];

describe('resolveDevice', () => {
  const cp = compile({ devices });

  it.each([
    ['a /24 member', '192.168.1.10', undefined, 'lan'],
    ['a longer prefix inside the /24', '192.168.1.130', undefined, 'iot'],
    ['an exact address inside both', '192.168.1.200', undefined, 'doorbell'],
    ['an IPv4-mapped IPv6 address', '::ffff:192.168.1.200', undefined, 'doorbell'],
    ['an IPv6 prefix member', 'fd00:1::42', undefined, 'iot'],
    ['a MAC over the address', '192.168.1.10', 'aa:bb:cc:00:11:33', 'tv'],
    ['a MAC in another notation', '10.9.9.9', 'AA-BB-CC-00-11-22', 'doorbell'],
    ['an unknown MAC falling back to the address', '192.168.1.130', '00:00:00:00:00:01', 'iot'],
    ['an unknown address', '10.0.0.5', undefined, 'default'],
    ['a garbage address', 'not-an-ip', undefined, 'default'],
  ])('resolves %s', (_name, address, mac, expected) => {
    expect(resolveDevice(cp, address, mac).device.id).toBe(expected);
  });

  it('marks unknown clients as the default profile', () => {
    expect(resolveDevice(cp, '10.0.0.5').device).toEqual({ id: 'default', name: 'Unknown device', isDefault: true });
  });
});

describe('evaluateConnection destination precedence', () => {
  const cp = compile({
    mode: 'enforce',
    destinations: [
      { id: 'h-any', vendor: 'Anyone', hosts: ['*'], access: 'allow' },
      { id: 'h-ring', vendor: 'Ring', hosts: ['*.ring.com'], access: 'block' },
      { id: 'h-api', vendor: 'Ring', hosts: ['api.ring.com'], access: 'allow' },
      { id: 'h-deep', vendor: 'Ring', hosts: ['*.fw.ring.com'], access: 'allow', inspect: false },
      // Generic entries first and blocking, so only specificity can make the specific ones win.
      { id: 'h-mqtt', vendor: 'Ring', hosts: ['mqtt.ring.com'], access: 'block' },
      { id: 'h-8883', vendor: 'Ring', hosts: ['mqtt.ring.com'], ports: [8883], access: 'allow' },
      { id: 'h-plain', vendor: 'Ring', hosts: ['plain.ring.com'], access: 'block' },
      { id: 'h-http', vendor: 'Ring', hosts: ['plain.ring.com'], schemes: ['http'], access: 'allow' },
      { id: 'tie-allow', vendor: 'Tie', hosts: ['tie.example'], access: 'allow' },
      { id: 'tie-block', vendor: 'Tie', hosts: ['tie.example'], access: 'block' },
    ],
    devices: [
      {
        id: 'doorbell',
        name: 'Doorbell',
        addresses: ['192.168.1.200'],
        destinations: [{ id: 'd-ring', vendor: 'Ring', hosts: ['*.ring.com'], access: 'allow', verifyUpstream: false }],
      },
    ],
  });

  it.each([
    ['exact beats suffix', '192.168.1.50', 'api.ring.com', 443, 'https', 'h-api', 'inspect'],
    ['suffix beats any', '192.168.1.50', 'cdn.ring.com', 443, 'https', 'h-ring', 'block'],
    ['longer suffix beats shorter', '192.168.1.50', 'x.fw.ring.com', 443, 'https', 'h-deep', 'tunnel'],
    ['any catches the rest', '192.168.1.50', 'example.org', 443, 'https', 'h-any', 'inspect'],
    ['port-specific beats generic', '192.168.1.50', 'mqtt.ring.com', 8883, 'https', 'h-8883', 'inspect'],
    ['generic applies on other ports', '192.168.1.50', 'mqtt.ring.com', 443, 'https', 'h-mqtt', 'block'],
    ['scheme-specific beats generic', '192.168.1.50', 'plain.ring.com', 80, 'http', 'h-http', 'inspect'],
    ['generic applies to the other scheme', '192.168.1.50', 'plain.ring.com', 443, 'https', 'h-plain', 'block'],
    ['a tie goes to block', '192.168.1.50', 'tie.example', 443, 'https', 'tie-block', 'block'],
    ['device destinations come before household ones', '192.168.1.200', 'api.ring.com', 443, 'https', 'd-ring', 'inspect'],
    ['household destinations still apply to the device', '192.168.1.200', 'tie.example', 443, 'https', 'tie-block', 'block'],
  ] as const)('%s', (_name, clientAddress, host, port, scheme, id, verdict) => {
    const decision = evaluateConnection(cp, target({ clientAddress, host, port, scheme }));
    expect([decision.destination.id, decision.verdict]).toEqual([id, verdict]);
  });

  it('carries the destination settings', () => {
    const decision = evaluateConnection(cp, target({ clientAddress: '192.168.1.200', host: 'API.Ring.com.' }));
    expect(decision).toMatchObject({
      device: { id: 'doorbell' },
      destination: { id: 'd-ring', vendor: 'Ring', host: 'api.ring.com', port: 443, scheme: 'https' },
      verifyUpstream: false,
      onUninspectable: 'allow',
      wouldBlock: false,
    });
  });

  it('explains a block with the destination and the pattern that matched', () => {
    const decision = evaluateConnection(cp, target({ host: 'cdn.ring.com' }));
    expect(decision.explanation).toEqual({
      ruleId: 'h-ring',
      reason: 'destination "h-ring" Ring (household) matches *.ring.com: access block',
      blockedBy: 'destination',
    });
  });
});

describe('evaluateConnection modes', () => {
  const destinations = [
    { id: 'ok', vendor: 'Vendor', hosts: ['api.vendor.com'] },
    { id: 'bad', vendor: 'Tracker', hosts: ['*.tracker.net'], access: 'block' as const },
  ];
  type Row = [Mode, string, 'inspect' | 'tunnel' | 'block', boolean];

  it.each<Row>([
    ['monitor', 'api.vendor.com', 'inspect', false],
    ['monitor', 'x.tracker.net', 'inspect', true],
    ['monitor', 'unlisted.org', 'inspect', false],
    ['enforce', 'api.vendor.com', 'inspect', false],
    ['enforce', 'x.tracker.net', 'block', false],
    ['enforce', 'unlisted.org', 'inspect', false],
    ['lockdown', 'api.vendor.com', 'inspect', false],
    ['lockdown', 'x.tracker.net', 'block', false],
    ['lockdown', 'unlisted.org', 'block', false],
  ])('%s mode, %s → %s (wouldBlock %s)', (mode, host, verdict, wouldBlock) => {
    const cp = compile({ mode, destinations });
    const decision = evaluateConnection(cp, target({ host }));
    expect([decision.mode, decision.verdict, decision.wouldBlock]).toEqual([mode, verdict, wouldBlock]);
  });

  it('says an unlisted destination is not in policy', () => {
    const decision = evaluateConnection(compile({ mode: 'enforce', destinations }), target({ host: 'unlisted.org' }));
    expect(decision.destination.vendor).toBeUndefined();
    expect(decision.explanation.reason).toBe('unlisted.org:443 is not in policy: inspected under the field rules');
  });

  it('explains lockdown blocks', () => {
    const decision = evaluateConnection(compile({ mode: 'lockdown' }), target({ host: 'unlisted.org' }));
    expect(decision.explanation).toEqual({
      ruleId: undefined,
      reason: 'lockdown: unlisted.org:443 is not in policy',
      blockedBy: 'lockdown-unlisted',
    });
  });

  it('explains what monitor mode would have blocked', () => {
    const decision = evaluateConnection(compile({ destinations }), target({ host: 'x.tracker.net' }));
    expect(decision.explanation.reason).toMatch(/^monitor mode, not enforced: destination "bad" Tracker/);
  });

  it('uses the device mode over the household mode', () => {
    const cp = compile({ mode: 'monitor', destinations, devices: [{ id: 'cam', name: 'Cam', addresses: ['192.168.1.50'], mode: 'lockdown' }] });
    expect(evaluateConnection(cp, target({ host: 'unlisted.org' })).verdict).toBe('block');
    expect(evaluateConnection(cp, target({ clientAddress: '192.168.1.51', host: 'unlisted.org' })).verdict).toBe('inspect');
  });

  it('uses the default profile mode and destinations for unknown clients', () => {
    const cp = compile({
      mode: 'monitor',
      defaultProfile: { mode: 'enforce', destinations: [{ id: 'guest-block', vendor: 'Vendor', hosts: ['api.vendor.com'], access: 'block' }] },
      destinations,
    });
    const decision = evaluateConnection(cp, target());
    expect([decision.device.id, decision.mode, decision.verdict, decision.destination.id]).toEqual(['default', 'enforce', 'block', 'guest-block']);
  });
});

describe('evaluateConnection quarantine', () => {
  it.each(['monitor', 'enforce', 'lockdown'] as const)('blocks every connection of a quarantined device in %s mode', (mode) => {
    const cp = compile({
      mode,
      destinations: [{ id: 'ok', vendor: 'Vendor', hosts: ['*'] }],
      devices: [{ id: 'cam', name: 'Cam', addresses: ['192.168.1.50'], quarantine: true }],
    });
    const decision = evaluateConnection(cp, target());
    expect([decision.verdict, decision.wouldBlock]).toEqual(['block', false]);
    expect(decision.explanation.reason).toBe('device cam is quarantined: every connection is blocked');
    expect(decision.explanation.blockedBy).toBe('quarantine');
  });

  it('quarantines unknown clients when the default profile says so', () => {
    const cp = compile({ defaultProfile: { quarantine: true } });
    expect(evaluateConnection(cp, target()).explanation.reason).toBe('unknown clients are quarantined: every connection is blocked');
  });
});
