import { describe, expect, it } from 'vitest';
import { at, classifyJson } from '../helpers/classify-json.js';
import { itReadsBehaviour, type BehaviourCase } from '../helpers/reads-behaviour.js';

/** message-times.ts: when a text message came or went, in a record that says it is a message. */
describe('message-time (message-times.ts)', () => {
  const inbound = { from: '+15550100', body: 'Gate code please', dateReceived: '2025-03-01T07:12:09Z', updatedAt: '2025-03-02T00:00:00Z' };
  const failed = { sms_id: 'q81', reason: 'Unreachable', failedAt: '2025-03-01T07:12:09Z' };
  const frame = { metadata: { message_id: 'f-1', message_type: 'keepalive', message_timestamp: '2025-03-01T07:12:09Z' } };
  const outbox = [{ id: 7, recipient: '+15550101', text: 'On my way', sentTs: 1740812345, sent_ts: 1740812345 }];
  const alert = { title: 'Filter', text: 'Replace the filter', timestamp: 1740812345 };
  const cases: readonly BehaviourCase[] = [
    ['when an inbound text arrived', inbound, '$.dateReceived', true],
    ['when a text failed, beside its id alone', failed, '$.failedAt', true],
    ['when a text went out, in a list of them', outbox, '$[0].sent_ts', true],
    ["the record's own update time", inbound, '$.updatedAt', false],
    ["a transport frame's time beside its message id", frame, '$.metadata.message_timestamp', false],
    ['a notice with a text but no party', alert, '$.timestamp', false],
  ];

  itReadsBehaviour(cases);

  it("keeps the time the household's: the other party's riders do not reach it", () => {
    const texted = { sender: '+14155550100', recipient: '+14155550101', message: 'Back at 6', receivedAt: '2025-03-01T07:12:09Z' };
    const fields = classifyJson(texted);
    expect(at(fields, '$.receivedAt').categories).toEqual(['behaviour']);
    expect(at(fields, '$.sender').categories).toContain('third_party');
  });
});
