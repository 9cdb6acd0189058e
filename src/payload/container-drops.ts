import { formatPath } from './field.js';
import { ContainerSpans } from './json-members.js';
import type { FieldEdit, PayloadField } from './types.js';

/**
 * Container drops (a drop rule on `$.map.robotPos`, see FieldEdit.container) become one drop of the
 * container member, found once per container; every other edit inside a dropped container goes: its
 * bytes leave with the container. Nested dropped containers leave with the outermost.
 */
export function withContainers(body: Buffer, format: 'json' | 'ndjson', edits: readonly FieldEdit[]): readonly FieldEdit[] {
  const containers = new Map<number, FieldEdit>();
  const rest: FieldEdit[] = [];
  let spans: ContainerSpans | undefined;
  for (const edit of edits) {
    const depth = edit.container;
    const segments = edit.field.segments;
    if (edit.action !== 'drop' || depth === undefined || depth >= segments.length) {
      rest.push(edit);
      continue;
    }
    // An NDJSON record is the outermost container: dropping "the document" drops the record.
    const level = format === 'ndjson' ? Math.max(1, depth) : depth;
    spans ??= new ContainerSpans(body, format);
    const span = spans.span(segments, level, edit.field.valueStart);
    if (containers.has(span.memberStart)) continue;
    const prefix = segments.slice(0, level);
    const field: PayloadField = { source: 'body', segments: prefix, path: formatPath('body', prefix), key: undefined, value: null, ...span };
    containers.set(span.memberStart, { field, action: 'drop' });
  }
  if (containers.size === 0) return edits;
  const dropped = outermost([...containers.values()].map((edit) => edit.field));
  const inside = (field: PayloadField): boolean => {
    const span = containing(dropped, field.valueStart);
    return span !== undefined && span !== field && field.valueEnd <= span.memberEnd;
  };
  return [...dropped.map((field) => ({ field, action: 'drop' as const })), ...rest.filter((edit) => !inside(edit.field))];
}

/** The container spans not inside another one, by start. */
function outermost(spans: PayloadField[]): PayloadField[] {
  spans.sort((a, b) => a.memberStart - b.memberStart || b.memberEnd - a.memberEnd);
  const kept: PayloadField[] = [];
  for (const span of spans) {
    const last = kept[kept.length - 1];
    if (last === undefined || span.memberStart >= last.memberEnd) kept.push(span);
  }
  return kept;
}

/** The span (sorted, disjoint) that starts at or before `offset` and reaches past it, if any. */
function containing(spans: readonly PayloadField[], offset: number): PayloadField | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = spans[mid];
    if (span === undefined) return undefined;
    if (span.memberStart > offset) hi = mid - 1;
    else if (span.memberEnd <= offset) lo = mid + 1;
    else return span;
  }
  return undefined;
}
