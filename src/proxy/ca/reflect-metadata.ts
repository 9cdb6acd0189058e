/**
 * @peculiar/x509 (through tsyringe) needs `Reflect.getMetadata` at load time and the project does not
 * ship `reflect-metadata`. This is the small subset tsyringe calls (define/get/getOwn), kept in a
 * WeakMap; it steps aside when a real polyfill is already installed. Import it before '@peculiar/x509'.
 */
type MetadataTarget = object;
type MetadataStore = Map<unknown, unknown>;

interface ReflectMetadata {
  defineMetadata(key: unknown, value: unknown, target: MetadataTarget): void;
  getOwnMetadata(key: unknown, target: MetadataTarget): unknown;
  getMetadata(key: unknown, target: MetadataTarget): unknown;
}

const reflect = Reflect as typeof Reflect & Partial<ReflectMetadata>;

if (typeof reflect.getMetadata !== 'function') {
  const stores = new WeakMap<MetadataTarget, MetadataStore>();
  const own = (key: unknown, target: MetadataTarget): unknown => stores.get(target)?.get(key);
  Object.assign(reflect, {
    defineMetadata(key: unknown, value: unknown, target: MetadataTarget): void {
      const store = stores.get(target) ?? new Map<unknown, unknown>();
      store.set(key, value);
      stores.set(target, store);
    },
    getOwnMetadata: own,
    getMetadata(key: unknown, target: MetadataTarget): unknown {
      // Walk the prototype chain like reflect-metadata does.
      for (let t: MetadataTarget | null = target; t !== null; t = Object.getPrototypeOf(t) as MetadataTarget | null) {
        const value = own(key, t);
        if (value !== undefined) return value;
      }
      return undefined;
    },
  } satisfies ReflectMetadata);
}
