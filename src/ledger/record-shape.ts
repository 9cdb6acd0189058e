import type { Decision, FieldDecision } from '../policy/index.js';

/**
 * The shape of a record's field decisions: for each field what the ledger reads of it (its template, its
 * categories, action and flags, `decidedBy`, and for a field that is not allowed its own path and rule).
 * A device sends the same shape request after request, so the ledger works out once per shape what it
 * costs per field (the journal's shape line, the aggregator's rows, a decision row's explanation) and, per
 * record, only checks that the shape is still the same: a comparison per field of values that are mostly
 * the very same objects (the classifier and the policy share category lists and explanations per template).
 *
 * Never a value: a shape holds paths, categories, actions and the classifier's and policy's words.
 */
export class RecordShape {
  /** Unique in this process, never reused: what the journal and the aggregator key their work by. */
  readonly id: number;
  /** Per field: the key the ledger aggregates by (its template, else its path). */
  readonly keys: readonly string[];
  /** Key -> the index of its first field: fingerprints are per key, and the journal names a key by it. */
  readonly firstIndex: ReadonlyMap<string, number>;
  private readonly categories: readonly (readonly string[])[];
  private readonly decidedBy: readonly (string | undefined)[];
  private readonly flags: readonly number[];
  /** Fields that are not allowed: their own path and rule (the decision row's explanation has them). */
  private readonly explained: readonly (Explained | undefined)[];
  /** The journal's shape line without its sequence number, made once (journal-entry.ts). */
  journalBody: string | undefined;
  /**
   * The last list this shape was made from or matched: evaluate hands a host's list out again while every
   * decision in it is the same immutable object (policy evaluate.ts `decideFields`), and nothing writes to a
   * decision's list (readonly), so the same list reads the same and needs no comparison field by field.
   */
  private matched: readonly FieldDecision[] | undefined;

  constructor(id: number, fields: readonly FieldDecision[]) {
    this.id = id;
    this.matched = fields;
    const keys: string[] = [];
    const firstIndex = new Map<string, number>();
    const categories: (readonly string[])[] = [];
    const decidedBy: (string | undefined)[] = [];
    const flags: number[] = [];
    const explained: (Explained | undefined)[] = [];
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as FieldDecision;
      const key = field.template ?? field.path;
      keys.push(key);
      if (!firstIndex.has(key)) firstIndex.set(key, i);
      categories.push(field.categories);
      decidedBy.push(field.decidedBy);
      flags.push(flagsOf(field));
      explained.push(field.action === 'allow' ? undefined : { path: field.path, ruleId: field.explanation.ruleId, reason: field.explanation.reason });
    }
    this.keys = keys;
    this.firstIndex = firstIndex;
    this.categories = categories;
    this.decidedBy = decidedBy;
    this.flags = flags;
    this.explained = explained;
  }

  get size(): number {
    return this.keys.length;
  }

  /** True when the ledger would read `fields` exactly as it read the fields this shape was made from. */
  matches(fields: readonly FieldDecision[]): boolean {
    if (fields === this.matched) return true;
    const n = this.keys.length;
    if (fields.length !== n) return false;
    for (let i = 0; i < n; i++) {
      const field = fields[i] as FieldDecision;
      if ((field.template ?? field.path) !== this.keys[i] || flagsOf(field) !== this.flags[i] || field.decidedBy !== this.decidedBy[i]) return false;
      if (!sameList(field.categories, this.categories[i] as readonly string[])) return false;
      const explained = this.explained[i];
      if (explained === undefined) continue;
      const explanation = field.explanation;
      if (field.path !== explained.path || explanation.ruleId !== explained.ruleId || explanation.reason !== explained.reason) return false;
    }
    this.matched = fields;
    return true;
  }
}

/**
 * Shapes are held per device and destination host; the last few of each (a device may send two kinds of
 * request to one host). Bounded by fields in all: 65,536 (about 5 MB at most); past it they are forgotten
 * and made again.
 */
const MAX_FIELDS = 65_536;
const SHAPES_PER_STREAM = 4;
/** A request with more fields than this is not memoised (the ledger does its work per field, as before). */
const MAX_SHAPE_FIELDS = 8_192;

export class RecordShapes {
  private readonly streams = new Map<string, RecordShape[]>();
  private fields = 0;
  private nextId = 1;

  /** The record's shape, remembered for the next record of its device and host; undefined without a decision. */
  of(deviceId: string, host: string, decision: Decision | undefined): RecordShape | undefined {
    if (decision === undefined) return undefined;
    const fields = decision.fields;
    if (fields.length > MAX_SHAPE_FIELDS) return undefined;
    const key = `${deviceId}\u0000${host}`;
    let shapes = this.streams.get(key);
    if (shapes !== undefined) {
      for (let i = 0; i < shapes.length; i++) {
        const shape = shapes[i] as RecordShape;
        if (!shape.matches(fields)) continue;
        if (i > 0) {
          shapes.splice(i, 1);
          shapes.unshift(shape);
        }
        return shape;
      }
    }
    if (this.fields + fields.length > MAX_FIELDS) {
      this.streams.clear();
      this.fields = 0;
      shapes = undefined;
    }
    const shape = new RecordShape(this.nextId++, fields);
    if (shapes === undefined) {
      shapes = [];
      this.streams.set(key, shapes);
    }
    shapes.unshift(shape);
    this.fields += fields.length;
    const dropped = shapes.length > SHAPES_PER_STREAM ? shapes.pop() : undefined;
    if (dropped !== undefined) this.fields -= dropped.size;
    return shape;
  }
}

const ACTIONS: Readonly<Record<FieldDecision['action'], number>> = { allow: 0, redact: 4, hash: 8, drop: 12, block: 16 };

function flagsOf(field: FieldDecision): number {
  return ACTIONS[field.action] + (field.applied ? 2 : 0) + (field.opaque ? 1 : 0);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface Explained {
  readonly path: string;
  readonly ruleId: string | undefined;
  readonly reason: string;
}
