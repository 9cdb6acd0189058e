import type { ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorCode } from '../../errors.js';
import type { ConnectionDecision, Explanation } from '../../policy/index.js';

/** The body of a gateway refusal; the same shape the pipeline uses (`{ error: { code, message, ... } }`). */
export interface RefusalBody {
  readonly error: { readonly code: ErrorCode | 'BLOCKED_BY_POLICY' | 'INTERNAL_ERROR'; readonly message: string } & Record<
    string,
    unknown
  >;
}

export function blockedBody(
  connection: ConnectionDecision,
  block: Explanation,
  what: 'connection' | 'request' = 'connection',
): RefusalBody {
  return {
    error: {
      code: 'BLOCKED_BY_POLICY',
      message: `Privacy Gateway blocked this ${what} to ${connection.destination.host}: ${block.reason}`,
      rule: block.ruleId ?? null,
      reason: block.reason,
      device: connection.device.name,
      destination: connection.destination.host,
    },
  };
}

/**
 * Answers on a raw socket that still speaks HTTP/1.1 (a CONNECT, a request the parser refused) and
 * closes it: after such an answer the connection is of no further use.
 */
export function endSocketWithJson(
  socket: Duplex,
  status: number,
  body: RefusalBody,
  headers: Record<string, string> = {},
): void {
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const payload = Buffer.from(JSON.stringify(body));
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'content-type: application/json',
    `content-length: ${payload.length}`,
    'connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]));
}

export function sendJson(res: ServerResponse, status: number, body: RefusalBody, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const payload = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length) });
  res.end(payload);
}

/** TLS alert descriptions we send before closing a connection we will not serve (RFC 8446 §6). */
export const TLS_ALERT = { handshakeFailure: 40, accessDenied: 49, unrecognizedName: 112 } as const;

/** A fatal alert in a plaintext record: what a TLS client understands before any handshake. */
export function endSocketWithTlsAlert(socket: Duplex, description: number): void {
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, description]));
}
