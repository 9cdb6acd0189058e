import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deviceConditions,
  evaluate,
  evaluateConnection,
  policyConditionEntities,
  safeParsePolicy,
  withHomeStates,
  type Condition,
  type HomeStates,
  type PolicyInput,
} from '../../src/policy/index.js';
import { compile, field, flow } from './engine-helpers.js';

const TV = '192.168.1.60';
const SINCE = Date.UTC(2026, 11, 6, 10, 2);
const lat = field({ segments: ['coords', 'latitude'], value: 51.5, categories: ['location'] });
const show = field({ segments: ['watching'], value: 'a film' });

function states(entries: Record<string, string>, live = true): HomeStates {
  return { entities: new Map(Object.entries(entries).map(([entity, state]) => [entity, { state, since: SINCE }])), live };
}

const ANNA_AWAY: Condition = { entity: 'person.anna', state: 'not_home' };
const GUESTS: Condition = { entity: 'input_boolean.guest_mode', state: 'on' };
const NIGHT: Condition = { entity: 'schedule.night', state: 'on' };

const redactWhileAway: Omit<PolicyInput, 'version'> = {
  mode: 'enforce',
  rules: [{ id: 'anna-away', category: 'location', action: 'redact', when: ANNA_AWAY }],
};

function decideLat(input: Omit<PolicyInput, 'version'>, home: HomeStates | undefined) {
  const cp = compile(input);
  return evaluate(flow([lat]), home === undefined ? cp : withHomeStates(cp, home));
}

describe('condition schema', () => {
  it.each<[string, unknown, string]>([
    ['no state and no not', { entity: 'person.anna' }, 'rules[0].when: needs exactly one of state or not'],
    ['both state and not', { entity: 'person.anna', state: 'home', not: 'home' }, 'rules[0].when: needs exactly one of state or not'],
    ['a bad entity id', { entity: 'Anna', state: 'home' }, 'rules[0].when.entity: must be a Home Assistant entity id'],
    ['an unknown key', { entity: 'person.anna', state: 'home', states: ['x'] }, 'rules[0].when.states: unknown key'],
    ['an empty list', { entity: 'person.anna', state: [] }, 'rules[0].when.state'],
  ])('refuses %s with a clear error', (_name, when, message) => {
    const result = safeParsePolicy({ version: 1, rules: [{ id: 'r', category: 'location', action: 'redact', when }] });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.details?.join('\n')).toContain(message);
  });

  it('accepts a state, a list of states and the negated form on rules, destinations and modes', () => {
    const result = safeParsePolicy({
      version: 1,
      rules: [{ id: 'r', category: 'location', action: 'redact', when: { entity: 'person.anna', state: ['not_home', 'work'] } }],
      destinations: [{ vendor: 'TV', hosts: ['telemetry.tv.example'], access: 'block', when: GUESTS }],
      devices: [{ id: 'tv', name: 'TV', addresses: [TV], modeWhen: [{ mode: 'lockdown', when: { entity: 'schedule.night', not: 'off' } }] }],
    });
    expect(result.success).toBe(true);
  });

  it('never throws, and accepts exactly the conditions with one of state or not (fast-check)', () => {
    const text = fc.oneof(fc.constantFrom('home', 'not_home', 'on'), fc.string({ maxLength: 5 }));
    const value = fc.oneof(text, fc.array(text, { maxLength: 3 }), fc.integer(), fc.constant(null));
    const condition = fc.record(
      { entity: fc.oneof(fc.constantFrom('person.anna', 'schedule.night'), fc.string({ maxLength: 12 })), state: value, not: value },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(condition, (when) => {
        const result = safeParsePolicy({ version: 1, rules: [{ id: 'r', category: 'location', action: 'redact', when }] });
        const states = (v: unknown) => (typeof v === 'string' && v !== '') || (Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' && s !== ''));
        const entityOk = typeof when.entity === 'string' && /^[a-z0-9_]+\.[a-z0-9_]+$/.test(when.entity);
        const oneOf = ('state' in when) !== ('not' in when);
        const valuesOk = (!('state' in when) || states(when.state)) && (!('not' in when) || states(when.not));
        expect(result.success).toBe(entityOk && oneOf && valuesOk);
      }),
      { numRuns: 300 },
    );
  });
});

describe('conditioned field rules', () => {
  it.each<[string, Record<string, string>, string]>([
    ['applies while the state matches', { 'person.anna': 'not_home' }, 'redact'],
    ['does not apply in another state', { 'person.anna': 'home' }, 'allow'],
    ['takes the stricter reading while unavailable', { 'person.anna': 'unavailable' }, 'redact'],
  ])('%s', (_name, entries, action) => {
    expect(decideLat(redactWhileAway, states(entries)).fields[0]?.action).toBe(action);
  });

  it('names the condition and the state it applied with, in the field explanation and the decision', () => {
    const decision = decideLat(redactWhileAway, states({ 'person.anna': 'not_home' }));
    expect(decision.fields[0]?.explanation.reason).toContain('while person.anna is not_home (not_home since 2026-12-06T10:02:00.000Z)');
    expect(decision.conditions).toEqual([
      expect.objectContaining({ guards: 'rule', id: 'anna-away', entity: 'person.anna', state: 'not_home', holds: true, assumed: false, live: true }),
    ]);
  });

  it('says why a conditioned rule did not apply', () => {
    const reason = decideLat(redactWhileAway, states({ 'person.anna': 'home' })).fields[0]?.explanation.reason;
    expect(reason).toBe('no rule; rule "anna-away" does not apply: not while person.anna is not_home (home since 2026-12-06T10:02:00.000Z)');
  });

  it('reads a state never seen the stricter way and says so', () => {
    const decision = decideLat(redactWhileAway, undefined);
    expect(decision.fields[0]?.action).toBe('redact');
    expect(decision.fields[0]?.explanation.reason).toContain('state never seen: taken as applying, the stricter reading');
    expect(decision.conditions?.[0]).toMatchObject({ assumed: true, holds: true, state: undefined });
  });

  it('keeps the stricter unconditioned rule when an unknown conditioned one would relax it', () => {
    const input = {
      mode: 'enforce' as const,
      rules: [
        { id: 'drop-location', category: 'location' as const, action: 'drop' as const },
        { id: 'allow-at-home', category: 'location' as const, action: 'allow' as const, when: { entity: 'person.anna', state: 'home' } },
      ],
    };
    expect(decideLat(input, undefined).fields[0]?.explanation.ruleId).toBe('drop-location');
    expect(decideLat(input, states({ 'person.anna': 'home' })).fields[0]?.action).toBe('allow');
    expect(decideLat(input, states({ 'person.anna': 'work' })).fields[0]?.action).toBe('drop');
  });

  it('marks a last known state when Home Assistant is away', () => {
    const reason = decideLat(redactWhileAway, states({ 'person.anna': 'not_home' }, false)).fields[0]?.explanation.reason;
    expect(reason).toContain('last known, Home Assistant away');
  });

  it.each<[Condition, string, boolean]>([
    [{ entity: 'person.anna', state: ['not_home', 'work'] }, 'work', true],
    [{ entity: 'person.anna', state: ['not_home', 'work'] }, 'home', false],
    [{ entity: 'person.anna', not: 'home' }, 'work', true],
    [{ entity: 'person.anna', not: 'home' }, 'home', false],
    [{ entity: 'person.anna', not: 'home' }, 'unknown', true],
    [{ entity: 'person.anna', state: 'unavailable' }, 'unavailable', true],
  ])('reads %j with state %s as %s', (when, state, holds) => {
    const input = { mode: 'enforce' as const, rules: [{ id: 'r', category: 'location' as const, action: 'hash' as const, when }] };
    expect(decideLat(input, states({ 'person.anna': state })).fields[0]?.action).toBe(holds ? 'hash' : 'allow');
  });
});

describe('conditioned destinations', () => {
  const input: Omit<PolicyInput, 'version'> = {
    mode: 'enforce',
    devices: [{
      id: 'tv', name: 'TV', addresses: [TV],
      destinations: [{ id: 'viewing', vendor: 'TV maker', hosts: ['telemetry.tv.example'], access: 'block', when: GUESTS }],
    }],
  };
  const tvTarget = { clientAddress: TV, host: 'telemetry.tv.example' };

  it.each<[string, HomeStates | undefined, string]>([
    ['blocks while guest mode is on', states({ 'input_boolean.guest_mode': 'on' }), 'block'],
    ['lets it through while guest mode is off', states({ 'input_boolean.guest_mode': 'off' }), 'forward'],
    ['blocks when guest mode was never seen', undefined, 'block'],
  ])('%s', (_name, home, verdict) => {
    const cp = compile(input);
    expect(evaluate(flow([show], tvTarget), home === undefined ? cp : withHomeStates(cp, home)).verdict).toBe(verdict);
  });

  it('explains the block with the state', () => {
    const decision = evaluateConnection(withHomeStates(compile(input), states({ 'input_boolean.guest_mode': 'on' })), { ...tvTarget, scheme: 'https', port: 443 });
    expect(decision.explanation.reason).toContain('access block');
    expect(decision.explanation.reason).toContain('while input_boolean.guest_mode is on (on since');
  });
});

describe('conditional modes', () => {
  const input: Omit<PolicyInput, 'version'> = {
    mode: 'monitor',
    devices: [{ id: 'tv', name: 'TV', addresses: [TV], mode: 'enforce', modeWhen: [{ mode: 'lockdown', when: NIGHT }] }],
  };
  const unlisted = { clientAddress: TV, host: 'ads.example', scheme: 'https' as const, port: 443 };

  it.each<[string, HomeStates | undefined, string]>([
    ['lockdown at night', states({ 'schedule.night': 'on' }), 'lockdown'],
    ['the device mode by day', states({ 'schedule.night': 'off' }), 'enforce'],
    ['the stricter mode when the schedule was never seen', undefined, 'lockdown'],
  ])('%s', (_name, home, mode) => {
    const cp = compile(input);
    expect(evaluateConnection(home === undefined ? cp : withHomeStates(cp, home), unlisted).mode).toBe(mode);
  });

  it('names the condition in the lockdown refusal', () => {
    const decision = evaluateConnection(withHomeStates(compile(input), states({ 'schedule.night': 'on' })), unlisted);
    expect(decision.explanation.reason).toMatch(/^lockdown while schedule\.night is on \(on since .*\): ads\.example:443 is not in policy$/);
    expect(decision.conditions).toEqual([expect.objectContaining({ guards: 'mode', id: 'lockdown', holds: true })]);
  });

  it('never relaxes a mode on an unknown state: a laxer conditional mode is not taken', () => {
    const lax = { devices: [{ id: 'tv', name: 'TV', addresses: [TV], mode: 'lockdown' as const, modeWhen: [{ mode: 'monitor' as const, when: NIGHT }] }] };
    expect(evaluateConnection(compile(lax), unlisted).mode).toBe('lockdown');
  });
});

describe('policyConditionEntities', () => {
  it('lists every entity the policy reads, once, sorted', () => {
    const cp = compile({
      rules: [{ id: 'a', category: 'location', action: 'redact', when: ANNA_AWAY }],
      defaultProfile: { rules: [{ id: 'b', category: 'location', action: 'redact', when: ANNA_AWAY }] },
      devices: [{
        id: 'tv', name: 'TV', addresses: [TV], modeWhen: [{ mode: 'lockdown', when: NIGHT }],
        destinations: [{ vendor: 'TV', hosts: ['t.example'], access: 'block', when: GUESTS }],
      }],
    });
    expect(policyConditionEntities(cp.policy)).toEqual(['input_boolean.guest_mode', 'person.anna', 'schedule.night']);
  });
});

describe('deviceConditions', () => {
  it("reads the device's conditioned rules, destinations and modes, then the household's, with the states in force", () => {
    const cp = withHomeStates(
      compile({
        rules: [{ id: 'a', category: 'location', action: 'redact', when: ANNA_AWAY }],
        devices: [{
          id: 'tv', name: 'TV', addresses: [TV], modeWhen: [{ mode: 'lockdown', when: NIGHT }],
          destinations: [{ vendor: 'TV', hosts: ['t.example'], access: 'block', when: GUESTS }],
        }],
      }),
      states({ 'person.anna': 'home', 'input_boolean.guest_mode': 'on' }, false),
    );
    expect(deviceConditions(cp, 'tv').map(({ guards, subject, holds, assumed, state, live }) => ({ guards, subject, holds, assumed, state, live }))).toEqual([
      { guards: 'destination', subject: 't.example → block', holds: true, assumed: false, state: 'on', live: false },
      { guards: 'mode', subject: 'lockdown', holds: true, assumed: true, state: undefined, live: false },
      { guards: 'rule', subject: 'location → redact', holds: false, assumed: false, state: 'home', live: false },
    ]);
    expect(deviceConditions(cp, 'default').map((c) => c.subject)).toEqual(['location → redact']);
    expect(deviceConditions(cp, 'unknown-device')).toEqual([]);
  });
});
