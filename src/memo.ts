/**
 * Results of a pure function of a string, remembered: for keys and values that repeat request after
 * request (a device sends the same document shape and mostly the same identifiers). Keys come from
 * senders, so the memo is bounded in entries and key length, and starts over when full: a flood of new
 * keys costs a recomputation each, never memory.
 */
export class BoundedMemo<V> {
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxKeyLength: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, compute: (key: string) => V): V {
    if (key.length > this.maxKeyLength) return compute(key);
    let value = this.entries.get(key);
    if (value === undefined) {
      value = compute(key);
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, value);
    }
    return value;
  }
}
