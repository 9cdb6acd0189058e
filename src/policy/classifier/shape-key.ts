import { fieldSegmentsEqual, pathFollowsSegments, type ParsedPayload, type PathSegment, type PayloadField } from '../../payload/index.js';
import type { ValueKind } from './shape.js';

/**
 * The identity of a payload's shape: the format and, for every field in order, its source, path
 * segments, path template, key, path length and value kind. Kept flat (one array per property, the
 * segments of all fields in one array) because a memo of many shapes holds tens of thousands of fields.
 *
 * The path is the segments written out (every parser formats it from them, see formatPath), so its
 * length is compared and its characters need not be, and a scanned leaf's not even its length: its path
 * is its segments by construction, and a list item's is built only when read (ScannedField). Templates and keys are strings the parser makes once per distinct
 * template and key, so comparing them is mostly a pointer comparison.
 */
export class ShapeKey {
  private constructor(
    readonly hash: number,
    private readonly format: string,
    private readonly templates: readonly (string | undefined)[],
    private readonly keys: readonly (string | undefined)[],
    /** Per field: path length × 16 + kind code × 2 + 1 for a query field. */
    private readonly marks: readonly number[],
    /** Every field's segments, one after the other; field i's start at `starts[i]`. */
    private readonly segments: readonly PathSegment[],
    private readonly starts: readonly number[],
  ) {}

  static of(payload: ParsedPayload, hash: number): ShapeKey {
    const segments: PathSegment[] = [];
    const starts: number[] = [];
    for (const field of payload.fields) {
      starts.push(segments.length);
      for (const segment of field.segments) segments.push(segment);
    }
    starts.push(segments.length);
    return new ShapeKey(
      hash,
      payload.format,
      payload.fields.map((f) => f.pathTemplate),
      payload.fields.map((f) => f.key),
      payload.fields.map((f) => mark(pathLength(f), kindCode(f.value), f.source === 'query')),
      segments,
      starts,
    );
  }

  get size(): number {
    return this.keys.length;
  }

  /** True when the payload has this shape, field by field. */
  matches(payload: ParsedPayload): boolean {
    const fields = payload.fields;
    if (payload.format !== this.format || fields.length !== this.keys.length) return false;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i];
      if (field === undefined || field.pathTemplate !== this.templates[i] || field.key !== this.keys[i]) return false;
      if (mark(pathLength(field), kindCode(field.value), field.source === 'query') !== this.marks[i]) return false;
      // Read off the scanner's container chains: no segments array is built per field and request.
      if (!fieldSegmentsEqual(field, this.segments, this.starts[i] ?? 0, this.starts[i + 1] ?? 0)) return false;
    }
    return true;
  }
}

/**
 * A 30-bit hash of the shape from what costs little: the number of fields, each one's template length (its
 * path's when it has none), value kind and the last characters of its key (a short string, made once per distinct key). Collisions only
 * cost a comparison: `matches` decides.
 */
export function shapeHash(payload: ParsedPayload): number {
  let h = Math.imul(0x811c9dc5 ^ payload.fields.length, 0x01000193) ^ payload.format.length;
  for (const field of payload.fields) {
    h = Math.imul(h ^ (field.pathTemplate ?? field.path).length ^ (kindCode(field.value) << 16), 0x01000193);
    const key = field.key;
    if (key === undefined) continue;
    for (let i = Math.max(0, key.length - MAX_HASHED_KEY); i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  }
  // 30 bits: a small integer to V8, so the memo's maps and the seen-once set hold no boxed numbers.
  return h & 0x3fffffff;
}

/** The last characters of a key that are hashed (keys from senders may be long). */
const MAX_HASHED_KEY = 24;
const KIND_CODES = { null: 1, boolean: 2, number: 3, empty: 4, string: 5 } as const satisfies Record<ValueKind, number>;

/**
 * `KIND_CODES[kindOf(value)]` without the string in between: read for every field of every payload, where
 * a lookup keyed by a kind's name costs more than the rest of the field's hash.
 */
function kindCode(value: PayloadField['value']): number {
  if (value === null) return KIND_CODES.null;
  switch (typeof value) {
    case 'boolean':
      return KIND_CODES.boolean;
    case 'number':
      return KIND_CODES.number;
    default:
      return value === '' ? KIND_CODES.empty : KIND_CODES.string;
  }
}

/** A path's length where it must be compared: 0 for a path that follows its segments, compared already. */
function pathLength(field: PayloadField): number {
  return pathFollowsSegments(field) ? 0 : field.path.length;
}

function mark(pathLength: number, kind: number, query: boolean): number {
  return pathLength * 16 + kind * 2 + (query ? 1 : 0);
}
