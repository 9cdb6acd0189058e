import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { parsePayload } from '../../src/payload/index.js';

function parseError(body: Buffer | string, contentType: string | undefined = 'application/json', opts = {}): GatewayError {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  try {
    parsePayload(bytes, contentType, opts);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('parsePayload accepted the body');
}

describe('parsePayload rejects malformed JSON', () => {
  it.each([
    ['{', 'unexpected end of input'],
    ['{"a"', "expected ':'"],
    ['{"a":}', 'expected a value'],
    ['{"a":1,}', 'expected a quoted object key'],
    ['[1,]', 'expected a value'],
    ['[1 2]', "expected ',' or ']'"],
    ['{"a":1 "b":2}', "expected ',' or '}'"],
    ['{a:1}', 'expected a quoted object key'],
    ["{'a':1}", 'expected a quoted object key'],
    ['"abc', 'unterminated string'],
    ['"a\\xb"', 'invalid escape'],
    ['"\\u12g4"', 'invalid \\u escape'],
    ['"tab\there"', 'unescaped control character'],
    ['01', 'leading zero'],
    ['-', 'invalid number'],
    ['1.', 'digit after the decimal point'],
    ['.5', 'expected a value'],
    ['1e', 'digit in the exponent'],
    ['+1', 'expected a value'],
    ['NaN', 'expected a value'],
    ['tru', 'expected a value'],
    ['nul', 'expected a value'],
    ['{"a":1}}', 'unexpected data after the JSON value'],
    ['{"a":1} x', 'unexpected data after the JSON value'],
    ['[1][2]', 'unexpected data after the JSON value'],
    ['   ', 'unexpected end of input'],
    ['[', 'unexpected end of input'],
    ['{"a":[1}', "expected ',' or ']'"],
  ])('rejects %j (%s)', (text, reason) => {
    const error = parseError(text);
    expect(error.code).toBe('PAYLOAD_INVALID');
    expect(error.message).toMatch(/^Body declared as application\/json is not valid JSON: .* at byte \d+$/);
    expect(error.message).toContain(reason);
  });

  it('reports the byte offset of the problem', () => {
    expect(parseError('{"a": 1, "b": x}').message).toContain("unexpected 'x', expected a value at byte 14");
  });

  it('names the declared type of a +json body', () => {
    expect(parseError('nope', 'application/vnd.acme+json; charset=utf-8').message).toMatch(
      /^Body declared as application\/vnd\.acme\+json is not valid JSON/,
    );
  });

  it.each([
    ['a lone continuation byte', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x80, 0x22, 0x7d])],
    ['an overlong encoding', Buffer.concat([Buffer.from('["'), Buffer.from([0xc0, 0xaf]), Buffer.from('"]')])],
    ['a truncated sequence', Buffer.concat([Buffer.from('["'), Buffer.from([0xe2, 0x82]), Buffer.from('"]')])],
  ])('rejects invalid UTF-8: %s', (_name, body) => {
    const error = parseError(body);
    expect(error.code).toBe('PAYLOAD_INVALID');
    expect(error.message).toBe('Body declared as application/json is not valid UTF-8');
  });

  it('rejects invalid UTF-8 in NDJSON and form bodies', () => {
    const bad = Buffer.from([0x61, 0x3d, 0xff]);
    expect(parseError(bad, 'application/x-www-form-urlencoded').message).toContain('not valid UTF-8');
    expect(parseError(Buffer.from([0x7b, 0x7d, 0x0a, 0xff]), 'application/x-ndjson').message).toContain('not valid UTF-8');
  });
});

describe('parsePayload limits', () => {
  it('rejects nesting deeper than maxDepth (default 64) with a clear message', () => {
    const ok = `${'['.repeat(64)}1${']'.repeat(64)}`;
    expect(parsePayload(Buffer.from(ok), 'application/json').fields[0]?.segments).toHaveLength(64);
    const deep = `${'['.repeat(65)}1${']'.repeat(65)}`;
    expect(parseError(deep).message).toBe('JSON nesting deeper than 64 levels at byte 64');
  });

  it('honours a custom maxDepth', () => {
    expect(parseError('{"a":{"b":{"c":1}}}', 'application/json', { maxDepth: 2 }).message).toContain('deeper than 2 levels');
  });

  it('survives 10 000 levels of nesting without overflowing the stack', () => {
    const deep = Buffer.from(`${'[{"a":'.repeat(5_000)}1${'}]'.repeat(5_000)}`);
    expect(parseError(deep).message).toContain('deeper than 64 levels');
    const fields = parsePayload(deep, 'application/json', { maxDepth: 10_000 }).fields;
    expect(fields).toHaveLength(1);
    expect(fields[0]?.segments).toHaveLength(10_000);
  });

  it('survives 10 000 unclosed brackets', () => {
    expect(parseError('['.repeat(10_000), 'application/json', { maxDepth: 20_000 }).message).toContain('unexpected end of input');
  });

  it('rejects more than maxFields leaves (default 10 000)', () => {
    const many = (n: number): string => `[${Array.from({ length: n }, (_, i) => i).join(',')}]`;
    expect(parsePayload(Buffer.from(many(10_000)), 'application/json').fields).toHaveLength(10_000);
    const error = parseError(many(10_001));
    expect(error.code).toBe('PAYLOAD_INVALID');
    expect(error.message).toBe('Payload has more than 10000 fields');
    expect(parseError('a=1&b=2&c=3', 'application/x-www-form-urlencoded', { maxFields: 2 }).message).toBe(
      'Payload has more than 2 fields',
    );
  });

  it('still throws the limit error when sniffing a body without a Content-Type', () => {
    expect(parseError(`${'['.repeat(100)}${']'.repeat(100)}`, undefined).message).toContain('deeper than 64 levels');
  });
});
