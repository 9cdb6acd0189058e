import { canonicalHost } from '../../policy/index.js';

/**
 * A small, bounded reader of the TLS ClientHello: enough to learn the server name (SNI) a client asks
 * for before we decide to intercept, tunnel or refuse. It never allocates more than the input and
 * gives up on anything longer than MAX_CLIENT_HELLO_BYTES.
 */
export type ClientHelloResult =
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'not-tls' }
  | { readonly kind: 'malformed'; readonly reason: string }
  | { readonly kind: 'client-hello'; readonly serverName: string | undefined };

/** Large post-quantum key shares make real ClientHellos ~2 KB; anything past this is not a greeting. */
export const MAX_CLIENT_HELLO_BYTES = 64 * 1024;

const RECORD_HANDSHAKE = 0x16;
const HANDSHAKE_CLIENT_HELLO = 0x01;
const EXTENSION_SERVER_NAME = 0x0000;
const NAME_TYPE_HOST = 0x00;
const MAX_RECORD_LENGTH = 16384 + 2048;
const SNI_HOSTNAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_])?$/;

class Truncated extends Error {}

/** Bounds-checked big-endian reader over one buffer. */
class Reader {
  private offset = 0;
  constructor(private readonly data: Buffer) {}

  get remaining(): number {
    return this.data.length - this.offset;
  }
  u8(): number {
    return this.take(1).readUInt8(0);
  }
  u16(): number {
    return this.take(2).readUInt16BE(0);
  }
  u24(): number {
    return this.take(3).readUIntBE(0, 3);
  }
  take(length: number): Buffer {
    if (length > this.remaining) throw new Truncated();
    const slice = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }
}

export function parseClientHello(data: Buffer): ClientHelloResult {
  if (data.length === 0) return { kind: 'incomplete' };
  if (data[0] !== RECORD_HANDSHAKE) return { kind: 'not-tls' };
  const handshake = collectHandshake(data);
  if (handshake.kind !== 'complete') return handshake.result;
  try {
    return { kind: 'client-hello', serverName: readServerName(new Reader(handshake.body)) };
  } catch (error) {
    if (error instanceof Truncated) return { kind: 'malformed', reason: 'ClientHello fields overrun its length' };
    if (error instanceof SniError) return { kind: 'malformed', reason: error.message };
    throw error;
  }
}

type Collected = { kind: 'complete'; body: Buffer } | { kind: 'stop'; result: ClientHelloResult };

/** Joins the handshake fragments of consecutive TLS records until the whole ClientHello is there. */
function collectHandshake(data: Buffer): Collected {
  const fragments: Buffer[] = [];
  let collected = 0;
  let offset = 0;
  while (offset < data.length) {
    if (offset + 5 > data.length) break;
    if (data[offset] !== RECORD_HANDSHAKE) return stop({ kind: 'malformed', reason: 'not a handshake record' });
    if (data[offset + 1] !== 0x03) return stop({ kind: 'malformed', reason: 'unknown TLS record version' });
    const length = data.readUInt16BE(offset + 3);
    if (length === 0 || length > MAX_RECORD_LENGTH) return stop({ kind: 'malformed', reason: 'bad record length' });
    const end = Math.min(offset + 5 + length, data.length);
    fragments.push(data.subarray(offset + 5, end));
    collected += end - offset - 5;
    if (end < offset + 5 + length) break;
    offset = end;
    if (collected >= 4) {
      const first = Buffer.concat(fragments);
      const needed = 4 + first.readUIntBE(1, 3);
      if (first[0] !== HANDSHAKE_CLIENT_HELLO) return stop({ kind: 'malformed', reason: 'first handshake is not a ClientHello' });
      if (needed > MAX_CLIENT_HELLO_BYTES) return stop({ kind: 'malformed', reason: 'ClientHello too large' });
      if (collected >= needed) return { kind: 'complete', body: first.subarray(4, needed) };
    }
  }
  if (data.length > MAX_CLIENT_HELLO_BYTES + 5 * 8) return stop({ kind: 'malformed', reason: 'ClientHello too large' });
  return stop({ kind: 'incomplete' });
}

function stop(result: ClientHelloResult): Collected {
  return { kind: 'stop', result };
}

class SniError extends Error {}

function readServerName(hello: Reader): string | undefined {
  hello.take(2 + 32); // legacy_version, random
  const sessionId = hello.u8();
  if (sessionId > 32) throw new SniError('session id longer than 32 bytes');
  hello.take(sessionId);
  const suites = hello.u16();
  if (suites === 0 || suites % 2 !== 0) throw new SniError('bad cipher suite list');
  hello.take(suites);
  hello.take(hello.u8()); // compression methods
  if (hello.remaining === 0) return undefined; // no extensions at all (old clients)
  const extensions = new Reader(hello.take(hello.u16()));
  if (hello.remaining !== 0) throw new SniError('bytes after the extensions');
  let serverName: string | undefined;
  let seen = false;
  while (extensions.remaining > 0) {
    const type = extensions.u16();
    const body = extensions.take(extensions.u16());
    if (type !== EXTENSION_SERVER_NAME) continue;
    // Two server_name extensions could name two destinations: which one the upstream sees is a guess.
    if (seen) throw new SniError('more than one server_name extension');
    seen = true;
    serverName = readHostName(new Reader(body));
  }
  return serverName;
}

function readHostName(extension: Reader): string | undefined {
  const list = new Reader(extension.take(extension.u16()));
  if (extension.remaining !== 0) throw new SniError('bytes after the server name list');
  let serverName: string | undefined;
  while (list.remaining > 0) {
    const type = list.u8();
    const name = list.take(list.u16());
    if (type !== NAME_TYPE_HOST) continue;
    if (serverName !== undefined) throw new SniError('more than one host name');
    const host = name.toString('latin1').toLowerCase().replace(/\.$/, '');
    // Anything but a plain DNS name (`a!b.example`, spaces, UTF-8) is refused, never guessed at or tunnelled.
    const canonical = SNI_HOSTNAME.test(host) ? canonicalHost(host) : undefined;
    if (canonical === undefined) throw new SniError('server name is not a hostname');
    serverName = canonical;
  }
  return serverName;
}
