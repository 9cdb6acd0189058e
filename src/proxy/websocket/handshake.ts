import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import net from 'node:net';
import { parseQuery, rewriteQuery } from '../../payload/index.js';
import { classifyPayload, evaluate, planEdits, type ClassifiedField, type CompiledPolicy, type Decision, type Pseudonymizer } from '../../policy/index.js';
import type { RequestContext } from '../contracts.js';
import { splitRequestTarget } from '../pipeline/request-target.js';
import { withoutHopByHop } from '../transport/hop-by-hop.js';
import { hostHeaderFor } from '../transport/addresses.js';

/** Headers the WebSocket client library sets itself for its own handshake with the vendor. */
const OWN_HEADERS = ['host', 'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-extensions', 'sec-websocket-protocol'];

export interface JudgedHandshake {
  readonly path: string;
  /** The query string to send on (edited when a query field was), with its `?`, or ''. */
  readonly search: string;
  readonly decision: Decision | undefined;
  readonly fields: readonly ClassifiedField[];
}

/** The upgrade request's query fields go through the policy like any request's; a block refuses it. */
export function judgeHandshake(
  req: IncomingMessage,
  ctx: RequestContext,
  policy: CompiledPolicy | undefined,
  pseudonymizer: Pseudonymizer,
): JudgedHandshake {
  const { path, search } = splitRequestTarget(req.url);
  if (policy === undefined) return { path, search, decision: undefined, fields: [] };
  const fields = search === '' || search === '?' ? [] : classifyPayload({ format: 'form', fields: parseQuery(search), opaqueReason: undefined });
  const decision = evaluate({ target: ctx.target, method: 'GET', path, payload: { format: 'form', fields, opaque: undefined } }, policy);
  if (decision.verdict === 'block') return { path, search, decision, fields };
  const edits = planEdits(decision, fields, pseudonymizer).filter((edit) => edit.field.source === 'query');
  if (edits.length === 0) return { path, search, decision, fields };
  const rewritten = rewriteQuery(search, edits);
  const edited = rewritten === '' || rewritten === '?' ? '' : rewritten.startsWith('?') ? rewritten : `?${rewritten}`;
  return { path, search: edited, decision, fields };
}

/** The device's headers for the vendor, minus hop-by-hop and the handshake's own; Host as the device sent it. */
export function upstreamHandshakeHeaders(req: IncomingMessage, ctx: RequestContext): Record<string, string> {
  const headers: OutgoingHttpHeaders = withoutHopByHop(req.headers);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || OWN_HEADERS.includes(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  out.host = req.headers.host ?? hostHeaderFor(ctx.target.host, ctx.target.port, ctx.target.scheme);
  return out;
}

/** Subprotocols the device asked for, to offer the vendor (whose choice the device then gets). */
export function requestedProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  return header === undefined ? [] : header.split(',').map((name) => name.trim()).filter((name) => name !== '');
}

/** TLS server name for the vendor: its host, unless that is an IP literal (SNI carries names only). */
export function serverNameOf(host: string): string | undefined {
  return net.isIP(host) === 0 ? host : undefined;
}
