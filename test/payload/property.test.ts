import { describe, expect, it } from 'vitest';
import { parsePayload, rewritePayload, type FieldEdit, type PathSegment, type ScalarValue } from '../../src/payload/index.js';

/** Mulberry32: a small seeded generator so every run checks the same documents. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = ScalarValue | Json[] | { [key: string]: Json };

const KEYS = ['a', 'lat', 'ssid', 'a b', '__proto__', 'constructor', 'é', '😀', 'q"t', 'x\\y', '', '1'];
const STRINGS = ['', 'home', 'Jürgen', 'tab\there', 'line\nbreak', '"quoted"', '\u0001', '☕😀', '\\'];
const NUMBERS = [0, -1, 42, 3.5, -2.25e-7, 1e21, 123456789, -0.5];

function generate(random: () => number, depth: number): Json {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const roll = random();
  if (depth < 4 && roll < 0.3) {
    const out: { [key: string]: Json } = {};
    for (let i = Math.floor(random() * 5); i > 0; i--) out[pick(KEYS) + (random() < 0.5 ? '' : String(i))] = generate(random, depth + 1);
    return out;
  }
  if (depth < 4 && roll < 0.5) return Array.from({ length: Math.floor(random() * 5) }, () => generate(random, depth + 1));
  if (roll < 0.7) return pick(STRINGS);
  if (roll < 0.9) return pick(NUMBERS);
  return pick([true, false, null]);
}

/** Leaves the slow, obviously correct way: JSON.parse and a recursive walk. */
function leavesOf(value: Json, segments: PathSegment[] = []): Array<[PathSegment[], ScalarValue]> {
  if (Array.isArray(value)) return value.flatMap((item, i) => leavesOf(item, [...segments, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leavesOf(v, [...segments, k]));
  return [[segments, value]];
}

/** The document after the edits, computed on the parsed object: drops vanish (arrays close up), redactions replace. */
function edited(value: Json, drops: ReadonlySet<string>, redactions: ReadonlyMap<string, string>, segments: PathSegment[] = []): Json | undefined {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => {
      const kept = edited(item, drops, redactions, [...segments, i]);
      return kept === undefined ? [] : [kept];
    });
  }
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) {
      const kept = edited(v, drops, redactions, [...segments, k]);
      // defineProperty keeps a `__proto__` key an own property, as JSON.parse does.
      if (kept !== undefined) Object.defineProperty(out, k, { value: kept, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  const id = JSON.stringify(segments);
  return drops.has(id) ? undefined : (redactions.get(id) ?? value);
}

function spacing(random: () => number): string | number {
  return [0, 1, 2, '\t', ' \r\n '][Math.floor(random() * 5)] ?? 0;
}

const CASES = Array.from({ length: 300 }, (_, seed) => seed);

describe('JSON scanner against a JSON.parse walk (300 seeded documents)', () => {
  it.each(CASES)('document %i: leaves, values and spans agree', (seed) => {
    const random = seededRandom(seed);
    const doc = { root: generate(random, 0) };
    const text = JSON.stringify(doc, null, spacing(random));
    const body = Buffer.from(text, 'utf8');
    const fields = parsePayload(body, 'application/json').fields;
    expect(fields.map((field) => [field.segments, field.value])).toEqual(leavesOf(JSON.parse(text) as Json));
    for (const field of fields) {
      expect(JSON.parse(body.subarray(field.valueStart, field.valueEnd).toString('utf8'))).toEqual(field.value);
    }
  });

  it.each(CASES)('document %i: random drops and redactions yield the expected document', (seed) => {
    const random = seededRandom(seed + 1000);
    const doc = { root: generate(random, 0), tail: 1 };
    const text = JSON.stringify(doc, null, spacing(random));
    const body = Buffer.from(text, 'utf8');
    const parsed = parsePayload(body, 'application/json');
    const dropped = new Set<string>();
    const redacted = new Map<string, string>();
    const edits = parsed.fields.flatMap((field): FieldEdit[] => {
      const roll = random();
      const id = JSON.stringify(field.segments);
      if (roll < 0.4) {
        dropped.add(id);
        return [{ field, action: 'drop' }];
      }
      if (roll < 0.6) {
        redacted.set(id, `r${seed}`);
        return [{ field, action: 'redact', replacement: `r${seed}` }];
      }
      return [];
    });
    const rewritten = rewritePayload(body, 'json', edits.reverse()).toString('utf8');
    const expected = edited(JSON.parse(text) as Json, dropped, redacted);
    expect(JSON.stringify(JSON.parse(rewritten))).toBe(JSON.stringify(expected));
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

describe('container drops against a JSON.parse walk (300 seeded documents)', () => {
  it.each(CASES)('document %i: dropping random containers removes exactly those members', (seed) => {
    const random = seededRandom(seed + 2000);
    const doc = { root: generate(random, 0), tail: 1 };
    const text = JSON.stringify(doc, null, spacing(random));
    const body = Buffer.from(text, 'utf8');
    const parsed = parsePayload(body, 'application/json');
    // Containers to drop: random proper prefixes of random leaves (what rules on objects and arrays name).
    const chosen = new Set<string>();
    for (const field of parsed.fields) {
      if (field.segments.length > 1 && random() < 0.2) {
        chosen.add(JSON.stringify(field.segments.slice(0, 1 + Math.floor(random() * (field.segments.length - 1)))));
      }
    }
    // Every leaf under a chosen container gets a drop of its outermost chosen container, as evaluate plans
    // it; some leaves inside also get a redaction the drop must swallow.
    const edits = parsed.fields.flatMap((field): FieldEdit[] => {
      for (let depth = 1; depth < field.segments.length; depth++) {
        if (!chosen.has(JSON.stringify(field.segments.slice(0, depth)))) continue;
        const drop: FieldEdit = { field, action: 'drop', container: depth };
        return random() < 0.3 ? [{ field, action: 'redact', replacement: 'x' }, drop] : [drop];
      }
      return [];
    });
    const rewritten = rewritePayload(body, 'json', edits.reverse()).toString('utf8');
    expect(JSON.stringify(JSON.parse(rewritten))).toBe(JSON.stringify(withoutContainers(JSON.parse(text) as Json, chosen)));
  });
});
