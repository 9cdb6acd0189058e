import type { OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** Called once, when the response is about to send its last byte; `release` sends it. */
export type OnLastByte = (bodyBytes: number, release: () => void) => void;

type Call = readonly unknown[];

/**
 * Holds back the last byte of a response until `onLastByte` releases it, so the ledger can commit the
 * request's record before the client can see a complete answer (issue 8: nothing answered is lost to a
 * crash). Everything before stays streamed; what is held is whichever comes first of
 * - the body write that reaches the declared content-length (the client's answer is complete with it),
 * - `end()` (for chunked or close-delimited bodies the terminating chunk or the close completes it; for
 *   bodiless answers the headers themselves go out with it).
 * Writes and ends after the held one queue behind it and are replayed in order on release.
 */
export function holdLastByte(res: ServerResponse, onLastByte: OnLastByte): void {
  // Unbound: each is called with Reflect.apply on `res`, so no bound copy per response is needed.
  const { write, end, writeHead } = res;
  let declared: number | undefined;
  let bytes = 0;
  let held: Call[] | undefined;
  // Once released, the patched methods pass every call straight through. They stay on the response rather than
  // being deleted: three deletes per response cost more than a flag (profiles at 1 KB), and the response is
  // dropped after its one answer anyway.
  let released = false;

  const release = (): void => {
    if (released) return;
    released = true;
    const calls = held ?? [];
    held = undefined;
    for (const [kind, ...args] of calls) {
      if (kind === 'write') Reflect.apply(write, res, args);
      else Reflect.apply(end, res, args);
    }
  };
  const hold = (call: Call): void => {
    if (held) {
      held.push(call);
      return;
    }
    held = [call];
    onLastByte(bytes, release);
  };

  const patched = res as unknown as Record<string, unknown>;
  patched.writeHead = (...args: unknown[]) => {
    if (!released) declared = declaredLength(args) ?? declared;
    return Reflect.apply(writeHead, res, args) as ServerResponse;
  };
  patched.write = (...args: unknown[]) => {
    if (released) return Reflect.apply(write, res, args) as boolean;
    bytes += chunkBytes(args[0], args[1]);
    if (held === undefined && !reachesEnd(res, declared, bytes)) return Reflect.apply(write, res, args) as boolean;
    hold(['write', ...args]);
    return true;
  };
  patched.end = (...args: unknown[]) => {
    if (released) return Reflect.apply(end, res, args) as ServerResponse;
    if (typeof args[0] !== 'function') bytes += chunkBytes(args[0], args[1]);
    hold(['end', ...args]);
    return res;
  };
}

/** True when the body written so far completes the declared content-length. */
function reachesEnd(res: ServerResponse, declared: number | undefined, bytes: number): boolean {
  const length = declared ?? numeric(res.getHeader('content-length'));
  return length !== undefined && bytes >= length;
}

/** content-length from writeHead's headers (object or flat raw array), which getHeader does not see. */
function declaredLength(args: readonly unknown[]): number | undefined {
  const headers = args.find((arg) => typeof arg === 'object' && arg !== null);
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) {
      if (String(headers[i]).toLowerCase() === 'content-length') return numeric(headers[i + 1] as OutgoingHttpHeader);
    }
    return undefined;
  }
  if (headers === undefined) return undefined;
  const byName = headers as OutgoingHttpHeaders;
  for (const name in byName) {
    if (Object.hasOwn(byName, name) && name.toLowerCase() === 'content-length') return numeric(byName[name]);
  }
  return undefined;
}

function numeric(value: OutgoingHttpHeader | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined) return undefined;
  const length = Number(text);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

function chunkBytes(chunk: unknown, encoding: unknown): number {
  if (typeof chunk === 'string') return Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (chunk instanceof Uint8Array) return chunk.byteLength;
  return 0;
}
