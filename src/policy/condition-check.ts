import type { Condition } from './conditions.js';

/**
 * Reading conditions against a snapshot of Home Assistant states (HomeStates) the caller gives, never
 * the hub: pure, and free of zod so the card's bundle can use it as it is.
 */

/** One entity's last known state, as Home Assistant pushed it. */
export interface EntityState {
  readonly state: string;
  /** When the entity changed to this state (Home Assistant's last_changed), epoch milliseconds. */
  readonly since: number;
}

/** The states the conditions are read from, and whether Home Assistant is connected (else: last known). */
export interface HomeStates {
  readonly entities: ReadonlyMap<string, EntityState>;
  readonly live: boolean;
}

export const NO_HOME_STATES: HomeStates = { entities: new Map(), live: false };

/**
 * Home Assistant's own placeholders: an entity that is `unavailable` or `unknown` tells nothing about the
 * home, so a condition that does not name them reads them like a state never seen (the stricter reading).
 */
const NO_INFORMATION = new Set(['unavailable', 'unknown']);

/** Which condition applied (or not) and with which state: recorded in the decision and its explanation. */
export interface ConditionOutcome {
  readonly entity: string;
  /** `person.anna is not_home`, `input_boolean.guest_mode is not off`. */
  readonly test: string;
  /** The state it was read with; undefined when never seen. */
  readonly state: string | undefined;
  readonly since: number | undefined;
  readonly holds: boolean;
  /** true when the state was never seen (or is unavailable/unknown): `holds` is the stricter reading. */
  readonly assumed: boolean;
  /** false when the state is Home Assistant's last known one and Home Assistant is away. */
  readonly live: boolean;
}

function list(states: string | readonly string[]): readonly string[] {
  return typeof states === 'string' ? [states] : states;
}

export function describeCondition(condition: Condition): string {
  if (condition.state !== undefined) return `${condition.entity} is ${list(condition.state).join(' or ')}`;
  return `${condition.entity} is not ${list(condition.not ?? []).join(' or ')}`;
}

/** Whether the state satisfies the condition; undefined when the state says nothing (see NO_INFORMATION). */
function satisfied(condition: Condition, state: string | undefined): boolean | undefined {
  if (state === undefined) return undefined;
  const named = list(condition.state ?? condition.not ?? []);
  if (NO_INFORMATION.has(state) && !named.includes(state)) return undefined;
  const inList = named.includes(state);
  return condition.state !== undefined ? inList : !inList;
}

/**
 * Reads a condition. `stricter` is what holding means for the thing it guards: when the state is unknown
 * the condition is read the way that protects more (a redact rule applies, an allowing destination does not).
 */
export function checkCondition(condition: Condition, states: HomeStates, stricter: boolean): ConditionOutcome {
  const known = states.entities.get(condition.entity);
  const verdict = satisfied(condition, known?.state);
  return {
    entity: condition.entity,
    test: describeCondition(condition),
    state: known?.state,
    since: known?.since,
    holds: verdict ?? stricter,
    assumed: verdict === undefined,
    live: states.live,
  };
}

/** `while person.anna is not_home (not_home since 2026-12-06T10:02:00Z)`, for explanations and the ledger. */
export function explainOutcome(outcome: ConditionOutcome): string {
  const head = `${outcome.holds ? 'while' : 'not while'} ${outcome.test}`;
  if (outcome.assumed) {
    const seen = outcome.state === undefined ? 'state never seen' : `state ${outcome.state}`;
    return `${head} (${seen}: taken as ${outcome.holds ? 'applying' : 'not applying'}, the stricter reading)`;
  }
  const since = outcome.since === undefined ? '' : ` since ${new Date(outcome.since).toISOString()}`;
  const away = outcome.live ? '' : ', last known, Home Assistant away';
  return `${head} (${outcome.state ?? ''}${since}${away})`;
}

/** Every entity a policy's conditions name, for the integration to track (and the sidecar to ask for). */
export function conditionEntities(conditions: Iterable<Condition | undefined>): string[] {
  const entities = new Set<string>();
  for (const condition of conditions) if (condition !== undefined) entities.add(condition.entity);
  return [...entities].sort();
}

/** A condition outcome with what it guarded: a field rule, a destination entry or a conditional mode. */
export interface ConditionRecord extends ConditionOutcome {
  readonly guards: 'rule' | 'destination' | 'mode';
  /** The rule's or destination's id; for a mode, the mode it switches to. */
  readonly id: string | undefined;
}
