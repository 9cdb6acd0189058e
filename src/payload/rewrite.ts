import { GatewayError } from '../errors.js';
import { withContainers } from './container-drops.js';
import { isJsonWhitespace } from './json-scanner.js';
import { stripQuestionMark } from './query.js';
import { encodeComponent } from './urlencoded.js';
import type { FieldEdit, PayloadField, PayloadFormat, ScalarValue } from './types.js';

/** Replace [start, end) with `text`. */
interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** How members of a list (JSON object/array, `&`-joined pairs) are separated. */
interface ListSyntax {
  /** Offset of the syntax character before a member starting at `pos` (-1 if none). */
  before(pos: number): number;
  /** Offset of the syntax character after a member ending at `pos`. */
  after(pos: number): number;
  isSeparator(pos: number): boolean;
  /** Where the member after the separator at `pos` starts. */
  nextStart(pos: number): number;
}

type ByteAt = (pos: number) => number | undefined;

/**
 * Rewrites only the bytes of edited fields: redact/hash splice the encoded replacement over the value,
 * drop removes the member with one separator so the body stays valid. Edits may come in any order;
 * several edits of one field resolve to drop if any drops, else to the last one.
 */
export function rewritePayload(body: Buffer, format: PayloadFormat, edits: readonly FieldEdit[]): Buffer {
  if (edits.length === 0) return body;
  const byteAt: ByteAt = (pos) => body[pos];
  let splices: Splice[];
  if (format === 'json' || format === 'ndjson') {
    splices = plan(resolve(withContainers(body, format, edits), body.length), jsonSyntax(byteAt), (edit) => jsonValue(edit.replacement), (field) =>
      topLevelJsonDrop(field, format, byteAt),
    );
  } else if (format === 'form') {
    splices = plan(resolve(edits, body.length), pairSyntax(byteAt), (edit) => pairValue(edit, byteAt), undefined);
  } else {
    throw new GatewayError('PAYLOAD_INVALID', `A ${format} body has no fields to rewrite`);
  }
  return splice(body, splices);
}

/** Copies `body` into one new buffer with the splices applied (allocUnsafe: every byte is written). */
function splice(body: Buffer, splices: readonly Splice[]): Buffer {
  let length = body.length;
  for (const { start, end, text } of splices) length += Buffer.byteLength(text) - (end - start);
  const out = Buffer.allocUnsafe(length);
  let cursor = 0;
  let offset = 0;
  for (const { start, end, text } of splices) {
    offset += body.copy(out, offset, cursor, start);
    offset += out.write(text, offset);
    cursor = end;
  }
  offset += body.copy(out, offset, cursor);
  return offset === length ? out : out.subarray(0, offset);
}

/** rewritePayload for a query string (with or without its `?`, which is kept as given). */
export function rewriteQuery(search: string, edits: readonly FieldEdit[]): string {
  if (edits.length === 0) return search;
  const { query, prefix } = stripQuestionMark(search);
  return prefix + rewritePairs(query, edits, AMPERSAND);
}

/** rewritePayload for the `;name=value` parameters of a request path (fields from parsePathParameters). */
export function rewritePathParameters(path: string, edits: readonly FieldEdit[]): string {
  return edits.length === 0 ? path : rewritePairs(path, edits, SEMICOLON);
}

function rewritePairs(text: string, edits: readonly FieldEdit[], separator: number): string {
  const byteAt: ByteAt = (pos) => (pos >= 0 && pos < text.length ? text.charCodeAt(pos) : undefined);
  const splices = plan(resolve(edits, text.length), pairSyntax(byteAt, separator), (edit) => pairValue(edit, byteAt), undefined);
  let result = '';
  let cursor = 0;
  for (const splice of splices) {
    result += text.slice(cursor, splice.start) + splice.text;
    cursor = splice.end;
  }
  return result + text.slice(cursor);
}

/** One edit per field: drop wins (removing is never less private), otherwise the last edit. */
function resolve(edits: readonly FieldEdit[], length: number): FieldEdit[] {
  const byField = new Map<number, FieldEdit>();
  for (const edit of edits) {
    const { memberStart, valueStart, valueEnd, memberEnd } = edit.field;
    if (!(memberStart >= 0 && memberStart <= valueStart && valueStart <= valueEnd && valueEnd <= memberEnd && memberEnd <= length)) {
      throw new GatewayError('PAYLOAD_INVALID', `Edit for ${edit.field.path} does not fit the body it was applied to`);
    }
    const earlier = byField.get(valueStart);
    if (earlier?.action !== 'drop') byField.set(valueStart, edit);
  }
  return [...byField.values()];
}

function plan(
  edits: readonly FieldEdit[],
  list: ListSyntax,
  encode: (edit: FieldEdit) => string,
  topLevelDrop: ((field: PayloadField) => Splice | undefined) | undefined,
): Splice[] {
  const splices: Splice[] = [];
  const drops: PayloadField[] = [];
  for (const edit of edits) {
    if (edit.action !== 'drop') {
      splices.push({ start: edit.field.valueStart, end: edit.field.valueEnd, text: encode(edit) });
      continue;
    }
    const whole = topLevelDrop?.(edit.field);
    if (whole === undefined) drops.push(edit.field);
    else splices.push(whole);
  }
  const ordered = byStart(splices, planDrops(drops, list));
  for (let i = 1; i < ordered.length; i++) {
    const previous = ordered[i - 1];
    const current = ordered[i];
    if (previous !== undefined && current !== undefined && current.start < previous.end) {
      throw new GatewayError('PAYLOAD_INVALID', `Edits overlap at offset ${current.start}; they do not come from one parse of this body`);
    }
  }
  return ordered;
}

/**
 * The edited and the dropped splices in one list by start, as a stable sort of the two joined would give.
 * Edits come in field order, so both lists nearly always are already, and a merge does: sort() copied the
 * list into a work array every request (~1.9 KB per 1 KB request with the bench's rules, V8's sampling
 * heap profile).
 */
function byStart(edited: Splice[], dropped: readonly Splice[]): Splice[] {
  if (!inOrder(edited) || !inOrder(dropped)) return [...edited, ...dropped].sort((a, b) => a.start - b.start);
  if (dropped.length === 0) return edited;
  const merged: Splice[] = [];
  let i = 0;
  let j = 0;
  while (i < edited.length || j < dropped.length) {
    const e = edited[i];
    const d = dropped[j];
    if (e !== undefined && (d === undefined || e.start <= d.start)) {
      merged.push(e);
      i++;
    } else if (d !== undefined) {
      merged.push(d);
      j++;
    }
  }
  return merged;
}

/**
 * Adjacent dropped siblings form a run removed in one piece: with the separator after it when a kept
 * member follows, else with the separator before it, else (the container empties) alone.
 */
function planDrops(drops: PayloadField[], list: ListSyntax): Splice[] {
  if (!inMemberOrder(drops)) drops.sort((a, b) => a.memberStart - b.memberStart);
  const splices: Splice[] = [];
  for (let i = 0; i < drops.length; i++) {
    const first = drops[i];
    if (first === undefined) break;
    let last = first;
    let after = list.after(last.memberEnd);
    for (let next = drops[i + 1]; next !== undefined && list.isSeparator(after) && list.before(next.memberStart) === after; next = drops[i + 1]) {
      last = next;
      after = list.after(last.memberEnd);
      i++;
    }
    const before = list.before(first.memberStart);
    if (list.isSeparator(after)) splices.push({ start: first.memberStart, end: list.nextStart(after), text: '' });
    else if (list.isSeparator(before)) splices.push({ start: before, end: last.memberEnd, text: '' });
    else splices.push({ start: first.memberStart, end: last.memberEnd, text: '' });
  }
  return splices;
}

function jsonSyntax(byteAt: ByteAt): ListSyntax {
  const skipForward = (pos: number): number => {
    while (isJsonWhitespace(byteAt(pos))) pos++;
    return pos;
  };
  return {
    before(pos) {
      pos--;
      while (isJsonWhitespace(byteAt(pos))) pos--;
      const c = byteAt(pos);
      if (c !== 0x2c && c !== 0x7b && c !== 0x5b) throw mismatch(pos);
      return pos;
    },
    after(pos) {
      pos = skipForward(pos);
      const c = byteAt(pos);
      if (c !== 0x2c && c !== 0x7d && c !== 0x5d) throw mismatch(pos);
      return pos;
    },
    isSeparator: (pos) => byteAt(pos) === 0x2c,
    nextStart: (pos) => skipForward(pos + 1),
  };
}

const AMPERSAND = 0x26;
const SEMICOLON = 0x3b;

function pairSyntax(byteAt: ByteAt, separator = AMPERSAND): ListSyntax {
  return {
    before: (pos) => pos - 1,
    after: (pos) => pos,
    isSeparator: (pos) => byteAt(pos) === separator,
    nextStart: (pos) => pos + 1,
  };
}

function mismatch(pos: number): GatewayError {
  return new GatewayError('PAYLOAD_INVALID', `A dropped field's neighbour at offset ${pos} is not a JSON separator; the edit does not come from this body`);
}

/**
 * A top-level JSON value cannot vanish and stay a document, so it becomes null; an NDJSON record
 * that is a bare scalar is removed with its line break (and its RFC 7464 record separator).
 */
function topLevelJsonDrop(field: PayloadField, format: 'json' | 'ndjson', byteAt: ByteAt): Splice | undefined {
  if (format === 'json') {
    return field.segments.length === 0 ? { start: field.valueStart, end: field.valueEnd, text: 'null' } : undefined;
  }
  if (field.segments.length !== 1) return undefined;
  let start = field.memberStart;
  let back = start - 1;
  while (byteAt(back) === 0x20 || byteAt(back) === 0x09) back--;
  if (byteAt(back) === 0x1e) start = back;
  let end = field.memberEnd;
  while (byteAt(end) === 0x20 || byteAt(end) === 0x09 || byteAt(end) === 0x0d) end++;
  if (byteAt(end) === 0x0a) end++;
  return { start, end, text: '' };
}

/** The replacement as a JSON token; a missing replacement redacts to null, never to the original. */
function jsonValue(replacement: ScalarValue | undefined): string {
  return JSON.stringify(replacement ?? null);
}

/** The replacement URL-encoded; a pair written without `=` gets one. */
function pairValue(edit: FieldEdit, byteAt: ByteAt): string {
  const { valueStart, memberStart } = edit.field;
  const hasEquals = valueStart > memberStart && byteAt(valueStart - 1) === 0x3d;
  return (hasEquals ? '' : '=') + encodeComponent(edit.replacement ?? null);
}

function inOrder(splices: readonly Splice[]): boolean {
  for (let i = 1; i < splices.length; i++) {
    if ((splices[i] as Splice).start < (splices[i - 1] as Splice).start) return false;
  }
  return true;
}

/** planDrops' list is in field order nearly always; sort() would copy it to find that out. */
function inMemberOrder(fields: readonly PayloadField[]): boolean {
  for (let i = 1; i < fields.length; i++) {
    if ((fields[i] as PayloadField).memberStart < (fields[i - 1] as PayloadField).memberStart) return false;
  }
  return true;
}
