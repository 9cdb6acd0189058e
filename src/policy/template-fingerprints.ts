import type { ScalarValue } from '../payload/index.js';

/**
 * The last fingerprinted value list of each field template, as the exact JSON text the fingerprint was
 * taken of, with its fingerprint. A device sends the same serial, MAC and Wi-Fi list request after request:
 * checking the new values against that text (no string built, nothing allocated) answers most templates
 * without JSON.stringify, a memo lookup of the text or an HMAC. Only a list whose JSON is the stored text
 * matches, so the fingerprint is the one a fresh computation would give.
 *
 * The text is a copy (JSON.stringify's own string), never the parsed values, which may be slices of the
 * request body and would keep it alive. Bounded: MAX_TEMPLATES entries of at most MAX_TEXT characters
 * (about 2 MB at worst); the memo starts over when full, like BoundedMemo.
 */
export class TemplateFingerprints {
  private readonly last = new Map<string, { readonly text: string; readonly fingerprint: string }>();

  /** The remembered fingerprint when `values` are the template's last list, else undefined. */
  lookup(template: string, values: readonly ScalarValue[]): string | undefined {
    const entry = this.last.get(template);
    return entry !== undefined && isJsonOf(entry.text, values) ? entry.fingerprint : undefined;
  }

  /** Remembers the list's JSON `text` (JSON.stringify of the values) and its fingerprint. */
  remember(template: string, text: string, fingerprint: string): void {
    if (text.length > MAX_TEXT || template.length > MAX_TEXT) return;
    if (this.last.size >= MAX_TEMPLATES && !this.last.has(template)) this.last.clear();
    this.last.set(template, { text, fingerprint });
  }
}

const MAX_TEMPLATES = 512;
const MAX_TEXT = 4096;

/** True when `text` is exactly JSON.stringify(values). */
export function isJsonOf(text: string, values: readonly ScalarValue[]): boolean {
  if (text.charCodeAt(0) !== OPEN) return false;
  let at = 1;
  for (let i = 0; i < values.length; i++) {
    if (i > 0) {
      if (text.charCodeAt(at) !== COMMA) return false;
      at++;
    }
    at = scalarEnd(text, at, values[i] ?? null);
    if (at < 0) return false;
  }
  return text.charCodeAt(at) === CLOSE && at + 1 === text.length;
}

/** Where `value`'s JSON ends when it is in `text` at `at`, else -1. */
function scalarEnd(text: string, at: number, value: ScalarValue): number {
  if (typeof value === 'string') return stringEnd(text, at, value);
  // Numbers convert through V8's number-to-string cache; non-finite ones are `null` in JSON.
  const literal = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : 'null') : String(value);
  return text.startsWith(literal, at) ? at + literal.length : -1;
}

/**
 * A string's JSON compared in place, escapes included, as JSON.stringify writes them: `\"`, `\\`, the short
 * escapes of control characters (`\n`), `\u00XX` for the others and `\udXXX` for a lone surrogate (lowercase
 * hex). A surrogate pair (an emoji) is written as it is. Answering "unsure" for a quote sent a device's list of
 * notes (`door "front"`) to JSON.stringify and an HMAC of the whole list every request (a list's text is past
 * the text memo's 512 characters).
 */
function stringEnd(text: string, at: number, value: string): number {
  if (text.charCodeAt(at) !== QUOTE) return -1;
  let pos = at + 1;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x20 && c !== QUOTE && c !== BACKSLASH && (c < 0xd800 || c > 0xdfff)) {
      if (text.charCodeAt(pos) !== c) return -1;
      pos++;
      continue;
    }
    const low = value.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
      if (text.charCodeAt(pos) !== c || text.charCodeAt(pos + 1) !== low) return -1;
      i++;
      pos += 2;
      continue;
    }
    pos = escapeEnd(text, pos, c);
    if (pos < 0) return -1;
  }
  return text.charCodeAt(pos) === QUOTE ? pos + 1 : -1;
}

/** Where JSON.stringify's escape of the code unit `c` ends when it is in `text` at `at`, else -1. */
function escapeEnd(text: string, at: number, c: number): number {
  if (text.charCodeAt(at) !== BACKSLASH) return -1;
  const short = SHORT_ESCAPES.get(c);
  if (short !== undefined) return text.charCodeAt(at + 1) === short ? at + 2 : -1;
  // A control character without a short escape, or a lone surrogate: rare, so the text is built.
  return text.startsWith(`u${c.toString(16).padStart(4, '0')}`, at + 1) ? at + 6 : -1;
}

/** The code units JSON.stringify escapes with one character: `"`, `\\`, b, t, n, f, r. */
const SHORT_ESCAPES = new Map<number, number>([
  [0x22, 0x22],
  [0x5c, 0x5c],
  [0x08, 0x62],
  [0x09, 0x74],
  [0x0a, 0x6e],
  [0x0c, 0x66],
  [0x0d, 0x72],
]);

const OPEN = 0x5b;
const CLOSE = 0x5d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
