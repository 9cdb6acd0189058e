import { describe, expect, it } from 'vitest';
import { explainFinding } from '../../src/policy/classifier/index.js';
import { finding } from '../../src/policy/classifier/detector.js';
import { EVENT_KIND } from '../../src/policy/classifier/event-kinds.js';
import { itReadsBehaviour, type BehaviourCase } from '../helpers/reads-behaviour.js';

/** event-kinds.ts: the kind of an event says what happened, unless it names the device's own life. */
describe('event-kind (event-kinds.ts)', () => {
  const lockPush = { requested_state: 'DAY_LOCK', event_type: 'STATE_CHANGED_NIGHT_LOCK', bolt_id: 12 };
  const contact = { DeviceId: 'k9', EventTime: '2025-03-01T07:12:09Z', EventType: 'event-start' };
  const heartbeat = { DeviceId: 'k9', EventTime: '2025-03-01T07:12:09Z', EventType: 'alive' };
  const measured = { DeviceId: 'k9', EventTime: '2025-03-01T07:12:09Z', EventType: 'measured-temperature' };
  const presence = { events: [{ eve_MAC: '02:11:22:33:44:55', eve_DateTime: '2025-03-01 07:12:09', eve_EventType: 'New Device' }] };
  const untimedMotion = { event_type: 'motion_start', zone: 2 };
  const subscriptions = { notifications: [{ eventType: 'motion_start', enabled: true, urls: ['https://hooks.example.org/x'] }] };
  const therapy = [{ eventType: 'Temp Basal', timestamp: '2025-03-01T07:12:09Z', rate: 0.8 }];
  const webhook = { event_type: 'motion.start', timestamp: '2025-03-01T07:12:09Z' };
  const cases: readonly BehaviourCase[] = [
    ["a lock's change pushed as the message itself", lockPush, '$.event_type', true],
    ["a contact's event starting, with its time", contact, '$.EventType', true],
    ['when the contact opened stays behaviour', contact, '$.EventTime', true],
    ['a device joining the network (presence)', presence, '$.events[0].eve_EventType', true],
    ["a heartbeat's kind is the device's", heartbeat, '$.EventType', false],
    ["a heartbeat's time is no act", heartbeat, '$.EventTime', false],
    ["a measurement's time is no act", measured, '$.EventTime', false],
    ['a motion without a time is not read from its kind alone', untimedMotion, '$.event_type', false],
    ['which events notify is a setting (no time)', subscriptions, '$.notifications[0].eventType', false],
    ["an insulin therapy's entry is left to health", therapy, '$[0].eventType', false],
    ["a webhook's dotted name for its message", webhook, '$.event_type', false],
  ];

  itReadsBehaviour(cases);

  it('explains the kind and its veto', () => {
    expect(explainFinding(finding(EVENT_KIND, 'certain', ['behaviour'], { of: 'structure', key: 'EventType' }))).toContain('what happened');
    expect(explainFinding(finding(EVENT_KIND, 'veto', ['behaviour'], { of: 'structure', key: 'EventType', word: 'alive' }, 'all'))).toContain('not behaviour');
  });
});
