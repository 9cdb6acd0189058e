/**
 * The bytes of the journal's next write, encoded piece by piece into one Buffer kept across records.
 *
 * A journal line joined as a string is a rope of its pieces: writing it (or measuring its UTF-8 length)
 * first copies it into one flat string, ~2 KB of garbage per 1 KB request on top of the pieces themselves
 * (V8's heap profile under load, BENCHMARKS.md perf14-alloc). Encoding each piece straight into a kept
 * Buffer makes no joined string at all; the pieces are JSON.stringify's flat output and short numbers.
 */
const INITIAL_BYTES = 16 * 1024;
/** A buffer grown past this for one long line (a shape of thousands of fields) is let go once it is written. */
const MAX_KEPT_BYTES = 256 * 1024;
/** UTF-8 takes at most three bytes per UTF-16 unit (a surrogate pair: four bytes for two units). */
const MAX_BYTES_PER_UNIT = 3;

export class LineBuffer {
  private buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  private used = 0;

  /** Bytes written since the last clear. */
  get length(): number {
    return this.used;
  }

  /** The buffer holding the bytes (valid up to `length`, until the next write). */
  get bytes(): Buffer {
    return this.buffer;
  }

  clear(): void {
    this.used = 0;
    if (this.buffer.length > MAX_KEPT_BYTES) this.buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  }

  /** Appends `text` as UTF-8. */
  text(text: string): this {
    this.reserve(text.length * MAX_BYTES_PER_UNIT);
    this.used += this.buffer.write(text, this.used, 'utf8');
    return this;
  }

  /** Appends a number as JSON writes it. */
  number(value: number): this {
    return this.text(JSON.stringify(value));
  }

  /**
   * Appends a JSON object's members after the ones already written: `json` is an object's JSON, and its
   * opening brace becomes the comma that joins it to them (`{"a":1` + `{"b":2}` → `{"a":1,"b":2}`).
   */
  moreMembers(json: string): this {
    const at = this.used;
    this.text(json);
    if (this.buffer[at] !== OPEN_BRACE) throw new TypeError('moreMembers takes an object\'s JSON');
    this.buffer[at] = COMMA;
    return this;
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + bytes));
    this.buffer.copy(grown, 0, 0, this.used);
    this.buffer = grown;
  }
}

const OPEN_BRACE = 0x7b;
const COMMA = 0x2c;
