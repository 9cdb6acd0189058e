import type { ClassifiedField, FieldDecision, Mode } from './flow.js';

/** What a field's decision depends on besides the field: the host's rules (by identity) and the mode. */
export interface DecisionInputs {
  /** The host's rules under one compiled profile (evaluate.ts's HostRules), compared by identity. */
  readonly rules: object;
  readonly mode: Mode;
  readonly modeLabel: string;
  readonly allowOpaque: boolean;
}

interface Entry {
  readonly inputs: DecisionInputs;
  readonly template: string;
  readonly source: FieldDecision['source'];
  readonly categories: ClassifiedField['categories'];
  readonly explanation: string | undefined;
  readonly decision: FieldDecision;
}

/**
 * The last decision made for each field path: a device sends the same fields request after request, and a
 * FieldDecision holds no value (paths, categories, action, the policy's and the classifier's words), so the
 * decision of a field whose path, template, categories and classifier explanation are the ones decided last
 * time, under the same host rules and mode, is that very object, shared (decisions are read-only). It was
 * most of what evaluate allocated: about 100 bytes per field, 64 KB per 10 KB request.
 *
 * The caller keeps out what else could change a decision: opaque values (their explanation names the
 * value's length), fields without a template and hosts with conditioned rules (home states change).
 * Bounded: 8,192 paths (about 2 MB), starting over when full.
 */
export class DecisionMemo {
  private readonly entries = new Map<string, Entry>();

  get(cf: ClassifiedField, inputs: DecisionInputs): FieldDecision | undefined {
    const entry = this.entries.get(cf.field.path);
    if (entry === undefined) return undefined;
    const same =
      entry.inputs === inputs ||
      (entry.inputs.rules === inputs.rules &&
        entry.inputs.mode === inputs.mode &&
        entry.inputs.modeLabel === inputs.modeLabel &&
        entry.inputs.allowOpaque === inputs.allowOpaque);
    if (!same || entry.template !== cf.field.pathTemplate || entry.source !== cf.field.source || entry.explanation !== cf.explanation) {
      return undefined;
    }
    return sameList(entry.categories, cf.categories) ? entry.decision : undefined;
  }

  set(cf: ClassifiedField, inputs: DecisionInputs, decision: FieldDecision): void {
    const template = cf.field.pathTemplate;
    if (template === undefined) return;
    if (this.entries.size >= MAX_PATHS && !this.entries.has(cf.field.path)) this.entries.clear();
    this.entries.set(cf.field.path, { inputs, template, source: cf.field.source, categories: cf.categories, explanation: cf.explanation, decision });
  }
}

const MAX_PATHS = 8192;

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
