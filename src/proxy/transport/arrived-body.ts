import type { IncomingMessage } from 'node:http';

const EMPTY = Buffer.alloc(0);

/**
 * The whole body of a message Node's parser has already read to its end, taken from the stream's buffer now:
 * for the client's request (pipeline/read-body.ts) and the vendor's answer (upstream.ts relay) alike.
 *
 * Why: a small body usually arrives in the same packet as its headers. Node emits 'request' (or the client's
 * 'response') from the headers and parses the body in the same call, so one tick later the message is complete
 * and its body sits in the stream's buffer. Taking it there costs one `read()`; streaming it costs a resume, a
 * flow, four listeners and two more ticks per message, for bytes that are already here.
 *
 * - `undefined`: not taken, nothing consumed: the body is still arriving, the stream was destroyed, or something
 *   already reads it (flowing or paused). Stream it.
 * - a Buffer: the whole body (EMPTY when there is none). The stream has ended or ends now, as one read to its end
 *   does: its 'end' and 'close' follow, which for the vendor's answer hands the keep-alive socket back to the
 *   agent's pool (test/proxy/vendor-reuse.test.ts).
 * - `null`: complete, but `read()` did not hand over exactly what was buffered. Never so for Node's byte streams
 *   (no size: everything buffered); the caller fails closed rather than pass on a body it did not see whole.
 */
export function takeArrivedBody(message: IncomingMessage): Buffer | null | undefined {
  if (!message.complete || message.destroyed || message.readableFlowing !== null) return undefined;
  const buffered = message.readableLength;
  if (buffered === 0) {
    // Nothing to read, and read() would not end the stream: resume() does, so its 'end' still comes.
    message.resume();
    return EMPTY;
  }
  // read() with no size: all that is buffered, and (unlike read(n)) it ends the stream when that is all.
  const body = message.read() as Buffer | null;
  return body !== null && body.length === buffered ? body : null;
}
