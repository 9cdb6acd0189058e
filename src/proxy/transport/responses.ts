import type { ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorCode } from '../../errors.js';
import type { BlockKind, ConnectionDecision, Explanation } from '../../policy/index.js';

/** The body of a gateway refusal; the same shape the pipeline uses (`{ error: { code, message, ... } }`). */
export interface RefusalBody {
  readonly error: { readonly code: ErrorCode | 'BLOCKED_BY_POLICY' | 'INTERNAL_ERROR'; readonly message: string } & Record<
    string,
    unknown
  >;
}

/**
 * What refused: the kind (quarantine, destination, lockdown-unlisted, opaque, field, uninspectable) and
 * the rule — the owner's rule or destination id when there is one, else the kind itself, because a
 * quarantine or an opaque body is a policy setting, not a named rule. `policy` only for an explanation
 * built without a kind (none of the gateway's own).
 */
export interface Refusal {
  readonly kind: BlockKind | 'policy';
  readonly rule: string;
}

export function refusalOf(block: Explanation): Refusal {
  const kind = block.blockedBy ?? 'policy';
  return { kind, rule: block.ruleId ?? kind };
}

/** The headers of a 403: `X-Privacy-Gateway-Rule` names the rule, `X-Privacy-Gateway-Reason` the kind. */
export function refusalHeaders(block: Explanation): Record<string, string> {
  const { kind, rule } = refusalOf(block);
  // Header values must be visible ASCII; a rule id is the owner's free text.
  return {
    'x-privacy-gateway-decision': 'blocked',
    'x-privacy-gateway-rule': headerSafe(rule),
    'x-privacy-gateway-reason': kind,
  };
}

function headerSafe(text: string): string {
  const safe = text.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);
  return safe === '' ? '-' : safe;
}

export function blockedBody(
  connection: ConnectionDecision,
  block: Explanation,
  what: 'connection' | 'request' = 'connection',
): RefusalBody {
  const { kind, rule } = refusalOf(block);
  const field = block.field === undefined ? '' : ` field ${block.field},`;
  return {
    error: {
      code: 'BLOCKED_BY_POLICY',
      message: `Privacy Gateway blocked this ${what} to ${connection.destination.host} (${kind},${field} rule ${rule}): ${block.reason}`,
      kind,
      rule,
      ruleId: block.ruleId ?? null,
      field: block.field ?? null,
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
