import type { ScalarValue } from '../payload/index.js';

/**
 * The last fingerprinted value list of each field template, with its fingerprint. A device sends the same
 * serial, MAC and Wi-Fi list request after request: comparing the new values with the last ones, value by value
 * (`===`, nothing built or allocated), answers most templates without JSON.stringify, a memo lookup of the
 * text or an HMAC. The values kept are JSON.parse of the exact text the fingerprint was taken of, so a list
 * equal to them has that text and the fingerprint is the one a fresh computation would give (0 and -0 are
 * equal and both written `0`).
 *
 * Why a parsed copy, not the request's values: the scanner's strings are slices of the request body's text,
 * and V8 keeps a slice's whole parent alive; JSON.parse's strings are their own. Until 2026-12-07 the text was
 * kept and walked character by character against the values: ~15 of fingerprintsOf's ~25 µs per 10 KB bench
 * body (400 values in 16 templates), where the comparison by value is a few µs.
 *
 * Bounded: MAX_TEMPLATES entries; a list is kept when its text is at most MAX_TEXT characters and it costs at
 * most MAX_KEPT_BYTES by estimate (the text's characters and KEPT_BYTES_PER_VALUE a value for its slot and a
 * string's header): about 4 MB at worst. The memo starts over when full, like BoundedMemo.
 */
export class TemplateFingerprints {
  private readonly last = new Map<string, { readonly values: readonly ScalarValue[]; readonly fingerprint: string }>();

  /** The remembered fingerprint when `values` are the template's last list, else undefined. */
  lookup(template: string, values: readonly ScalarValue[]): string | undefined {
    const entry = this.last.get(template);
    return entry !== undefined && sameValues(entry.values, values) ? entry.fingerprint : undefined;
  }

  /** Remembers the list whose JSON is `text` (JSON.stringify of the values) and its fingerprint. */
  remember(template: string, text: string, fingerprint: string): void {
    if (text.length > MAX_TEXT || template.length > MAX_TEXT) return;
    const values = JSON.parse(text) as ScalarValue[];
    if (text.length + KEPT_BYTES_PER_VALUE * values.length > MAX_KEPT_BYTES) return;
    if (this.last.size >= MAX_TEMPLATES && !this.last.has(template)) this.last.clear();
    this.last.set(template, { values, fingerprint });
  }
}

const MAX_TEMPLATES = 512;
const MAX_TEXT = 4096;
const MAX_KEPT_BYTES = 8192;
/** An array slot (8 bytes) and a string's header (16). */
const KEPT_BYTES_PER_VALUE = 24;

/** True when both lists hold the same values in the same order (their JSON texts are then the same). */
function sameValues(kept: readonly ScalarValue[], values: readonly ScalarValue[]): boolean {
  if (kept.length !== values.length) return false;
  for (let i = 0; i < kept.length; i++) if (kept[i] !== values[i]) return false;
  return true;
}
