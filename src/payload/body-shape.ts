import type { TemplateNode } from './field.js';
import type { PayloadField } from './types.js';

/**
 * What a JSON scanner met, in order, apart from the values: a leaf's template node and value kind, a
 * container's opening and closing, an empty container, and the raw text of a key that is a value (a
 * placeholder node such as `.{network}` does not say which key it stood for). Two bodies with equal events
 * have leaves of equal paths, segments, templates, keys and value kinds (null, boolean, number, number kept
 * as text, empty or other string), one for one: what the classifier's shape memo compares field by field,
 * found here while the bytes are read.
 */
type ShapeEvent = TemplateNode | string | number;

/** Value kinds (1–6) and structure marks (11–13) never share a number, so a sequence reads one way only. */
export const LEAF_NULL = 1;
export const LEAF_BOOLEAN = 2;
export const LEAF_NUMBER = 3;
export const LEAF_NUMBER_TEXT = 4;
export const LEAF_EMPTY_STRING = 5;
export const LEAF_STRING = 6;
export type LeafKind = 1 | 2 | 3 | 4 | 5 | 6;
export const OPEN = 11;
export const CLOSE = 12;
export const EMPTY = 13;
const FORMATS = { json: 21, ndjson: 22 } as const;
export type TracedFormat = keyof typeof FORMATS;

/** A body's shape, one object per distinct shape while it is interned: comparing two is comparing references. */
export class BodyShape {
  constructor(
    private readonly format: TracedFormat,
    private readonly events: readonly ShapeEvent[],
  ) {}

  get length(): number {
    return this.events.length;
  }

  /** True when the trace's format and events are this shape's. */
  equals(format: TracedFormat, trace: readonly ShapeEvent[], length: number): boolean {
    const events = this.events;
    if (this.format !== format || events.length !== length) return false;
    for (let i = 0; i < length; i++) if (events[i] !== trace[i]) return false;
    return true;
  }
}

/** Longer traces (a body of thousands of leaves) are not interned: the classifier does not memoise them either. */
export const MAX_TRACE_EVENTS = 16_384;
/**
 * Smaller bodies are not traced: for a few dozen leaves the classifier's own hash and comparison cost what
 * tracing and interning cost (1 KB, 58 leaves: parse +1.1 µs, parse and classify together not lower in 4
 * rounds); for hundreds they cost more (10 KB, 626 leaves: parse +6–10 µs, together −6 to −16 µs).
 */
const MIN_TRACED_BYTES = 4_096;
/** Shapes kept per hash: a sender cannot make a body compare against more than these. */
const BUCKET_SIZE = 8;

/** The format a scan of a body of `bytes` should trace, or undefined (see MIN_TRACED_BYTES). */
export function tracedFormat(format: TracedFormat, bytes: number): TracedFormat | undefined {
  return bytes >= MIN_TRACED_BYTES ? format : undefined;
}

/** Events held by all interned shapes (~8 bytes each: ~0.5 MB when full, then the table starts over). */
const MAX_INTERNED_EVENTS = 65_536;
const MAX_SEEN_ONCE = 8_192;

/**
 * The events of the body being scanned, in a buffer reused for every body (a scanner's FieldList owns one).
 * The scanner writes them itself (json-scanner.ts), into locals it stores back here when a value ends:
 * a call per leaf would cost the scanner the inlining of its own helpers (V8 inlines a bounded amount of
 * code into one function). Interning then costs a hash and one comparison with the shape of that hash, and
 * no copy unless the shape is new.
 */
export class ShapeTrace {
  /** Written up to MAX_TRACE_EVENTS; `length` counts on past it, and a body that went past is not interned. */
  readonly events: ShapeEvent[] = [];
  length = 0;
  /** Set by the scanner when a key that is a value is among the events (the buffer is then wiped after the body). */
  keyed = false;
  private format: TracedFormat | undefined;

  begin(format: TracedFormat | undefined): void {
    // A body not traced starts full, so the scanner's writes stop at their first bound check.
    this.length = format === undefined ? MAX_TRACE_EVENTS : 0;
    this.keyed = false;
    this.format = format;
  }

  /** Ends the body whose leaves are `fields`: they are registered with its interned shape, if it has one. */
  end(fields: readonly PayloadField[]): void {
    const length = this.length;
    if (this.format !== undefined && fields.length > 0 && length < MAX_TRACE_EVENTS) {
      const shape = intern(this.format, hashOf(FORMATS[this.format], this.events, length), this.events, length);
      if (shape !== undefined) shapes.set(fields, shape);
    }
    // The buffer keeps no key of this body past it (a key that is a value is personal); nodes may stay.
    if (this.keyed) this.events.fill(0, 0, Math.min(length, MAX_TRACE_EVENTS));
    this.length = 0;
    this.keyed = false;
    this.format = undefined;
  }
}

/** Events a hash reads: a sample spread over the trace (collisions cost only a comparison, `equals` decides). */
const HASHED_EVENTS = 64;

function hashOf(seed: number, events: readonly ShapeEvent[], length: number): number {
  let h = Math.imul(seed ^ length, 0x01000193);
  const stride = Math.max(1, Math.floor(length / HASHED_EVENTS));
  for (let i = length - 1; i >= 0; i -= stride) {
    const event = events[i];
    const code = typeof event === 'number' ? event : typeof event === 'string' ? event.length : (event?.serial ?? 0);
    h = Math.imul(h ^ code, 0x01000193);
  }
  // 30 bits: a small integer to V8, so the table's keys are not boxed.
  return h & 0x3fffffff;
}

/** The shape of each scanned body's list of leaves, for as long as the list lives (keyed by the list itself, so a copy or a merged list has none). */
const shapes = new WeakMap<readonly PayloadField[], BodyShape>();
const interned = new Map<number, BodyShape[]>();
const seenOnce = new Set<number>();
let internedEvents = 0;

/** The shape of these events: the interned one, a new one the second time a hash is seen, else undefined. */
function intern(format: TracedFormat, hash: number, events: readonly ShapeEvent[], length: number): BodyShape | undefined {
  const bucket = interned.get(hash);
  if (bucket !== undefined) for (const shape of bucket) if (shape.equals(format, events, length)) return shape;
  if (!seenOnce.delete(hash)) {
    if (seenOnce.size >= MAX_SEEN_ONCE) seenOnce.clear();
    seenOnce.add(hash);
    return undefined;
  }
  if (internedEvents + length > MAX_INTERNED_EVENTS) {
    interned.clear();
    internedEvents = 0;
  }
  // Keys are copied: one may be a slice of the body's text, which the table would otherwise keep alive.
  const own = events.slice(0, length).map((event) => (typeof event === 'string' ? (JSON.parse(JSON.stringify(event)) as string) : event));
  const shape = new BodyShape(format, own);
  const list = interned.get(hash);
  if (list === undefined) interned.set(hash, [shape]);
  else {
    if (list.length >= BUCKET_SIZE) internedEvents -= list.shift()?.length ?? 0;
    list.push(shape);
  }
  internedEvents += length;
  return shape;
}

/**
 * The interned shape of the body a scanner read these leaves from (this very list), or undefined: a body
 * not yet seen twice, a list made otherwise (a form, a merged list), a shape of more than 16,384 events. Two
 * lists with the same shape object have fields alike one for one in everything but their values.
 */
export function scannedShape(fields: readonly PayloadField[]): BodyShape | undefined {
  return shapes.get(fields);
}
