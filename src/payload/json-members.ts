import { GatewayError } from '../errors.js';
import { isJsonWhitespace, skipWhitespace } from './json-scanner.js';
import { decodeString, QUOTE, stringEnd, stringFlags } from './json-tokens.js';
import type { PathSegment } from './types.js';

/**
 * Byte spans of containers (objects and arrays) in a body the scanner has already read, for edits
 * that remove a whole container member (a drop rule on `$.map.robotPos`). The scanner keeps spans
 * of leaves only, which every request needs; a container's span is needed only when such a rule
 * applies, so it is found here on demand by walking the body along the container's path.
 */
export interface MemberSpan {
  /** The key's opening quote for an object member, the value itself for an array item or a record. */
  readonly memberStart: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly memberEnd: number;
}

const RECORD_SEPARATOR = 0x1e;

/**
 * The span of the member named by `segments` (object keys and array indexes). For NDJSON the first
 * segment is the record number. The body is known to be valid JSON: a path that is not in it means
 * the edit came from another body, which is refused like any edit that does not fit.
 */
export function jsonMemberSpan(body: Buffer, format: 'json' | 'ndjson', segments: readonly PathSegment[]): MemberSpan {
  const bytes = body.toString('latin1');
  let pos = skipWhitespace(body, 0);
  let from = 0;
  if (format === 'ndjson') {
    const record = segments[0];
    if (typeof record !== 'number') throw notFound(segments);
    pos = skipSeparators(body, pos);
    for (let i = 0; i < record; i++) pos = skipSeparators(body, skipValue(body, pos));
    from = 1;
  }
  let memberStart = pos;
  for (let i = from; i < segments.length; i++) {
    const segment = segments[i];
    if (segment === undefined) throw notFound(segments);
    const found = typeof segment === 'number' ? findItem(body, pos, segment) : findMember(body, bytes, pos, segment);
    if (found === undefined) throw notFound(segments);
    [memberStart, pos] = found;
  }
  const valueEnd = skipValue(body, pos);
  return { memberStart, valueStart: pos, valueEnd, memberEnd: valueEnd };
}

/** [memberStart, valueStart] of `key` in the object at `pos`; the last duplicate wins, as in JSON.parse. */
function findMember(buf: Buffer, bytes: string, pos: number, key: string): [number, number] | undefined {
  if (buf[pos] !== 0x7b) return undefined;
  let found: [number, number] | undefined;
  pos = skip(buf, pos + 1);
  while (buf[pos] === QUOTE) {
    const keyStart = pos;
    const keyEnd = stringEnd(buf, pos);
    const name = decodeString(buf, bytes, keyStart, keyEnd, stringFlags);
    pos = skip(buf, keyEnd);
    if (buf[pos] !== 0x3a) return undefined;
    const valueStart = skip(buf, pos + 1);
    if (name === key) found = [keyStart, valueStart];
    pos = skip(buf, skipValue(buf, valueStart));
    if (buf[pos] !== 0x2c) break;
    pos = skip(buf, pos + 1);
  }
  return found;
}

function findItem(buf: Buffer, pos: number, index: number): [number, number] | undefined {
  if (buf[pos] !== 0x5b) return undefined;
  pos = skip(buf, pos + 1);
  if (buf[pos] === 0x5d) return undefined;
  for (let i = 0; ; i++) {
    if (i === index) return [pos, pos];
    pos = skip(buf, skipValue(buf, pos));
    if (buf[pos] !== 0x2c) return undefined;
    pos = skip(buf, pos + 1);
  }
}

/** The offset just after the JSON value at `pos` (a valid body: nesting is tracked by a counter, not recursion). */
export function skipValue(buf: Buffer, pos: number): number {
  const c = buf[pos];
  if (c === QUOTE) return stringEnd(buf, pos);
  if (c !== 0x7b && c !== 0x5b) {
    while (pos < buf.length && !isDelimiter(buf[pos])) pos++;
    return pos;
  }
  let depth = 0;
  while (pos < buf.length) {
    const b = buf[pos];
    if (b === QUOTE) {
      pos = stringEnd(buf, pos);
      continue;
    }
    if (b === 0x7b || b === 0x5b) depth++;
    else if (b === 0x7d || b === 0x5d) {
      depth--;
      if (depth === 0) return pos + 1;
    }
    pos++;
  }
  throw new GatewayError('PAYLOAD_INVALID', 'A container does not close in the body it was found in');
}

function isDelimiter(c: number | undefined): boolean {
  return c === 0x2c || c === 0x7d || c === 0x5d || c === RECORD_SEPARATOR || isJsonWhitespace(c);
}

function skip(buf: Buffer, pos: number): number {
  while (isJsonWhitespace(buf[pos])) pos++;
  return pos;
}

function skipSeparators(buf: Buffer, pos: number): number {
  while (isJsonWhitespace(buf[pos]) || buf[pos] === RECORD_SEPARATOR) pos++;
  return pos;
}

function notFound(segments: readonly PathSegment[]): GatewayError {
  return new GatewayError('PAYLOAD_INVALID', `No container at ${JSON.stringify(segments)} in the body the edit was applied to`);
}
