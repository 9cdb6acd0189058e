import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ConnectionDecision, FlowTarget, Scheme } from '../../policy/index.js';
import { clientAddressOf, parseAuthority, type Authority } from './addresses.js';
import type { DecidedConnection, TransportEnv } from './env.js';
import { REFUSALS, refused } from './guard.js';
import { hasOurVia } from './hop-by-hop.js';
import { blockedBody, endSocketWithJson, sendJson, type RefusalBody } from './responses.js';

const CLIENT_ERRORS: Readonly<Record<string, readonly [number, string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'the request headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'the request took too long to arrive'],
};
const ABSOLUTE_FORM = /^(https?):\/\/([^/?#]*)/i;
const SERVED_EVERY_MS = 1000;

/**
 * A plain HTTP request on the explicit proxy (absolute-form) or the transparent listener (Host
 * header). The pipeline gets every request with its connection decision, block and tunnel included.
 * On the explicit proxy the absolute-form target is the destination and the Host header is replaced
 * by it upstream (RFC 9112 §3.2.2), so a different Host never reaches the vendor.
 */
export function handleProxyRequest(
  env: TransportEnv,
  req: IncomingMessage,
  res: ServerResponse,
  listener: 'explicit' | 'transparent',
): void {
  trackInFlight(env, req, res);
  if (hasOurVia(req.headers)) {
    const message = 'this request already passed through the gateway: it is addressed to the gateway itself';
    return sendJson(res, 508, { error: { code: 'REQUEST_INVALID', message } });
  }
  const absolute = ABSOLUTE_FORM.exec(req.url ?? '');
  // A keep-alive connection asks for the same destination request after request: its decision is kept
  // while the policy in force (with the home states) is the same object, as a TLS connection's is.
  const key = absolute?.[0] ?? (listener === 'transparent' ? `host ${req.headers.host ?? ''}` : undefined);
  const policy = env.policyInForce();
  const last = env.remembered.get(req.socket);
  if (last !== undefined && last.policy === policy && last.key === key) return runHandler(env, req, res, last);
  const destination = destinationOf(req, absolute, listener);
  if (destination === undefined) {
    const message =
      listener === 'explicit'
        ? 'this is a proxy: send absolute-form requests (GET http://host/path) with a valid host, or CONNECT host:port'
        : 'the request has no usable Host header, so the gateway cannot tell where it was going';
    return sendJson(res, 400, { error: { code: 'REQUEST_INVALID', message } });
  }
  const target: FlowTarget = { clientAddress: clientAddressOf(req.socket), ...destination };
  const connection = policy === undefined ? undefined : env.decide(target, policy);
  if (connection === undefined) {
    const message = 'the gateway could not evaluate its policy for this request; see its log';
    return sendJson(res, 500, { error: { code: 'INTERNAL_ERROR', message } });
  }
  if (policy !== undefined && key !== undefined) env.remembered.set(req.socket, { policy, key, target, connection });
  runHandler(env, req, res, { target, connection });
}

/**
 * Requests from decrypted TLS and plain HTTP inside CONNECT: the connection was decided when it opened.
 * A request naming another host (Host header or absolute-form) than the one decided is domain fronting:
 * it is refused with 421 rather than sent to the decided host under a name the policy never judged.
 */
export function handleInnerRequest(env: TransportEnv, req: IncomingMessage, res: ServerResponse): void {
  trackInFlight(env, req, res);
  const decided = env.decided.get(req.socket);
  if (decided === undefined) {
    const message = 'the gateway lost track of this connection; see its log';
    return sendJson(res, 500, { error: { code: 'INTERNAL_ERROR', message } });
  }
  decided.requests += 1;
  const named = namedHost(req, decided);
  if (named !== decided.target.host) return refuseMisdirected(env, res, decided, named);
  // A recent request is what excuses a later hang-up from counting as a pinning strike (for TRUSTED_FOR_MS, a
  // minute): told on a connection's first request and then at most once a second, not on every request.
  const now = Date.now();
  if (decided.servedAt === undefined || now - decided.servedAt >= SERVED_EVERY_MS) {
    decided.servedAt = now;
    env.uninspectable.served(decided.connection.client.address, decided.target.host, now);
  }
  runHandler(env, req, res, decided);
}

/** The host this request says it is for: absolute-form first, then Host, else the decided one. */
function namedHost(req: IncomingMessage, decided: DecidedConnection): string | undefined {
  const absolute = ABSOLUTE_FORM.exec(req.url ?? '');
  const raw = absolute === null ? req.headers.host : absolute[2];
  if (raw === undefined) return decided.target.host;
  // Every request on a connection names the same host as a rule: parsed and canonicalised once per new value.
  if (decided.named?.raw === raw) return decided.named.host;
  const host = parseAuthority(raw, decided.target.port)?.host;
  decided.named = { raw, host };
  return host;
}

function refuseMisdirected(env: TransportEnv, res: ServerResponse, decided: DecidedConnection, named: string | undefined): void {
  const host = decided.target.host;
  const reason =
    named === undefined
      ? `the request's Host is not a valid host, on a connection to ${host}`
      : `the request names ${named} on a connection to ${host} (domain fronting)`;
  const connection = refused(decided.connection, REFUSALS.hostMismatch, reason);
  const error = { code: 'REQUEST_INVALID', message: reason } as const;
  env.record({ at: Date.now(), connection, inspectable: true, bytesUp: 0, bytesDown: 0, error }, () =>
    sendJson(res, 421, blockedBody(connection, connection.explanation, 'request'), {
      'x-privacy-gateway-decision': 'refused',
      'x-privacy-gateway-rule': REFUSALS.hostMismatch,
    }),
  );
}

/**
 * An Upgrade request (WebSocket) on any listener: decided like a request (Host header, absolute-form, or
 * the connection it arrived on), then handed to the WebSocket pipeline with the raw socket.
 */
export function handleUpgrade(
  env: TransportEnv,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  listener: 'explicit' | 'transparent' | 'inner',
): void {
  socket.on('error', (error) => env.log.debug('upgrade client socket error', { reason: error.message }));
  const refuse = (status: number, code: RefusalBody['error']['code'], message: string): void => endSocketWithJson(socket, status, { error: { code, message } });
  const upgrade = env.deps.upgrade;
  if (upgrade === undefined) return refuse(501, 'REQUEST_INVALID', 'this gateway does not relay protocol upgrades');
  let decided = listener === 'inner' ? env.decided.get(req.socket) : undefined;
  if (listener === 'inner') {
    if (decided === undefined) return refuse(500, 'INTERNAL_ERROR', 'the gateway lost track of this connection; see its log');
    decided.requests += 1;
    env.uninspectable.served(decided.connection.client.address, decided.target.host);
  } else {
    const destination = destinationOf(req, ABSOLUTE_FORM.exec(req.url ?? ''), listener);
    if (destination === undefined) return refuse(400, 'REQUEST_INVALID', 'the upgrade request names no destination');
    const target: FlowTarget = { clientAddress: clientAddressOf(req.socket), ...destination };
    const connection = env.decide(target);
    if (connection === undefined) return refuse(500, 'INTERNAL_ERROR', 'the gateway could not evaluate its policy for this request; see its log');
    decided = { target, connection, requests: 1 };
  }
  try {
    upgrade(req, socket, head, { target: decided.target, connection: decided.connection, startedAt: Date.now() });
  } catch (error) {
    env.log.error('upgrade handler threw', { host: decided.target.host, reason: String(error) });
    socket.destroy();
  }
}

function runHandler(
  env: TransportEnv,
  req: IncomingMessage,
  res: ServerResponse,
  decided: { readonly target: FlowTarget; readonly connection: ConnectionDecision },
): void {
  try {
    env.deps.handler(req, res, { target: decided.target, connection: decided.connection, startedAt: Date.now() });
  } catch (error) {
    env.log.error('request handler threw', { host: decided.target.host, reason: String(error) });
    sendJson(res, 500, { error: { code: 'INTERNAL_ERROR', message: 'the gateway failed on this request; see its log' } });
  }
}

function destinationOf(
  req: IncomingMessage,
  absolute: RegExpExecArray | null,
  listener: 'explicit' | 'transparent',
): (Authority & { scheme: Scheme }) | undefined {
  if (absolute !== null) {
    const scheme: Scheme = (absolute[1] ?? '').toLowerCase() === 'https' ? 'https' : 'http';
    const authority = parseAuthority(absolute[2], scheme === 'https' ? 443 : 80);
    return authority === undefined ? undefined : { ...authority, scheme };
  }
  if (listener === 'explicit') return undefined;
  const authority = parseAuthority(req.headers.host, 80);
  return authority === undefined ? undefined : { ...authority, scheme: 'http' };
}

function trackInFlight(env: TransportEnv, req: IncomingMessage, res: ServerResponse): void {
  let pending = env.inFlight.get(req.socket);
  if (pending === undefined) {
    pending = new Set();
    env.inFlight.set(req.socket, pending);
  }
  const set = pending;
  const entry = { req, res };
  set.add(entry);
  res.once('close', () => set.delete(entry));
}

/**
 * Node's parser refused the request (bad request line, CL+TE conflict, oversized headers): answer
 * with a JSON reason and close this connection only; the listener keeps serving everyone else.
 * Answers to earlier pipelined requests on the same connection are still being written: the refusal
 * waits for them, so a malformed request never costs the client an answer it was owed.
 */
export function answerClientError(env: TransportEnv, error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, `the request is not valid HTTP/1.1 (${error.code ?? 'parse error'})`];
  env.log.debug('refused a malformed request', { reason: error.code ?? error.message });
  const answer = (): void => endSocketWithJson(socket, status, { error: { code: 'REQUEST_INVALID', message } });
  // Only whole requests are owed an answer; one whose own body was malformed ends with the connection.
  const pending = [...(env.inFlight.get(socket) ?? [])]
    .filter(({ req, res }) => req.complete && !res.writableFinished && !res.destroyed)
    .map(({ res }) => res);
  if (pending.length === 0) return answer();
  let left = pending.length;
  for (const res of pending) {
    res.once('close', () => {
      left -= 1;
      // Node hands the socket to the next queued answer on 'finish'; ours goes last, after all of them.
      if (left === 0) setImmediate(answer);
    });
  }
}
