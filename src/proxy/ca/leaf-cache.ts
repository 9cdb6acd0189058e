/**
 * A bounded least-recently-used map of in-flight or finished leaf promises. Storing the promise (not
 * the result) is what makes concurrent requests for one name share a single minting.
 */
export class LeafCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** Returns the cached promise for `key`, or stores and returns `create()`; failures are not kept. */
  getOrCreate(key: string, create: () => Promise<T>, isFresh: (value: T) => boolean = () => true): Promise<T> {
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      // Re-insert so Map order stays least-recently-used first.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.then((value) => (isFresh(value) ? value : this.replace(key, cached, create)));
    }
    return this.store(key, create);
  }

  private replace(key: string, stale: Promise<T>, create: () => Promise<T>): Promise<T> {
    const current = this.entries.get(key);
    // Another caller may already have replaced the stale entry; share theirs.
    if (current !== undefined && current !== stale) return current;
    this.entries.delete(key);
    return this.store(key, create);
  }

  private store(key: string, create: () => Promise<T>): Promise<T> {
    const promise = create();
    this.entries.set(key, promise);
    promise.catch(() => {
      if (this.entries.get(key) === promise) this.entries.delete(key);
    });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
    return promise;
  }
}
