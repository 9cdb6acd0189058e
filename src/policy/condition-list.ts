import { checkCondition, NO_HOME_STATES, type ConditionOutcome, type ConditionRecord, type HomeStates } from './condition-check.js';
import type { Condition } from './conditions.js';
import type { CompiledPolicy } from './compile.js';

/**
 * The conditioned parts of a policy scope as a list a person reads (the card, the local page): what each
 * guards, under which condition, and whether it applies with the states given. Zod-free, like
 * condition-check.ts, so the card's bundle uses it as it is.
 */
export interface ConditionedItem {
  readonly guards: ConditionRecord['guards'];
  /** `$.coords.lat → redact`, `telemetry.tv.example → block`, `lockdown`. */
  readonly subject: string;
  readonly when: Condition;
  /** What holding means for it when the state is unknown (the stricter reading, see condition-eval.ts). */
  readonly stricter: boolean;
}

export interface ConditionedOutcome extends ConditionOutcome {
  readonly guards: ConditionRecord['guards'];
  readonly subject: string;
}

interface ScopeLike {
  readonly rules?: readonly { readonly action: string; readonly path?: string | undefined; readonly category?: string | undefined; readonly when?: Condition | undefined }[];
  readonly destinations?: readonly { readonly hosts: readonly string[]; readonly access: string; readonly when?: Condition | undefined }[];
  readonly modeWhen?: readonly { readonly mode: string; readonly when: Condition }[];
}

export function conditionedItems(scope: ScopeLike): ConditionedItem[] {
  const items: ConditionedItem[] = [];
  for (const rule of scope.rules ?? []) {
    if (rule.when === undefined) continue;
    items.push({ guards: 'rule', subject: `${rule.path ?? rule.category ?? '?'} → ${rule.action}`, when: rule.when, stricter: rule.action !== 'allow' });
  }
  for (const destination of scope.destinations ?? []) {
    if (destination.when === undefined) continue;
    const subject = `${destination.hosts.join(', ')} → ${destination.access}`;
    items.push({ guards: 'destination', subject, when: destination.when, stricter: destination.access === 'block' });
  }
  for (const entry of scope.modeWhen ?? []) items.push({ guards: 'mode', subject: entry.mode, when: entry.when, stricter: true });
  return items;
}

export function readConditioned(items: readonly ConditionedItem[], states: HomeStates): ConditionedOutcome[] {
  return items.map((item) => ({ ...checkCondition(item.when, states, item.stricter), guards: item.guards, subject: item.subject }));
}

/** The conditioned rules that reach a device (its own, then the household's), read with the states in force. */
export function deviceConditions(cp: CompiledPolicy, deviceId: string): ConditionedOutcome[] {
  const { policy } = cp;
  // 'default' is DEFAULT_DEVICE_ID (schema.ts, which this zod-free module does not import).
  const own = deviceId === 'default' ? policy.defaultProfile : policy.devices.find((device) => device.id === deviceId);
  if (own === undefined) return [];
  return readConditioned([...conditionedItems(own), ...conditionedItems(policy)], cp.states ?? NO_HOME_STATES);
}
