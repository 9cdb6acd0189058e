import { plainDecision, type Decision } from '../../policy/index.js';

export const NO_FINGERPRINTS: ReadonlyMap<string, string> = new Map();

const OBSERVED = 'observed only: messages from the vendor to the device are recorded, never edited or blocked';

/**
 * A vendor-to-device message is observed, not policed: the record keeps what the policy would have said
 * about each field, but nothing is applied and the message was forwarded.
 */
export function observedOnly(decision: Decision): Decision {
  return {
    ...decision,
    verdict: 'forward',
    violation: false,
    block: undefined,
    fields: decision.fields.map((field) => ({ ...plainDecision(field), applied: false })),
    explanation: { ruleId: decision.explanation.ruleId, reason: `${OBSERVED} (${decision.explanation.reason})` },
  };
}
