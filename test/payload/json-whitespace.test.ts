import { describe, expect, it } from 'vitest';
import { isJsonWhitespace } from '../../src/payload/json-scanner.js';
import { parsePayload } from '../../src/payload/index.js';

describe('isJsonWhitespace', () => {
  it.each([
    [0x20, true],
    [0x09, true],
    [0x0a, true],
    [0x0d, true],
    [0x00, false],
    [0x0b, false],
    [0x0c, false],
    [0x1f, false],
    [0x21, false],
    [0xa0, false],
    [undefined, false],
  ])('byte %s is whitespace: %s', (byte, whitespace) => {
    expect(isJsonWhitespace(byte)).toBe(whitespace);
  });

  it('reads the same fields from a body with every kind of whitespace between tokens', () => {
    const compact = parsePayload(Buffer.from('{"a":[1,{"b":"x"}],"c":null}'), 'application/json').fields;
    const spaced = parsePayload(Buffer.from('\t{ "a" :\r\n[ 1 ,\n{"b"\t:\t"x" } ] , "c": null }\n'), 'application/json').fields;
    expect(spaced.map((f) => [f.path, f.value])).toEqual(compact.map((f) => [f.path, f.value]));
  });

  it('refuses a form feed between tokens', () => {
    expect(() => parsePayload(Buffer.from('{"a":\f1}'), 'application/json')).toThrow('not valid JSON');
  });
});
