import type { CompiledDestination, CompiledProfile } from './compile.js';
import { checkCondition, explainOutcome, type ConditionOutcome, type ConditionRecord, type HomeStates } from './condition-check.js';
import type { Mode } from './flow.js';

/**
 * Where conditions meet the policy: a device's conditional modes and conditioned destinations. A state
 * never seen takes the stricter reading: of the modes that might be in force, the strictest; a blocking
 * destination counts, an allowing one does not. Field rules are read in evaluate.ts the same way.
 */
export const MODE_STRICTNESS: Record<Mode, number> = { monitor: 0, enforce: 1, lockdown: 2 };

export interface ModeResolution {
  readonly mode: Mode;
  readonly records: readonly ConditionRecord[];
  /** `lockdown while schedule.night is on (on since …)` when a conditional mode is in force; else the mode. */
  readonly label: string;
}

export function resolveMode(profile: CompiledProfile, states: HomeStates): ModeResolution {
  if (profile.modeWhen.length === 0) return { mode: profile.mode, records: [], label: profile.mode };
  const read: { readonly mode: Mode; readonly outcome: ConditionOutcome }[] = [];
  let chosen: number | undefined;
  for (const entry of profile.modeWhen) {
    const outcome = checkCondition(entry.when, states, true);
    read.push({ mode: entry.mode, outcome });
    if (!outcome.assumed && outcome.holds) {
      chosen = read.length - 1;
      break;
    }
  }
  let mode = chosen === undefined ? profile.mode : (read[chosen]?.mode ?? profile.mode);
  read.forEach((entry, index) => {
    if (entry.outcome.assumed && MODE_STRICTNESS[entry.mode] > MODE_STRICTNESS[mode]) {
      mode = entry.mode;
      chosen = index;
    }
  });
  const records = read.map(({ mode: m, outcome }, index): ConditionRecord => ({
    ...outcome,
    holds: outcome.assumed ? index === chosen : outcome.holds,
    guards: 'mode',
    id: m,
  }));
  const winner = chosen === undefined ? undefined : records[chosen];
  return { mode, records, label: winner === undefined ? mode : `${mode} ${explainOutcome(winner)}` };
}

/** Whether a destination entry counts now; records the condition it was read with. */
export function destinationCounts(compiled: CompiledDestination, states: HomeStates, records: ConditionRecord[]): boolean {
  const when = compiled.destination.when;
  if (when === undefined) return true;
  const outcome = checkCondition(when, states, compiled.destination.access === 'block');
  records.push({ ...outcome, guards: 'destination', id: compiled.destination.id });
  return outcome.holds;
}
