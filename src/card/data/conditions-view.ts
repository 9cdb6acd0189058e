import { checkCondition, type HomeStates } from '../../policy/condition-check.js';
import type { Condition } from '../../policy/conditions.js';
import type { ConditionedRuleView } from '../model.js';

/**
 * The device's conditioned rules as the card shows them, read against the states the source knows with
 * the gateway's own reader (src/policy/condition-check.ts), so the card says what the gateway does.
 */
export interface ConditionedInput {
  readonly rules: readonly { readonly action: string; readonly path?: string | undefined; readonly category?: string | undefined; readonly when?: Condition | undefined }[];
  readonly destinations: readonly { readonly hosts: readonly string[]; readonly access: string; readonly when?: Condition | undefined }[];
  readonly modes: readonly { readonly mode: string; readonly when: Condition }[];
  readonly states: HomeStates;
  readonly stale: ConditionedRuleView['stale'];
}

export function conditionedRules(input: ConditionedInput): ConditionedRuleView[] {
  const views: ConditionedRuleView[] = [];
  const add = (guards: ConditionedRuleView['guards'], subject: string, when: Condition, stricter: boolean): void => {
    const outcome = checkCondition(when, input.states, stricter);
    views.push({
      guards,
      subject,
      test: outcome.test,
      applies: outcome.holds,
      assumed: outcome.assumed,
      state: outcome.state,
      since: outcome.since,
      stale: input.stale,
    });
  };
  for (const rule of input.rules) {
    if (rule.when !== undefined) add('rule', `${rule.path ?? rule.category ?? '?'} → ${rule.action}`, rule.when, rule.action !== 'allow');
  }
  for (const destination of input.destinations) {
    if (destination.when !== undefined) add('destination', `${destination.hosts.join(', ')} → ${destination.access}`, destination.when, destination.access === 'block');
  }
  for (const entry of input.modes) add('mode', entry.mode, entry.when, true);
  return views;
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
