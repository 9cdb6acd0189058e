import type { Duplex } from 'node:stream';
import { MAX_CLIENT_HELLO_BYTES, parseClientHello } from './sni.js';

/** What the first bytes of a connection say about its protocol. */
export type Peeked =
  | { readonly kind: 'tls'; readonly serverName: string | undefined; readonly bytes: number }
  | { readonly kind: 'tls-malformed'; readonly reason: string; readonly bytes: number }
  | { readonly kind: 'http'; readonly bytes: number }
  | { readonly kind: 'other'; readonly bytes: number }
  | { readonly kind: 'none'; readonly reason: 'timeout' | 'closed' };

/** An HTTP/1 request starts with a method token; MQTT, TLS and friends start with a control byte. */
const HTTP_METHOD_START = /^[A-Z]/;

/**
 * Reads until the protocol is known (a whole ClientHello for TLS, one byte otherwise), then puts every
 * byte back with `unshift` and pauses the socket, so whoever takes over (TLSSocket, an http.Server, a
 * tunnel) reads the stream from its first byte. Bounded in time and size.
 */
export function peekFirstBytes(socket: Duplex, timeoutMs: number): Promise<Peeked> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const finish = (result: Peeked): void => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('end', onClosed);
      socket.removeListener('close', onClosed);
      socket.pause();
      if (result.kind !== 'none' && length > 0) socket.unshift(Buffer.concat(chunks, length));
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      length += chunk.length;
      const data = Buffer.concat(chunks, length);
      const hello = parseClientHello(data);
      switch (hello.kind) {
        case 'incomplete':
          if (length > MAX_CLIENT_HELLO_BYTES) finish({ kind: 'tls-malformed', reason: 'ClientHello too large', bytes: length });
          return;
        case 'client-hello':
          return finish({ kind: 'tls', serverName: hello.serverName, bytes: length });
        case 'malformed':
          return finish({ kind: 'tls-malformed', reason: hello.reason, bytes: length });
        case 'not-tls':
          return finish({ kind: HTTP_METHOD_START.test(data.toString('latin1', 0, 1)) ? 'http' : 'other', bytes: length });
      }
    };
    const onClosed = (): void => finish({ kind: 'none', reason: 'closed' });
    const timer = setTimeout(() => finish({ kind: 'none', reason: 'timeout' }), timeoutMs);
    socket.on('data', onData);
    socket.once('end', onClosed);
    socket.once('close', onClosed);
    socket.resume();
  });
}
