import { GatewayError } from '../errors.js';
import { bodyTemplateRoot, NumberTextField, ScannedField, SegmentChain, type TemplateNode } from './field.js';
import {
  decodeString,
  isDigit,
  JsonSyntaxError,
  numberEndAt,
  QUOTE,
  scanNumber,
  stringEnd,
  stringFlags,
} from './json-tokens.js';
import { FieldList } from './field-list.js';
import {
  CLOSE,
  EMPTY,
  LEAF_BOOLEAN,
  LEAF_EMPTY_STRING,
  LEAF_NULL,
  LEAF_NUMBER,
  LEAF_NUMBER_TEXT,
  LEAF_STRING,
  MAX_TRACE_EVENTS,
  OPEN,
  type LeafKind,
  tracedFormat,
  type ShapeTrace,
} from './body-shape.js';
import type { PathSegment, PayloadField, ScalarValue } from './types.js';

export { JsonSyntaxError } from './json-tokens.js';

export interface ScanLimits {
  readonly maxDepth: number;
  readonly maxFields: number;
}

const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** One comparison for the bytes that are no whitespace (every byte above a space): most of them, between tokens. */
export function isJsonWhitespace(c: number | undefined): boolean {
  return c !== undefined && c <= 0x20 && (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09);
}

/** Offset of the first non-whitespace byte at or after `pos` (a UTF-8 BOM at offset 0 counts as whitespace). */
export function skipWhitespace(buf: Buffer, pos: number): number {
  if (pos === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
  while (isJsonWhitespace(buf[pos])) pos++;
  return pos;
}

/** Set by scanMember (second results, see stringFlags): where the key's value starts, and the key. */
let afterKey = 0;
let scannedKey = '';

const KEY_CACHE_SLOTS = 256;
const KEY_CACHE_MAX_LENGTH = 32;

/**
 * Keys repeat (every object of an array has the same ones, every request of a device the same
 * document), so plain short keys are remembered across bodies: a repeat costs a byte comparison
 * instead of two string allocations, and yields the same string, whose hash later Map lookups reuse.
 * Cached keys are copies, never slices of a body (which would keep the whole body alive).
 */
class KeyCache {
  private readonly keys = new Array<string | undefined>(KEY_CACHE_SLOTS).fill(undefined);

  /** The key whose plain ASCII bytes are [start, end). */
  lookup(buf: Buffer, start: number, end: number): string {
    const length = end - start;
    // Length and a few bytes spread real keys well enough; the byte comparison makes it exact.
    const slot =
      (length * 31 + (buf[start] ?? 0) * 7 + (buf[end - 1] ?? 0) * 3 + (buf[start + (length >> 1)] ?? 0)) & (KEY_CACHE_SLOTS - 1);
    const cached = this.keys[slot];
    if (cached !== undefined && cached.length === length && sameBytes(buf, start, cached)) return cached;
    const key = buf.toString('latin1', start, end);
    this.keys[slot] = key;
    return key;
  }
}

function sameBytes(buf: Buffer, start: number, key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    if (buf[start + i] !== key.charCodeAt(i)) return false;
  }
  return true;
}

const keyCache = new KeyCache();

/**
 * Scans `"key" :` at `pos` and the whitespace after the colon, a member of the object whose template is
 * `parent` following its member `previous` (undefined for the first); returns the member's template, and
 * its key in `scannedKey`. The member that followed last time is tried first (TemplateNode.first/next):
 * when its key is plain (TemplateNode.plainKey) and the bytes after the quote are that key and a quote, that
 * is the whole token, so it is neither tokenized (stringEnd) nor looked up in the key cache or the parent's children.
 */
function scanMember(buf: Buffer, bytes: string, pos: number, parent: TemplateNode, previous: TemplateNode | undefined): TemplateNode {
  if (buf[pos] !== QUOTE) throw unexpected(buf, pos, 'a quoted object key');
  const guess = previous === undefined ? parent.first : previous.next;
  const guessed = guess?.plainKey;
  let key: string;
  let node: TemplateNode;
  let end: number;
  if (guess !== undefined && guessed !== undefined && buf[pos + guessed.length + 1] === QUOTE && sameBytes(buf, pos + 1, guessed)) {
    key = guessed;
    node = guess;
    end = pos + guessed.length + 2;
  } else {
    end = stringEnd(buf, pos);
    const flags = stringFlags;
    key = flags === 0 && end - pos - 2 <= KEY_CACHE_MAX_LENGTH ? keyCache.lookup(buf, pos + 1, end - 1) : decodeString(buf, bytes, pos, end, flags);
    node = parent.member(key);
    if (node.key !== undefined) {
      if (previous === undefined) parent.first = node;
      else previous.next = node;
    }
  }
  let c = buf[end];
  let colon = end;
  while (isJsonWhitespace(c)) c = buf[++colon];
  if (c !== COLON) throw unexpected(buf, colon, "':' after an object key");
  afterKey = colon + 1;
  while (isJsonWhitespace(buf[afterKey])) afterKey++;
  scannedKey = key;
  return node;
}

/** The template node of a record prefix (NDJSON's `[n]` is `[*]`). */
function prefixTemplate(prefix: readonly PathSegment[]): TemplateNode {
  let node = bodyTemplateRoot();
  for (const segment of prefix) node = typeof segment === 'number' ? node.item() : node.member(segment);
  return node;
}

/**
 * Scans one JSON value at `start` under `prefix`, appending a field per scalar leaf to `out`; returns
 * the offset just after the value. One tokenizing pass: iterative (the per-container stacks are the
 * only stack, so hostile nesting cannot overflow the call stack) and building no objects from the
 * payload, so keys such as `__proto__` are just strings. Per open container it keeps its segment
 * chain (which also carries the key its items inherit) and template; per leaf it allocates only the field.
 * A leaf with an array index on its path gets no path string: its path is its segments written out,
 * built when read (ScannedField.path); most are never read (the ledger keys list items by template).
 * `bytes` is `buf` read as latin1.
 */
export function scanJsonValue(
  buf: Buffer,
  bytes: string,
  start: number,
  prefix: readonly PathSegment[],
  limits: ScanLimits,
  out: FieldList,
): number {
  const { maxDepth, maxFields } = limits;
  const chains: (SegmentChain | undefined)[] = [];
  /** Per open container whether its path has an array index (else the path is its template's text). */
  const indexedPaths: boolean[] = [];
  const templates: TemplateNode[] = [];
  /** -1 for an object, else the current item's index. */
  const indexes: number[] = [];
  let depth = 0;
  let pos = skipWhitespace(buf, start);
  let c = buf[pos];
  let memberStart = pos;
  // The current member: the chain of its container, its own segment (none for the record itself),
  // and its template (its key is its segment, or the chain's nearest one).
  let container = SegmentChain.of(prefix);
  let segment: PathSegment | undefined;
  // While no array index is on the path, the path is its template's text, a string the template tree
  // already holds, so a leaf outside arrays costs no path of its own (and one inside builds it when read).
  let memberIndexed = prefix.some((s) => typeof s === 'number');
  let memberTemplate = prefixTemplate(prefix);
  // The body's shape (body-shape.ts), written here rather than through calls: see ShapeTrace.
  const trace = out.shape;
  const events = trace.events;
  let traced = trace.length;

  for (;;) {
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (depth >= maxDepth) {
        throw new GatewayError('PAYLOAD_INVALID', `JSON nesting deeper than ${maxDepth} levels at byte ${pos}`);
      }
      const open = c;
      c = buf[++pos];
      while (isJsonWhitespace(c)) c = buf[++pos];
      if (open === OPEN_OBJECT ? c !== CLOSE_OBJECT : c !== CLOSE_ARRAY) {
        if (segment !== undefined) container = new SegmentChain(container, segment, (container?.length ?? 0) + 1);
        chains.push(container);
        indexedPaths.push(memberIndexed);
        templates.push(memberTemplate);
        depth++;
        if (traced < MAX_TRACE_EVENTS) events[traced] = OPEN;
        traced++;
        memberStart = pos;
        if (open === OPEN_OBJECT) {
          indexes.push(-1);
          memberTemplate = scanMember(buf, bytes, pos, memberTemplate, undefined);
          segment = scannedKey;
          if (memberTemplate.key === undefined) traced = traceValueKey(trace, traced, scannedKey);
          pos = afterKey;
          c = buf[pos];
        } else {
          indexes.push(0);
          segment = 0;
          memberIndexed = true;
          memberTemplate = memberTemplate.item();
        }
        continue;
      }
      c = buf[++pos]; // an empty container has no fields, but has a place among its siblings
      if (traced < MAX_TRACE_EVENTS) events[traced] = EMPTY;
      traced++;
    } else {
      const valueStart = pos;
      let value: ScalarValue;
      let kind: LeafKind;
      if (c === QUOTE) {
        pos = stringEnd(buf, pos);
        value = decodeString(buf, bytes, valueStart, pos, stringFlags);
        kind = value === '' ? LEAF_EMPTY_STRING : LEAF_STRING;
      } else if (c === 0x2d || isDigit(c)) {
        value = scanNumber(buf, bytes, pos);
        pos = numberEndAt;
        kind = typeof value === 'string' ? LEAF_NUMBER_TEXT : LEAF_NUMBER;
      } else if (c === 0x74 && buf[pos + 1] === 0x72 && buf[pos + 2] === 0x75 && buf[pos + 3] === 0x65) {
        value = true;
        kind = LEAF_BOOLEAN;
        pos += 4;
      } else if (c === 0x66 && buf[pos + 1] === 0x61 && buf[pos + 2] === 0x6c && buf[pos + 3] === 0x73 && buf[pos + 4] === 0x65) {
        value = false;
        kind = LEAF_BOOLEAN;
        pos += 5;
      } else if (c === 0x6e && buf[pos + 1] === 0x75 && buf[pos + 2] === 0x6c && buf[pos + 3] === 0x6c) {
        value = null;
        kind = LEAF_NULL;
        pos += 4;
      } else {
        throw unexpected(buf, pos, 'a value');
      }
      c = buf[pos];
      if (out.length >= maxFields) throw new GatewayError('PAYLOAD_INVALID', `Payload has more than ${maxFields} fields`);
      // A string value that does not start with a quote is a number kept as text (see numberValue).
      const Field = kind === LEAF_NUMBER_TEXT ? NumberTextField : ScannedField;
      const template = memberTemplate.template;
      out.push(new Field(container, segment, memberIndexed ? undefined : template, template, value, valueStart, pos, memberStart));
      if (traced < MAX_TRACE_EVENTS) {
        events[traced] = memberTemplate;
        events[traced + 1] = kind;
      }
      traced += 2;
    }

    // After a value: close containers until one continues with a comma.
    for (;;) {
      const top = depth - 1;
      if (top < 0) {
        trace.length = traced;
        return pos;
      }
      while (isJsonWhitespace(c)) c = buf[++pos];
      const index = indexes[top] ?? -1;
      const inObject = index === -1;
      if (c === COMMA) {
        c = buf[++pos];
        while (isJsonWhitespace(c)) c = buf[++pos];
        memberStart = pos;
        container = chains[top];
        const containerTemplate = templates[top] ?? memberTemplate;
        if (inObject) {
          // memberTemplate is the previous member's here (a closed container restores its own below).
          memberTemplate = scanMember(buf, bytes, pos, containerTemplate, memberTemplate);
          segment = scannedKey;
          if (memberTemplate.key === undefined) traced = traceValueKey(trace, traced, scannedKey);
          memberIndexed = indexedPaths[top] ?? true;
          pos = afterKey;
          c = buf[pos];
        } else {
          const next = index + 1;
          indexes[top] = next;
          segment = next;
          memberIndexed = true;
          memberTemplate = containerTemplate.item();
        }
        break;
      }
      if (inObject ? c !== CLOSE_OBJECT : c !== CLOSE_ARRAY) {
        throw unexpected(buf, pos, inObject ? "',' or '}' after an object member" : "',' or ']' after an array item");
      }
      if (traced < MAX_TRACE_EVENTS) events[traced] = CLOSE;
      traced++;
      chains.pop();
      indexedPaths.pop();
      memberTemplate = templates.pop() ?? memberTemplate;
      indexes.pop();
      depth--;
      c = buf[++pos];
    }
  }
}

/** A key a placeholder template node stands for (`.{network}` does not say which): rare, so a call. */
function traceValueKey(trace: ShapeTrace, traced: number, key: string): number {
  if (traced < MAX_TRACE_EVENTS) trace.events[traced] = key;
  trace.keyed = true;
  return traced + 1;
}

function unexpected(buf: Buffer, pos: number, expected: string): JsonSyntaxError {
  const c = buf[pos];
  if (c === undefined) return new JsonSyntaxError(`unexpected end of input, expected ${expected}`, pos);
  const shown = c >= 0x21 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
  return new JsonSyntaxError(`unexpected ${shown}, expected ${expected}`, pos);
}

/** Leaves of a body holding exactly one JSON value (surrounding whitespace allowed). */
export function scanJsonDocument(buf: Buffer, limits: ScanLimits): PayloadField[] {
  return FieldList.using((out) => {
    const end = skipWhitespace(buf, scanJsonValue(buf, buf.toString('latin1'), 0, [], limits, out));
    if (end < buf.length) throw new JsonSyntaxError('unexpected data after the JSON value', end);
  }, tracedFormat('json', buf.length));
}
