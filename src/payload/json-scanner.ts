import { GatewayError } from '../errors.js';
import { formatPath, isIdentifier, ScannedField } from './field.js';
import type { PathSegment, PayloadField, ScalarValue } from './types.js';

/** A syntax problem at a byte offset; the caller words it for the declared content type. */
export class JsonSyntaxError extends Error {
  readonly reason: string;
  readonly offset: number;

  constructor(reason: string, offset: number) {
    super(`${reason} at byte ${offset}`);
    this.name = 'JsonSyntaxError';
    this.reason = reason;
    this.offset = offset;
  }
}

export interface ScanLimits {
  readonly maxDepth: number;
  readonly maxFields: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** Bytes allowed after a backslash: " \ / b f n r t u. */
const ESCAPABLE = new Uint8Array(256);
for (const c of '"\\/bfnrtu') ESCAPABLE[c.charCodeAt(0)] = 1;

const IDENTIFIER_START = new Uint8Array(256);
const IDENTIFIER_PART = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  const char = String.fromCharCode(c);
  IDENTIFIER_START[c] = /[A-Za-z_$]/.test(char) ? 1 : 0;
  IDENTIFIER_PART[c] = /[A-Za-z0-9_$]/.test(char) ? 1 : 0;
}

/** What a byte means inside a string, looked up once per byte. */
const PLAIN = 0;
const END = 1;
const ESCAPE = 2;
const CONTROL = 3;
const MULTIBYTE = 4;
const STRING_BYTE = new Uint8Array(256);
for (let c = 0; c < 256; c++) STRING_BYTE[c] = c < 0x20 ? CONTROL : c >= 0x80 ? MULTIBYTE : PLAIN;
STRING_BYTE[QUOTE] = END;
STRING_BYTE[BACKSLASH] = ESCAPE;

const HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;

export function isJsonWhitespace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isDigit(c: number | undefined): c is number {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

/**
 * One tokenizing pass over JSON bytes that yields a field per scalar leaf with its byte spans.
 * Iterative (the path array is the only stack), so hostile nesting cannot overflow the call stack,
 * and no objects are built from the payload, so keys such as `__proto__` are just strings.
 */
export class JsonScanner {
  private readonly buf: Buffer;
  /**
   * The body read as latin1 once: slicing it is far cheaper than a native decode per token, and
   * for ASCII tokens (the vast majority) it is the right text.
   */
  private readonly bytes: string;
  private readonly limits: ScanLimits;
  private readonly out: PayloadField[];
  private pos = 0;
  /** Set by scanString: how the string just scanned can be decoded. */
  private escaped = false;
  private nonAscii = false;
  /** Set by scanKey: the key as a path step, `.key` or `["a b"]`. */
  private keyPart = '';

  constructor(buf: Buffer, limits: ScanLimits, out: PayloadField[]) {
    this.buf = buf;
    this.bytes = buf.toString('latin1');
    this.limits = limits;
    this.out = out;
  }

  /** Offset of the first non-whitespace byte at or after `pos` (a UTF-8 BOM at offset 0 counts as whitespace). */
  skipWhitespace(pos: number): number {
    const buf = this.buf;
    if (pos === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
    while (isJsonWhitespace(buf[pos])) pos++;
    return pos;
  }

  /** Scans one JSON value at `start` (after whitespace) under `prefix`; returns the offset just after it. */
  scanValue(start: number, prefix: readonly PathSegment[]): number {
    const buf = this.buf;
    const segments: PathSegment[] = prefix.slice();
    // Path strings grow with the stack, one concatenation per member, so a field's path costs O(1).
    const containerPaths: string[] = [];
    const base = segments.length;
    const maxDepth = this.limits.maxDepth;
    let pos = this.skipWhitespace(start);
    let memberStart = pos;
    let memberPath = formatPath('body', prefix);

    for (;;) {
      // At a value.
      const c = buf[pos];
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (containerPaths.length >= maxDepth) {
          throw new GatewayError('PAYLOAD_INVALID', `JSON nesting deeper than ${maxDepth} levels at byte ${pos}`);
        }
        pos = this.skipWhitespace(pos + 1);
        if (c === OPEN_OBJECT) {
          if (buf[pos] !== CLOSE_OBJECT) {
            containerPaths.push(memberPath);
            memberStart = pos;
            const key = this.scanKey(pos);
            segments.push(key);
            memberPath += this.keyPart;
            pos = this.skipWhitespace(this.pos);
            continue;
          }
        } else if (buf[pos] !== CLOSE_ARRAY) {
          containerPaths.push(memberPath);
          memberStart = pos;
          segments.push(0);
          memberPath += '[0]';
          continue;
        }
        pos++; // empty container: no fields
      } else {
        const valueStart = pos;
        const value = this.scanScalar(pos, c);
        pos = this.pos;
        this.emit(segments, memberPath, value, valueStart, pos, memberStart);
      }

      // After a value: close containers until one continues with a comma.
      for (;;) {
        const containerPath = containerPaths[containerPaths.length - 1];
        if (containerPath === undefined) return pos;
        pos = this.skipWhitespace(pos);
        const top = segments[segments.length - 1];
        const d = buf[pos];
        if (typeof top === 'string') {
          if (d === COMMA) {
            pos = this.skipWhitespace(pos + 1);
            memberStart = pos;
            segments[segments.length - 1] = this.scanKey(pos);
            memberPath = containerPath + this.keyPart;
            pos = this.skipWhitespace(this.pos);
            break;
          }
          if (d !== CLOSE_OBJECT) throw this.unexpected(pos, "',' or '}' after an object member");
        } else if (top !== undefined) {
          if (d === COMMA) {
            pos = this.skipWhitespace(pos + 1);
            memberStart = pos;
            segments[segments.length - 1] = top + 1;
            memberPath = `${containerPath}[${top + 1}]`;
            break;
          }
          if (d !== CLOSE_ARRAY) throw this.unexpected(pos, "',' or ']' after an array item");
        }
        segments.pop();
        containerPaths.pop();
        pos++;
      }
    }
  }

  private emit(segments: PathSegment[], path: string, value: ScalarValue, valueStart: number, valueEnd: number, memberStart: number): void {
    const out = this.out;
    if (out.length >= this.limits.maxFields) {
      throw new GatewayError('PAYLOAD_INVALID', `Payload has more than ${this.limits.maxFields} fields`);
    }
    let key: string | undefined;
    for (let i = segments.length - 1; i >= 0; i--) {
      const segment = segments[i];
      if (typeof segment === 'string') {
        key = segment;
        break;
      }
    }
    out.push(new ScannedField('body', segments.slice(), path, key, value, valueStart, valueEnd, memberStart, valueEnd));
  }

  /** Scans `"key" :` at `pos`; leaves this.pos after the colon. */
  private scanKey(pos: number): string {
    if (this.buf[pos] !== QUOTE) throw this.unexpected(pos, 'a quoted object key');
    const end = this.scanString(pos);
    const key = this.decodeString(pos, end);
    const plain = !this.escaped && !this.nonAscii;
    this.keyPart = (plain ? this.isIdentifier(pos + 1, end - 1) : isIdentifier(key)) ? `.${key}` : `[${JSON.stringify(key)}]`;
    const colon = this.skipWhitespace(end);
    if (this.buf[colon] !== COLON) throw this.unexpected(colon, "':' after an object key");
    this.pos = colon + 1;
    return key;
  }

  /** Whether the plain ASCII bytes [start, end) form an identifier (as isIdentifier), without a regex. */
  private isIdentifier(start: number, end: number): boolean {
    const buf = this.buf;
    if (start === end || IDENTIFIER_START[buf[start] ?? 0] !== 1) return false;
    for (let i = start + 1; i < end; i++) {
      if (IDENTIFIER_PART[buf[i] ?? 0] !== 1) return false;
    }
    return true;
  }

  private scanScalar(pos: number, c: number | undefined): ScalarValue {
    if (c === QUOTE) {
      const end = this.scanString(pos);
      this.pos = end;
      return this.decodeString(pos, end);
    }
    if (c === 0x2d || isDigit(c)) return this.scanNumber(pos);
    if (c === 0x74 && this.literal(pos, 'true')) return true;
    if (c === 0x66 && this.literal(pos, 'false')) return false;
    if (c === 0x6e && this.literal(pos, 'null')) return null;
    throw this.unexpected(pos, 'a value');
  }

  private literal(pos: number, word: string): boolean {
    for (let i = 1; i < word.length; i++) {
      if (this.buf[pos + i] !== word.charCodeAt(i)) return false;
    }
    this.pos = pos + word.length;
    return true;
  }

  /** Validates the string whose opening quote is at `start`; returns the offset after its closing quote. */
  private scanString(start: number): number {
    const buf = this.buf;
    let escaped = false;
    let nonAscii = false;
    let pos = start + 1;
    for (;;) {
      const c = buf[pos];
      if (c === undefined) throw new JsonSyntaxError('unterminated string', start);
      const kind = STRING_BYTE[c];
      if (kind === PLAIN) {
        pos++;
      } else if (kind === END) {
        this.escaped = escaped;
        this.nonAscii = nonAscii;
        return pos + 1;
      } else if (kind === MULTIBYTE) {
        nonAscii = true;
        pos++;
      } else if (kind === ESCAPE) {
        pos = this.scanEscape(pos);
        escaped = true;
      } else {
        throw new JsonSyntaxError('unescaped control character in string', pos);
      }
    }
  }

  /** Validates the escape whose backslash is at `pos`; returns the offset after it. */
  private scanEscape(pos: number): number {
    const buf = this.buf;
    const e = buf[pos + 1];
    if (e === undefined || ESCAPABLE[e] !== 1) throw new JsonSyntaxError('invalid escape in string', pos);
    if (e !== 0x75) return pos + 2;
    for (let i = 2; i < 6; i++) {
      const h = buf[pos + i];
      if (h === undefined || HEX[h] !== 1) throw new JsonSyntaxError('invalid \\u escape in string', pos);
    }
    return pos + 6;
  }

  /** Decodes the string token [start, end) just validated by scanString. */
  private decodeString(start: number, end: number): string {
    if (this.escaped) {
      // The token is valid JSON already; parsing one string token is the cheapest correct unescape.
      const token = this.nonAscii ? this.buf.toString('utf8', start, end) : this.bytes.slice(start, end);
      const decoded: unknown = JSON.parse(token);
      if (typeof decoded !== 'string') throw new JsonSyntaxError('invalid string', start);
      return decoded;
    }
    return this.nonAscii ? this.buf.toString('utf8', start + 1, end - 1) : this.bytes.slice(start + 1, end - 1);
  }

  /**
   * Numbers become JS numbers unless that would change them: integers beyond 2^53 (IMEIs, serials)
   * and out-of-range exponents keep their exact text as a string.
   */
  private scanNumber(start: number): ScalarValue {
    const buf = this.buf;
    let pos = start;
    let c = buf[pos];
    const negative = c === 0x2d;
    if (negative) c = buf[++pos];
    let integer = 0;
    let plain = true;
    if (c === 0x30) {
      c = buf[++pos];
      if (isDigit(c)) throw new JsonSyntaxError('leading zero in number', pos - 1);
    } else if (isDigit(c)) {
      do {
        integer = integer * 10 + (c - 0x30);
        c = buf[++pos];
      } while (isDigit(c));
    } else {
      throw new JsonSyntaxError('invalid number', start);
    }
    if (c === 0x2e) {
      plain = false;
      c = buf[++pos];
      if (!isDigit(c)) throw new JsonSyntaxError('expected a digit after the decimal point', pos);
      while (isDigit(c)) c = buf[++pos];
    }
    if (c === 0x65 || c === 0x45) {
      plain = false;
      c = buf[++pos];
      if (c === 0x2b || c === 0x2d) c = buf[++pos];
      if (!isDigit(c)) throw new JsonSyntaxError('expected a digit in the exponent', pos);
      while (isDigit(c)) c = buf[++pos];
    }
    this.pos = pos;
    if (plain && pos - start <= 15) return negative ? -integer : integer;
    const text = this.bytes.slice(start, pos);
    const value = Number(text);
    if (!Number.isFinite(value) || (plain && !Number.isSafeInteger(value))) return text;
    return value;
  }

  private unexpected(pos: number, expected: string): JsonSyntaxError {
    const c = this.buf[pos];
    if (c === undefined) return new JsonSyntaxError(`unexpected end of input, expected ${expected}`, pos);
    const shown = c >= 0x21 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
    return new JsonSyntaxError(`unexpected ${shown}, expected ${expected}`, pos);
  }
}

/** Leaves of a body holding exactly one JSON value (surrounding whitespace allowed). */
export function scanJsonDocument(buf: Buffer, limits: ScanLimits): PayloadField[] {
  const out: PayloadField[] = [];
  const scanner = new JsonScanner(buf, limits, out);
  const end = scanner.skipWhitespace(scanner.scanValue(0, []));
  if (end < buf.length) throw new JsonSyntaxError('unexpected data after the JSON value', end);
  return out;
}
