import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { parsePayload, rewritePayload, type FieldEdit, type FieldEditAction, type PayloadFormat } from '../../src/payload/index.js';

type EditSpec = [path: string, action: FieldEditAction, replacement?: string | number | null];

/** Parses `text`, applies edits chosen by path (all fields with that path) and returns the new text. */
function rewrite(text: string, contentType: string, specs: readonly EditSpec[]): string {
  const body = Buffer.from(text, 'utf8');
  const parsed = parsePayload(body, contentType);
  const edits: FieldEdit[] = specs.flatMap(([path, action, replacement]) => {
    const matching = parsed.fields.filter((field) => field.path === path);
    if (matching.length === 0) throw new Error(`no field ${path}`);
    return matching.map((field) => (replacement === undefined ? { field, action } : { field, action, replacement }));
  });
  return rewritePayload(body, parsed.format, edits).toString('utf8');
}

const json = (text: string, specs: readonly EditSpec[]): string => rewrite(text, 'application/json', specs);

describe('rewritePayload on JSON: drop', () => {
  const object = '{ "a": 1, "b": {"x": true}, "c": "three" , "d": [4] }';
  it.each<[string, EditSpec[], unknown]>([
    ['the first member', [['$.a', 'drop']], { b: { x: true }, c: 'three', d: [4] }],
    ['a middle member', [['$.c', 'drop']], { a: 1, b: { x: true }, d: [4] }],
    ['the last member', [['$.d[0]', 'drop']], { a: 1, b: { x: true }, c: 'three', d: [] }],
    ['the only member of a nested object', [['$.b.x', 'drop']], { a: 1, b: {}, c: 'three', d: [4] }],
    ['two adjacent members', [['$.a', 'drop'], ['$.c', 'drop']], { b: { x: true }, d: [4] }],
    ['first and last members', [['$.a', 'drop'], ['$.d[0]', 'drop']], { b: { x: true }, c: 'three', d: [] }],
    ['every leaf', [['$.a', 'drop'], ['$.b.x', 'drop'], ['$.c', 'drop'], ['$.d[0]', 'drop']], { b: {}, d: [] }],
  ])('drops %s and stays valid JSON', (_name, specs, expected) => {
    expect(JSON.parse(json(object, specs))).toEqual(expected);
  });

  const flat = '{"a":1,"b":2,"c":3,"d":4,"e":5}';
  it.each<[string[], unknown]>([
    [['$.a', '$.b'], { c: 3, d: 4, e: 5 }],
    [['$.d', '$.e'], { a: 1, b: 2, c: 3 }],
    [['$.b', '$.d'], { a: 1, c: 3, e: 5 }],
    [['$.a', '$.c', '$.e'], { b: 2, d: 4 }],
    [['$.b', '$.c', '$.d'], { a: 1, e: 5 }],
    [['$.e', '$.a', '$.d', '$.b'], { c: 3 }],
    [['$.a', '$.b', '$.c', '$.d', '$.e'], {}],
  ])('drops %j from a flat object in any order', (paths, expected) => {
    const result = json(flat, paths.map((path): EditSpec => [path, 'drop']));
    expect(JSON.parse(result)).toEqual(expected);
  });

  const array = '[ 1 , 2 , 3 , 4 ]';
  it.each<[number[], unknown]>([
    [[0], [2, 3, 4]],
    [[1], [1, 3, 4]],
    [[3], [1, 2, 3]],
    [[2, 3], [1, 2]],
    [[0, 3], [2, 3]],
    [[0, 1, 2, 3], []],
  ])('drops items %j of an array', (indexes, expected) => {
    expect(JSON.parse(json(array, indexes.map((i): EditSpec => [`$[${i}]`, 'drop'])))).toEqual(expected);
  });

  it('removes exactly the member and one separator, leaving other bytes untouched', () => {
    expect(json('{"a": 1,\n  "b": 2,\n  "c": 3}', [['$.b', 'drop']])).toBe('{"a": 1,\n  "c": 3}');
    expect(json('{"a": 1,\n  "b": 2}', [['$.b', 'drop']])).toBe('{"a": 1}');
  });

  it('turns a dropped top-level scalar into null', () => {
    expect(json(' 42 ', [['$', 'drop']])).toBe(' null ');
  });

  it('keeps the document valid when a drop empties objects inside arrays', () => {
    const text = '{"ap_list":[{"ssid":"a","rssi":-1},{"ssid":"b"}],"n":1}';
    expect(JSON.parse(json(text, [['$.ap_list[0].ssid', 'drop'], ['$.ap_list[0].rssi', 'drop'], ['$.ap_list[1].ssid', 'drop']]))).toEqual({
      ap_list: [{}, {}],
      n: 1,
    });
  });
});

describe('rewritePayload on JSON: redact and hash', () => {
  it.each<[string, EditSpec[], string]>([
    ['a string with a string', [['$.name', 'redact', '[redacted]']], '{"name": "[redacted]", "lat": 52.1}'],
    ['a number with a string', [['$.lat', 'hash', 'h:9f2c']], '{"name": "Jürgen \\"J\\"", "lat": "h:9f2c"}'],
    ['a string with a number', [['$.name', 'redact', 0]], '{"name": 0, "lat": 52.1}'],
    ['without a replacement to null', [['$.name', 'redact']], '{"name": null, "lat": 52.1}'],
    ['with characters that need escaping', [['$.lat', 'redact', 'a"b\\c\n☕']], '{"name": "Jürgen \\"J\\"", "lat": "a\\"b\\\\c\\n☕"}'],
  ])('replaces %s, touching only the value bytes', (_name, specs, expected) => {
    expect(json('{"name": "Jürgen \\"J\\"", "lat": 52.1}', specs)).toBe(expected);
  });

  it('combines redact, hash and drop in one document', () => {
    const text = '{"id":"dev-1","coords":{"lat":52.1,"lon":4.3},"ssids":["home","cafe"],"t":1}';
    const result = json(text, [
      ['$.coords.lat', 'redact', null],
      ['$.coords.lon', 'drop'],
      ['$.ssids[0]', 'hash', 'h:1'],
      ['$.ssids[1]', 'drop'],
      ['$.id', 'hash', 'h:2'],
    ]);
    expect(JSON.parse(result)).toEqual({ id: 'h:2', coords: { lat: null }, ssids: ['h:1'], t: 1 });
  });

  const mixed: EditSpec[] = [['$.a', 'redact', null], ['$.b', 'drop'], ['$.c', 'hash', 'h'], ['$.d', 'drop'], ['$.e', 'redact', 0]];
  it.each<[string, EditSpec[]]>([
    ['in body order', mixed],
    ['in reverse order', [...mixed].reverse()],
    ['drops first', [...mixed.filter(([, action]) => action === 'drop'), ...mixed.filter(([, action]) => action !== 'drop')]],
    ['drops last, reversed', [...mixed.filter(([, action]) => action !== 'drop').reverse(), ...mixed.filter(([, action]) => action === 'drop').reverse()]],
  ])('orders replacements and drops between each other by position, edits given %s', (_name, specs) => {
    expect(json('{"a":1,"b":2,"c":3,"d":4,"e":5}', specs)).toBe('{"a":null,"c":"h","e":0}');
  });

  it('lets drop win over another edit of the same field, else the last edit', () => {
    const body = Buffer.from('{"a":"x","b":"y"}');
    const [a, b] = parsePayload(body, 'application/json').fields;
    if (a === undefined || b === undefined) throw new Error('fields missing');
    const edits: FieldEdit[] = [
      { field: a, action: 'drop' },
      { field: a, action: 'redact', replacement: 'r' },
      { field: b, action: 'redact', replacement: 'first' },
      { field: b, action: 'hash', replacement: 'last' },
    ];
    expect(rewritePayload(body, 'json', edits).toString()).toBe('{"b":"last"}');
  });

  it('returns the same bytes when there is nothing to edit', () => {
    const body = Buffer.from('{"a":1}');
    expect(rewritePayload(body, 'json', [])).toBe(body);
  });
});

describe('rewritePayload: dropping a whole container', () => {
  /** Drops, for every leaf under `prefix`, the container of `depth` segments: what a rule on the container plans. */
  function dropContainer(text: string, contentType: string, prefix: string, depth: number): string {
    const body = Buffer.from(text, 'utf8');
    const parsed = parsePayload(body, contentType);
    const edits: FieldEdit[] = parsed.fields
      .filter((field) => field.path.startsWith(prefix))
      .map((field) => ({ field, action: 'drop', container: depth }));
    expect(edits.length).toBeGreaterThan(0);
    return rewritePayload(body, parsed.format, edits).toString('utf8');
  }
  const map = '{"map":{"robotPos":{"x":1,"y":2},"rooms":[{"name":"Kitchen","polygon":[[0,0],[4,0],[4,3]]},{"name":"Bath","polygon":[[5,5]]}]},"battery":80}';

  it('removes an object member with its key, not leaf by leaf', () => {
    expect(dropContainer(map, 'application/json', '$.map.robotPos', 2)).toBe(
      '{"map":{"rooms":[{"name":"Kitchen","polygon":[[0,0],[4,0],[4,3]]},{"name":"Bath","polygon":[[5,5]]}]},"battery":80}',
    );
  });

  it('removes the polygon of every room of a list, and only those containers', () => {
    const body = Buffer.from(map);
    const parsed = parsePayload(body, 'application/json');
    const edits: FieldEdit[] = parsed.fields
      .filter((field) => field.segments[3] === 'polygon')
      .map((field) => ({ field, action: 'drop', container: 4 }));
    expect(JSON.parse(rewritePayload(body, parsed.format, edits).toString('utf8'))).toEqual({
      map: { robotPos: { x: 1, y: 2 }, rooms: [{ name: 'Kitchen' }, { name: 'Bath' }] },
      battery: 80,
    });
  });

  it('removes a container whose members other edits touch, without overlapping edits', () => {
    const body = Buffer.from(map);
    const parsed = parsePayload(body, 'application/json');
    const edits: FieldEdit[] = parsed.fields.map((field) =>
      field.path.startsWith('$.map') ? { field, action: 'drop', container: 1 } : { field, action: 'redact', replacement: 0 },
    );
    const inside = parsed.fields[0];
    if (inside !== undefined) edits.push({ field: inside, action: 'hash', replacement: 'pg_x' });
    expect(rewritePayload(body, parsed.format, edits).toString('utf8')).toBe('{"battery":0}');
  });

  it('turns a dropped whole document into null', () => {
    expect(dropContainer('{"a":{"b":1}}', 'application/json', '$', 0)).toBe('null');
  });

  it('drops every member with the key, escaped or duplicated: each is a container on the wire', () => {
    const text = '{"a\\u0062":{"x":1},"ab":{"x":2},"keep":true}';
    expect(dropContainer(text, 'application/json', '$.ab', 1)).toBe('{"keep":true}');
  });

  it('removes a container inside an NDJSON record, and a whole record', () => {
    const text = '{"id":1,"gps":{"lat":1,"lon":2}}\n{"id":2,"gps":{"lat":3,"lon":4}}\n';
    expect(dropContainer(text, 'application/x-ndjson', '$[1].gps', 2)).toBe('{"id":1,"gps":{"lat":1,"lon":2}}\n{"id":2}\n');
    expect(dropContainer(text, 'application/x-ndjson', '$[0]', 0)).toBe('{"id":2,"gps":{"lat":3,"lon":4}}\n');
  });
});

describe('rewritePayload on NDJSON and form bodies', () => {
  it('edits fields inside records and removes dropped scalar records with their line', () => {
    const text = '{"lat":1,"lon":2}\n7\n{"lat":3}\n';
    const result = rewrite(text, 'application/x-ndjson', [['$[0].lat', 'drop'], ['$[1]', 'drop'], ['$[2].lat', 'redact', 'x']]);
    expect(result).toBe('{"lon":2}\n{"lat":"x"}\n');
  });

  it('removes a dropped json-seq record with its record separator', () => {
    expect(rewrite('\u001e1\n\u001e2\n', 'application/json-seq', [['$[0]', 'drop']])).toBe('\u001e2\n');
  });

  it.each<[string, EditSpec[], string]>([
    ['drops a middle pair', [['$.b', 'drop']], 'a=1&c=3'],
    ['drops the last two pairs', [['$.b', 'drop'], ['$.c', 'drop']], 'a=1'],
    ['drops every pair', [['$.a', 'drop'], ['$.b', 'drop'], ['$.c', 'drop']], ''],
    ['redacts with URL-encoding', [['$.a', 'redact', 'Jürgen M']], 'a=J%C3%BCrgen%20M&b=two+words&c=3'],
    ['hashes', [['$.b', 'hash', 'h:1']], 'a=1&b=h%3A1&c=3'],
  ])('form: %s', (_name, specs, expected) => {
    expect(rewrite('a=1&b=two+words&c=3', 'application/x-www-form-urlencoded', specs)).toBe(expected);
  });
});

describe('rewritePayload refuses edits that do not fit', () => {
  function rewriteError(body: Buffer, format: PayloadFormat, edits: FieldEdit[]): GatewayError {
    try {
      rewritePayload(body, format, edits);
    } catch (error) {
      if (error instanceof GatewayError) return error;
      throw error;
    }
    throw new Error('rewritePayload accepted the edits');
  }

  const long = Buffer.from('{"aaaaaaaa": 1, "b": 2}');
  const [field] = parsePayload(long, 'application/json').fields;

  it.each<[string, Buffer, PayloadFormat, string]>([
    ['a field beyond the end of the body', Buffer.from('{"a":1}'), 'json', 'does not fit the body'],
    ['a drop whose neighbours are not separators', Buffer.from('{"xxxxxxxxxxxxxxxxxxxxx":1}'), 'json', 'not a JSON separator'],
    ['a binary body', long, 'binary', 'A binary body has no fields to rewrite'],
  ])('rejects %s', (_name, body, format, message) => {
    if (field === undefined) throw new Error('field missing');
    const error = rewriteError(body, format, [{ field, action: 'drop' }]);
    expect(error.code).toBe('PAYLOAD_INVALID');
    expect(error.message).toContain(message);
  });
});
