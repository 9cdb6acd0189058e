import { describe, expect, it } from 'vitest';
import { parsePayload, scannedShape, type BodyShape, type ParsedPayload, type PayloadField } from '../../src/payload/index.js';

// The classifier's shape memo takes a payload whose scanner shape it has linked to an entry without comparing
// its fields (classifier/shape-memo.ts): two bodies may share a shape object only when their fields agree,
// one for one, in everything that memo compares.

const JSON_TYPE = 'application/json';
const NDJSON_TYPE = 'application/x-ndjson';

/** Bodies that differ from each other in one way the memo cares about, or not at all (values only). */
const BODIES: [string, string][] = [
  ['{"a":1,"b":"x"}', JSON_TYPE],
  ['{"a":2,"b":"y"}', JSON_TYPE], // values only: the same shape as the first
  ['{"a":"1","b":"x"}', JSON_TYPE], // a number became a string
  ['{"a":null,"b":"x"}', JSON_TYPE],
  ['{"a":1,"b":""}', JSON_TYPE], // an empty string
  ['{"a":true,"b":"x"}', JSON_TYPE],
  ['{"a":12345678901234567890,"b":"x"}', JSON_TYPE], // a number kept as its text
  ['{"b":"x","a":1}', JSON_TYPE], // another order
  ['[{"a":1,"b":2}]', JSON_TYPE],
  ['[{"a":1},{"b":2}]', JSON_TYPE], // the same templates, other indexes
  ['[[],5]', JSON_TYPE],
  ['[{},5]', JSON_TYPE],
  ['[5,[]]', JSON_TYPE],
  ['[[1,2],[3]]', JSON_TYPE],
  ['[[1],[2,3]]', JSON_TYPE],
  ['{"wifi":{"aa:bb:cc:dd:ee:01":{"rssi":-40}}}', JSON_TYPE], // a key that is a value (a placeholder template)
  ['{"wifi":{"aa:bb:cc:dd:ee:02":{"rssi":-41}}}', JSON_TYPE],
  ['{"a":1}\n{"b":2}\n', NDJSON_TYPE],
  ['{"a":1,"b":2}', JSON_TYPE],
  ['1\n2\n', NDJSON_TYPE],
  ['[1,2]', JSON_TYPE],
];

function kindOf(value: PayloadField['value']): string {
  return value === '' ? 'empty' : value === null ? 'null' : typeof value;
}

/** What the shape memo compares of a payload (classifier/shape-key.ts), as text. */
function described(payload: ParsedPayload): string {
  const fields = payload.fields.map((f) => [f.source, f.path, f.segments, f.pathTemplate, f.key, kindOf(f.value), f.numberToken === true]);
  return JSON.stringify([payload.format, fields]);
}

/** A body long enough to be traced (4 KB: smaller ones are not), by whitespace that changes nothing else. */
const padded = (body: string): Buffer => Buffer.from(body + ' '.repeat(4_096));

/** The payload of a body seen often enough to have an interned shape. */
function parsedAgain(body: string, type: string): ParsedPayload {
  for (let i = 0; i < 2; i++) parsePayload(padded(body), type);
  return parsePayload(padded(body), type);
}

describe('scannedShape', () => {
  it('is one object for bodies whose fields agree in all but their values, and differs otherwise', () => {
    const parsed = BODIES.map(([body, type]) => parsedAgain(body, type));
    const shapes = parsed.map((payload) => scannedShape(payload.fields));
    shapes.forEach((shape) => expect(shape).toBeDefined());
    for (let i = 0; i < parsed.length; i++) {
      for (let j = 0; j < parsed.length; j++) {
        const [a, b] = [parsed[i], parsed[j]];
        if (a === undefined || b === undefined) continue;
        expect(shapes[i] === shapes[j], `${BODIES[i]?.[0]} / ${BODIES[j]?.[0]}`).toBe(described(a) === described(b));
      }
    }
  });

  it('is none for a body seen once, and the same object once it is seen again', () => {
    const body = '{"seenOnce":{"first":1,"second":[true,null]}}';
    expect(scannedShape(parsePayload(padded(body), JSON_TYPE).fields)).toBeUndefined();
    const second = scannedShape(parsePayload(padded(body), JSON_TYPE).fields);
    expect(second).toBeDefined();
    expect(scannedShape(parsePayload(padded(body.replace('1', '2')), JSON_TYPE).fields)).toBe(second);
  });

  it('is none for a body under 4 KB, however often it is seen', () => {
    const body = Buffer.from('{"small":{"first":1,"second":[true,null]}}');
    for (let i = 0; i < 3; i++) expect(scannedShape(parsePayload(body, JSON_TYPE).fields)).toBeUndefined();
  });

  it('belongs to the scanned list only: a copy or a merged list has none', () => {
    const payload = parsedAgain('{"copied":[1,2,3]}', JSON_TYPE);
    const shape: BodyShape | undefined = scannedShape(payload.fields);
    expect(shape).toBeDefined();
    expect(scannedShape([...payload.fields])).toBeUndefined();
    expect(scannedShape(payload.fields.slice(1))).toBeUndefined();
  });
});
