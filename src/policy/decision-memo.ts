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
  readonly path: string;
  readonly template: string;
  readonly source: FieldDecision['source'];
  readonly categories: ClassifiedField['categories'];
  readonly explanation: string | undefined;
  readonly decision: FieldDecision;
}

/**
 * The last decision made for each field (by its place in the request, with its path): a device sends the same fields request after request, and a
 * FieldDecision holds no value (paths, categories, action, the policy's and the classifier's words), so the
 * decision of a field whose path, template, categories and classifier explanation are the ones decided last
 * time, under the same host rules and mode, is that very object, shared (decisions are read-only). It was
 * most of what evaluate allocated: about 100 bytes per field, 64 KB per 10 KB request.
 *
 * The caller keeps out what else could change a decision: opaque values (their explanation names the
 * value's length), fields without a template and hosts with conditioned rules (home states change).
 * Bounded: the first 8,192 fields of a request (about 2 MB); one entry per place, the last request's.
 */
export class DecisionMemo {
  /**
   * By the field's place in its request, checked by path: a field's path is a string built per request, and
   * a Map keyed by it would hash, so first copy (flatten), every path of every request; comparing two
   * paths reads them where they are.
   */
  private readonly entries: (Entry | undefined)[] = [];

  get(index: number, cf: ClassifiedField, inputs: DecisionInputs): FieldDecision | undefined {
    const entry = this.entries[index];
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
    return entry.path === cf.field.path && sameList(entry.categories, cf.categories) ? entry.decision : undefined;
  }

  set(index: number, cf: ClassifiedField, inputs: DecisionInputs, decision: FieldDecision): void {
    const template = cf.field.pathTemplate;
    if (template === undefined || index >= MAX_PATHS) return;
    const { path, source } = cf.field;
    this.entries[index] = { inputs, path, template, source, categories: cf.categories, explanation: cf.explanation, decision };
  }
}

const MAX_PATHS = 8192;

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
