import { describe, expect, it } from 'vitest';
import { parsePayload, type PayloadField } from '../../src/payload/index.js';

const JSON_TYPE = 'application/json';

function fieldsOf(text: string, contentType = JSON_TYPE): PayloadField[] {
  return [...parsePayload(Buffer.from(text, 'utf8'), contentType).fields];
}

/** What a person checks about a field: its path, key, value and the exact bytes its spans cover. */
function describeField(body: Buffer, field: PayloadField): [string, string | undefined, unknown, string, string] {
  return [
    field.path,
    field.key,
    field.value,
    body.subarray(field.valueStart, field.valueEnd).toString('utf8'),
    body.subarray(field.memberStart, field.memberEnd).toString('utf8'),
  ];
}

function described(text: string, contentType = JSON_TYPE): Array<ReturnType<typeof describeField>> {
  const body = Buffer.from(text, 'utf8');
  return parsePayload(body, contentType).fields.map((field) => describeField(body, field));
}

describe('parsePayload on JSON: paths and spans', () => {
  it('gives every scalar leaf of a nested document its path, key, value span and member span', () => {
    const text = '{"coords": {"latitude": 52.1, "longitude": -4.5e1}, "ap_list": [{"ssid": "home", "rssi": -60}, {"ssid": "cafe"}], "ok": true, "none": null}';
    expect(described(text)).toEqual([
      ['$.coords.latitude', 'latitude', 52.1, '52.1', '"latitude": 52.1'],
      ['$.coords.longitude', 'longitude', -45, '-4.5e1', '"longitude": -4.5e1'],
      ['$.ap_list[0].ssid', 'ssid', 'home', '"home"', '"ssid": "home"'],
      ['$.ap_list[0].rssi', 'rssi', -60, '-60', '"rssi": -60'],
      ['$.ap_list[1].ssid', 'ssid', 'cafe', '"cafe"', '"ssid": "cafe"'],
      ['$.ok', 'ok', true, 'true', '"ok": true'],
      ['$.none', 'none', null, 'null', '"none": null'],
    ]);
  });

  it('names the nearest object key for array items and uses the item itself as the member', () => {
    expect(described('{"tags": ["a", [1, 2]]}')).toEqual([
      ['$.tags[0]', 'tags', 'a', '"a"', '"a"'],
      ['$.tags[1][0]', 'tags', 1, '1', '1'],
      ['$.tags[1][1]', 'tags', 2, '2', '2'],
    ]);
  });

  it('exposes segments that mirror the path', () => {
    const [field] = fieldsOf('{"a": [{"b c": 1}]}');
    expect(field?.segments).toEqual(['a', 0, 'b c']);
  });

  it.each([
    ['{"a-b": 1}', '$["a-b"]'],
    ['{"1st": 1}', '$["1st"]'],
    ['{"": 1}', '$[""]'],
    ['{"_ok$": 1}', '$._ok$'],
    ['{"ключ": 1}', '$["ключ"]'],
  ])('writes key %s in bracket notation when it is not an identifier', (text, path) => {
    expect(fieldsOf(text)[0]?.path).toBe(path);
  });

  it('produces no fields for empty objects and arrays but keeps going after them', () => {
    expect(described('{"a": {}, "b": [], "c": [[], {}], "d": 1}')).toEqual([['$.d', 'd', 1, '1', '"d": 1']]);
  });

  it('reads a top-level scalar as the field $', () => {
    expect(described(' "x" ')).toEqual([['$', undefined, 'x', '"x"', '"x"']]);
  });

  it('keeps duplicate keys as separate fields with the same path', () => {
    expect(described('{"a": 1, "a": 2}').map(([path, , value]) => [path, value])).toEqual([
      ['$.a', 1],
      ['$.a', 2],
    ]);
  });

  it('tells apart repeated keys of the same length and outer letters', () => {
    const text = `[${Array.from({ length: 3 }, () => '{"axb": 1, "ayb": 2, "a_b": 3, "a b": 4}').join(',')}]`;
    const keys = fieldsOf(text).map((field) => field.key);
    expect(keys).toEqual(Array.from({ length: 3 }, () => ['axb', 'ayb', 'a_b', 'a b']).flat());
    expect(fieldsOf(text).map((field) => field.path).slice(0, 4)).toEqual(['$[0].axb', '$[0].ayb', '$[0].a_b', '$[0].{name}']);
  });

  it.each([
    ['{"a b": 1}', '$.{name}'],
    ['{"q\\"uote": 1}', '$.{name}'],
    ['{"networks": {"Kowalski-5G": {"password": "x"}}}', '$.networks.{network}.password'],
    ['{"contacts": {"anna@example.org": 1}}', '$.contacts.{personal}'],
  ])('writes key %s that is a value as a placeholder', (text, path) => {
    expect(fieldsOf(text)[0]?.path).toBe(path);
    expect(fieldsOf(text)[0]?.pathTemplate).toBe(path);
  });

  it('treats __proto__ and constructor as ordinary keys without touching any prototype', () => {
    const fields = fieldsOf('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}');
    expect(fields.map((field) => field.path)).toEqual(['$.__proto__.polluted', '$.constructor.prototype.x']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('serialises a field with its path', () => {
    const [field] = fieldsOf('{"a": [1]}');
    expect(JSON.parse(JSON.stringify(field))).toMatchObject({ path: '$.a[0]', key: 'a', value: 1, source: 'body' });
  });
});

describe('parsePayload on JSON: strings', () => {
  it.each([
    ['"plain"', 'plain'],
    ['"tab\\there"', 'tab\there'],
    ['"quote \\" slash \\/ back \\\\"', 'quote " slash / back \\'],
    ['"\\u00e9t\\u00E9"', 'été'],
    ['"\\ud83d\\ude00"', '😀'],
    ['"déjà vu ☕ 😀"', 'déjà vu ☕ 😀'],
    ['"\\b\\f\\n\\r"', '\b\f\n\r'],
  ])('decodes %s', (token, expected) => {
    const text = `{"k": ${token}}`;
    const body = Buffer.from(text, 'utf8');
    const [field] = parsePayload(body, JSON_TYPE).fields;
    expect(field?.value).toBe(expected);
    expect(body.subarray(field?.valueStart, field?.valueEnd).toString('utf8')).toBe(token);
  });

  it('measures spans in bytes, not characters, after multi-byte text', () => {
    const text = '{"名前": "😀😀", "next": "x"}';
    const body = Buffer.from(text, 'utf8');
    const fields = parsePayload(body, JSON_TYPE).fields;
    expect(fields.map((field) => describeField(body, field))).toEqual([
      ['$["名前"]', '名前', '😀😀', '"😀😀"', '"名前": "😀😀"'],
      ['$.next', 'next', 'x', '"x"', '"next": "x"'],
    ]);
  });

  it('decodes escaped keys', () => {
    expect(fieldsOf('{"\\u0061b": 1}')[0]?.key).toBe('ab');
  });
});

describe('parsePayload on JSON: numbers', () => {
  it.each([
    ['0', 0],
    ['-0', -0],
    ['42', 42],
    ['-17', -17],
    ['3.25', 3.25],
    ['1e3', 1000],
    ['1E+3', 1000],
    ['-2.5e-3', -0.0025],
    ['123456789012345', 123456789012345],
    ['9007199254740991', 9007199254740991],
    ['12345678901234567890', '12345678901234567890'],
    ['-356938035643809123', '-356938035643809123'],
    ['1e400', '1e400'],
    ['0.1', 0.1],
  ])('reads %s as %s', (token, expected) => {
    const [field] = fieldsOf(`[${token}]`);
    expect(field?.value).toStrictEqual(expected);
    expect(field?.valueEnd).toBe(1 + token.length);
  });
});
