import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { decodeBody, encodeBody, parseContentEncoding, type ContentCoding } from '../../src/proxy/codecs/index.js';

const body = Buffer.from(JSON.stringify({ lat: 52.37, lon: 4.89, note: 'é✓'.repeat(50) }));
const LIMIT = 1024 * 1024;

describe('parseContentEncoding', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['identity', []],
    ['gzip', ['gzip']],
    ['X-GZIP', ['gzip']],
    ['deflate', ['deflate']],
    ['br', ['br']],
    ['gzip, br', ['gzip', 'br']],
    [['gzip', 'identity, br'], ['gzip', 'br']],
  ])('reads %j as %j', (header, codings) => {
    expect(parseContentEncoding(header)).toEqual({ known: true, codings });
  });

  it.each(['zstd', 'gzip, compress', 'aes128gcm'])('marks %j as unknown', (header) => {
    const parsed = parseContentEncoding(header);
    expect(parsed.known).toBe(false);
  });
});

describe('decodeBody', () => {
  it.each([
    ['gzip', zlib.gzipSync(body), ['gzip'], ['gzip']],
    ['zlib-wrapped deflate', zlib.deflateSync(body), ['deflate'], ['deflate']],
    ['raw deflate', zlib.deflateRawSync(body), ['deflate'], ['deflate-raw']],
    ['br', zlib.brotliCompressSync(body), ['br'], ['br']],
    ['identity', body, [], []],
    ['gzip then br', zlib.brotliCompressSync(zlib.gzipSync(body)), ['gzip', 'br'], ['gzip', 'br']],
    ['br then deflate', zlib.deflateSync(zlib.brotliCompressSync(body)), ['br', 'deflate'], ['br', 'deflate']],
  ] as const)('decodes %s and names the variant', async (_name, encoded, codings, resolved) => {
    const decoded = await decodeBody(encoded, codings, LIMIT);
    expect(decoded.body.equals(body)).toBe(true);
    expect(decoded.codings).toEqual(resolved);
  });

  it.each([
    ['gzip', zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024)), ['gzip']],
    ['br', zlib.brotliCompressSync(Buffer.alloc(50 * 1024 * 1024)), ['br']],
    ['stacked', zlib.gzipSync(zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024))), ['gzip', 'gzip']],
  ] as const)('stops a %s bomb at the limit with PAYLOAD_TOO_LARGE', async (_name, bomb, codings) => {
    const error = await decodeBody(bomb, codings, 64 * 1024).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'decoded body exceeds 65536 bytes' });
  });

  it('rejects bytes that are not what the header claims with PAYLOAD_INVALID', async () => {
    const error = await decodeBody(body, ['gzip'], LIMIT).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PAYLOAD_INVALID' });
    expect(String((error as Error).message)).toContain('gzip');
  });
});

describe('encodeBody', () => {
  it.each<readonly ContentCoding[]>([['gzip'], ['deflate'], ['deflate-raw'], ['br'], ['gzip', 'br'], []])(
    'round-trips through %j',
    async (...codings) => {
      const encoded = await encodeBody(body, codings);
      const headerCodings = codings.map((c) => (c === 'deflate-raw' ? 'deflate' : c));
      const decoded = await decodeBody(encoded, headerCodings, LIMIT);
      expect(decoded.body.equals(body)).toBe(true);
      expect(decoded.codings).toEqual(codings);
    },
  );
});
