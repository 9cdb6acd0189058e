import { scannedShape, type BodyShape, type ParsedPayload, type PayloadField } from '../../payload/index.js';
import { analysisGeneration, fieldMemo, type FieldMemo } from './classify.js';
import type { Finding } from './detector.js';
import type { HomeKnowledge } from './knowledge.js';
import { shapeOf, type LiveDetection } from './shape.js';
import { ShapeKey, shapeHash } from './shape-key.js';
import { STRUCTURE_DETECTORS } from './structure.js';

/**
 * What a payload's shape decides, worked out once per shape: the findings of the detectors that read
 * only the shape (shape.ts), the plans of those that read values, and each field's key analysis. A
 * payload of a known shape then costs only what its values decide.
 *
 * The shape is the format and, for every field in order, its source, path segments, path template, key,
 * path length and value kind (null, boolean, number, empty or non-empty string): shape-key.ts. A cheap
 * hash of it picks a bucket; an entry is used only when all of these are equal, field by field, so two
 * shapes never share findings.
 *
 * A shape is kept the second time it is seen (the first payload is classified without the memo), so a
 * sender whose every payload has a new shape costs what the classifier costs without a memo.
 *
 * Bounded: at most MAX_MEMO_FIELDS fields and MAX_SHAPES shapes over all entries (the oldest entries go
 * first; about 190–250 bytes a field, 3–4 MB when full, plus each field's last value when it is a number
 * or a string of at most 64 characters, and what the home's lookup said of its keys and that value,
 * classify.ts FieldMemo: ≤ ~170 bytes more a field, ≤ 3 MB more when full), at most BUCKET_SIZE shapes per hash, at most
 * MAX_SEEN_ONCE hashes of shapes seen once, and payloads of more than MAX_SHAPE_FIELDS fields are not
 * memoised. Varied shapes cost recomputation, never memory. A working set larger than the bound (more
 * than 16,384 fields of shapes in turn) evicts what it will need next: it then costs what it costs
 * without the memo, plus making entries.
 */
export const MAX_MEMO_FIELDS = 16_384;
export const MAX_SHAPE_FIELDS = 4_096;
export const MAX_SHAPES = 1_024;
const BUCKET_SIZE = 8;

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

export class ShapeEntry {
  /** Key analyses and last verdicts, made when a field first needs one (as detectField makes them), dropped when they age. */
  private memos: (FieldMemo | undefined)[];
  private generation = analysisGeneration();
  /** The scanner's shapes found to be this entry's (see `shapeEntry`), forgotten with it. */
  readonly bodies: BodyShape[] = [];

  constructor(
    readonly key: ShapeKey,
    /** Per field: the shape detectors' findings in detector order (what a field has when no values detector adds). */
    readonly settled: readonly (readonly Finding[])[],
    /** Per field with shape findings: each one's detector position, to merge live findings in order. */
    private readonly positions: ReadonlyMap<number, readonly number[]>,
    /** The values detectors this shape can wake, with their position in STRUCTURE_DETECTORS. */
    private readonly live: readonly { readonly position: number; readonly detect: LiveDetection }[],
  ) {
    this.memos = new Array<FieldMemo | undefined>(key.size);
  }

  fieldMemo(index: number, field: PayloadField): FieldMemo {
    if (this.generation !== analysisGeneration()) {
      this.memos = new Array<FieldMemo | undefined>(this.key.size);
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

  /**
   * A field's findings in detector order: its shape findings and the live ones, each list already in
   * order, merged by detector position (a detector is either shape or values, so positions never tie).
   */
  private merge(index: number, live: readonly { position: number; finding: Finding }[]): Finding[] {
    const settled = this.settled[index] ?? NO_FINDINGS;
    const positions = this.positions.get(index) ?? [];
    const out: Finding[] = [];
    let s = 0;
    for (const item of live) {
      while (s < settled.length && (positions[s] ?? 0) < item.position) {
        const f = settled[s++];
        if (f !== undefined) out.push(f);
      }
      out.push(item.finding);
    }
    for (; s < settled.length; s++) {
      const f = settled[s];
      if (f !== undefined) out.push(f);
    }
    return out;
  }
}

/** Builds the entry of a shape not seen before: every shape detector and every plan, once. */
function entryFor(payload: ParsedPayload, hash: number): ShapeEntry {
  const shape = payload.fields.map(shapeOf);
  const found = new Map<number, { findings: Finding[]; positions: number[] }>();
  const live: { position: number; detect: LiveDetection }[] = [];
  STRUCTURE_DETECTORS.forEach((detector, position) => {
    if (detector.reads === 'values') {
      const detect = detector.prepare(shape);
      if (detect !== undefined) live.push({ position, detect });
      return;
    }
    detector.detect(shape, (index, finding) => {
      const lists = found.get(index);
      if (lists === undefined) found.set(index, { findings: [finding], positions: [position] });
      else (lists.findings.push(finding), lists.positions.push(position));
    });
  });
  const settled = shape.map((_, index) => {
    const findings = found.get(index)?.findings;
    return findings === undefined ? NO_FINDINGS : findings.length === 1 && findings[0] !== undefined ? single(findings[0]) : Object.freeze(findings);
  });
  const positions = new Map([...found].map(([index, lists]) => [index, lists.positions] as const));
  return new ShapeEntry(ShapeKey.of(payload, hash), settled, positions, live);
}

/** One frozen list per finding that is a field's only shape finding (most are shared: a scan's, an event's). */
const singles = new WeakMap<Finding, readonly Finding[]>();
function single(f: Finding): readonly Finding[] {
  let list = singles.get(f);
  if (list === undefined) singles.set(f, (list = Object.freeze([f])));
  return list;
}

const buckets = new Map<number, ShapeEntry[]>();
/** Entries in the order they were made (a Set keeps it), for eviction; and how many fields they hold. */
const made = new Set<ShapeEntry>();
let memoFields = 0;

/** The memo entry of this payload's shape (made on second sight); undefined for a payload too large to keep or a shape seen first. */
export function shapeEntry(payload: ParsedPayload): ShapeEntry | undefined {
  const fields = payload.fields;
  if (fields.length > MAX_SHAPE_FIELDS) return undefined;
  // The scanner's shape, when it has one, stands for the comparison below: equal shapes have fields alike
  // in all that ShapeKey compares (payload/body-shape.ts), so a payload whose shape matched an entry once
  // has that entry without reading its fields again.
  const body = payload.format === 'json' || payload.format === 'ndjson' ? scannedShape(fields) : undefined;
  if (body !== undefined) {
    const known = byBody.get(body);
    if (known !== undefined) return known;
  }
  const hash = shapeHash(payload);
  const bucket = buckets.get(hash);
  if (bucket !== undefined) {
    for (const entry of bucket) {
      if (!entry.key.matches(payload)) continue;
      if (body !== undefined) link(body, entry);
      return entry;
    }
  }
  // A shape is kept the second time it is seen: a sender whose every payload has a new shape then costs
  // what classifying without the memo costs, not that plus keeping each shape.
  if (!seenOnce.delete(hash)) {
    if (seenOnce.size >= MAX_SEEN_ONCE) seenOnce.clear();
    seenOnce.add(hash);
    return undefined;
  }
  const entry = entryFor(payload, hash);
  remember(entry);
  if (body !== undefined) link(body, entry);
  return entry;
}

/**
 * Scanner shapes known to be an entry's: at most MAX_BODIES in all (the payload side interns a shape again
 * after its table starts over, so one entry may collect a few); past that the links start over, and a
 * payload then finds its entry by comparison once more.
 */
const byBody = new Map<BodyShape, ShapeEntry>();
const MAX_BODIES = 4 * MAX_SHAPES;

function link(body: BodyShape, entry: ShapeEntry): void {
  if (byBody.size >= MAX_BODIES) {
    for (const linked of byBody.values()) linked.bodies.length = 0;
    byBody.clear();
  }
  byBody.set(body, entry);
  entry.bodies.push(body);
}

/** Hashes of shapes seen once and not kept (small integers: 8,192 at most, about 100 KB). */
const seenOnce = new Set<number>();
const MAX_SEEN_ONCE = 8_192;

function remember(entry: ShapeEntry): void {
  for (const oldest of made) {
    if (memoFields + entry.key.size <= MAX_MEMO_FIELDS && made.size < MAX_SHAPES) break;
    forget(oldest);
  }
  const full = buckets.get(entry.key.hash);
  if (full !== undefined && full.length >= BUCKET_SIZE && full[0] !== undefined) forget(full[0]);
  const bucket = buckets.get(entry.key.hash);
  if (bucket === undefined) buckets.set(entry.key.hash, [entry]);
  else bucket.push(entry);
  made.add(entry);
  memoFields += entry.key.size;
}

function forget(entry: ShapeEntry): void {
  const bucket = buckets.get(entry.key.hash) ?? [];
  const at = bucket.indexOf(entry);
  if (at >= 0) bucket.splice(at, 1);
  if (bucket.length === 0) buckets.delete(entry.key.hash);
  if (made.delete(entry)) memoFields -= entry.key.size;
  for (const body of entry.bodies) byBody.delete(body);
  entry.bodies.length = 0;
}

/** How many shapes and fields the memo holds (for tests and the memory budget). */
export function shapeMemoSize(): { shapes: number; fields: number } {
  return { shapes: made.size, fields: memoFields };
}

/** Forgets every shape (tests: a cold memo). */
export function clearShapeMemo(): void {
  seenOnce.clear();
  buckets.clear();
  made.clear();
  byBody.clear();
  memoFields = 0;
}
