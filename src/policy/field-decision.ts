import type { ClassifiedField, Explanation, FieldAction, FieldDecision } from './flow.js';

/** What the policy said about one field; the rest of a FieldDecision is the classified field's own. */
export interface FieldOutcome {
  readonly action: FieldAction;
  readonly applied: boolean;
  readonly explanation: Explanation;
  readonly container: FieldDecision['container'];
}

export const NO_RULE: Explanation = { ruleId: undefined, reason: 'no rule' };

/**
 * The outcome of most fields of a payload (no rule, no condition, not opaque-blocked, not lockdown):
 * one shared object, so such a field's decision costs one small object (issue 12: ~100 bytes per field
 * of a plain ten-property decision were the largest allocation of a 10 KB request after the parse).
 */
export const UNDECIDED: FieldOutcome = { action: 'allow', applied: false, explanation: NO_RULE, container: undefined };

/**
 * A FieldDecision read through its classified field: path, template, source, categories, opacity and the
 * detectors' sentence come from the field, the rest from its outcome. The classified field (which holds
 * the raw value) is a private slot, so a spread, JSON.stringify, structuredClone or a test's toEqual never
 * sees it: JSON.stringify gives the plain decision (toJSON); code that copies a decision with changes
 * must start from plainFieldDecision, since a spread of this object is empty.
 */
export class DecidedField implements FieldDecision {
  readonly #classified: ClassifiedField;
  readonly #outcome: FieldOutcome;

  constructor(classified: ClassifiedField, outcome: FieldOutcome) {
    this.#classified = classified;
    this.#outcome = outcome;
  }

  get path(): string {
    return this.#classified.field.path;
  }

  get template(): string | undefined {
    return this.#classified.field.pathTemplate;
  }

  get source(): FieldDecision['source'] {
    return this.#classified.field.source;
  }

  get categories(): FieldDecision['categories'] {
    return this.#classified.categories;
  }

  get opaque(): boolean {
    return this.#classified.opaque !== undefined;
  }

  get action(): FieldAction {
    return this.#outcome.action;
  }

  get applied(): boolean {
    return this.#outcome.applied;
  }

  get explanation(): Explanation {
    return this.#outcome.explanation;
  }

  get decidedBy(): string | undefined {
    const explanation = this.#classified.explanation;
    return explanation === '' ? undefined : explanation;
  }

  get container(): FieldDecision['container'] {
    return this.#outcome.container;
  }

  toJSON(): FieldDecision {
    return plainFieldDecision(this);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): FieldDecision {
    return plainFieldDecision(this);
  }
}

/** The decision as a plain object with its own properties (for copies with changes, and for equality in tests). */
export function plainFieldDecision(field: FieldDecision): FieldDecision {
  return {
    path: field.path,
    template: field.template,
    source: field.source,
    categories: field.categories,
    opaque: field.opaque,
    action: field.action,
    applied: field.applied,
    explanation: field.explanation,
    decidedBy: field.decidedBy,
    container: field.container,
  };
}
