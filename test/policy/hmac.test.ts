import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64urlPrefix, KeyedHash } from '../../src/policy/hmac.js';

const KEY = Buffer.from('0123456789abcdef0123456789abcdef');

function nodeHmac(key: Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest();
}

/** Lengths around the SHA-256 block and padding edges. */
const LENGTHS = [0, 1, 54, 55, 56, 63, 64, 65, 119, 120, 128, 200, 511, 512, 513, 2000];

describe('KeyedHash', () => {
  it.each(LENGTHS)('equals node:crypto HMAC-SHA256 for %i ASCII characters', (length) => {
    const text = 'x'.repeat(length);
    expect(Buffer.from(new KeyedHash(KEY).digest(text))).toEqual(nodeHmac(KEY, text));
  });

  it.each([
    ['two-byte characters', 'Jürgen Müller – Straße'],
    ['three-byte characters', '東京都渋谷区'.repeat(20)],
    ['surrogate pairs', '😀 home 🏠'.repeat(9)],
  ])('encodes %s as UTF-8 like Buffer does', (_name, text) => {
    expect(Buffer.from(new KeyedHash(KEY).digest(text))).toEqual(nodeHmac(KEY, text));
  });

  it.each([
    ['a short key', Buffer.from('short')],
    ['a 64-byte key', Buffer.alloc(64, 9)],
    ['a key longer than one block', Buffer.alloc(100, 3)],
  ])('handles %s as HMAC does', (_name, key) => {
    expect(Buffer.from(new KeyedHash(key).digest('value'))).toEqual(nodeHmac(key, 'value'));
  });

  it('gives the same result for many values in a row (no state leaks between calls)', () => {
    const mac = new KeyedHash(KEY);
    for (let i = 0; i < 300; i++) {
      const text = `v1:${'é'.repeat(i % 5)}${'a'.repeat(i)}`;
      expect(Buffer.from(mac.digest(text))).toEqual(nodeHmac(KEY, text));
    }
  });
});

describe('base64urlPrefix', () => {
  it.each([1, 21, 22, 40])('equals the first %i characters of base64url', (chars) => {
    const digest = createHash('sha256').update('anything').digest();
    expect(base64urlPrefix(new Uint8Array(digest), chars)).toBe(digest.toString('base64url').slice(0, chars));
  });
});
