import type { FieldDecision } from '../policy/index.js';
import type { FieldExplanation } from './pending.js';
import type { RecordShape } from './record-shape.js';

const MAX_EXPLAINED_FIELDS = 200;

/**
 * The `explanation` JSON of decision rows. In enforce mode every request that has a field edited is a
 * violation and gets a row, and a device sends the same shape again and again: the field decisions
 * (paths, shared category lists, actions, shared rule explanations) repeat, so the JSON of the last
 * row per device is reused when they are equal instead of serialised per request.
 */
export class ExplanationMemo {
  /** Parsed back from the JSON: copies, so the memo never keeps a request's strings (or its body) alive. */
  private readonly last = new Map<string, { readonly fields: readonly FieldExplanation[]; readonly json: string; readonly shape: number | undefined }>();

  /** With the fields' shape, the same shape as the device's last row is the same JSON without looking. */
  json(deviceId: string, decided: readonly FieldDecision[], shape?: RecordShape): string {
    const memo = this.last.get(deviceId);
    if (shape !== undefined && memo?.shape === shape.id) return memo.json;
    const fields: FieldDecision[] = [];
    for (const field of decided) {
      if (field.action === 'allow') continue;
      if (fields.length >= MAX_EXPLAINED_FIELDS) break;
      fields.push(field);
    }
    const json = memo !== undefined && sameExplained(memo.fields, fields) ? memo.json : JSON.stringify(fields.map(explainField));
    if (this.last.size >= MAX_MEMO_DEVICES) this.last.clear();
    // Parsed back from the JSON: copies, so the memo never keeps a request's strings alive.
    const kept = memo !== undefined && json === memo.json ? memo.fields : (JSON.parse(json) as FieldExplanation[]);
    this.last.set(deviceId, { fields: kept, json, shape: shape?.id });
    return json;
  }
}

const MAX_MEMO_DEVICES = 1000;

function explainField(field: FieldDecision): FieldExplanation {
  return {
    path: field.path,
    categories: field.categories,
    action: field.action,
    applied: field.applied,
    opaque: field.opaque,
    ruleId: field.explanation.ruleId ?? null,
    reason: field.explanation.reason,
  };
}

function sameExplained(a: readonly FieldExplanation[], b: readonly FieldDecision[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) return false;
    if (x.path !== y.path || x.action !== y.action || x.applied !== y.applied || x.opaque !== y.opaque) return false;
    if (x.ruleId !== (y.explanation.ruleId ?? null) || x.reason !== y.explanation.reason) return false;
    if (x.categories.length !== y.categories.length || x.categories.some((c, j) => c !== y.categories[j])) return false;
  }
  return true;
}
