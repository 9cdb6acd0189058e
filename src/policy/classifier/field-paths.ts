import type { FieldPlace } from './shape.js';

/** Parent path of a field: its path without the last step (`$.a[0]` for `$.a[0].b`), without a regex. */
export function parentPath(field: FieldPlace): string {
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

/** The indices of the fields `keep` accepts, grouped by their record (parent path); undefined when none is. */
export function indicesByRecord<F extends FieldPlace>(fields: readonly F[], keep: (field: F) => boolean): Map<string, number[]> | undefined {
  let records: Map<string, number[]> | undefined;
  fields.forEach((field, index) => {
    if (!keep(field)) return;
    const record = parentPath(field);
    const list = (records ??= new Map()).get(record);
    if (list === undefined) records.set(record, [index]);
    else list.push(index);
  });
  return records;
}

/**
 * A path like the parser's for the first `end` segments of a field (`$.a[0]` for an ancestor); a negative
 * `end` counts from the last segment, as `Array.prototype.slice(0, end)` does.
 */
export function prefixKey(field: FieldPlace, end: number): string {
  const segments = field.segments;
  const n = end < 0 ? Math.max(0, segments.length + end) : Math.min(end, segments.length);
  let path = field.source === 'query' ? '$query' : '$';
  for (let i = 0; i < n; i++) path = step(path, segments[i] ?? '');
  return path;
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

/** Whether a path lies below a record's path (`$` and `$query` hold every field of their source). */
export function within(path: string, record: string): boolean {
  if (record === '$' || record === '$query') return path.startsWith(record) && path !== record;
  if (!path.startsWith(record) || path.length === record.length) return false;
  const next = path.charCodeAt(record.length);
  return next === 46 /* . */ || next === 91 /* [ */;
}
