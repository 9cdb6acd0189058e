import { GatewayError } from '../errors.js';
import { isJsonWhitespace, skipWhitespace } from './json-scanner.js';
import { decodeString, QUOTE, stringEnd, stringFlags } from './json-tokens.js';
import type { PathSegment } from './types.js';

/**
 * Byte spans of containers (objects and arrays) in a body the scanner has already read, for edits
 * that remove a whole container member (a drop rule on `$.map.robotPos`). The scanner keeps spans
 * of leaves only, which every request needs; a container's span is needed only when such a rule
 * applies, so it is found here on demand. The body is known to be valid JSON: a container that is not
 * where an edit says means the edit came from another body, refused like any edit that does not fit.
 */
export interface MemberSpan {
  /** The key's opening quote for an object member, the value itself for an array item or a record. */
  readonly memberStart: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly memberEnd: number;
}

const RECORD_SEPARATOR = 0x1e;

interface Member extends MemberSpan {
  /** The key (object member) or index (array item, NDJSON record). */
  readonly segment: PathSegment;
}

/**
 * Finds container members in one body. A container is found by the offset of a leaf inside it, level
 * by level, so duplicate keys (two members called "ab") are two containers, as they are two members
 * on the wire. Each container's member list is read once and kept, so finding many containers (every
 * room's polygon) costs one pass over the body, not one per container.
 */
export class ContainerSpans {
  private readonly bytes: string;
  private readonly lists = new Map<number, readonly Member[]>();

  constructor(
    private readonly body: Buffer,
    private readonly format: 'json' | 'ndjson',
  ) {
    this.bytes = body.toString('latin1');
  }

  /**
   * The member made of the first `depth` of `segments` (a leaf's path) that holds the byte at `offset`
   * (the leaf's value). For NDJSON the first segment is the record number, and depth is at least 1.
   */
  span(segments: readonly PathSegment[], depth: number, offset: number): MemberSpan {
    const root = skipWhitespace(this.body, 0);
    let level = 0;
    let current: MemberSpan;
    if (this.format === 'ndjson') {
      current = this.enter(this.records(root), segments, 0, offset);
      level = 1;
    } else {
      const end = skipValue(this.body, root);
      current = { memberStart: root, valueStart: root, valueEnd: end, memberEnd: end };
    }
    for (; level < depth; level++) current = this.enter(this.members(current.valueStart), segments, level, offset);
    return current;
  }

  private enter(list: readonly Member[], segments: readonly PathSegment[], level: number, offset: number): Member {
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const member = list[mid];
      if (member === undefined) break;
      if (member.memberStart > offset) hi = mid - 1;
      else if (member.valueEnd <= offset) lo = mid + 1;
      else if (member.segment === segments[level]) return member;
      else break;
    }
    throw notFound(segments);
  }

  private members(pos: number): readonly Member[] {
    let list = this.lists.get(pos);
    if (list === undefined) {
      const c = this.body[pos];
      list = c === 0x7b ? this.objectMembers(pos) : c === 0x5b ? this.arrayItems(pos) : [];
      this.lists.set(pos, list);
    }
    return list;
  }

  private objectMembers(pos: number): Member[] {
    const buf = this.body;
    const list: Member[] = [];
    pos = skip(buf, pos + 1);
    while (buf[pos] === QUOTE) {
      const keyStart = pos;
      const keyEnd = stringEnd(buf, pos);
      const segment = decodeString(buf, this.bytes, keyStart, keyEnd, stringFlags);
      pos = skip(buf, keyEnd);
      if (buf[pos] !== 0x3a) break;
      const valueStart = skip(buf, pos + 1);
      const valueEnd = skipValue(buf, valueStart);
      list.push({ segment, memberStart: keyStart, valueStart, valueEnd, memberEnd: valueEnd });
      pos = skip(buf, valueEnd);
      if (buf[pos] !== 0x2c) break;
      pos = skip(buf, pos + 1);
    }
    return list;
  }

  private arrayItems(pos: number): Member[] {
    const buf = this.body;
    const list: Member[] = [];
    pos = skip(buf, pos + 1);
    if (buf[pos] === 0x5d) return list;
    for (let index = 0; ; index++) {
      const valueEnd = skipValue(buf, pos);
      list.push({ segment: index, memberStart: pos, valueStart: pos, valueEnd, memberEnd: valueEnd });
      pos = skip(buf, valueEnd);
      if (buf[pos] !== 0x2c) return list;
      pos = skip(buf, pos + 1);
    }
  }

  /** NDJSON records, cached under -1 (no container starts there). */
  private records(root: number): readonly Member[] {
    let list = this.lists.get(-1);
    if (list === undefined) {
      const records: Member[] = [];
      for (let pos = skipSeparators(this.body, root), index = 0; pos < this.body.length; index++) {
        const valueEnd = skipValue(this.body, pos);
        records.push({ segment: index, memberStart: pos, valueStart: pos, valueEnd, memberEnd: valueEnd });
        pos = skipSeparators(this.body, valueEnd);
      }
      list = records;
      this.lists.set(-1, list);
    }
    return list;
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
