import { describe, expect, it } from 'vitest';
import { evaluate, type FieldAction, type FieldRule, type Mode, type PolicyInput } from '../../src/policy/index.js';
import { BLOB, compile, field, flow } from './engine-helpers.js';

type RuleInput = Omit<FieldRule, 'id'> & { id: string };

const DOORBELL = '192.168.1.200';
const lat = field({ segments: ['coords', 'latitude'], value: 51.5, categories: ['location'] });

function decide(input: Omit<PolicyInput, 'version'>, fields = [lat], overrides = {}) {
  return evaluate(flow(fields, overrides), compile({ mode: 'enforce', ...input }));
}

function withDevice(household: RuleInput[], device: RuleInput[]): Omit<PolicyInput, 'version'> {
  return { rules: household, devices: [{ id: 'doorbell', name: 'Doorbell', addresses: [DOORBELL], rules: device }] };
}

describe('evaluate field precedence', () => {
  it.each<[string, RuleInput[], RuleInput[], string]>([
    ['device beats household', [{ id: 'h', path: '$.coords.latitude', action: 'redact' }], [{ id: 'd', category: 'location', action: 'allow' }], 'd'],
    ['path beats category', [{ id: 'cat', category: 'location', action: 'block' }, { id: 'path', path: '$..latitude', action: 'hash' }], [], 'path'],
    ['more literal segments beat fewer', [{ id: 'wild', path: '$.*.latitude', action: 'drop' }, { id: 'lit', path: '$.coords.latitude', action: 'allow' }], [], 'lit'],
    ['fixed depth beats any depth at equal literals', [{ id: 'deep', path: '$..latitude', action: 'drop' }, { id: 'one', path: '$.*.latitude', action: 'allow' }], [], 'one'],
    ['path with category beats path alone', [{ id: 'p', path: '$.coords.latitude', action: 'drop' }, { id: 'pc', path: '$.coords.latitude', category: 'location', action: 'hash' }], [], 'pc'],
    ['destination-scoped beats unscoped', [{ id: 'all', category: 'location', action: 'drop' }, { id: 'here', category: 'location', action: 'allow', destinations: ['*.vendor.com'] }], [], 'here'],
    ['a tie goes to the strictest action', [{ id: 'hash', category: 'location', action: 'hash' }, { id: 'drop', category: 'location', action: 'drop' }, { id: 'redact', category: 'location', action: 'redact' }], [], 'drop'],
    ['block is the strictest', [{ id: 'drop', category: 'location', action: 'drop' }, { id: 'block', category: 'location', action: 'block' }], [], 'block'],
  ])('%s', (_name, household, device, winner) => {
    const decision = decide(withDevice(household, device), [lat], { clientAddress: DOORBELL });
    expect(decision.fields[0]?.explanation.ruleId).toBe(winner);
  });

  it('ignores device rules for other devices', () => {
    const input = withDevice([{ id: 'h', category: 'location', action: 'redact' }], [{ id: 'd', category: 'location', action: 'allow' }]);
    expect(decide(input, [lat], { clientAddress: '192.168.1.9' }).fields[0]?.explanation.ruleId).toBe('h');
  });

  it('uses default-profile rules before household rules for unknown clients', () => {
    const input = {
      rules: [{ id: 'h', category: 'location' as const, action: 'allow' as const }],
      defaultProfile: { rules: [{ id: 'guest', category: 'location' as const, action: 'drop' as const }] },
    };
    const decision = decide(input, [lat], { clientAddress: '10.1.1.1' });
    expect([decision.connection.device.id, decision.fields[0]?.explanation.ruleId]).toEqual(['default', 'guest']);
  });

  it('needs both path and category when a rule has both', () => {
    const rules = [{ id: 'both', path: '$.coords.latitude', category: 'health' as const, action: 'drop' as const }];
    expect(decide({ rules }).fields[0]).toMatchObject({ action: 'allow', explanation: { ruleId: undefined, reason: 'no rule' } });
  });

  it('matches query fields only with $query patterns', () => {
    const imei = field({ source: 'query', segments: ['imei'], value: '356938035643809' });
    const rules = [
      { id: 'body', path: '$.imei', action: 'drop' as const },
      { id: 'query', path: '$query.imei', action: 'hash' as const },
    ];
    expect(decide({ rules }, [imei]).fields[0]).toMatchObject({ path: '$query.imei', source: 'query', action: 'hash' });
  });
});

describe('evaluate destination scoping', () => {
  const rules: RuleInput[] = [
    { id: 'no-location', category: 'location', action: 'redact', except: ['api.example.com'] },
    { id: 'ring-only', path: '$.serial', action: 'hash', destinations: ['*.ring.com'] },
  ];
  const serial = field({ segments: ['serial'], value: 'SN123' });

  it.each([
    ['api.vendor.com', 'redact', 'allow'],
    ['api.example.com', 'allow', 'allow'],
    ['api.ring.com', 'redact', 'hash'],
    ['ring.com', 'redact', 'allow'],
  ])('to %s: location %s, serial %s', (host, location, serialAction) => {
    const decision = decide({ rules }, [lat, serial], { host });
    expect(decision.fields.map((f) => f.action)).toEqual([location, serialAction]);
  });

  it('explains the rule with its scope and exception', () => {
    const input = withDevice([], [{ id: 'no-location', category: 'location', action: 'redact', except: ['api.example.com'] }]);
    const decision = decide(input, [lat], { clientAddress: DOORBELL });
    expect(decision.fields[0]?.explanation).toEqual({
      ruleId: 'no-location',
      reason: 'rule "no-location" (device doorbell): category location → redact, unless destination api.example.com',
    });
  });

  it('explains a path rule limited to destinations', () => {
    const decision = decide({ rules }, [serial], { host: 'api.ring.com' });
    expect(decision.fields[0]?.explanation.reason).toBe('rule "ring-only" (household): path $.serial → hash, only for destination *.ring.com');
  });
});

describe('evaluate modes', () => {
  const rules: RuleInput[] = [{ id: 'loc', category: 'location', action: 'redact' }];
  const other = field({ segments: ['firmware'], value: '1.2.3' });

  it.each([
    ['monitor', ['redact', 'allow'], [false, false], 'forward', true],
    ['enforce', ['redact', 'allow'], [true, false], 'forward', true],
    ['lockdown', ['redact', 'drop'], [true, true], 'forward', true],
  ] as const)('%s: actions %j applied %j', (mode, actions, applied, verdict, violation) => {
    const input = { mode, rules, destinations: [{ vendor: 'Vendor', hosts: ['api.vendor.com'] }] };
    const decision = evaluate(flow([lat, other]), compile(input));
    expect(decision.fields.map((f) => f.action)).toEqual(actions);
    expect(decision.fields.map((f) => f.applied)).toEqual(applied);
    expect([decision.verdict, decision.violation]).toEqual([verdict, violation]);
  });

  it('explains unruled fields in lockdown', () => {
    const decision = evaluate(flow([other]), compile({ mode: 'lockdown', destinations: [{ vendor: 'V', hosts: ['*'] }] }));
    expect(decision.fields[0]?.explanation).toEqual({ ruleId: undefined, reason: 'lockdown: not explicitly allowed' });
  });

  it('is no violation when nothing matches in enforce mode', () => {
    const decision = decide({ rules }, [other]);
    expect([decision.verdict, decision.violation, decision.block]).toEqual(['forward', false, undefined]);
    expect(decision.explanation.reason).toBe('enforce: forwarded unchanged');
  });

  it('blocks the request when a field rule says block, naming the rule', () => {
    const decision = decide({ rules: [{ id: 'no-gps', category: 'location', action: 'block' }] });
    expect(decision).toMatchObject({ verdict: 'block', violation: true, block: { ruleId: 'no-gps' } });
    expect(decision.explanation.reason).toBe('blocked: rule "no-gps" (household): category location → block');
  });

  it('records but does not enforce a block in monitor mode', () => {
    const decision = decide({ mode: 'monitor', rules: [{ id: 'no-gps', category: 'location', action: 'block' }] });
    expect(decision).toMatchObject({ verdict: 'forward', violation: true, block: { ruleId: 'no-gps' } });
    expect(decision.fields[0]).toMatchObject({ action: 'block', applied: false });
    expect(decision.explanation.reason).toMatch(/^monitor mode, nothing enforced; would block: rule "no-gps"/);
  });

  it('carries a monitor-mode destination block into the decision', () => {
    const input = { mode: 'monitor' as const, destinations: [{ id: 'trk', vendor: 'T', hosts: ['*'], access: 'block' as const }] };
    const decision = evaluate(flow([lat]), compile(input));
    expect(decision).toMatchObject({ verdict: 'forward', violation: true, block: { ruleId: 'trk' } });
    expect(decision.explanation.reason).toBe(
      'monitor mode, nothing enforced; would block: destination "trk" T (household) matches *: access block',
    );
  });

  it('returns a blocked connection without field decisions', () => {
    const decision = evaluate(flow([lat]), compile({ mode: 'lockdown' }));
    expect(decision).toMatchObject({ verdict: 'block', violation: true, fields: [], block: { ruleId: undefined } });
  });

  it('decides a flow without a payload from the connection alone', () => {
    const decision = evaluate({ ...flow([]), payload: undefined }, compile({ mode: 'enforce', rules }));
    expect([decision.verdict, decision.fields, decision.violation]).toEqual(['forward', [], false]);
  });
});

describe('evaluate opaque data', () => {
  const blob = field({ segments: ['payload'], value: 'QUJD…', opaque: BLOB });
  type Destinations = PolicyInput['destinations'];
  const allowing: Destinations = [{ vendor: 'Vendor', hosts: ['api.vendor.com'], allowOpaque: true }];
  const listed: Destinations = [{ vendor: 'Vendor', hosts: ['api.vendor.com'] }];

  it.each<[Mode, Destinations, FieldAction, boolean, 'forward' | 'block']>([
    ['monitor', [], 'block', false, 'forward'],
    ['enforce', [], 'block', true, 'block'],
    ['lockdown', listed, 'block', true, 'block'],
    ['enforce', allowing, 'allow', false, 'forward'],
    ['lockdown', allowing, 'drop', true, 'forward'],
  ])('%s with destinations %j: field %s applied %s, request %s', (mode, destinations, action, applied, verdict) => {
    const decision = evaluate(flow([blob]), compile({ mode, destinations }));
    expect(decision.fields[0]).toMatchObject({ action, applied, opaque: true });
    expect(decision.verdict).toBe(verdict);
    expect(decision.violation).toBe(action !== 'allow');
  });

  it('lets an explicit rule decide an opaque field', () => {
    const decision = decide({ rules: [{ id: 'blob-ok', path: '$.payload', action: 'allow' }] }, [blob]);
    expect(decision.fields[0]).toMatchObject({ action: 'allow', explanation: { ruleId: 'blob-ok' } });
    expect(decision.verdict).toBe('forward');
  });

  it('explains an opaque block', () => {
    const reason = decide({}, [blob]).block?.reason;
    expect(reason).toBe('opaque value (base64, 344 bytes: high-entropy base64) has no rule and api.vendor.com does not allow opaque data');
  });

  it.each<[Mode, Destinations, 'forward' | 'block', boolean]>([
    ['monitor', [], 'forward', true],
    ['enforce', [], 'block', true],
    ['enforce', allowing, 'forward', false],
  ])('treats an opaque body in %s mode with %j as %s', (mode, destinations, verdict, violation) => {
    const decision = evaluate(flow([], {}, { ...BLOB, kind: 'binary' }), compile({ mode, destinations }));
    expect([decision.verdict, decision.violation]).toEqual([verdict, violation]);
    if (violation) expect(decision.block?.reason).toMatch(/^opaque body \(binary/);
  });
});

describe('evaluate: what blocked a request', () => {
  const blob = field({ segments: ['payload'], value: 'QUJD…', opaque: BLOB });
  const password = field({ segments: ['auth', 'password'], value: 'hunter2' });

  it.each<[string, Mode, Omit<PolicyInput, 'version'>, ReturnType<typeof field>[], string | undefined, string | undefined]>([
    ['a field rule', 'enforce', { rules: [{ id: 'pw', path: '$.auth.password', action: 'block' }] }, [password], 'field', '$.auth.password'],
    ['a rule on the field\'s container', 'enforce', { rules: [{ id: 'no-auth', path: '$.auth', action: 'block' }] }, [password], 'field', '$.auth.password'],
    ['an opaque value without a rule', 'enforce', {}, [blob], 'opaque', '$.payload'],
    ['a field rule, in monitor mode', 'monitor', { rules: [{ id: 'pw', path: '$.auth.password', action: 'block' }] }, [password], 'field', '$.auth.password'],
  ])('names %s', (_name, mode, input, fields, kind, fieldPath) => {
    const decision = evaluate(flow(fields), compile({ ...input, mode }));
    expect(decision.block).toMatchObject({ blockedBy: kind, field: fieldPath });
    expect(decision.explanation.blockedBy).toBe(kind);
    expect(decision.verdict).toBe(mode === 'monitor' ? 'forward' : 'block');
  });

  it('names an opaque body', () => {
    const decision = evaluate(flow([], {}, { ...BLOB, kind: 'binary' }), compile({ mode: 'enforce' }));
    expect(decision.block).toMatchObject({ blockedBy: 'opaque', ruleId: undefined });
    expect(decision.block?.field).toBeUndefined();
  });

  it.each<[string, Omit<PolicyInput, 'version'>, string]>([
    ['a quarantine', { devices: [{ id: 'cam', name: 'Cam', addresses: ['192.168.1.50'], quarantine: true }] }, 'quarantine'],
    ['a blocked destination', { destinations: [{ id: 'ads', vendor: 'Ads', hosts: ['api.vendor.com'], access: 'block' }] }, 'destination'],
    ['lockdown and an unlisted destination', { mode: 'lockdown' }, 'lockdown-unlisted'],
  ])('names %s at the connection', (_name, input, kind) => {
    const decision = evaluate(flow([lat]), compile({ mode: 'enforce', ...input }));
    expect([decision.verdict, decision.block?.blockedBy, decision.connection.explanation.blockedBy]).toEqual(['block', kind, kind]);
  });

  it('leaves blockedBy unset on a request forwarded with edits', () => {
    const decision = decide({ rules: [{ id: 'h', category: 'location', action: 'hash' }] });
    expect([decision.verdict, decision.violation, decision.block, decision.explanation.blockedBy]).toEqual(['forward', true, undefined, undefined]);
  });
});

describe('evaluate: rules on containers', () => {
  const robot = [
    field({ segments: ['map', 'robotPos', 'x'], value: 1250 }),
    field({ segments: ['map', 'robotPos', 'label'], value: 'hall' }),
    field({ segments: ['map', 'rooms', 0, 'polygon', 0, 1], value: 4 }),
    field({ segments: ['battery'], value: 80 }),
  ];
  const rules: RuleInput[] = [
    { id: 'pos', path: '$.map.robotPos', action: 'drop' },
    { id: 'label', path: '$.map.robotPos.label', action: 'hash' },
    { id: 'polygons', path: '$.map.rooms[*].polygon', action: 'redact' },
  ];

  it('applies a container rule to each leaf and says which container matched', () => {
    const decision = decide({ rules }, robot);
    expect(decision.fields.map((f) => [f.path, f.action, f.explanation.ruleId, f.container])).toEqual([
      ['$.map.robotPos.x', 'drop', 'pos', { path: '$.map.robotPos', depth: 2 }],
      ['$.map.robotPos.label', 'hash', 'label', undefined],
      ['$.map.rooms[0].polygon[0][1]', 'redact', 'polygons', { path: '$.map.rooms[0].polygon', depth: 4 }],
      ['$.battery', 'allow', undefined, undefined],
    ]);
  });

  it('keeps the per-vendor pseudonym scope unless the policy asks for household-wide', () => {
    expect(decide({ rules }, robot).pseudonyms).toBe('per-vendor');
    expect(decide({ rules, pseudonyms: 'household' }, robot).pseudonyms).toBe('household');
  });
});
