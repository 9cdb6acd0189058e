/**
 * The few DER encodings an X.509 certificate of ours needs, and a reader just deep enough to take a
 * certificate's subject, public key and subject key identifier back out. Written by hand instead of loading
 * an ASN.1 library: @peculiar/x509 with its schema packages, tsyringe and reflect-metadata cost the gateway
 * ~2.5 MB of V8 heap and ~4–6 MB of malloc memory from the start, for two certificate shapes (BENCHMARKS.md,
 * Memory).
 */

/** A tag-length-value: the length in DER's definite form (short form below 128 bytes). */
export function tlv(tag: number, ...contents: readonly Buffer[]): Buffer {
  const body = contents.length === 1 && contents[0] !== undefined ? contents[0] : Buffer.concat(contents);
  const length = body.length;
  let head: Buffer;
  if (length < 0x80) head = Buffer.from([tag, length]);
  else if (length < 0x100) head = Buffer.from([tag, 0x81, length]);
  else if (length < 0x10000) head = Buffer.from([tag, 0x82, length >> 8, length & 0xff]);
  else head = Buffer.from([tag, 0x83, length >> 16, (length >> 8) & 0xff, length & 0xff]);
  return Buffer.concat([head, body]);
}

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  utf8String: 0x0c,
  sequence: 0x30,
  set: 0x31,
  utcTime: 0x17,
  generalizedTime: 0x18,
} as const;

export const sequence = (...items: readonly Buffer[]): Buffer => tlv(TAG.sequence, ...items);
/** An OID from its encoded content bytes (the constants in certificates.ts). */
export const oid = (bytes: readonly number[]): Buffer => tlv(TAG.oid, Buffer.from(bytes));
export const octetString = (bytes: Buffer): Buffer => tlv(TAG.octetString, bytes);
export const utf8String = (text: string): Buffer => tlv(TAG.utf8String, Buffer.from(text, 'utf8'));
/** A BIT STRING whose last `unusedBits` bits are padding (0 for keys and signatures). */
export const bitString = (bytes: Buffer, unusedBits = 0): Buffer => tlv(TAG.bitString, Buffer.from([unusedBits]), bytes);
/** A context-specific tag: constructed for EXPLICIT wrappers, primitive for IMPLICIT strings. */
export const contextTag = (number: number, constructed: boolean, ...contents: readonly Buffer[]): Buffer =>
  tlv(0x80 | (constructed ? 0x20 : 0) | number, ...contents);

/** An INTEGER from unsigned big-endian bytes, with the 0x00 a high first bit needs to stay positive. */
export function unsignedInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return tlv(TAG.integer, (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

/** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime after; always UTC to the second. */
export function time(date: Date): Buffer {
  const iso = date.toISOString(); // 2026-12-06T22:41:00.000Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '') + 'Z'; // 20261206224100Z
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? tlv(TAG.utcTime, Buffer.from(digits.slice(2), 'ascii')) : tlv(TAG.generalizedTime, Buffer.from(digits, 'ascii'));
}

export interface DerElement {
  readonly tag: number;
  /** The whole element, header included. */
  readonly raw: Buffer;
  readonly content: Buffer;
}

/** The elements directly inside `content`, in order; throws on a length that runs past the end. */
export function children(content: Buffer): DerElement[] {
  const elements: DerElement[] = [];
  let offset = 0;
  while (offset < content.length) {
    const tag = content[offset] ?? 0;
    let length = content[offset + 1] ?? 0;
    let header = 2;
    if (length & 0x80) {
      const octets = length & 0x7f;
      if (octets === 0 || octets > 3) throw new Error('unsupported DER length');
      length = 0;
      for (let i = 0; i < octets; i++) length = length * 256 + (content[offset + 2 + i] ?? 0);
      header += octets;
    }
    const end = offset + header + length;
    if (end > content.length) throw new Error('truncated DER element');
    elements.push({ tag, raw: content.subarray(offset, end), content: content.subarray(offset + header, end) });
    offset = end;
  }
  return elements;
}

/** The single element `der` holds. */
export function element(der: Buffer): DerElement {
  const [only] = children(der);
  if (only === undefined) throw new Error('empty DER');
  return only;
}
