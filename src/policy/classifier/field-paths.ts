import type { PayloadField } from '../../payload/index.js';

/** Parent path of a field: its path without the last step (`$.a[0]` for `$.a[0].b`), without a regex. */
export function parentPath(field: PayloadField): string {
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

/** A path like the parser's for a prefix of a field's segments (`$.a[0]` for an ancestor). */
export function segmentsKey(segments: readonly (string | number)[], field: PayloadField): string {
  let path = field.source === 'query' ? '$query' : '$';
  for (const segment of segments) {
    path += typeof segment === 'number' ? `[${segment}]` : /^[A-Za-z_$][\w$]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
  }
  return path;
}
