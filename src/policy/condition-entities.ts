import { conditionEntities } from './condition-check.js';
import type { Condition } from './conditions.js';
import type { Policy } from './schema.js';

/** The entities a policy's conditions read: what Home Assistant must push (sorted, once each). */
export function policyConditionEntities(policy: Policy): string[] {
  const scopes = [policy, policy.defaultProfile, ...policy.devices];
  const conditions: (Condition | undefined)[] = [];
  for (const scope of scopes) {
    for (const rule of scope.rules) conditions.push(rule.when);
    for (const destination of scope.destinations) conditions.push(destination.when);
  }
  for (const device of policy.devices) for (const entry of device.modeWhen ?? []) conditions.push(entry.when);
  return conditionEntities(conditions);
}
