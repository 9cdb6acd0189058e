// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { formatAge } from '../../src/card/components/conditioned-rules.js';
import { HaDataSource } from '../../src/card/data/ha-data-source.js';
import { deviceFromPage } from '../../src/card/data/standalone-data-source.js';
import type { DeviceSummaryView } from '../../src/page/index.js';
import '../../src/card/index.js';
import { createLocalize } from '../../src/card/localize.js';
import type { ConditionedRuleView, DeviceDetail } from '../../src/card/model.js';
import { FakeConnection, deepQueryAll, deepText, fixture } from './fake-hass.js';

afterEach(() => document.body.replaceChildren());

const DEVICE = 'fedcba9876543210fedcba9876543210';
const CHANGED = Date.UTC(2026, 11, 6, 10, 0);
const GUESTS = { entity: 'input_boolean.guest_mode', state: 'on' };

function report(overrides: Record<string, unknown>): Record<string, unknown> {
  return { ...fixture('ha-device-report.json'), ...overrides };
}

async function deviceOf(overrides: Record<string, unknown>): Promise<DeviceDetail> {
  const source = new HaDataSource(new FakeConnection().answer('privacy_gateway/device_report', () => report(overrides)), false);
  return source.device(DEVICE);
}

describe('conditioned rules from the Home Assistant report', () => {
  it('reads each conditioned rule, destination and mode against the states the integration sent', async () => {
    const device = await deviceOf({
      rules: [{ id: 'r', action: 'redact', path: '$.coords.lat', when: GUESTS }, { id: 'plain', action: 'hash', category: 'location' }],
      destinations: [{ vendor: 'TV', hosts: ['telemetry.tv.example'], access: 'block', when: { entity: 'input_boolean.guest_mode', not: 'on' } }],
      mode_when: [{ mode: 'lockdown', when: { entity: 'schedule.night', state: 'on' } }],
      condition_states: [{ entity_id: 'input_boolean.guest_mode', state: 'on', last_changed: CHANGED }, { entity_id: 'schedule.night', state: null, last_changed: null }],
      sidecar_connected: true,
    });
    expect(device.conditions).toEqual<ConditionedRuleView[]>([
      { guards: 'rule', subject: '$.coords.lat → redact', test: 'input_boolean.guest_mode is on', applies: true, assumed: false, state: 'on', since: CHANGED, stale: undefined },
      { guards: 'destination', subject: 'telemetry.tv.example → block', test: 'input_boolean.guest_mode is not on', applies: false, assumed: false, state: 'on', since: CHANGED, stale: undefined },
      { guards: 'mode', subject: 'lockdown', test: 'schedule.night is on', applies: true, assumed: true, state: undefined, since: undefined, stale: undefined },
    ]);
  });

  it('has no conditions for a device without conditioned rules, and ignores a condition it cannot read', async () => {
    expect((await deviceOf({})).conditions).toBeUndefined();
    expect((await deviceOf({ rules: [{ id: 'r', action: 'redact', path: '$.x', when: { entity: 3 } }] })).conditions).toBeUndefined();
  });
});

describe('conditioned rules from the local page', () => {
  it("shows the gateway's own reading, marked last known while Home Assistant is away", () => {
    const summary: DeviceSummaryView = {
      device: { id: 'tv', name: 'TV', isDefault: false, firstSeen: CHANGED, lastSeen: CHANGED },
      since: CHANGED,
      destinations: [],
      categories: [],
      decisions: [],
      notShown: { destinations: 0, fields: 0, requestsPastBounds: 0, bytesUpPastBounds: 0, bytesDownPastBounds: 0, fieldSightingsPastBounds: 0 },
      network: { dns: { names: [], ownDns: [] }, mqtt: { topics: [] } },
      conditions: [
        { guards: 'rule', subject: '$.coords.lat → redact', test: 'input_boolean.guest_mode is on', holds: true, assumed: false, state: 'on', since: CHANGED, live: false },
        { guards: 'mode', subject: 'lockdown', test: 'schedule.night is on', holds: false, assumed: false, state: 'off', since: CHANGED, live: true },
      ],
    };
    expect(deviceFromPage(summary, CHANGED).conditions?.map((c) => [c.applies, c.stale])).toEqual([[true, 'ha-away'], [false, undefined]]);
  });
});

describe('pg-conditioned-rules', () => {
  it.each<[string, Partial<ConditionedRuleView>, string]>([
    ['applies, with the state and its age', {}, '$.coords.lat → redact while input_boolean.guest_mode is on — applies now (state on for 5 min)'],
    ['not now', { applies: false, state: 'off' }, 'not now (state off for 5 min)'],
    ['the gateway away', { stale: 'gateway-away' }, 'the gateway is away and keeps the last state it received'],
    ['Home Assistant away', { stale: 'ha-away' }, '(state on for 5 min, last known, Home Assistant away)'],
    ['never seen', { assumed: true, state: undefined, since: undefined }, 'state never seen: the gateway takes the stricter reading'],
  ])('shows %s', async (_name, overrides, text) => {
    const rule: ConditionedRuleView = {
      guards: 'rule', subject: '$.coords.lat → redact', test: 'input_boolean.guest_mode is on',
      applies: true, assumed: false, state: 'on', since: CHANGED, ...overrides,
    };
    const element = document.createElement('pg-conditioned-rules') as HTMLElement & { rules: ConditionedRuleView[]; localize: unknown; now: number };
    element.rules = [rule];
    element.localize = createLocalize('en');
    element.now = CHANGED + 5 * 60_000;
    document.body.append(element);
    await (element as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(deepQueryAll(element, '[data-testid="conditioned-rule"]')).toHaveLength(1);
    expect(deepText(element.shadowRoot ?? element)).toContain(text);
  });

  it.each([[42_000, '42 s'], [300_000, '5 min'], [3 * 3_600_000, '3 h'], [2 * 86_400_000, '2 d']])('formats an age of %i ms as %s', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});
