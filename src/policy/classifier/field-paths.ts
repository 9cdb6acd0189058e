import type { PayloadField } from '../../payload/index.js';

/**
 * Paths of a field's record and its ancestors, which the structure detectors use as map keys many times
 * per payload (a dozen passes over every field). Each field's are made once and kept with the field
 * (a WeakMap: they go when the parsed payload goes), so every pass looks up the same string, whose hash
 * is already computed, instead of slicing and joining a new one.
 */
interface FieldPathCache {
  parent?: string;
  /** prefixes[n]: the path of the first n segments (`$`, `$.a`, `$.a[0]`, …), filled on first use. */
  prefixes?: string[];
}

const cache = new WeakMap<PayloadField, FieldPathCache>();

function entryOf(field: PayloadField): FieldPathCache {
  let entry = cache.get(field);
  if (entry === undefined) {
    entry = {};
    cache.set(field, entry);
  }
  return entry;
}

/** Parent path of a field: its path without the last step (`$.a[0]` for `$.a[0].b`), without a regex. */
export function parentPath(field: PayloadField): string {
  const entry = entryOf(field);
  entry.parent ??= parentPathOf(field);
  return entry.parent;
}

function parentPathOf(field: PayloadField): string {
  const segments = field.segments;
  const last = segments[segments.length - 1];
  if (last === undefined) return '';
  const path = field.path;
  if (typeof last === 'number' || path.charCodeAt(path.length - 1) === 93 /* ] */) {
    const step = typeof last === 'number' ? String(last).length + 2 : JSON.stringify(last).length + 2;
    return path.slice(0, Math.max(0, path.length - step));
  }
  return path.slice(0, Math.max(0, path.length - last.length - 1));
}

/**
 * A path like the parser's for the first `end` segments of a field (`$.a[0]` for an ancestor); a negative
 * `end` counts from the last segment, as `Array.prototype.slice(0, end)` does.
 */
export function prefixKey(field: PayloadField, end: number): string {
  const segments = field.segments;
  const n = end < 0 ? Math.max(0, segments.length + end) : Math.min(end, segments.length);
  const entry = entryOf(field);
  let prefixes = entry.prefixes;
  if (prefixes === undefined) {
    prefixes = [field.source === 'query' ? '$query' : '$'];
    entry.prefixes = prefixes;
  }
  for (let i = prefixes.length; i <= n; i++) prefixes.push(step(prefixes[i - 1] ?? '', segments[i - 1] ?? ''));
  return prefixes[n] ?? '';
}

function step(path: string, segment: string | number): string {
  return typeof segment === 'number' ? `${path}[${segment}]` : isIdentifier(segment) ? `${path}.${segment}` : `${path}[${JSON.stringify(segment)}]`;
}

/** `/^[A-Za-z_$][\w$]*$/` without the regex: letters, digits, `_` and `$`, not starting with a digit. */
function isIdentifier(segment: string): boolean {
  if (segment.length === 0) return false;
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
    if (!letter && (i === 0 || c < 48 || c > 57)) return false;
  }
  return true;
}
