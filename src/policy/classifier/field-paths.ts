import type { PayloadField } from '../../payload/index.js';

/** Parent path of a field: its path without the last step. */
export function parentPath(field: PayloadField): string {
  const last = field.segments[field.segments.length - 1];
  if (last === undefined) return '';
  const step = typeof last === 'number' ? `[${last}]`.length : /^[A-Za-z_$][\w$]*$/.test(last) ? last.length + 1 : JSON.stringify(last).length + 2;
  return field.path.slice(0, Math.max(0, field.path.length - step));
}

/** A path like the parser's for a prefix of a field's segments (`$.a[0]` for an ancestor). */
export function segmentsKey(segments: readonly (string | number)[], field: PayloadField): string {
  let path = field.source === 'query' ? '$query' : '$';
  for (const segment of segments) {
    path += typeof segment === 'number' ? `[${segment}]` : /^[A-Za-z_$][\w$]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
  }
  return path;
}
