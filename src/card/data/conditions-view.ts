import { conditionedItems, readConditioned } from '../../policy/condition-list.js';
import type { HomeStates } from '../../policy/condition-check.js';
import type { Condition } from '../../policy/conditions.js';
import type { ConditionedRuleView } from '../model.js';

/**
 * The device's conditioned rules as the card shows them, read with the gateway's own reader
 * (src/policy/condition-list.ts), so the card says what the gateway does with the same states.
 */
export interface ConditionedInput {
  readonly rules: readonly { readonly action: string; readonly path?: string | undefined; readonly category?: string | undefined; readonly when?: Condition | undefined }[];
  readonly destinations: readonly { readonly hosts: readonly string[]; readonly access: string; readonly when?: Condition | undefined }[];
  readonly modes: readonly { readonly mode: string; readonly when: Condition }[];
  readonly states: HomeStates;
  readonly stale: ConditionedRuleView['stale'];
}

export function conditionedRules(input: ConditionedInput): ConditionedRuleView[] {
  const items = conditionedItems({ rules: input.rules, destinations: input.destinations, modeWhen: input.modes });
  return readConditioned(items, input.states).map((outcome) => ({
    guards: outcome.guards,
    subject: outcome.subject,
    test: outcome.test,
    applies: outcome.holds,
    assumed: outcome.assumed,
    state: outcome.state,
    since: outcome.since,
    stale: input.stale,
  }));
}

/** Home Assistant's `[{entity_id, state, last_changed}]` (subscribe_states' shape) as HomeStates. */
export function statesFromFrame(
  states: readonly { readonly entity_id: string; readonly state: string | null; readonly last_changed: number | null }[],
  live: boolean,
): HomeStates {
  const entities = new Map<string, { state: string; since: number }>();
  for (const s of states) if (s.state !== null) entities.set(s.entity_id, { state: s.state, since: s.last_changed ?? 0 });
  return { entities, live };
}
