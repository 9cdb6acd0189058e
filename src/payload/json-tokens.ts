/** Token-level pieces of the JSON scanner: byte tables, string and number tokens, syntax errors. */

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

export const QUOTE = 0x22;
const BACKSLASH = 0x5c;

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

/** Bytes allowed after a backslash: " \ / b f n r t u. */
const ESCAPABLE = new Uint8Array(256);
for (const c of '"\\/bfnrtu') ESCAPABLE[c.charCodeAt(0)] = 1;

const HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;

export const STRING_ESCAPED = 1;
export const STRING_NON_ASCII = 2;

/**
 * Flags of the string stringEnd last validated. A second return value kept in a module variable
 * because this runs once per key and string value, where allocating a result would dominate.
 */
export let stringFlags = 0;

export function isDigit(c: number | undefined): c is number {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

/** Validates the string whose opening quote is at `start`; returns the offset after its closing quote. */
export function stringEnd(buf: Buffer, start: number): number {
  let flags = 0;
  let pos = start + 1;
  for (;;) {
    const c = buf[pos];
    if (c === undefined) throw new JsonSyntaxError('unterminated string', start);
    const kind = STRING_BYTE[c];
    if (kind === PLAIN) {
      pos++;
    } else if (kind === END) {
      stringFlags = flags;
      return pos + 1;
    } else if (kind === MULTIBYTE) {
      flags |= STRING_NON_ASCII;
      pos++;
    } else if (kind === ESCAPE) {
      pos = escapeEnd(buf, pos);
      flags |= STRING_ESCAPED;
    } else {
      throw new JsonSyntaxError('unescaped control character in string', pos);
    }
  }
}

function escapeEnd(buf: Buffer, pos: number): number {
  const e = buf[pos + 1];
  if (e === undefined || ESCAPABLE[e] !== 1) throw new JsonSyntaxError('invalid escape in string', pos);
  if (e !== 0x75) return pos + 2;
  for (let i = 2; i < 6; i++) {
    const h = buf[pos + i];
    if (h === undefined || HEX[h] !== 1) throw new JsonSyntaxError('invalid \\u escape in string', pos);
  }
  return pos + 6;
}

/**
 * Decodes the string token [start, end) that stringEnd validated with `flags`. `bytes` is the body
 * read as latin1: slicing it is far cheaper than a native decode per token, and right for ASCII.
 */
export function decodeString(buf: Buffer, bytes: string, start: number, end: number, flags: number): string {
  if (flags === 0) return bytes.slice(start + 1, end - 1);
  if ((flags & STRING_ESCAPED) === 0) return buf.toString('utf8', start + 1, end - 1);
  // The token is valid JSON already; parsing one string token is the cheapest correct unescape.
  const decoded: unknown = JSON.parse((flags & STRING_NON_ASCII) === 0 ? bytes.slice(start, end) : buf.toString('utf8', start, end));
  if (typeof decoded !== 'string') throw new JsonSyntaxError('invalid string', start);
  return decoded;
}

/** Set by scanNumber (a second result, as stringFlags): the offset just after the number it read. */
export let numberEndAt = 0;

/**
 * Validates the number at `start` and returns its value (numberValue's), its end in `numberEndAt`. One
 * pass: the digits are summed while they are validated, so a plain number (no exponent, at most 16
 * characters after the sign, a safe integer of digits) is not read twice; any other goes to numberValue.
 */
export function scanNumber(buf: Buffer, bytes: string, start: number): number | string {
  let pos = start;
  let c = buf[pos];
  const negative = c === 0x2d;
  if (negative) c = buf[++pos];
  const digitsStart = pos;
  let digits = 0;
  if (c === 0x30) {
    c = buf[++pos];
    if (isDigit(c)) throw new JsonSyntaxError('leading zero in number', pos - 1);
  } else if (isDigit(c)) {
    do {
      digits = digits * 10 + (c - 0x30);
      c = buf[++pos];
    } while (isDigit(c));
  } else {
    throw new JsonSyntaxError('invalid number', start);
  }
  let fraction = 0;
  if (c === 0x2e) {
    c = buf[++pos];
    if (!isDigit(c)) throw new JsonSyntaxError('expected a digit after the decimal point', pos);
    do {
      digits = digits * 10 + (c - 0x30);
      fraction++;
      c = buf[++pos];
    } while (isDigit(c));
  }
  let exponent = false;
  if (c === 0x65 || c === 0x45) {
    exponent = true;
    c = buf[++pos];
    if (c === 0x2b || c === 0x2d) c = buf[++pos];
    if (!isDigit(c)) throw new JsonSyntaxError('expected a digit in the exponent', pos);
    while (isDigit(c)) c = buf[++pos];
  }
  numberEndAt = pos;
  if (!exponent && pos - digitsStart <= 16 && digits <= Number.MAX_SAFE_INTEGER) {
    // numberValue's fast path, the same sums in the same order.
    const value = fraction > 0 ? digits / (POWERS_OF_TEN[fraction] ?? 1) : digits;
    return negative ? -value : value;
  }
  return numberValue(buf, bytes, start, pos);
}

/** 10^0 … 10^22: every one is exactly a double, so dividing by it rounds once (see numberValue). */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * The value of the number token [start, end). Numbers become JS numbers unless that would change
 * them: integers beyond 2^53 (IMEIs, serials) and out-of-range exponents keep their exact text.
 * Up to 15 significant digits with a plain fraction, the digits as an integer divided by a power of
 * ten is exactly what Number() gives (both operands are exact doubles, so the division rounds once:
 * the classic fast path of decimal parsing), without slicing the token into a string.
 */
export function numberValue(buf: Buffer, bytes: string, start: number, end: number): number | string {
  const negative = buf[start] === 0x2d;
  let digits = 0;
  let pos = negative ? start + 1 : start;
  if (end - pos <= 16) {
    let fraction = -1;
    for (; pos < end; pos++) {
      const c = buf[pos];
      if (c === 0x2e && fraction === -1) {
        fraction = 0;
        continue;
      }
      if (!isDigit(c)) break;
      digits = digits * 10 + (c - 0x30);
      if (fraction >= 0) fraction++;
    }
    if (pos === end && digits <= Number.MAX_SAFE_INTEGER) {
      const value = fraction > 0 ? digits / (POWERS_OF_TEN[fraction] ?? 1) : digits;
      return negative ? -value : value;
    }
  }
  const text = bytes.slice(start, end);
  const value = Number(text);
  const plain = !text.includes('.') && !text.includes('e') && !text.includes('E');
  if (!Number.isFinite(value) || (plain && !Number.isSafeInteger(value))) return text;
  return value;
}
