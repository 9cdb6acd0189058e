import { bodyKind, parseMediaType } from '../../payload/index.js';
import type { OpaqueFinding } from '../../policy/index.js';

/**
 * Binary content types (images, octet-stream, protobuf, multipart) hold no fields the gateway can read,
 * so they are judged as a whole and streamed (if allowed) without being buffered. Anything else is
 * read: JSON, form and text are parsed, and unknown or missing types are sniffed by the parser because
 * devices often mislabel JSON.
 */
export function isReadableContentType(contentType: string | undefined): boolean {
  const media = parseMediaType(contentType);
  return media === undefined || bodyKind(media.essence) !== 'binary';
}

/** Shannon entropy in bits per byte over at most the first 64 KiB (enough to tell text from ciphertext). */
export function byteEntropy(bytes: Buffer): number {
  const sample = bytes.subarray(0, 64 * 1024);
  if (sample.length === 0) return 0;
  const counts = new Array<number>(256).fill(0);
  for (const byte of sample) counts[byte] = (counts[byte] ?? 0) + 1;
  let entropy = 0;
  for (const count of counts) {
    if (count === 0) continue;
    const p = count / sample.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** A body the gateway read but could not turn into fields. */
export function readOpacity(reason: string, body: Buffer): OpaqueFinding {
  return { kind: 'binary', reason, length: body.length, entropy: byteEntropy(body) };
}

/** A body judged by its headers alone (streamed, never read): length as declared, entropy unmeasured. */
export function declaredOpacity(
  kind: OpaqueFinding['kind'],
  reason: string,
  declaredLength: number | undefined,
): OpaqueFinding {
  return { kind, reason, length: declaredLength ?? 0, entropy: 0 };
}
