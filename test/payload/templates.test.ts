import { describe, expect, it } from 'vitest';
import { formatPath, parsePayload, parseQuery, type PayloadField } from '../../src/payload/index.js';

function fieldsOf(text: string, contentType = 'application/json'): readonly PayloadField[] {
  return parsePayload(Buffer.from(text, 'utf8'), contentType).fields;
}

describe('path templates of parsed fields', () => {
  it.each([
    ['{"ap_list": [{"ssid": "a"}, {"ssid": "b"}]}', 'application/json', ['$.ap_list[*].ssid', '$.ap_list[*].ssid']],
    ['{"m": [[1, 2], [3]]}', 'application/json', ['$.m[*][*]', '$.m[*][*]', '$.m[*][*]']],
    ['{"a b": {"*": 1}, "x.y": 2}', 'application/json', ['$.{name}["*"]', '$["x.y"]']],
    ['[1, {"k": 2}]', 'application/json', ['$[*]', '$[*].k']],
    ['"alone"', 'application/json', ['$']],
    ['{"lat": 1}\n{"lat": 2}\n7', 'application/x-ndjson', ['$[*].lat', '$[*].lat', '$[*]']],
    ['imei=1&a+b=2', 'application/x-www-form-urlencoded', ['$.imei', '$.{name}']],
  ])('%s (%s) has templates %j', (text, contentType, templates) => {
    expect(fieldsOf(text, contentType).map((field) => field.pathTemplate)).toEqual(templates);
  });

  it('gives fields that differ only in array positions the very same template string', () => {
    const [first, second] = fieldsOf('{"ap_list": [{"ssid": "a"}, {"ssid": "b"}]}');
    expect(first?.path).not.toBe(second?.path);
    expect(first?.pathTemplate).toBe(second?.pathTemplate);
  });

  it('tells an index apart from a key written like one', () => {
    const [item, key] = fieldsOf('{"a": [1], "b": {"0": 2}}');
    expect([item?.pathTemplate, key?.pathTemplate]).toEqual(['$.a[*]', '$.b["0"]']);
  });

  it('gives query fields their path as template', () => {
    expect(parseQuery('?imei=3569&q=x').map((field) => field.pathTemplate)).toEqual(['$query.imei', '$query.q']);
  });

  it('keeps giving correct templates past the bound of the shared template tree', () => {
    // Empty containers are no fields, so one body can name more keys than the tree holds. Letters only:
    // keys with many digits are values, which share one placeholder node and never fill the tree.
    const letters = (i: number): string => i.toString(26).replace(/\d/g, (d) => String.fromCharCode(0x71 + Number(d)));
    const members = Array.from({ length: 25_000 }, (_, i) => `"k${letters(i)}": {"e": {}}`).join(', ');
    const fields = fieldsOf(`{${members}, "klast": {"v": 0}, "x": [{"y": 1}]}`);
    expect(fields.at(-2)?.pathTemplate).toBe('$.klast.v');
    expect(fields.at(-1)?.pathTemplate).toBe('$.x[*].y');
    expect(fieldsOf('{"x": [{"y": 2}]}').map((field) => field.pathTemplate)).toEqual(['$.x[*].y']);
  });

  it('keeps the templates of earlier bodies when a key is seen again in another shape', () => {
    const before = fieldsOf('{"ssid": "a", "n": {"ssid": "b"}}').map((field) => field.pathTemplate);
    fieldsOf('{"n": [{"ssid": "c"}]}');
    expect(fieldsOf('{"ssid": "a", "n": {"ssid": "b"}}').map((field) => field.pathTemplate)).toEqual(before);
  });
});

describe('keys guessed from the member that followed last time', () => {
  /** What every field must say, worked out from its segments alone. */
  const expected = (field: PayloadField) => {
    const segments = field.segments;
    const key = [...segments].reverse().find((s): s is string => typeof s === 'string');
    return { path: formatPath('body', segments), key, value: field.value };
  };

  it('read keys in another order, under other parents and with escapes as they are', () => {
    const bodies = [
      '{"a": {"x": 1, "y": 2}, "b": {"x": 3, "y": 4}, "l": [{"p": 1, "q": 2}, {"q": 3, "p": 4}, {"p": 5}, {"q": 6, "r": 7}]}',
      '{"b": {"y": 5, "x": 6}, "a": {"x": 7, "z": 8}, "l": [{"q": 1, "p": 2}, {"p\\u0071": 3, "q": 4}, {"p": {"x": 9}, "q": 0}]}',
      '{"a": {"x": 1, "y": 2}, "b": {"x": 3, "y": 4}, "l": [{"p": 1, "q": 2}, {"pq": 3, "q": 4}, {"p": 5, "q": 6}]}',
      // After a closed container the next member follows the container, not its last member.
      '{"a": {"y": {"k": 1}}, "b": 2}',
      '{"a": {"y": {"k": 1, "b": 2}}}',
    ];
    for (const round of [0, 1]) {
      for (const text of round === 0 ? bodies : [...bodies].reverse()) {
        const fields = fieldsOf(text);
        expect(fields.map((field) => ({ path: field.path, key: field.key, value: field.value }))).toEqual(fields.map(expected));
        const leaves = fields.map((field) => field.pathTemplate);
        expect(leaves).toEqual(fields.map((field) => formatPath('body', field.segments).replace(/\[\d+\]/g, '[*]')));
      }
    }
  });
});

describe('segments of parsed fields', () => {
  it('are built on first read and stay the same array', () => {
    const [field] = fieldsOf('{"a": [{"b c": 1}]}');
    expect(field?.segments).toEqual(['a', 0, 'b c']);
    expect(field?.segments).toBe(field?.segments);
  });

  it('are not shared between siblings', () => {
    const [a, b] = fieldsOf('{"x": {"a": 1, "b": 2}}');
    expect([a?.segments, b?.segments]).toEqual([['x', 'a'], ['x', 'b']]);
  });

  it('of an NDJSON record that is a bare value are the record index alone', () => {
    expect(fieldsOf('1\n{"k": [true]}', 'application/x-ndjson').map((field) => field.segments)).toEqual([[0], [1, 'k', 0]]);
  });
});

describe('numbers with a fraction', () => {
  it.each(['52.370216', '-4.895168', '0.1', '21.5', '-0.0', '0.000001', '123456789.123456', '9007199254740991', '9007199254740993', '1.5e3', '12345678901234567.5'])(
    '%s reads as JSON.parse reads it',
    (text) => {
      const [field] = fieldsOf(`{"n": ${text}}`);
      const expected: unknown = JSON.parse(text);
      const exactText = /^-?\d+$/.test(text) && !Number.isSafeInteger(expected) ? text : expected;
      expect(field?.value).toStrictEqual(exactText);
    },
  );
});
