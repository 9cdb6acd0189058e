import type { PayloadField } from '../payload/index.js';
import type { DataCategory } from './categories.js';
import type { Explanation, FieldAction, FieldDecision } from './flow.js';

/**
 * What a field's decision says apart from its own path: its template, source, categories and detectors, and
 * the policy's outcome. Every field of a template nearly always gets the same one (the classifier shares a
 * template's category list and explanation, the policy a rule's explanation), so evaluate keeps each
 * template's last kind and reuses it while it still fits: a decision is then its path and a shared kind.
 * Holds no value, no classified field and nothing of the request's body.
 */
export interface DecisionKind {
  readonly template: string | undefined;
  readonly source: PayloadField['source'];
  readonly categories: readonly DataCategory[];
  readonly decidedBy: string | undefined;
  readonly opaque: boolean;
  readonly action: FieldAction;
  readonly applied: boolean;
  readonly explanation: Explanation;
  readonly container: { readonly path: string; readonly depth: number } | undefined;
}

/**
 * One field's decision as evaluate makes it: two words per field instead of ten (a 10 KB body has ~600
 * fields, and their decisions live until the request is recorded, through the vendor's round trip).
 * Reads like a plain FieldDecision; `toJSON` gives one, and `plain` one to copy with changes.
 */
export class KindDecision implements FieldDecision {
  constructor(
    readonly path: string,
    private readonly kind: DecisionKind,
  ) {}

  get template(): string | undefined {
    return this.kind.template;
  }
  get source(): PayloadField['source'] {
    return this.kind.source;
  }
  get categories(): readonly DataCategory[] {
    return this.kind.categories;
  }
  get decidedBy(): string | undefined {
    return this.kind.decidedBy;
  }
  get opaque(): boolean {
    return this.kind.opaque;
  }
  get action(): FieldAction {
    return this.kind.action;
  }
  get applied(): boolean {
    return this.kind.applied;
  }
  get explanation(): Explanation {
    return this.kind.explanation;
  }
  get container(): DecisionKind['container'] {
    return this.kind.container;
  }

  toJSON(): FieldDecision {
    return plainDecision(this);
  }
}

/** A field decision as a plain object with every property its own (to copy with changes, or to serialise). */
export function plainDecision(field: FieldDecision): FieldDecision {
  const { path, template, source, categories, opaque, action, applied, explanation, decidedBy, container } = field;
  return { path, template, source, categories, opaque, action, applied, explanation, decidedBy, container };
}

/** True when `kind` says exactly this about a field (compared by identity: shared lists and explanations). */
export function kindFits(
  kind: DecisionKind,
  template: string | undefined,
  source: PayloadField['source'],
  categories: readonly DataCategory[],
  decidedBy: string | undefined,
  opaque: boolean,
  action: FieldAction,
  applied: boolean,
  explanation: Explanation,
  container: DecisionKind['container'],
): boolean {
  return (
    kind.categories === categories &&
    kind.explanation === explanation &&
    kind.action === action &&
    kind.applied === applied &&
    kind.decidedBy === decidedBy &&
    kind.opaque === opaque &&
    kind.source === source &&
    kind.template === template &&
    kind.container === container
  );
}
