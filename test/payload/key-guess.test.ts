import { describe, expect, it } from 'vitest';
import { bodyTemplateRoot } from '../../src/payload/field.js';
import { GatewayError } from '../../src/errors.js';
import { parsePayload } from '../../src/payload/index.js';

// The JSON scanner compares the key that followed last time (TemplateNode.first/next) with the bytes after a
// key's quote before tokenizing it; only a plain key's token is exactly its bytes between quotes.

describe('TemplateNode.plainKey', () => {
  it.each([
    ['ssid', 'ssid'],
    ['a-b.c_d~', 'a-b.c_d~'],
    ['', ''],
    ['a"b', undefined],
    ['a\\b', undefined],
    ['tab\there', undefined],
    ['Jürgen', undefined],
    ['\u007f', undefined],
  ])('of a member named %j is %j', (key, plain) => {
    expect(bodyTemplateRoot().member(`guess-${key}`).plainKey).toBe(plain === undefined ? undefined : `guess-${plain}`);
  });
});

function keysOf(text: string): (string | undefined)[] {
  return parsePayload(Buffer.from(text, 'utf8'), 'application/json').fields.map((field) => field.key);
}

describe('keys of objects that repeat a template', () => {
  it.each([
    ['the same keys', '[{"ab": 1, "cd": 2}, {"ab": 3, "cd": 4}]', ['ab', 'cd', 'ab', 'cd']],
    ['a key the guess is a prefix of', '[{"ab": 1}, {"abc": 2}]', ['ab', 'abc']],
    ['a key that is a prefix of the guess', '[{"abc": 1}, {"ab": 2}]', ['abc', 'ab']],
    ['the guess written with an escape', '[{"ab": 1}, {"a\\u0062": 2}]', ['ab', 'ab']],
    ['a key with a quote in it after the plain one', '[{"a": 1}, {"a\\"": 2}]', ['a', 'a"']],
    ['a non-ASCII key twice', '[{"grüße": 1}, {"grüße": 2}]', ['grüße', 'grüße']],
    ['keys in another order', '[{"ab": 1, "cd": 2}, {"cd": 3, "ab": 4}]', ['ab', 'cd', 'cd', 'ab']],
  ])('reads %s', (_, text, keys) => {
    expect(keysOf(text)).toEqual(keys);
  });

  it.each([
    ['[{"ab": 1}, {"ab\n": 2}]', 'unescaped control character'],
    ['[{"ab": 1}, {"ab', 'unterminated string'],
    ['[{"ab": 1}, {"ab" 2}]', "expected ':' after an object key"],
  ])('refuses %j as before (%s)', (text, reason) => {
    expect(() => parsePayload(Buffer.from(text, 'utf8'), 'application/json')).toThrow(GatewayError);
    expect(() => parsePayload(Buffer.from(text, 'utf8'), 'application/json')).toThrow(reason);
  });
});
