import { shareSegments, type FieldSource, type PathSegment, type PayloadField } from '../../payload/index.js';
import type { Finding } from './detector.js';
import type { HomeKnowledge } from './knowledge.js';

/**
 * A payload's shape: where each field is and what kind of value it holds, never the value. A device
 * sends the same shape request after request, so what the shape alone decides is worked out once per
 * shape (shape-memo.ts) and only what the values decide is read per request.
 *
 * How a structure detector declares its plan (register it in structure.ts, STRUCTURE_DETECTORS):
 * - reads keys, paths and value kinds only: `shapeDetector(name, (shape, add) => …)`; memoised whole.
 * - reads values, written over the whole payload (`detect(fields, add)`): `fieldsDetector(name,
 *   relevant, detect)`, where `relevant(shape)` returns the indices (in order) of every field that can
 *   change what `detect` finds for some values of that kind, or undefined when none can fire. Only those
 *   fields are read per payload; `detect` stays as written. Name more rather than fewer: the test
 *   "fields plans" (test/policy/classifier-shape-memo.test.ts) compares every plan with `detect` over all
 *   fields under each corpus shape with other values, and fails on a plan that misses a field.
 * - reads values, split by hand: `valueDetector(name, plan, detect)`: `plan(shape)` returns what the
 *   per-payload part needs (indices, pairs), `detect(plan, fields, home, add)` reads the values.
 * - not planned yet: `wholePayload(name, detect)` in structure.ts (every field, every payload).
 */

/** What the shape says about a value: its JSON type, and for strings whether it is empty. */
export type ValueKind = 'null' | 'boolean' | 'number' | 'empty' | 'string';

export function kindOf(value: PayloadField['value']): ValueKind {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    default:
      return value === '' ? 'empty' : 'string';
  }
}

/** The parts of a field a path is made of (field-paths.ts reads only these). */
export interface FieldPlace {
  readonly source: FieldSource;
  readonly segments: readonly PathSegment[];
  readonly path: string;
}

/** A field without its value: what a shape detector may read. */
export interface ShapeField extends FieldPlace {
  readonly pathTemplate: string | undefined;
  readonly key: string | undefined;
  readonly kind: ValueKind;
}

export type Add = (index: number, f: Finding) => void;

/**
 * A structure detector reads a whole payload and hands fields findings by index. Each declares what it
 * reads, and the declaration decides what may be memoised:
 * - `reads: 'shape'`: keys, paths and value kinds only. It is given `ShapeField`s, which have no value,
 *   so it cannot read one; its findings are memoised per shape and served to every payload of that shape.
 * - `reads: 'values'`: it needs values (a sibling's text, a pair of numbers). Its `plan` reads the shape
 *   (which fields could ever fire, their records and keys) and is memoised; `detect` is given the plan
 *   and the payload's own fields and runs on every payload. Nothing it finds is memoised.
 * A detector whose split is not worth writing can declare `reads: 'values'` with `planWhole` (a plan of
 * "every field"): correct, just not memoised.
 */
export type StructureDetector = ShapeDetector | ValueDetector;

export interface ShapeDetector {
  readonly name: string;
  readonly reads: 'shape';
  /** A property, not a method: a function of `PayloadField`s (values) does not type-check here. */
  readonly detect: (fields: readonly ShapeField[], add: Add) => void;
}

/** The per-payload part of a values detector, its plan bound in. */
export type LiveDetection = (fields: readonly PayloadField[], home: HomeKnowledge | undefined, add: Add) => void;

export interface ValueDetector {
  readonly name: string;
  readonly reads: 'values';
  /** Reads the shape (memoised per shape); undefined when no field of this shape can fire. */
  readonly prepare: (fields: readonly ShapeField[]) => LiveDetection | undefined;
  /** The detector over every field, when it was written so: a payload classified once runs it without a plan. */
  readonly whole?: WholeDetection;
}

export function shapeDetector(name: string, detect: ShapeDetector['detect']): ShapeDetector {
  return { name, reads: 'shape', detect };
}

/**
 * A values detector from its two parts: `plan` reads the shape (which fields could fire, their records
 * and key readings), `detect` reads the values of a payload of that shape, guided by the plan.
 */
export function valueDetector<P>(
  name: string,
  plan: (fields: readonly ShapeField[]) => P | undefined,
  detect: (plan: P, fields: readonly PayloadField[], home: HomeKnowledge | undefined, add: Add) => void,
): ValueDetector {
  const prepare = (shape: readonly ShapeField[]): LiveDetection | undefined => {
    const planned = plan(shape);
    return planned === undefined ? undefined : (fields, home, add) => detect(planned, fields, home, add);
  };
  return { name, reads: 'values', prepare };
}

/** The plan of a values detector that reads the whole payload each time (no split). */
export const planWhole = (): true => true;

/** A detector over a whole payload's fields, as first written: what a fields plan narrows down. */
export type WholeDetection = (fields: readonly PayloadField[], add: Add) => void;

/** A values detector whose plan names the fields it runs on; `whole` is it over every field. */
export interface FieldsDetector extends ValueDetector {
  readonly whole: WholeDetection;
}

/**
 * A values detector written over the whole payload (`detect(fields, add)`, unchanged), run only on the
 * fields its plan names. `relevant(shape)` lists, in payload order, every field whose presence or value
 * can change what `detect` finds for any values of this shape, or returns undefined when no field of it
 * can fire; `detect` is then given those fields alone and its indices are mapped back. The plan may name
 * more fields than needed, never fewer: test/policy/classifier-plans.test.ts holds every fields plan to
 * `detect` over all fields, with other values under each corpus shape.
 */
export function fieldsDetector(name: string, relevant: (fields: readonly ShapeField[]) => readonly number[] | undefined, detect: WholeDetection): FieldsDetector {
  const prepare = (shape: readonly ShapeField[]): LiveDetection | undefined => {
    const indices = relevant(shape);
    if (indices === undefined || indices.length === 0) return undefined;
    const places = indices.map((index) => sharedSegments(shape[index]));
    return (fields, _home, add) => {
      // Allocated at its size (a payload of this shape has every named field): pushing regrows it.
      const named = new Array<PayloadField>(indices.length);
      let n = 0;
      for (let i = 0; i < indices.length; i++) {
        const field = fields[indices[i] ?? -1];
        if (field === undefined) continue;
        // The memo matched this payload's segments to the shape's: `detect` reads the shape's copy.
        const segments = places[i];
        if (segments !== undefined) shareSegments(field, segments);
        named[n++] = field;
      }
      if (n < named.length) named.length = n;
      detect(named, (at, f) => add(indices[at] ?? at, f));
    };
  };
  return { name, reads: 'values', prepare, whole: detect };
}

/**
 * A copy of a shape field's segments, one per field of a memoised shape however many plans name it, never written:
 * the fields a fields plan names read their segments from it instead of building an array per request
 * (~13 KB per 10 KB telemetry body). Not frozen: a frozen array sends every `for…of` that meets one to a slow
 * path that allocates an iterator result per element, for plain arrays too. Bounded by the memo's fields (shape-memo.ts MAX_MEMO_FIELDS): ≤ 16,384
 * arrays of ~16 + 8 bytes a segment, under 1 MB at the memo's deepest plausible paths.
 */
const sharedLists = new WeakMap<ShapeField, readonly PathSegment[]>();
function sharedSegments(field: ShapeField | undefined): readonly PathSegment[] | undefined {
  if (field === undefined) return undefined;
  let segments = sharedLists.get(field);
  if (segments === undefined) sharedLists.set(field, (segments = [...field.segments]));
  return segments;
}

/** The shape of one field (built once per new shape, never per request). */
export function shapeOf(field: PayloadField): ShapeField {
  return { source: field.source, segments: field.segments, path: field.path, pathTemplate: field.pathTemplate, key: field.key, kind: kindOf(field.value) };
}
