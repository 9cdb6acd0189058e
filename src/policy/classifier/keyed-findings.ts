import type { Finding } from './detector.js';
import type { Add, ShapeField, ValueKind } from './shape.js';

/**
 * A shape detector from a reading of the last key alone: every field of the given value kind whose key
 * the reading answers gets the reading's findings (numeric-keys.ts, glued-secrets.ts). The reading is
 * the caller's, cached there.
 */
export function keyedFindings(kind: ValueKind, reading: (key: string) => Finding | readonly Finding[] | undefined): (fields: readonly ShapeField[], add: Add) => void {
  return (fields, add) => {
    fields.forEach((field, index) => {
      const k = field.segments[field.segments.length - 1];
      if (typeof k !== 'string' || field.kind !== kind) return;
      const found = reading(k);
      if (found === undefined) return;
      if (Array.isArray(found)) for (const f of found as readonly Finding[]) add(index, f);
      else add(index, found as Finding);
    });
  };
}
