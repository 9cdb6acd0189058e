/**
 * Synthetic TLS ClientHellos for hostile-input tests: a well-formed skeleton whose every field can be
 * bent (server names, duplicate extensions, lengths, versions), so each malformation is one table row.
 */
export interface HelloShape {
  /** Host names in the server_name extension (raw bytes; latin1 strings). Empty list: no extension. */
  readonly names?: readonly (string | Buffer)[];
  /** Send the server_name extension twice. */
  readonly duplicateExtension?: boolean;
  readonly recordVersionMajor?: number;
  readonly handshakeType?: number;
  readonly sessionIdLength?: number;
  /** Byte length of the cipher suite list (odd or 0 is malformed). */
  readonly suitesLength?: number;
  /** Extra bytes appended inside the server name extension, after its list. */
  readonly trailingInExtension?: number;
  /** Claim a longer extensions block than there is. */
  readonly overrunExtensions?: boolean;
}

const u16 = (n: number): Buffer => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const u24 = (n: number): Buffer => Buffer.from([(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);

function serverNameExtension(names: readonly (string | Buffer)[], trailing: number): Buffer {
  const entries = names.map((name) => {
    const bytes = Buffer.isBuffer(name) ? name : Buffer.from(name, 'latin1');
    return Buffer.concat([Buffer.from([0]), u16(bytes.length), bytes]);
  });
  const list = Buffer.concat(entries);
  const body = Buffer.concat([u16(list.length), list, Buffer.alloc(trailing)]);
  return Buffer.concat([u16(0), u16(body.length), body]);
}

export function clientHello(shape: HelloShape = {}): Buffer {
  const names = shape.names ?? ['vendor.test'];
  const sessionLength = shape.sessionIdLength ?? 32;
  const suitesLength = shape.suitesLength ?? 4;
  let extensions = names.length === 0 ? Buffer.alloc(0) : serverNameExtension(names, shape.trailingInExtension ?? 0);
  if (shape.duplicateExtension === true) extensions = Buffer.concat([extensions, extensions]);
  const extensionsLength = extensions.length + (shape.overrunExtensions === true ? 40 : 0);
  const body = Buffer.concat([
    Buffer.from([0x03, 0x03]),
    Buffer.alloc(32, 7),
    Buffer.from([sessionLength]),
    Buffer.alloc(Math.min(sessionLength, 255), 1),
    u16(suitesLength),
    Buffer.alloc(suitesLength, 0x13),
    Buffer.from([1, 0]),
    u16(extensionsLength),
    extensions,
  ]);
  const handshake = Buffer.concat([Buffer.from([shape.handshakeType ?? 1]), u24(body.length), body]);
  return Buffer.concat([Buffer.from([0x16, shape.recordVersionMajor ?? 3, 0x01]), u16(handshake.length), handshake]);
}
