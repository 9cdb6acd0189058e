import type { ParsedPayload, PayloadField } from '../../payload/index.js';
import { analysisGeneration, fieldMemo, type FieldMemo } from './classify.js';
import type { Finding } from './detector.js';
import type { HomeKnowledge } from './knowledge.js';
import { kindOf, shapeOf, type LiveDetection, type ShapeField } from './shape.js';
import { STRUCTURE_DETECTORS } from './structure.js';

/**
 * What a payload's shape decides, worked out once per shape: the findings of the detectors that read
 * only the shape (shape.ts), the plans of those that read values, and each field's key analysis. A
 * payload of a known shape then costs only what its values decide.
 *
 * The shape is the format and, for every field in order, its source, path segments, path, path template,
 * key and value kind (null, boolean, number, empty or non-empty string). A cheap hash of it picks a bucket;
 * an entry is used only when all of these are equal, field by field, so two shapes never share findings.
 *
 * Bounded: at most MAX_MEMO_FIELDS fields and MAX_SHAPES shapes over all entries (the oldest entries go
 * first), at most BUCKET_SIZE shapes per hash, and payloads of more than MAX_SHAPE_FIELDS fields are not memoised. A
 * sender that varies its shape costs a recomputation per payload, never memory.
 */
export const MAX_MEMO_FIELDS = 32_768;
export const MAX_SHAPE_FIELDS = 4_096;
export const MAX_SHAPES = 1_024;
const BUCKET_SIZE = 8;

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

export class ShapeEntry {
  /** Key analyses and last verdicts, made when a field first needs one (as detectField makes them), dropped when they age. */
  private memos: (FieldMemo | undefined)[];
  private generation = analysisGeneration();

  constructor(
    readonly hash: number,
    readonly format: string,
    readonly shape: readonly ShapeField[],
    /** Per field: the shape detectors' findings in detector order (what a field has when no values detector adds). */
    readonly settled: readonly (readonly Finding[])[],
    /** Per field with shape findings: the findings of each detector, by its position, to merge live findings in order. */
    private readonly byDetector: ReadonlyMap<number, readonly (readonly Finding[] | undefined)[]>,
    /** The values detectors this shape can wake, with their position in STRUCTURE_DETECTORS. */
    private readonly live: readonly { readonly position: number; readonly detect: LiveDetection }[],
  ) {
    this.memos = new Array<FieldMemo | undefined>(shape.length);
  }

  fieldMemo(index: number, field: PayloadField): FieldMemo {
    if (this.generation !== analysisGeneration()) {
      this.memos = new Array<FieldMemo | undefined>(this.shape.length);
      this.generation = analysisGeneration();
    }
    let memo = this.memos[index];
    if (memo === undefined) {
      memo = fieldMemo(field);
      this.memos[index] = memo;
    }
    return memo;
  }

  /** Structure findings of this payload's fields that values detectors touched (the rest are `settled`). */
  liveFindings(fields: readonly PayloadField[], home: HomeKnowledge | undefined): Map<number, Finding[]> | undefined {
    let added: Map<number, { position: number; finding: Finding }[]> | undefined;
    for (const { position, detect } of this.live) {
      detect(fields, home, (index, finding) => {
        added ??= new Map();
        const list = added.get(index);
        if (list === undefined) added.set(index, [{ position, finding }]);
        else list.push({ position, finding });
      });
    }
    if (added === undefined) return undefined;
    const merged = new Map<number, Finding[]>();
    for (const [index, live] of added) merged.set(index, this.merge(index, live));
    return merged;
  }

  /** A field's findings in detector order: its shape findings with the live ones (already in order) between them. */
  private merge(index: number, live: readonly { position: number; finding: Finding }[]): Finding[] {
    const fromShape = this.byDetector.get(index);
    const out: Finding[] = [];
    let next = 0;
    for (let position = 0; position < STRUCTURE_DETECTORS.length; position++) {
      for (const f of fromShape?.[position] ?? NO_FINDINGS) out.push(f);
      for (let item = live[next]; item !== undefined && item.position === position; item = live[++next]) out.push(item.finding);
    }
    return out;
  }
}

/** Builds the entry of a shape not seen before: every shape detector and every plan, once. */
function entryFor(payload: ParsedPayload, hash: number): ShapeEntry {
  const shape = payload.fields.map(shapeOf);
  const byDetector = new Map<number, (Finding[] | undefined)[]>();
  const live: { position: number; detect: LiveDetection }[] = [];
  STRUCTURE_DETECTORS.forEach((detector, position) => {
    if (detector.reads === 'values') {
      const detect = detector.prepare(shape);
      if (detect !== undefined) live.push({ position, detect });
      return;
    }
    detector.detect(shape, (index, finding) => {
      let lists = byDetector.get(index);
      if (lists === undefined) byDetector.set(index, (lists = []));
      const list = lists[position];
      if (list === undefined) lists[position] = [finding];
      else list.push(finding);
    });
  });
  const settled = shape.map((_, index) => {
    const lists = byDetector.get(index);
    return lists === undefined ? NO_FINDINGS : Object.freeze(lists.flatMap((list) => list ?? []));
  });
  return new ShapeEntry(hash, payload.format, shape, settled, byDetector, live);
}

const buckets = new Map<number, ShapeEntry[]>();
/** Entries in the order they were made (a Set keeps it), for eviction; and how many fields they hold. */
const made = new Set<ShapeEntry>();
let memoFields = 0;

/** The memo entry of this payload's shape (made on first sight); undefined for a payload too large to keep. */
export function shapeEntry(payload: ParsedPayload): ShapeEntry | undefined {
  const fields = payload.fields;
  if (fields.length > MAX_SHAPE_FIELDS) return undefined;
  const hash = shapeHash(payload);
  const bucket = buckets.get(hash);
  if (bucket !== undefined) for (const entry of bucket) if (sameShape(entry, payload)) return entry;
  const entry = entryFor(payload, hash);
  remember(entry);
  return entry;
}

function remember(entry: ShapeEntry): void {
  for (const oldest of made) {
    if (memoFields + entry.shape.length <= MAX_MEMO_FIELDS && made.size < MAX_SHAPES) break;
    forget(oldest);
  }
  const full = buckets.get(entry.hash);
  if (full !== undefined && full.length >= BUCKET_SIZE && full[0] !== undefined) forget(full[0]);
  const bucket = buckets.get(entry.hash);
  if (bucket === undefined) buckets.set(entry.hash, [entry]);
  else bucket.push(entry);
  made.add(entry);
  memoFields += entry.shape.length;
}

function forget(entry: ShapeEntry): void {
  const bucket = buckets.get(entry.hash) ?? [];
  const at = bucket.indexOf(entry);
  if (at >= 0) bucket.splice(at, 1);
  if (bucket.length === 0) buckets.delete(entry.hash);
  if (made.delete(entry)) memoFields -= entry.shape.length;
}

/** How many shapes and fields the memo holds (for tests and the memory budget). */
export function shapeMemoSize(): { shapes: number; fields: number } {
  return { shapes: made.size, fields: memoFields };
}

/** Forgets every shape (tests: a cold memo). */
export function clearShapeMemo(): void {
  buckets.clear();
  made.clear();
  memoFields = 0;
}

/**
 * A 32-bit hash of the shape from what costs little: the number of fields, each one's path length, value
 * kind and the characters of its key (a short string the parser makes once per distinct key). Paths
 * are built by concatenation, so reading their characters would flatten them: only their length is
 * read. Collisions only cost a comparison: `sameShape` decides.
 */
function shapeHash(payload: ParsedPayload): number {
  let h = Math.imul(0x811c9dc5 ^ payload.fields.length, 0x01000193) ^ payload.format.length;
  for (const field of payload.fields) {
    h = Math.imul(h ^ field.path.length ^ (KIND_CODES[kindOf(field.value)] << 16), 0x01000193);
    const key = field.key;
    if (key === undefined) continue;
    for (let i = Math.max(0, key.length - MAX_HASHED_KEY); i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  }
  return h | 0;
}

/** The last characters of a key that are hashed (keys from senders may be long). */
const MAX_HASHED_KEY = 24;
const KIND_CODES = { null: 1, boolean: 2, number: 3, empty: 4, string: 5 } as const;

/**
 * Field by field: source, key, path template (one shared string per template, so mostly a pointer
 * comparison), value kind and every path segment. The path itself is the segments written out (every
 * parser formats it from them, see formatPath): its length is compared, its characters need not be.
 */
function sameShape(entry: ShapeEntry, payload: ParsedPayload): boolean {
  const fields = payload.fields;
  const shape = entry.shape;
  if (entry.format !== payload.format || shape.length !== fields.length) return false;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const known = shape[i];
    if (field === undefined || known === undefined) return false;
    if (field.pathTemplate !== known.pathTemplate || field.key !== known.key || field.source !== known.source || field.path.length !== known.path.length) return false;
    if (kindOf(field.value) !== known.kind || !sameSegments(field.segments, known.segments)) return false;
  }
  return true;
}

function sameSegments(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
