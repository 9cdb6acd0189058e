import type { FieldSource, PathSegment, PayloadField, ScalarValue } from '../../src/payload/index.js';

/**
 * A tiny test-only flattener: JSON.parse and walk to leaves, or split a query string. Byte spans are
 * zero (the classifier never reads them); the real parser lives in src/payload.
 */
export function flattenJson(text: string): PayloadField[] {
  const fields: PayloadField[] = [];
  walk(JSON.parse(text) as unknown, [], fields);
  return fields;
}

export function flattenQuery(search: string): PayloadField[] {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  return [...params].map(([name, value]) => leaf('query', [name], value));
}

/** The labels' path style: `$.a.b`, `$["switch:0"]`, `[*]` for every array index, `$query.name`. */
export function labelPath(source: FieldSource, segments: readonly PathSegment[], anyIndex = true): string {
  let path = source === 'query' ? '$query' : '$';
  for (const segment of segments) {
    if (typeof segment === 'number') path += anyIndex ? '[*]' : `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) path += `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

function walk(node: unknown, segments: PathSegment[], out: PayloadField[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => walk(item, [...segments, index], out));
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) walk(value, [...segments, key], out);
  } else {
    out.push(leaf('body', segments, node as ScalarValue));
  }
}

function leaf(source: FieldSource, segments: PathSegment[], value: ScalarValue): PayloadField {
  let key: string | undefined;
  for (const segment of segments) if (typeof segment === 'string') key = segment;
  return {
    source,
    segments,
    path: labelPath(source, segments, false),
    key,
    value,
    valueStart: 0,
    valueEnd: 0,
    memberStart: 0,
    memberEnd: 0,
  };
}
