import type { PendingField } from './pending.js';

/**
 * What one record of a known shape does to the pending field rows of its device, host and day, worked out
 * while the first such record is folded in field by field (aggregate.ts) and replayed for the next ones:
 * one step per row instead of a map lookup and a row search per field and category. A list of thirty
 * networks is thirty fields but one row per category, and every field of one template shares the
 * template's fingerprint, so a step does in one go what those fields did one after the other.
 */
export interface FieldStep {
  readonly row: PendingField;
  /** The template the row aggregates (its fingerprint's key). */
  readonly key: string;
  /** Fields (and categories of them) that counted into the row. */
  hits: number;
  /** The last explanation they set (bounded), or undefined when none set one. */
  why: string | undefined;
}

export type FieldPlan = readonly FieldStep[];

/** Collects the steps while a record is folded in field by field; `complete` is false once a row was refused. */
export class FieldPlanner {
  private readonly steps = new Map<PendingField, FieldStep>();
  complete = true;

  hit(row: PendingField, key: string, why: string | undefined): void {
    const step = this.steps.get(row);
    if (step === undefined) {
      this.steps.set(row, { row, key, hits: 1, why });
      return;
    }
    step.hits++;
    if (why !== undefined) step.why = why;
  }

  plan(): FieldPlan {
    return [...this.steps.values()];
  }
}

/** Folds one more record of the plan's shape into its rows, exactly as folding its fields one by one would. */
export function applyPlan(plan: FieldPlan, fingerprints: ReadonlyMap<string, string>, at: number): void {
  for (let i = 0; i < plan.length; i++) {
    const step = plan[i] as FieldStep;
    const row = step.row;
    const fingerprint = fingerprints.get(step.key);
    if (fingerprint !== undefined) {
      // The fields after the first of a template carry the same fingerprint: only the first can change it.
      if (row.lastFingerprint !== undefined && row.lastFingerprint !== fingerprint) row.changes++;
      row.firstFingerprint ??= fingerprint;
      row.lastFingerprint = fingerprint;
    }
    row.count += step.hits;
    if (step.why !== undefined) row.why = step.why;
    if (at < row.firstSeen) row.firstSeen = at;
    if (at > row.lastSeen) row.lastSeen = at;
  }
}
