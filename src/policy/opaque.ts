import type { OpaqueFinding } from './flow.js';

/**
 * Opaque blobs: values the gateway cannot read, so field rules matching on content cannot see inside.
 *
 * Thresholds (characters of the encoded string):
 * - base64/base64url: >= 64. Shorter base64 is usually an encoded short text (`I01BU0tFRF9TU0lEIw==`
 *   is Tapo's `#MASKED_SSID#`) or a key, and keys are credentials, readable as such.
 * - hex: >= 80. Hex ids of 12–40 characters, SHA-1/SHA-256 digests (40/64) and short binary counters
 *   (iRobot `batInfo.mData` 42, `mLife` 64) are identifiers or readings, not hidden payloads.
 * - a cipher prefix (`enc:16:`, `aes:`, `encrypted:`) followed by >= 16 base64/hex characters: encrypted.
 * Any base64 at or above the threshold is flagged, even when it decodes to text: the gateway would have
 * to decode it to see it. The kind says what it is: 'binary' (image/audio/video by magic bytes),
 * 'compressed' (gzip, zlib, zip, zstd…), 'encrypted' (near-random bytes), else 'base64'/'hex'.
 */
export const MIN_BASE64_LENGTH = 64;
export const MIN_HEX_LENGTH = 80;
export const MIN_PREFIXED_LENGTH = 16;

/** A finding plus whether its magic bytes say image/audio/video (the field is then 'media' too). */
export interface OpaqueAnalysis {
  readonly finding: OpaqueFinding;
  readonly media: boolean;
}

interface Magic {
  readonly name: string;
  readonly kind: 'binary' | 'compressed';
  readonly media: boolean;
  readonly matches: (bytes: Uint8Array) => boolean;
}

const startsWith = (...prefix: number[]) => (bytes: Uint8Array) => prefix.every((b, i) => bytes[i] === b);
const ascii = (text: string, offset = 0) => (bytes: Uint8Array) =>
  [...text].every((ch, i) => bytes[offset + i] === ch.charCodeAt(0));
const riff = (form: string) => (bytes: Uint8Array) => ascii('RIFF')(bytes) && ascii(form, 8)(bytes);

const MAGICS: readonly Magic[] = [
  { name: 'PNG image', kind: 'binary', media: true, matches: startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) },
  { name: 'JPEG image', kind: 'binary', media: true, matches: startsWith(0xff, 0xd8, 0xff) },
  { name: 'GIF image', kind: 'binary', media: true, matches: ascii('GIF8') },
  { name: 'WebP image', kind: 'binary', media: true, matches: riff('WEBP') },
  { name: 'WAV audio', kind: 'binary', media: true, matches: riff('WAVE') },
  { name: 'AVI video', kind: 'binary', media: true, matches: riff('AVI ') },
  { name: 'Ogg audio', kind: 'binary', media: true, matches: ascii('OggS') },
  { name: 'FLAC audio', kind: 'binary', media: true, matches: ascii('fLaC') },
  { name: 'MP3 audio', kind: 'binary', media: true, matches: ascii('ID3') },
  { name: 'MP4/HEIF media', kind: 'binary', media: true, matches: ascii('ftyp', 4) },
  { name: 'Matroska/WebM media', kind: 'binary', media: true, matches: startsWith(0x1a, 0x45, 0xdf, 0xa3) },
  { name: 'gzip data', kind: 'compressed', media: false, matches: startsWith(0x1f, 0x8b) },
  { name: 'zlib data', kind: 'compressed', media: false, matches: isZlib },
  { name: 'zip archive', kind: 'compressed', media: false, matches: startsWith(0x50, 0x4b, 0x03, 0x04) },
  { name: 'zstd data', kind: 'compressed', media: false, matches: startsWith(0x28, 0xb5, 0x2f, 0xfd) },
  { name: 'bzip2 data', kind: 'compressed', media: false, matches: ascii('BZh') },
  { name: 'xz data', kind: 'compressed', media: false, matches: startsWith(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00) },
  { name: 'LZ4 data', kind: 'compressed', media: false, matches: startsWith(0x04, 0x22, 0x4d, 0x18) },
];

function isZlib(bytes: Uint8Array): boolean {
  const cmf = bytes[0];
  const flg = bytes[1];
  return cmf !== undefined && flg !== undefined && (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0;
}

const CIPHER_PREFIX = /^(?:enc|encrypted|aes|cipher|crypt)(?::\d{1,4})?:/i;
const DATA_URI = /^data:([\w.+-]+\/[\w.+-]+)?(?:;[\w=.-]+)*;base64,/i;

/** An encrypted, compressed or binary blob carried in a JSON string, or undefined for readable text. */
export function detectOpaque(value: string): OpaqueFinding | undefined {
  return analyseOpaque(value)?.finding;
}

export function analyseOpaque(value: string): OpaqueAnalysis | undefined {
  if (value.length < MIN_PREFIXED_LENGTH) return undefined;
  const prefix = CIPHER_PREFIX.exec(value);
  if (prefix !== null) {
    const rest = value.slice(prefix[0].length);
    // The prefix already says what follows is ciphertext, so its base64 need not mix letters and digits: 32
    // random base64 characters hold no digit about once in 230 values.
    const bytes = rest.length >= MIN_PREFIXED_LENGTH ? decode(rest, false) : undefined;
    if (bytes === undefined) return undefined;
    return result('encrypted', `'${prefix[0]}' cipher prefix`, value.length, bytes.bytes, false);
  }
  if (value.length < MIN_BASE64_LENGTH) return undefined;
  const dataUri = DATA_URI.exec(value);
  const encoded = dataUri === null ? value : value.slice(dataUri[0].length);
  const decoded = decode(encoded);
  if (decoded === undefined || (decoded.encoding === 'hex' && encoded.length < MIN_HEX_LENGTH)) return undefined;
  return classifyBytes(decoded.bytes, decoded.encoding, value.length, 'in a string');
}

/** A whole body the gateway cannot read field by field. */
export function detectOpaqueBody(body: Buffer, contentType: string | undefined): OpaqueFinding | undefined {
  if (body.length === 0) return undefined;
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const magic = MAGICS.find((m) => m.matches(body));
  if (isTextType(mediaType)) {
    // A compressed body declared as text (no Content-Encoding) is still unreadable.
    return magic?.kind === 'compressed' ? finding('compressed', `${magic.name} in a ${mediaType} body`, body) : undefined;
  }
  if (magic !== undefined) return finding(magic.kind, `${magic.name} body`, body);
  const declaredBinary = isBinaryType(mediaType);
  const sample = body.subarray(0, 65_536);
  if (!declaredBinary && looksLikeText(sample)) return undefined;
  const entropy = shannonEntropy(sample);
  const label = mediaType === '' ? 'untyped' : mediaType;
  if (entropy >= randomThreshold(sample.length)) {
    return { kind: 'encrypted', reason: `near-random bytes in a ${label} body`, length: body.length, entropy: round(entropy) };
  }
  return { kind: 'binary', reason: `${label} body`, length: body.length, entropy: round(entropy) };
}

function classifyBytes(bytes: Uint8Array, encoding: 'base64' | 'hex', length: number, where: string): OpaqueAnalysis {
  const magic = MAGICS.find((m) => m.matches(bytes));
  if (magic !== undefined) return result(magic.kind, `${magic.name} as ${encoding} ${where}`, length, bytes, magic.media);
  if (looksLikeText(bytes)) return result(encoding, `${encoding}-encoded text ${where}`, length, bytes, false);
  const entropy = shannonEntropy(bytes);
  if (entropy >= randomThreshold(bytes.length)) {
    return result('encrypted', `near-random bytes as ${encoding} ${where}`, length, bytes, false);
  }
  return result(encoding, `binary data as ${encoding} ${where}`, length, bytes, false);
}

function result(kind: OpaqueFinding['kind'], reason: string, length: number, bytes: Uint8Array, media: boolean): OpaqueAnalysis {
  return { finding: { kind, reason, length, entropy: round(shannonEntropy(bytes)) }, media };
}

function finding(kind: OpaqueFinding['kind'], reason: string, body: Buffer): OpaqueFinding {
  return { kind, reason, length: body.length, entropy: round(shannonEntropy(body.subarray(0, 65_536))) };
}

/**
 * Decodes strict hex or base64/base64url; undefined for anything else (sentences, URLs, UUIDs, JWTs,
 * numbers, timestamps and serialised JSON all contain characters outside these alphabets). Unprefixed base64
 * must mix upper case, lower case and digits, or a long identifier word (`ThisIsAVeryLongName`) would read as it.
 */
function decode(text: string, mixed = true): { bytes: Uint8Array; encoding: 'base64' | 'hex' } | undefined {
  let upper = false;
  let lower = false;
  let digit = false;
  let nonHexLetter = false;
  let standard = false;
  let url = false;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (padding > 0 && c !== 0x3d) return undefined;
    if (c >= 48 && c <= 57) {
      digit = true;
    } else if (c >= 65 && c <= 90) {
      upper = true;
      if (c > 70) nonHexLetter = true;
    } else if (c >= 97 && c <= 122) {
      lower = true;
      if (c > 102) nonHexLetter = true;
    } else if (c === 0x2b || c === 0x2f) {
      standard = true;
    } else if (c === 0x2d || c === 0x5f) {
      url = true;
    } else if (c === 0x3d) {
      padding++;
    } else {
      return undefined;
    }
  }
  const alphabetIsHex = !nonHexLetter && !standard && !url && padding === 0 && upper !== lower;
  // All digits is a number (after a cipher prefix, hex); one-case 0-9a-f is hex (base64 that avoids g-z for 64
  // characters does not occur).
  if (!upper && !lower) return mixed || text.length % 2 !== 0 ? undefined : { bytes: Buffer.from(text, 'hex'), encoding: 'hex' };
  if (alphabetIsHex) return text.length % 2 === 0 ? { bytes: Buffer.from(text, 'hex'), encoding: 'hex' } : undefined;
  if ((standard && url) || padding > 2 || (padding > 0 && text.length % 4 !== 0) || text.length % 4 === 1) return undefined;
  if (mixed && !(upper && lower && digit)) return undefined;
  return { bytes: Buffer.from(text, url ? 'base64url' : 'base64'), encoding: 'base64' };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Valid UTF-8 with at most 5% control characters (tab, CR, LF allowed). */
function looksLikeText(bytes: Uint8Array): boolean {
  let control = 0;
  for (const b of bytes) if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) control++;
  if (control > bytes.length * 0.05) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Shannon entropy in bits per byte. */
export function shannonEntropy(bytes: Uint8Array): number {
  if (bytes.length === 0) return 0;
  const counts = new Uint32Array(256);
  for (const b of bytes) counts[b] = (counts[b] ?? 0) + 1;
  let entropy = 0;
  for (const count of counts) {
    if (count === 0) continue;
    const p = count / bytes.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** n random bytes cannot reach 8 bits when n < 256: compare with what n bytes can reach at most. */
function randomThreshold(n: number): number {
  return 0.85 * Math.log2(Math.min(Math.max(n, 2), 256));
}

function isTextType(mediaType: string): boolean {
  return (
    mediaType.startsWith('text/') ||
    mediaType.endsWith('json') ||
    mediaType.endsWith('+xml') ||
    mediaType === 'application/xml' ||
    mediaType === 'application/x-www-form-urlencoded' ||
    mediaType === 'application/javascript' ||
    mediaType === 'multipart/form-data'
  );
}

const BINARY_TYPES = new Set([
  'application/octet-stream', 'application/protobuf', 'application/x-protobuf', 'application/vnd.google.protobuf',
  'application/grpc', 'application/grpc+proto', 'application/cbor', 'application/msgpack', 'application/x-msgpack',
  'application/zip', 'application/gzip', 'application/x-gzip',
]);

function isBinaryType(mediaType: string): boolean {
  return BINARY_TYPES.has(mediaType) || /^(?:image|audio|video)\//.test(mediaType);
}

function round(entropy: number): number {
  return Math.round(entropy * 1000) / 1000;
}
