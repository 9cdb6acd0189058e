import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { GatewayError, messageOf } from '../../errors.js';

/** A coding as named in a Content-Encoding header (x-gzip folded into gzip, identity dropped). */
export type HeaderCoding = 'gzip' | 'deflate' | 'br';

/**
 * A coding as actually found in the bytes: `deflate` is zlib-wrapped per RFC 9110, but some clients
 * send raw deflate under the same name, and re-encoding must reproduce what the vendor expects.
 */
export type ContentCoding = 'gzip' | 'deflate' | 'deflate-raw' | 'br';

export type ParsedContentEncoding =
  | { readonly known: true; readonly codings: readonly HeaderCoding[] }
  | { readonly known: false; readonly unknown: string };

export interface DecodedBody {
  readonly body: Buffer;
  /** In the order they were applied (the header's order), deflate resolved to its variant. */
  readonly codings: readonly ContentCoding[];
}

const HEADER_CODINGS: Readonly<Record<string, HeaderCoding | 'identity'>> = {
  gzip: 'gzip',
  'x-gzip': 'gzip',
  deflate: 'deflate',
  br: 'br',
  identity: 'identity',
};

/** Splits `gzip, br` into codings in the order they were applied; an unknown token makes the body opaque. */
export function parseContentEncoding(header: string | readonly string[] | undefined): ParsedContentEncoding {
  const joined = typeof header === 'string' ? header : (header ?? []).join(',');
  const codings: HeaderCoding[] = [];
  for (const raw of joined.split(',')) {
    const token = raw.trim().toLowerCase();
    if (token === '') continue;
    const coding = HEADER_CODINGS[token];
    if (coding === undefined) return { known: false, unknown: token };
    if (coding !== 'identity') codings.push(coding);
  }
  return { known: true, codings };
}

type Transform = (input: Buffer, options: zlib.ZlibOptions | zlib.BrotliOptions) => Promise<Buffer>;

const gunzip = promisify(zlib.gunzip) as Transform;
const inflate = promisify(zlib.inflate) as Transform;
const inflateRaw = promisify(zlib.inflateRaw) as Transform;
const brotliDecompress = promisify(zlib.brotliDecompress) as Transform;
const gzip = promisify(zlib.gzip) as Transform;
const deflate = promisify(zlib.deflate) as Transform;
const deflateRaw = promisify(zlib.deflateRaw) as Transform;
const brotliCompress = promisify(zlib.brotliCompress) as Transform;

const DECODERS: Record<ContentCoding, Transform> = {
  gzip: gunzip,
  deflate: inflate,
  'deflate-raw': inflateRaw,
  br: brotliDecompress,
};

const ENCODERS: Record<ContentCoding, Transform> = {
  gzip,
  deflate,
  'deflate-raw': deflateRaw,
  br: brotliCompress,
};

/** RFC 1950 header: CM=8 in the low nibble and the first two bytes a multiple of 31. */
function isZlibWrapped(body: Buffer): boolean {
  const cmf = body[0];
  const flg = body[1];
  if (cmf === undefined || flg === undefined) return false;
  return (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}

function isOutputTooLarge(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ERR_BUFFER_TOO_LARGE';
}

/**
 * Undoes the codings last-applied-first. Every stage is capped at `maxOutputLength`, so a
 * compression bomb stops at the cap instead of filling memory.
 */
export async function decodeBody(
  body: Buffer,
  codings: readonly HeaderCoding[],
  maxOutputLength: number,
): Promise<DecodedBody> {
  let current = body;
  const resolved: ContentCoding[] = [];
  for (const coding of [...codings].reverse()) {
    const variant: ContentCoding = coding === 'deflate' && !isZlibWrapped(current) ? 'deflate-raw' : coding;
    try {
      current = await DECODERS[variant](current, { maxOutputLength });
    } catch (error) {
      if (isOutputTooLarge(error)) {
        throw new GatewayError('PAYLOAD_TOO_LARGE', `decoded body exceeds ${maxOutputLength} bytes`, [
          `limit: ${maxOutputLength}`,
        ]);
      }
      const reason = messageOf(error);
      throw new GatewayError('PAYLOAD_INVALID', `body is not valid ${coding} data: ${reason}`, [], { cause: error });
    }
    resolved.unshift(variant);
  }
  return { body: current, codings: resolved };
}

/** Applies the codings in order, reproducing what the client sent (after the body was edited). */
export async function encodeBody(body: Buffer, codings: readonly ContentCoding[]): Promise<Buffer> {
  let current = body;
  for (const coding of codings) current = await ENCODERS[coding](current, {});
  return current;
}
