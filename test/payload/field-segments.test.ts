import { describe, expect, it } from 'vitest';
import { fieldSegmentsEqual, formatPath, parsePayload, parseQuery, shareSegments, type PathSegment, type PayloadField } from '../../src/payload/index.js';

// The shape memo (classifier shape-key.ts) compares a field's segments with a stored list through
// fieldSegmentsEqual, which reads a scanned field's container chain instead of building its array:
// it must say exactly what comparing `segments` element by element says.

const BODIES: [string, string][] = [
  ['{"a":1,"b":{"c":[1,{"d":"x"},[2,[3]]],"e":null},"f":[]}', 'application/json'],
  ['[[["deep"]],{"k":{"l":{"m":true}}},7]', 'application/json'],
  ['"just a string"', 'application/json'],
  ['{"contacts":{"anna@example.org":{"phone":"+31 6 1234 5678"}},"x-y":{"0":1}}', 'application/json'],
  ['{"a":1}\n{"b":[2,3]}\n4\n', 'application/x-ndjson'],
  ['name=value&other=2', 'application/x-www-form-urlencoded'],
];

const fresh = (): PayloadField[][] => [
  ...BODIES.map(([body, type]) => [...parsePayload(Buffer.from(body), type).fields]),
  [...parseQuery('?imei=3569&q=1')],
];

/** Variants of a list that must not compare equal: one segment changed, one missing, one more. */
function others(segments: readonly PathSegment[]): PathSegment[][] {
  const out: PathSegment[][] = [[...segments, 'extra'], [0, ...segments]];
  if (segments.length > 0) out.push(segments.slice(1), segments.slice(0, -1));
  segments.forEach((segment, i) => {
    const changed = [...segments];
    changed[i] = typeof segment === 'number' ? segment + 1 : `${segment}!`;
    out.push(changed);
    const retyped = [...segments];
    retyped[i] = typeof segment === 'number' ? String(segment) : 0;
    out.push(retyped);
  });
  return out;
}

describe('fieldSegmentsEqual', () => {
  it.each([false, true])('agrees with the segments of every scanned field (segments read first: %s)', (readFirst) => {
    // The expected segments come from a separate parse, so the fields under test may still hold only their chains.
    const expected = fresh().map((fields) => fields.map((field) => [...field.segments]));
    const parsed = fresh();
    expect(parsed.flat().length).toBeGreaterThan(15);
    parsed.forEach((fields, b) => {
      fields.forEach((field, f) => {
        const segments = expected[b]?.[f] ?? [];
        if (readFirst) expect(field.segments).toEqual(segments);
        // Compared inside a longer stored list, as the memo keeps every field's segments in one array.
        const stored = ['before', ...segments, 'after'];
        expect(fieldSegmentsEqual(field, stored, 1, 1 + segments.length)).toBe(true);
        for (const other of others(segments)) expect(fieldSegmentsEqual(field, ['before', ...other], 1, 1 + other.length)).toBe(false);
        expect(formatPath(field.source, segments)).toBe(field.path);
      });
    });
  });

  it('reads the segments of a hand-built field', () => {
    const field: PayloadField = { source: 'body', segments: ['a', 0], path: '$.a[0]', key: 'a', value: 1, valueStart: 0, valueEnd: 1, memberStart: 0, memberEnd: 1 };
    expect(fieldSegmentsEqual(field, ['a', 0], 0, 2)).toBe(true);
    expect(fieldSegmentsEqual(field, ['a', 1], 0, 2)).toBe(false);
    expect(fieldSegmentsEqual(field, ['a'], 0, 1)).toBe(false);
  });

  it('serialises a scanned field with its source, segments and member end', () => {
    const [field] = parseQuery('?imei=3569');
    expect(JSON.parse(JSON.stringify(field))).toEqual({
      source: 'query', segments: ['imei'], path: '$query.imei', pathTemplate: '$query.imei', key: 'imei', value: '3569',
      valueStart: field?.valueStart, valueEnd: field?.valueEnd, memberStart: field?.memberStart, memberEnd: field?.valueEnd,
    });
  });
});

describe('shareSegments', () => {
  // The shape memo hands the fields a fields plan names one shared array per field of a shape, for every
  // request of that shape (classifier shape.ts): a scanned field then reads it and builds none.
  it('gives a scanned field that has not built its segments the shared array, and one that has keeps its own', () => {
    const body = Buffer.from('{"a":{"b":[1,{"c":"x"}]}}');
    const first = parsePayload(body, 'application/json').fields;
    const shared = first.map((field) => [...field.segments]);
    const second = parsePayload(body, 'application/json').fields;
    second.forEach((field, i) => shareSegments(field, shared[i] ?? []));
    second.forEach((field, i) => expect(field.segments).toBe(shared[i]));
    // Its path and the memo's comparison still read the same segments.
    expect(second.map((field) => field.path)).toEqual(first.map((field) => field.path));
    second.forEach((field, i) => expect(fieldSegmentsEqual(field, shared[i] ?? [], 0, shared[i]?.length ?? 0)).toBe(true));
    const own = parsePayload(body, 'application/json').fields;
    const built = own.map((field) => field.segments);
    own.forEach((field, i) => shareSegments(field, shared[i] ?? []));
    own.forEach((field, i) => expect(field.segments).toBe(built[i]));
  });
});
