import { GatewayError } from '../errors.js';
import { formatPath, QueryField, ScannedField } from './field.js';
import type { FieldSource, PayloadField } from './types.js';

const EQUALS = 0x3d;
const PERCENT = 0x25;
const PLUS = 0x2b;

/**
 * Fields of `name=value&name=value` text. Offsets are indices into `text`; for a form body the text is
 * the body read as latin1, so indices are byte offsets and `bytesAsLatin1` tells the decoder to treat
 * characters >= 0x80 as raw UTF-8 bytes. Every occurrence of a repeated name gets the same path, so a
 * rule written for `$query.imei` covers all of them.
 */
export function scanUrlEncoded(text: string, source: FieldSource, bytesAsLatin1: boolean, maxFields: number): PayloadField[] {
  const fields: PayloadField[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('&', start);
    if (end === -1) end = text.length;
    if (end > start) {
      if (fields.length >= maxFields) {
        throw new GatewayError('PAYLOAD_INVALID', `Payload has more than ${maxFields} fields`);
      }
      fields.push(scanPair(text, start, end, source, bytesAsLatin1));
    }
    start = end + 1;
  }
  return fields;
}

/** One `name=value` pair of `text[start, end)` as a field. */
export function scanPair(text: string, start: number, end: number, source: FieldSource, bytesAsLatin1: boolean): PayloadField {
  let equals = -1;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) === EQUALS) {
      equals = i;
      break;
    }
  }
  const nameEnd = equals === -1 ? end : equals;
  const valueStart = equals === -1 ? end : equals + 1;
  const name = decodeComponent(text, start, nameEnd, bytesAsLatin1);
  const value = decodeComponent(text, valueStart, end, bytesAsLatin1);
  // One key and no index: the path is its own template.
  const path = formatPath(source, [name]);
  const Field = source === 'query' ? QueryField : ScannedField;
  return new Field(undefined, name, path, path, value, valueStart, end, start);
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** URL-decodes `text[start, end)` with `+` as space; a malformed `%` escape stays as written, like URLSearchParams. */
export function decodeComponent(text: string, start: number, end: number, bytesAsLatin1: boolean): string {
  let plain = true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === PERCENT || c === PLUS || c >= 0x80) {
      plain = false;
      break;
    }
  }
  if (plain) return text.slice(start, end);
  const bytes: number[] = [];
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === PLUS) {
      bytes.push(0x20);
    } else if (c === PERCENT && i + 2 < end && hexValue(text.charCodeAt(i + 1)) >= 0 && hexValue(text.charCodeAt(i + 2)) >= 0) {
      bytes.push(hexValue(text.charCodeAt(i + 1)) * 16 + hexValue(text.charCodeAt(i + 2)));
      i += 2;
    } else if (c < 0x80 || bytesAsLatin1) {
      bytes.push(c);
    } else {
      const codePoint = text.codePointAt(i) ?? c;
      for (const b of Buffer.from(String.fromCodePoint(codePoint), 'utf8')) bytes.push(b);
      if (codePoint > 0xffff) i++;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Encodes a replacement for a form or query value. */
export function encodeComponent(value: string | number | boolean | null): string {
  return value === null ? '' : encodeURIComponent(String(value));
}
