import { ShapeTrace, type TracedFormat } from './body-shape.js';
import type { PayloadField } from './types.js';

/**
 * The leaves of one body while a scanner finds them. Pushing onto a fresh array regrows it a dozen
 * times for a 10 KB body (~2.7× its final size allocated, each copy garbage); this buffer is reused for
 * every body, so each body's list is allocated once, at its size (`take`). It keeps no field between
 * bodies (emptied by `take` and `reset`); its capacity is the most leaves one body had, at most the
 * parser's `maxFields` (10,000 by default: 80 KB).
 */
export class FieldList {
  private readonly items: (PayloadField | undefined)[] = [];
  private size = 0;
  private busy = false;
  /** The body's shape as the scanner meets it (body-shape.ts); a JSON scanner writes it, other scanners leave it off. */
  readonly shape = new ShapeTrace();

  get length(): number {
    return this.size;
  }

  push(field: PayloadField): void {
    if (this.size < this.items.length) this.items[this.size] = field;
    else this.items.push(field);
    this.size++;
  }

  /** This body's leaves as their own array; the buffer is emptied for the next body. */
  take(): PayloadField[] {
    // Only fields were pushed below `size`: a packed copy of exactly those.
    const out = this.items.slice(0, this.size) as PayloadField[];
    this.reset();
    return out;
  }

  /** Forgets what a failed scan found. */
  reset(): void {
    this.items.fill(undefined, 0, this.size);
    this.size = 0;
  }

  /**
   * Runs `scan` with this buffer, or with a fresh one should a scan ever run inside another; `traced`: the
   * format whose shape the scan records (the leaves are then registered with it, see scannedShape).
   */
  static using(scan: (list: FieldList) => void, traced?: TracedFormat): PayloadField[] {
    const list = shared.busy ? new FieldList() : shared;
    list.busy = true;
    list.shape.begin(traced);
    try {
      scan(list);
      const fields = list.take();
      list.shape.end(fields);
      return fields;
    } finally {
      list.reset();
      list.shape.end(NO_LEAVES);
      list.busy = false;
    }
  }
}

const shared = new FieldList();
const NO_LEAVES: readonly PayloadField[] = [];
