import { describe, expect, it } from 'vitest';
import { encodesWords } from '../../src/policy/classifier/encoded-texts.js';
import { classifyJson, at } from '../helpers/classify-json.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** encoded-texts.ts: base64 of readable words is encoded text, not a generated key. */
describe('encodesWords', () => {
  it.each([
    ['an app state of plain words', b64('have a nice day =]')],
    ['a sample hash written in words', b64('this is a sample integrity hash')],
    ['words in another script', b64('schöne Grüße aus Köln')],
  ])('finds words in %s', (_what, value) => {
    expect(encodesWords(value)).toBe(true);
  });

  it.each([
    ['a generated token', 'qiCNieZa8Xk2Lm93PbR7sTq0'],
    ['random bytes', Buffer.from(Array.from({ length: 24 }, (_, i) => (i * 97 + 13) % 256)).toString('base64')],
    ['a Basic login (no space)', b64('demo:!1234qwer')],
    ['one word', b64('password1234567890')],
  ])('finds no words in %s', (_what, value) => {
    expect(encodesWords(value)).toBe(false);
  });
});

describe('random-token and encoded text', () => {
  it('does not read base64 of words under a key that says nothing as a secret', () => {
    expect(at(classifyJson({ client_state: b64('have a nice day =]') }), '$.client_state').categories).toEqual([]);
  });

  it('still reads a generated token under such a key as a secret', () => {
    expect(at(classifyJson({ client_state: 'qiCNieZa8Xk2Lm93PbR7sTq0xY' }), '$.client_state').categories).toEqual(['credentials']);
  });
});
