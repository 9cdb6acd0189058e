import { createHash, createHmac } from 'node:crypto';

/**
 * HMAC-SHA256 of short texts, computed in JavaScript from precomputed key states. The gateway takes a
 * keyed fingerprint of every categorised field of every request; through node:crypto each one costs a
 * native Hmac object, a key import and a Buffer (measured 15–25 µs each on the bench machine, more than
 * the rest of the field policy), while a short value needs only two or three SHA-256 block compressions
 * here. The output is bit for bit HMAC-SHA256 (tested against node:crypto), so pseudonyms and stored
 * fingerprints do not change. Long texts, where native hashing wins, go to node:crypto.
 */
const BLOCK = 64;
/** Above this many UTF-16 units the native HMAC is faster than the compressions in JavaScript. */
const MAX_JS_CHARS = 512;

const K = Int32Array.of(
  0x428a2f98, 0x71374491, -0x4a3f0431, -0x164a245b, 0x3956c25b, 0x59f111f1, -0x6dc07d5c, -0x54e3a12b,
  -0x27f85568, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, -0x7f214e02, -0x6423f959, -0x3e640e8c,
  -0x1b64963f, -0x1041b87a, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  -0x67c1aeae, -0x57ce3993, -0x4ffcd838, -0x40a68039, -0x391ff40d, -0x2a586eb9, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, -0x7e3d36d2, -0x6d8dd37b,
  -0x5d40175f, -0x57e599b5, -0x3db47490, -0x3893ae5d, -0x2e6d17e7, -0x2966f9dc, -0xbf1ca7b, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, -0x7b3787ec, -0x7338fdf8, -0x6f410006, -0x5baf9315, -0x41065c09, -0x398e870e,
);
const INITIAL = Int32Array.of(0x6a09e667, -0x4498517b, 0x3c6ef372, -0x5ab00ac6, 0x510e527f, -0x64fa9774, 0x1f83d9ab, 0x5be0cd19);

const schedule = new Int32Array(64);

/** One SHA-256 compression of the block at `offset` into `state`. */
function compress(state: Int32Array, block: Uint8Array, offset: number): void {
  const w = schedule;
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    w[i] = ((block[j] ?? 0) << 24) | ((block[j + 1] ?? 0) << 16) | ((block[j + 2] ?? 0) << 8) | (block[j + 3] ?? 0);
  }
  for (let i = 16; i < 64; i++) {
    const w15 = w[i - 15] ?? 0;
    const w2 = w[i - 2] ?? 0;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    w[i] = ((w[i - 16] ?? 0) + s0 + (w[i - 7] ?? 0) + s1) | 0;
  }
  let a = state[0] ?? 0, b = state[1] ?? 0, c = state[2] ?? 0, d = state[3] ?? 0;
  let e = state[4] ?? 0, f = state[5] ?? 0, g = state[6] ?? 0, h = state[7] ?? 0;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + (K[i] ?? 0) + (w[i] ?? 0)) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = ((state[0] ?? 0) + a) | 0;
  state[1] = ((state[1] ?? 0) + b) | 0;
  state[2] = ((state[2] ?? 0) + c) | 0;
  state[3] = ((state[3] ?? 0) + d) | 0;
  state[4] = ((state[4] ?? 0) + e) | 0;
  state[5] = ((state[5] ?? 0) + f) | 0;
  state[6] = ((state[6] ?? 0) + g) | 0;
  state[7] = ((state[7] ?? 0) + h) | 0;
}

/** UTF-8 of `text` into `out` from offset 0 (lone surrogates become U+FFFD, as Buffer does); returns the length. */
function encodeUtf8(text: string, out: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = text.charCodeAt(i + 1);
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          out[n++] = 0xf0 | (c >> 18);
          out[n++] = 0x80 | ((c >> 12) & 0x3f);
          out[n++] = 0x80 | ((c >> 6) & 0x3f);
          out[n++] = 0x80 | (c & 0x3f);
          continue;
        }
        c = 0xfffd;
      }
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return n;
}

function keyState(key: Buffer, pad: number): Int32Array {
  const block = new Uint8Array(BLOCK);
  for (let i = 0; i < BLOCK; i++) block[i] = (key[i] ?? 0) ^ pad;
  const state = INITIAL.slice();
  compress(state, block, 0);
  return state;
}

/** Message buffer: the longest short text in UTF-8 plus padding. */
const message = new Uint8Array(MAX_JS_CHARS * 3 + 2 * BLOCK);
const outerBlock = new Uint8Array(BLOCK);

export class HmacSha256 {
  private readonly key: Buffer;
  private readonly inner: Int32Array;
  private readonly outer: Int32Array;
  /** The last MAC as eight big-endian words; overwritten by the next call. */
  private readonly result = new Int32Array(8);

  constructor(key: Buffer) {
    this.key = Buffer.from(key);
    const block = key.length > BLOCK ? createHash('sha256').update(key).digest() : key;
    this.inner = keyState(block, 0x36);
    this.outer = keyState(block, 0x5c);
  }

  /** HMAC-SHA256 of the UTF-8 text, as eight big-endian words valid until the next call. */
  words(text: string): Int32Array {
    const state = this.result;
    if (text.length > MAX_JS_CHARS) {
      const digest = createHmac('sha256', this.key).update(text, 'utf8').digest();
      for (let i = 0; i < 8; i++) state[i] = digest.readInt32BE(i * 4);
      return state;
    }
    const length = encodeUtf8(text, message);
    state.set(this.inner);
    let offset = 0;
    for (; offset + BLOCK <= length; offset += BLOCK) compress(state, message, offset);
    const rest = length - offset;
    message.copyWithin(0, offset, length);
    message[rest] = 0x80;
    const end = rest + 9 <= BLOCK ? BLOCK : 2 * BLOCK;
    message.fill(0, rest + 1, end);
    writeBitLength(message, end, BLOCK + length);
    compress(state, message, 0);
    if (end > BLOCK) compress(state, message, BLOCK);

    for (let i = 0; i < 8; i++) writeWord(outerBlock, i * 4, state[i] ?? 0);
    outerBlock[32] = 0x80;
    outerBlock.fill(0, 33, BLOCK);
    writeBitLength(outerBlock, BLOCK, BLOCK + 32);
    state.set(this.outer);
    compress(state, outerBlock, 0);
    return state;
  }
}

function writeWord(out: Uint8Array, offset: number, word: number): void {
  out[offset] = word >>> 24;
  out[offset + 1] = (word >>> 16) & 0xff;
  out[offset + 2] = (word >>> 8) & 0xff;
  out[offset + 3] = word & 0xff;
}

/** SHA-256's trailing 64-bit message length in bits (the texts here are far below 2^32 bits). */
function writeBitLength(out: Uint8Array, end: number, bytes: number): void {
  out.fill(0, end - 8, end - 4);
  writeWord(out, end - 4, bytes * 8);
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The first `chars` (at most 40) base64url characters of the digest in `words`. */
export function base64urlPrefix(words: Int32Array, chars: number): string {
  let text = '';
  let bits = 0;
  let buffered = 0;
  for (let i = 0; i < 8 && text.length < chars; i++) {
    const word = words[i] ?? 0;
    for (let shift = 24; shift >= 0 && text.length < chars; shift -= 8) {
      buffered = ((buffered << 8) | ((word >>> shift) & 0xff)) & 0xffff;
      bits += 8;
      while (bits >= 6 && text.length < chars) {
        bits -= 6;
        text += BASE64URL.charAt((buffered >>> bits) & 0x3f);
      }
    }
  }
  return text;
}
