import { describe, expect, it } from 'vitest';
import { parsePayload } from '../../src/payload/index.js';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);

describe('parsePayload format detection', () => {
  it.each([
    ['application/json', '{"a":1}', 'json', 1],
    ['application/json; charset=UTF-8', '{"a":1}', 'json', 1],
    ['Application/JSON', '{"a":1}', 'json', 1],
    ['application/vnd.api+json', '{"a":1}', 'json', 1],
    ['application/merge-patch+json', '{"a":1}', 'json', 1],
    ['text/json', '{"a":1}', 'json', 1],
    ['application/x-ndjson', '{"a":1}\n{"a":2}\n', 'ndjson', 2],
    ['application/jsonl', '{"a":1}\n', 'ndjson', 1],
    ['application/json-seq', '\u001e{"a":1}\n\u001e{"a":2}\n', 'ndjson', 2],
    ['application/x-www-form-urlencoded', 'a=1&b=2', 'form', 2],
    ['application/x-www-form-urlencoded', '{"a":1,"b":{"c":2}}', 'json', 2],
    ['text/plain', '{"a":1}', 'json', 1],
    ['text/plain; charset=iso-8859-1', '{"a":1}', 'json', 1],
    ['text/html; charset=windows-1252', '[{"a":1}]', 'json', 1],
    ['text/plain; charset=iso-8859-1', '"0e8d6d8b-6f5b-4e0c-9d8a-2b1f9c3e4a5d"', 'json', 1],
    [undefined, '\ufeff"session"', 'json', 1],
    ['text/plain', '{"a":1}\n{"a":2}\n', 'ndjson', 2],
    ['text/plain', 'lat=52.1&lon=4.3', 'form', 2],
    ['text/plain', 'ping', 'text', 0],
    ['text/plain', ' OK\r\n', 'text', 0],
    [undefined, '{"a":1}', 'json', 1],
    [undefined, '[1,2]', 'json', 2],
    ['', '{"a":1}', 'json', 1],
    ['application/x-unknown', '{"a":1}', 'json', 1],
    ['application/x-unknown', 'heartbeat', 'text', 0],
  ])('reads Content-Type %j with body %j as %s with %i fields', (contentType, text, format, count) => {
    const parsed = parsePayload(Buffer.from(text, 'utf8'), contentType);
    expect(parsed.format).toBe(format);
    expect(parsed.fields).toHaveLength(count);
    expect(parsed.opaqueReason).toBeUndefined();
  });

  it.each([
    'application/octet-stream',
    'application/x-protobuf',
    'application/grpc+proto',
    'image/png',
    'audio/ogg',
    'application/cbor',
    'application/msgpack',
    'multipart/form-data; boundary=x',
  ])('reads %s as opaque binary without looking inside', (contentType) => {
    const parsed = parsePayload(Buffer.from('{"a":1}'), contentType);
    expect(parsed).toEqual({ format: 'binary', fields: [], opaqueReason: expect.stringContaining('binary body') });
  });

  it.each([
    [undefined, 'binary body with no Content-Type'],
    ['application/x-thing', 'binary body with unrecognised Content-Type application/x-thing'],
  ])('sniffs undeclared bytes that are not text as binary (%s)', (contentType, reason) => {
    expect(parsePayload(png, contentType)).toEqual({ format: 'binary', fields: [], opaqueReason: reason });
  });

  it('calls text that starts like a JSON string but is not one opaque, never text with no fields', () => {
    const parsed = parsePayload(Buffer.from('"quoted" and more words'), 'text/plain');
    expect(parsed).toEqual({ format: 'text', fields: [], opaqueReason: 'body declared as text/plain looks like JSON but is not valid JSON' });
  });

  it('reads an empty body as empty whatever it claims to be', () => {
    expect(parsePayload(Buffer.alloc(0), 'application/json')).toEqual({ format: 'empty', fields: [], opaqueReason: undefined });
  });

  it.each([
    ['text/plain', 'hello world', 'plain text (text/plain) that the gateway cannot read as fields'],
    ['text/html; charset=utf-8', '<p>hi</p>', 'plain text (text/html) that the gateway cannot read as fields'],
    ['application/xml', '<a/>', 'plain text (application/xml) that the gateway cannot read as fields'],
    [undefined, 'just words\n', 'plain text (unknown) that the gateway cannot read as fields'],
    ['text/plain', 'anna@example.org', 'plain text (text/plain) that the gateway cannot read as fields'],
    ['text/plain', '{not json', 'body declared as text/plain looks like JSON but is not valid JSON'],
    ['application/x-www-form-urlencoded', '{"a":', 'body declared as application/x-www-form-urlencoded looks like JSON but is not valid JSON'],
  ])('calls %s text %j that has no fields opaque, never text with no fields', (contentType, text, reason) => {
    expect(parsePayload(Buffer.from(text, 'utf8'), contentType)).toEqual({ format: 'text', fields: [], opaqueReason: reason });
  });

  it('marks text that is not UTF-8 as opaque, whatever charset it declares', () => {
    const latin1 = Buffer.from('caf\u00e9', 'latin1');
    expect(parsePayload(latin1, 'text/plain').opaqueReason).toBe('body declared as text/plain is not UTF-8 text the gateway can read');
    expect(parsePayload(latin1, 'text/plain; charset=iso-8859-1').opaqueReason).toBe(
      'body declared as text/plain (charset iso-8859-1) is not UTF-8 text the gateway can read',
    );
  });

  it.each(['application/json', 'text/plain', 'application/x-www-form-urlencoded', undefined])(
    'skips a UTF-8 byte order mark before JSON declared as %s, spans counting the BOM',
    (contentType) => {
      const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]);
      const parsed = parsePayload(body, contentType);
      expect(parsed.format).toBe('json');
      expect(parsed.fields[0]?.valueStart).toBe(8);
    },
  );

  it.each([
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}', 'utf16le')]), 'utf-16le'],
    ['UTF-16BE', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('{"a":1}', 'utf16le').swap16()]), 'utf-16be'],
  ])('calls JSON behind a %s byte order mark opaque', (_name, body, bom) => {
    for (const contentType of ['application/json', 'text/plain', undefined]) {
      expect(parsePayload(body, contentType)).toEqual({
        format: 'text',
        fields: [],
        opaqueReason: `body starts with a ${bom} byte order mark; the gateway reads only UTF-8 as fields`,
      });
    }
  });
});

describe('parsePayload on NDJSON', () => {
  it('puts record n under $[n] with spans into the whole body', () => {
    const text = '{"lat": 1.5}\n{"lat": 2.5, "tags": ["x"]}\r\n\n7\n';
    const body = Buffer.from(text);
    const fields = parsePayload(body, 'application/x-ndjson').fields;
    expect(fields.map((field) => [field.path, field.key, field.value, body.subarray(field.valueStart, field.valueEnd).toString()])).toEqual([
      ['$[0].lat', 'lat', 1.5, '1.5'],
      ['$[1].lat', 'lat', 2.5, '2.5'],
      ['$[1].tags[0]', 'tags', 'x', '"x"'],
      ['$[2]', undefined, 7, '7'],
    ]);
  });

  it('names the failing byte in a bad record', () => {
    expect(() => parsePayload(Buffer.from('{"a":1}\n{"a":}\n'), 'application/x-ndjson')).toThrow(
      "Body declared as application/x-ndjson is not valid JSON: unexpected '}', expected a value at byte 13",
    );
  });

  it('accepts a body of blank lines as no records', () => {
    expect(parsePayload(Buffer.from('\n\n'), 'application/x-ndjson')).toEqual({ format: 'ndjson', fields: [], opaqueReason: undefined });
  });
});

describe('parsePayload on form bodies', () => {
  it('gives each pair a field with decoded name and value and byte spans', () => {
    const text = 'imei=35693803564380&name=J%C3%BCrgen+M&flag&empty=&caf%C3%A9=1&imei=2';
    const body = Buffer.from(text);
    const fields = parsePayload(body, 'application/x-www-form-urlencoded').fields;
    expect(
      fields.map((field) => [field.path, field.key, field.value, body.subarray(field.valueStart, field.valueEnd).toString(), body.subarray(field.memberStart, field.memberEnd).toString()]),
    ).toEqual([
      ['$.imei', 'imei', '35693803564380', '35693803564380', 'imei=35693803564380'],
      ['$.name', 'name', 'Jürgen M', 'J%C3%BCrgen+M', 'name=J%C3%BCrgen+M'],
      ['$.flag', 'flag', '', '', 'flag'],
      ['$.empty', 'empty', '', '', 'empty='],
      ['$["café"]', 'café', '1', '1', 'caf%C3%A9=1'],
      ['$.imei', 'imei', '2', '2', 'imei=2'],
    ]);
    expect(fields.every((field) => field.source === 'body')).toBe(true);
  });

  it('measures spans in bytes when the body carries raw UTF-8', () => {
    const body = Buffer.from('name=Jürgen&city=Köln');
    const fields = parsePayload(body, 'application/x-www-form-urlencoded').fields;
    expect(fields.map((field) => [field.value, body.subarray(field.valueStart, field.valueEnd).toString()])).toEqual([
      ['Jürgen', 'Jürgen'],
      ['Köln', 'Köln'],
    ]);
  });
});
