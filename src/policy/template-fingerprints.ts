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
  private readonly last = new Map<string, TemplateEntry>();

  /** The template's last list, for a FingerprintLists pass to check values against one at a time. */
  entry(template: string): TemplateEntry | undefined {
    return this.last.get(template);
  }

  /** Remembers the list's JSON `text` (JSON.stringify of the values) and its fingerprint. */
  remember(template: string, text: string, fingerprint: string): void {
    if (text.length > MAX_TEXT || template.length > MAX_TEXT) return;
    if (this.last.size >= MAX_TEMPLATES && !this.last.has(template)) this.last.clear();
    this.last.set(template, { text, fingerprint });
  }
}

interface TemplateEntry {
  readonly text: string;
  readonly fingerprint: string;
}

/**
 * One request's fingerprints, one per template, fed its values in payload order (`add`) instead of gathered
 * into a list per template first. Each template's values are checked against its last list's text as they
 * come; only a template whose list differs (or is new) keeps its values from the first that differs on, and
 * its text is the part that matched followed by JSON.stringify of those values, which is exactly
 * JSON.stringify of the whole list, so its fingerprint is the one fingerprint(...values) gives. The text is
 * JSON.stringify's own string, never the values themselves, which may be slices of the body.
 */
export class FingerprintLists {
  private readonly lists = new Map<string, ListState>();

  constructor(
    private readonly templates: TemplateFingerprints,
    private readonly fingerprintOfText: (text: string) => string,
  ) {}

  add(template: string, value: ScalarValue): void {
    const state = this.lists.get(template);
    if (state === undefined) {
      const entry = this.templates.entry(template);
      const at = entry === undefined ? -1 : scalarEnd(entry.text, 1, value);
      this.lists.set(template, { entry, at, prefix: 1, rest: at < 0 ? [value] : undefined });
      return;
    }
    const rest = state.rest;
    if (rest !== undefined) {
      rest.push(value);
      return;
    }
    const text = (state.entry as TemplateEntry).text;
    const end = text.charCodeAt(state.at) === COMMA ? scalarEnd(text, state.at + 1, value) : -1;
    if (end >= 0) state.at = end;
    else {
      state.prefix = state.at;
      state.rest = [value];
    }
  }

  /** The fingerprint of each template's list, in the order the templates first came. */
  finish(): Map<string, string> {
    const fingerprints = new Map<string, string>();
    this.lists.forEach((state, template) => {
      const entry = state.entry;
      const rest = state.rest;
      if (rest === undefined && entry !== undefined && state.at + 1 === entry.text.length && entry.text.charCodeAt(state.at) === CLOSE) {
        fingerprints.set(template, entry.fingerprint);
        return;
      }
      const text = textOf(entry, rest === undefined ? state.at : state.prefix, rest);
      const fingerprint = this.fingerprintOfText(text);
      this.templates.remember(template, text, fingerprint);
      fingerprints.set(template, fingerprint);
    });
    return fingerprints;
  }
}

/** JSON.stringify of the list: the last list's text up to `prefix` (its first values, or `[`), then `rest`. */
function textOf(entry: TemplateEntry | undefined, prefix: number, rest: readonly ScalarValue[] | undefined): string {
  if (entry === undefined || prefix <= 1) return JSON.stringify(rest ?? []);
  const head = entry.text.slice(0, prefix);
  return rest === undefined ? `${head}]` : `${head},${JSON.stringify(rest).slice(1)}`;
}

/**
 * Where one template's list stands: `at` is the end of the last value that matched the template's last list
 * (`entry.text`); once one differs, `rest` holds the values from it on and `prefix` where the match ended.
 */
interface ListState {
  readonly entry: TemplateEntry | undefined;
  at: number;
  prefix: number;
  rest: ScalarValue[] | undefined;
}

const MAX_TEMPLATES = 512;
const MAX_TEXT = 4096;

/** Where `value`'s JSON ends when it is in `text` at `at`, else -1. */
function scalarEnd(text: string, at: number, value: ScalarValue): number {
  if (typeof value === 'string') return stringEnd(text, at, value);
  // Numbers convert through V8's number-to-string cache; non-finite ones are `null` in JSON.
  const literal = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : 'null') : String(value);
  return text.startsWith(literal, at) ? at + literal.length : -1;
}

/**
 * A string JSON writes as it is, compared in place: -1 (unsure) for a quote, backslash, control character
 * or lone surrogate, which JSON escapes. A surrogate pair (an emoji) is written as it is.
 */
function stringEnd(text: string, at: number, value: string): number {
  if (text.charCodeAt(at) !== QUOTE) return -1;
  let pos = at + 1;
  for (let i = 0; i < value.length; i++, pos++) {
    const c = value.charCodeAt(i);
    if (c === QUOTE || c === BACKSLASH || c < 0x20) return -1;
    if (c >= 0xd800 && c <= 0xdfff) {
      const low = value.charCodeAt(i + 1);
      if (c > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) return -1;
      if (text.charCodeAt(pos) !== c) return -1;
      i++;
      pos++;
      if (text.charCodeAt(pos) !== low) return -1;
      continue;
    }
    if (text.charCodeAt(pos) !== c) return -1;
  }
  return text.charCodeAt(pos) === QUOTE ? pos + 1 : -1;
}

const CLOSE = 0x5d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
