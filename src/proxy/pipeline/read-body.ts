import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../../errors.js';
import { takeArrivedBody } from '../transport/arrived-body.js';

export function tooLarge(limit: number): GatewayError {
  return new GatewayError('PAYLOAD_TOO_LARGE', `request body exceeds ${limit} bytes`, [`limit: ${limit} bytes`]);
}

/** The declared Content-Length, or undefined when absent or unreadable (chunked bodies). */
export function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  if (header === undefined || !/^\d+$/.test(header)) return undefined;
  return Number(header);
}

/** Whether the request carries a body at all (Node has already de-chunked it). */
export function hasBody(req: IncomingMessage): boolean {
  const length = declaredLength(req);
  if (length !== undefined) return length > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/**
 * Buffers the body, refusing as soon as it passes `limit`: up front by Content-Length, or while
 * reading a chunked body, so a large upload never sits in memory. Node discards the unread rest.
 *
 * A device's small body usually arrives in the same packet as its headers, so it is looked at one tick later
 * and, when the request is complete by then, taken from the stream's buffer at once (takeArrivedBody).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const length = declaredLength(req);
  if (length !== undefined && length > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    // A tick, not a microtask: a 'close' Node queues after this runs after it, so the listeners never miss it.
    process.nextTick(() => {
      const body = takeArrivedBody(req);
      if (body === undefined) streamBody(req, limit, resolve, reject);
      // Never so for a complete request: refused rather than forwarded with a body the gateway did not check whole.
      else if (body === null) reject(new GatewayError('REQUEST_INVALID', "the client's request body could not be read"));
      else if (body.length > limit) reject(tooLarge(limit));
      else resolve(body);
    });
  });
}

function streamBody(req: IncomingMessage, limit: number, resolve: (body: Buffer) => void, reject: (error: GatewayError) => void): void {
  // Gone before its body was taken: no event will come any more, so waiting would hang the exchange.
  if (req.destroyed) {
    reject(new GatewayError('REQUEST_INVALID', 'the client closed the request before its body ended'));
    return;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  const cleanup = (): void => {
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onError);
    req.off('close', onClose);
  };
  const fail = (error: GatewayError): void => {
    cleanup();
    reject(error);
  };
  const onData = (chunk: Buffer): void => {
    received += chunk.length;
    if (received > limit) {
      fail(tooLarge(limit));
      req.resume();
      return;
    }
    chunks.push(chunk);
  };
  const onEnd = (): void => {
    cleanup();
    // A client that writes its headers and then its small body (autocannon, many device stacks) sends one chunk:
    // it is the body as it is (Node's parser copies each chunk out of the socket's buffer), no second copy.
    resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received));
  };
  const onError = (error: Error): void =>
    fail(new GatewayError('REQUEST_INVALID', `the client's request body could not be read: ${error.message}`));
  const onClose = (): void => {
    if (!req.complete) fail(new GatewayError('REQUEST_INVALID', 'the client closed the request before its body ended'));
  };
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onError);
  req.on('close', onClose);
}
