/**
 * Property-based tests (fast-check) of the JSON tokenizer and the byte-level rewriter: on any valid
 * JSON the fields agree with JSON.parse, every span holds exactly its value, any set of edits yields
 * valid JSON equal to editing the parsed document, and every value nobody edited keeps its bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parsePayload,
  parseQuery,
  rewritePayload,
  rewriteQuery,
  type FieldEdit,
  type PathSegment,
  type PayloadField,
  type ScalarValue,
} from '../../src/payload/index.js';

type Json = ScalarValue | Json[] | { [key: string]: Json };

/** Leaves the slow, obviously correct way: JSON.parse and a recursive walk. */
function leavesOf(value: Json, segments: PathSegment[] = []): Array<[PathSegment[], ScalarValue]> {
  if (Array.isArray(value)) return value.flatMap((item, i) => leavesOf(item, [...segments, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leavesOf(v, [...segments, k]));
  return [[segments, value]];
}

/** The document after the edits, computed on the parsed object: drops vanish (arrays close up), others replace. */
function edited(value: Json, edits: ReadonlyMap<string, FieldEdit>, segments: PathSegment[] = []): Json | undefined {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => {
      const kept = edited(item, edits, [...segments, i]);
      return kept === undefined ? [] : [kept];
    });
  }
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) {
      const kept = edited(v, edits, [...segments, k]);
      // defineProperty keeps a `__proto__` key an own property, as JSON.parse does.
      if (kept !== undefined) Object.defineProperty(out, k, { value: kept, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  const edit = edits.get(JSON.stringify(segments));
  if (edit === undefined) return value;
  return edit.action === 'drop' ? undefined : (edit.replacement ?? null);
}

/**
 * The scanner keeps numbers JSON.parse would change (integers beyond 2^53 such as IMEIs, exponents out
 * of range) as their exact digits: compared with JSON.parse's value, such a field is read as Number().
 */
function asParsed(value: ScalarValue, parsed: unknown): ScalarValue {
  if (typeof parsed === 'number' && typeof value === 'string') {
    expect(Number.isSafeInteger(parsed) && String(parsed) === value).toBe(false);
    return Number(value);
  }
  return value;
}

/** Keys that exercise escaping, prototypes, placeholders and non-ASCII text, mixed with arbitrary ones. */
const key = fc.oneof(
  fc.string(),
  fc.constantFrom('lat', 'a b', '__proto__', 'constructor', 'é', '😀', 'q"t', 'x\\y', '', '1', 'anna@example.org', 'networks'),
);
const scalar = fc.oneof(
  fc.string(),
  fc.constantFrom('Jürgen', 'tab\there', 'line\nbreak', '\u0001', '☕😀', '\\'),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null),
);
const json: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;
/** A document as a device might write it: compact, indented, or with CR LF and tabs, perhaps behind a BOM. */
const documentText = fc
  .record({ value: json, indent: fc.constantFrom<string | number>(0, 1, 2, '\t', ' \r\n '), bom: fc.boolean() })
  .map(({ value, indent, bom }) => ({ value, text: (bom ? '\ufeff' : '') + JSON.stringify({ root: value, tail: 1 }, null, indent) }));

const replacement = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('🔒', 'a"b'));
const editChoice = fc.oneof(
  fc.constant<'keep'>('keep'),
  fc.constant<'drop'>('drop'),
  replacement.map((value) => ({ value })),
);

function planned(fields: readonly PayloadField[], choices: readonly ('keep' | 'drop' | { value: ScalarValue })[]): FieldEdit[] {
  return fields.flatMap((field, i): FieldEdit[] => {
    const choice = choices[i % Math.max(choices.length, 1)] ?? 'keep';
    if (choice === 'keep') return [];
    if (choice === 'drop') return [{ field, action: 'drop' }];
    return [{ field, action: 'redact', replacement: choice.value }];
  });
}

const RUNS = { numRuns: 300 };

describe('JSON tokenizer (fast-check)', () => {
  it.each(['application/json', 'text/plain; charset=iso-8859-1', 'application/x-www-form-urlencoded', undefined])(
    'agrees with JSON.parse on any valid document declared as %s: leaves, values and spans',
    (contentType) => {
      fc.assert(
        fc.property(documentText, ({ text }) => {
          const body = Buffer.from(text, 'utf8');
          const parsed = parsePayload(body, contentType);
          expect(parsed.format).toBe('json');
          const fields = parsed.fields;
          const leaves = leavesOf(JSON.parse(text.replace(/^\ufeff/, '')) as Json);
          expect(fields.map((field, i) => [field.segments, asParsed(field.value, leaves[i]?.[1])])).toEqual(leaves);
          for (const field of fields) {
            const span: unknown = JSON.parse(body.subarray(field.valueStart, field.valueEnd).toString('utf8'));
            expect(span).toEqual(asParsed(field.value, span));
          }
        }),
        RUNS,
      );
    },
  );

  it('never keeps a key that is a value in a path', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.uuid(), (email, uuid) => {
        const text = JSON.stringify({ contacts: { [email]: 1 }, [uuid]: { on: true } });
        for (const field of parsePayload(Buffer.from(text), 'application/json').fields) {
          expect(field.path).not.toContain(email);
          expect(field.path).not.toContain(uuid);
        }
      }),
      RUNS,
    );
  });
});

describe('JSON rewriter (fast-check)', () => {
  it('yields valid JSON equal to the edited document, with every unedited value byte-identical', () => {
    fc.assert(
      fc.property(documentText, fc.array(editChoice, { minLength: 1, maxLength: 20 }), ({ text }, choices) => {
        const body = Buffer.from(text, 'utf8');
        const fields = parsePayload(body, 'application/json').fields;
        const edits = planned(fields, choices);
        const out = rewritePayload(body, 'json', [...edits].reverse());
        const rewritten = out.toString('utf8');
        const byId = new Map(edits.map((edit) => [JSON.stringify(edit.field.segments), edit]));
        const expected = edited(JSON.parse(text.replace(/^\ufeff/, '')) as Json, byId);
        expect(JSON.stringify(JSON.parse(rewritten.replace(/^\ufeff/, '')))).toBe(JSON.stringify(expected));
        // Fields of the output, in order, are the input's minus the dropped ones (an edit keeps one scalar).
        const dropped = new Set(edits.filter((e) => e.action === 'drop').map((e) => e.field));
        const survivors = fields.filter((field) => !dropped.has(field));
        const outFields = parsePayload(out, 'application/json').fields;
        expect(outFields).toHaveLength(survivors.length);
        const editedFields = new Set(edits.map((e) => e.field));
        survivors.forEach((field, i) => {
          const after = outFields[i];
          if (editedFields.has(field) || after === undefined) return;
          expect(out.subarray(after.valueStart, after.valueEnd).equals(body.subarray(field.valueStart, field.valueEnd))).toBe(true);
        });
        if (edits.length === 0) expect(out.equals(body)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('query rewriter (fast-check)', () => {
  const pairs = fc.array(fc.tuple(fc.string({ minLength: 1 }), fc.string()), { minLength: 1, maxLength: 8 });

  it('keeps every unedited pair byte-identical and reads back the replacements', () => {
    fc.assert(
      fc.property(pairs, fc.array(editChoice, { minLength: 1, maxLength: 8 }), (list, choices) => {
        const search = `?${new URLSearchParams(list).toString()}`;
        const fields = parseQuery(search);
        expect(fields.map((field) => [field.key, field.value])).toEqual(list);
        const edits = planned(fields, choices);
        const out = rewriteQuery(search, edits);
        const dropped = new Set(edits.filter((e) => e.action === 'drop').map((e) => e.field));
        const expectedValues = fields
          .filter((field) => !dropped.has(field))
          .map((field) => {
            const edit = edits.find((e) => e.field === field);
            return edit === undefined ? String(field.value) : edit.replacement === null ? '' : String(edit.replacement ?? '');
          });
        expect(parseQuery(out).map((field) => field.value)).toEqual(expectedValues);
        const kept = fields.filter((field) => !edits.some((e) => e.field === field)).map((f) => search.slice(f.memberStart + 1, f.memberEnd + 1));
        for (const pair of kept) expect(out).toContain(pair);
      }),
      RUNS,
    );
  });
});

/** The document without the members at `containers` (JSON ids of their segments): the slow, obvious way. */
function withoutContainers(value: Json, containers: ReadonlySet<string>, segments: PathSegment[] = []): Json | undefined {
  if (containers.has(JSON.stringify(segments))) return undefined;
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => {
      const kept = withoutContainers(item, containers, [...segments, i]);
      return kept === undefined ? [] : [kept];
    });
  }
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) {
      const kept = withoutContainers(v, containers, [...segments, k]);
      if (kept !== undefined) Object.defineProperty(out, k, { value: kept, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

describe('container drops (fast-check)', () => {
  it('dropping random containers removes exactly those members, against a JSON.parse walk', () => {
    fc.assert(
      fc.property(documentText, fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 40 }), ({ text }, dice) => {
        const body = Buffer.from(text, 'utf8');
        const parsed = parsePayload(body, 'application/json');
        let roll = 0;
        const next = (): number => dice[roll++ % dice.length] ?? 0;
        // Containers to drop: random proper prefixes of random leaves (what rules on objects and arrays name); a
        // roll of exactly 1 would name the leaf itself, so rolls stay below 1.
        const chosen = new Set<string>();
        for (const field of parsed.fields) {
          if (field.segments.length > 1 && next() < 0.2) {
            chosen.add(JSON.stringify(field.segments.slice(0, 1 + Math.floor(next() * (field.segments.length - 1)))));
          }
        }
        // Every leaf under a chosen container gets a drop of its outermost chosen container, as evaluate plans
        // it; some leaves inside also get a redaction the drop must swallow.
        const edits = parsed.fields.flatMap((field): FieldEdit[] => {
          for (let depth = 1; depth < field.segments.length; depth++) {
            if (!chosen.has(JSON.stringify(field.segments.slice(0, depth)))) continue;
            const drop: FieldEdit = { field, action: 'drop', container: depth };
            return next() < 0.3 ? [{ field, action: 'redact', replacement: 'x' }, drop] : [drop];
          }
          return [];
        });
        const rewritten = rewritePayload(body, 'json', edits.reverse()).toString('utf8').replace(/^\ufeff/, '');
        const expected = withoutContainers(JSON.parse(text.replace(/^\ufeff/, '')) as Json, chosen);
        expect(JSON.stringify(JSON.parse(rewritten))).toBe(JSON.stringify(expected));
      }),
      RUNS,
    );
  });
});
