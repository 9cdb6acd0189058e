import { parentPath } from './field-paths.js';
import type { ShapeField } from './shape.js';

/** A field of a record and what its key says it is. */
export interface ReadMember<R> {
  readonly index: number;
  readonly reading: R;
}

/**
 * The scalar fields (numbers and strings) whose last key reads as something, grouped by the record they sit
 * in (`parentPath`), for detectors that decide a record's fields by what the record holds together (a fix's
 * latitude and longitude, a recording's parts). Undefined when no key reads as anything. `withFlags` takes
 * booleans too (whether a work was finished).
 */
export function readingsByRecord<R>(fields: readonly ShapeField[], readingOf: (key: string) => R | undefined, withFlags = false): Map<string, ReadMember<R>[]> | undefined {
  let records: Map<string, ReadMember<R>[]> | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || (field.kind !== 'number' && field.kind !== 'string' && !(withFlags && field.kind === 'boolean'))) return;
    const reading = readingOf(key);
    if (reading === undefined) return;
    records ??= new Map();
    const parent = parentPath(field);
    const members = records.get(parent);
    if (members === undefined) records.set(parent, [{ index, reading }]);
    else members.push({ index, reading });
  });
  return records;
}
