import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Readable } from 'node:stream';
import tls from 'node:tls';
import { GatewayError } from '../../errors.js';
import type { RequestContext, Upstream, UpstreamRequest } from '../contracts.js';
import { hostHeaderFor } from './addresses.js';
import { takeArrivedBody } from './arrived-body.js';
import { DestinationGuard, refusalRule } from './guard.js';
import { proxiedHeaderList, proxiedRawHeaders } from './hop-by-hop.js';
import { sendJson } from './responses.js';
import type { ResolveUpstream, UpstreamDeps } from './types.js';

const DEFAULT_MAX_SOCKETS = 64;
/** OpenSSL / Node verification failures: the vendor's certificate, not the network, is the problem. */
const CERT_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)|INVALID_CA|ALTNAME/;

export interface ClosableUpstream extends Upstream {
  /** Closes the keep-alive pools. */
  close(): void;
}

export const directResolve: ResolveUpstream = (host, port) => ({ host, port });

/**
 * Forwards requests to vendors over keep-alive pools, streaming the answer back to the client. Each
 * request goes to the address the guard checked for the decided destination, with the Host header and
 * TLS server name of that destination: whatever Host the client sent, the vendor sees the judged one.
 */
export function createUpstream(deps: UpstreamDeps): ClosableUpstream {
  const maxSockets = deps.maxSocketsPerHost ?? DEFAULT_MAX_SOCKETS;
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets });
  // One context for every verified connection; the agent pools by host, port, servername and verification.
  const trusted = tls.createSecureContext({ ca: [...tls.rootCertificates, ...(deps.upstreamCa ?? [])] });
  const guard = deps.guard ?? new DestinationGuard({ resolveUpstream: deps.resolveUpstream ?? directResolve });
  const warnedUnverified = new Set<string>();

  // Not async: the guard answers at once for an IP or a cached name, and the answer's promise is returned as
  // it is (an async function would wrap it in one more, settled a few microtasks later).
  const forward = (ctx: RequestContext, request: UpstreamRequest, res: http.ServerResponse): Promise<Forwarded> => {
    let address: { host: string; port: number } | undefined;
    try {
      address = guard.endpointNow(ctx.connection, ctx.target.host, ctx.target.port);
    } catch (error) {
      return Promise.reject(refuseEndpoint(ctx, error, res));
    }
    if (address !== undefined) return send(ctx, request, res, address);
    return guard.endpoint(ctx.connection, ctx.target.host, ctx.target.port).then(
      (checked) => send(ctx, request, res, checked),
      (error: unknown) => {
        throw refuseEndpoint(ctx, error, res);
      },
    );
  };

  const send = (ctx: RequestContext, request: UpstreamRequest, res: http.ServerResponse, address: { host: string; port: number }) =>
    new Promise<Forwarded>((done, fail) => {
      const { target } = ctx;
      const secure = target.scheme === 'https';
      const verify = ctx.connection.verifyUpstream;
      if (secure && !verify && !warnedUnverified.has(target.host)) {
        warnedUnverified.add(target.host);
        deps.log.warn('forwarding without verifying the upstream certificate (verifyUpstream: false in policy)', {
          host: target.host,
          device: ctx.connection.device.id,
        });
      }
      const names = vendorNames(target);
      const headers = proxiedHeaderList(request.headers, {
        // No domain fronting: the vendor is asked for the host the policy judged, never the client's Host.
        host: names.host,
        'content-length': Buffer.isBuffer(request.body) ? String(request.body.length) : undefined,
      });
      // Only what the request needs: the agent copies every option into a fresh object per request.
      const options: https.RequestOptions & Pick<tls.ConnectionOptions, 'secureContext'> = secure
        ? {
            host: address.host,
            port: address.port,
            method: request.method,
            path: request.path,
            headers,
            agent: httpsAgent,
            timeout: deps.limits.upstreamTimeoutMs,
            // Given, so the agent does not work one out from the Host header per request ('' = no SNI, as for an IP).
            servername: names.servername,
            secureContext: trusted,
            rejectUnauthorized: verify,
          }
        : {
            host: address.host,
            port: address.port,
            method: request.method,
            path: request.path,
            headers,
            agent: httpAgent,
            timeout: deps.limits.upstreamTimeoutMs,
          };
      let settled = false;
      const failWith = (error: GatewayError, status: number): void => {
        if (settled) return;
        settled = true;
        if (res.headersSent) res.destroy();
        else sendJson(res, status, { error: error.toJSON() }, { 'x-privacy-gateway-decision': 'refused' });
        fail(error);
      };

      let answer: http.IncomingMessage | undefined;
      let relayed = { bytes: 0 };
      let remoteAddress: string | undefined;
      const onAnswer = (upstreamResponse: http.IncomingMessage): void => {
        answer = upstreamResponse;
        // Read now: a keep-alive socket goes back to the pool when the answer ends.
        remoteAddress = upstreamResponse.socket.remoteAddress;
        request.onUpstreamAddress?.(remoteAddress);
        upstreamResponse.on('error', () => res.destroy());
        res.writeHead(upstreamResponse.statusCode ?? 502, proxiedRawHeaders(upstreamResponse.rawHeaders, request.answerHeaders));
        relayed = relay(upstreamResponse, res);
      };
      let upstreamRequest = (secure ? https : http).request(options, onAnswer);
      const onTimeout = (): void => {
        upstreamRequest.destroy();
        const timeoutMs = deps.limits.upstreamTimeoutMs;
        const message = `${target.host} did not answer within ${timeoutMs} ms; the device may retry later`;
        failWith(new GatewayError('UPSTREAM_UNREACHABLE', message), 504);
      };
      let retried = false;
      const onError = (error: Error): void => {
        if (!retried && answer === undefined && !settled && staleKeepAlive(upstreamRequest, error, request.body)) {
          // The vendor closed an idle pooled connection as this request went out on it (RFC 9112 §9.3.1 lets a
          // client retry a request the server cannot have begun: the connection was reset before any answer,
          // and the whole body is still in hand). Once, on a fresh socket; a second failure is the vendor's.
          retried = true;
          upstreamRequest = (secure ? https : http).request({ ...options, agent: false }, onAnswer);
          upstreamRequest.on('timeout', onTimeout);
          upstreamRequest.on('error', onError);
          sendBody(request.body, upstreamRequest);
          return;
        }
        failWith(upstreamError(target.host, target.port, error), 502);
      };
      upstreamRequest.on('timeout', onTimeout);
      upstreamRequest.on('error', onError);
      // One listener for the whole exchange: 'close' comes a tick after 'finish', or alone when the client went
      // away first; then the vendor's request, and its answer if it started, are stopped.
      res.once('close', () => {
        if (!res.writableFinished) {
          upstreamRequest.destroy();
          answer?.destroy();
        }
        if (answer === undefined || settled) return;
        settled = true;
        done({ bytesDown: relayed.bytes, remoteAddress });
      });

      sendBody(request.body, upstreamRequest);
    });

  return {
    forward,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

/**
 * The judged destination's Host header and TLS server name. A keep-alive connection forwards to the same target
 * object request after request (its decision is kept, http-requests.ts), so they are worked out once per target;
 * weakly held, they go with it.
 */
const VENDOR_NAMES = new WeakMap<RequestContext['target'], { readonly host: string; readonly servername: string }>();

function vendorNames(target: RequestContext['target']): { readonly host: string; readonly servername: string } {
  let names = VENDOR_NAMES.get(target);
  if (names === undefined) {
    names = { host: hostHeaderFor(target.host, target.port, target.scheme), servername: net.isIP(target.host) === 0 ? target.host : '' };
    VENDOR_NAMES.set(target, names);
  }
  return names;
}

/** What a forwarded request came to: the answer's bytes and the vendor address that served it. */
interface Forwarded {
  readonly bytesDown: number;
  readonly remoteAddress: string | undefined;
}

/** Answers the client when the guard refused the destination (403) or it could not be resolved (502). */
function refuseEndpoint(ctx: RequestContext, error: unknown, res: http.ServerResponse): GatewayError {
  const failure = error instanceof GatewayError ? error : upstreamError(ctx.target.host, ctx.target.port, asError(error));
  const refusedByGuard = refusalRule(failure) !== undefined;
  sendJson(res, refusedByGuard ? 403 : 502, { error: failure.toJSON() }, {
    'x-privacy-gateway-decision': 'refused',
    ...(refusedByGuard ? { 'x-privacy-gateway-rule': failure.details[0] ?? '' } : {}),
  });
  return failure;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Streams the vendor's answer into `res`, counting its bytes, with backpressure: what `pipe()` does for this
 * one pair, without its eight listeners per answer (close and errors are handled by the caller).
 *
 * A small answer usually comes in the same packet as its headers, and Node's parser has read all of it by
 * the next tick: then it is taken whole (takeArrivedBody, as the request body is) and goes out in one `end()`.
 */
function relay(from: http.IncomingMessage, to: http.ServerResponse): { bytes: number } {
  const relayed = { bytes: 0 };
  process.nextTick(() => {
    // The client went away meanwhile: the caller's 'close' listener has stopped the vendor's answer.
    if (to.destroyed) return;
    const body = takeArrivedBody(from);
    if (body === undefined) streamRelay(from, to, relayed);
    // Never so for a complete answer: cut off rather than passed on with bytes the gateway did not see.
    else if (body === null) to.destroy();
    else {
      relayed.bytes += body.length;
      if (body.length === 0) to.end();
      else to.end(body);
    }
  });
  return relayed;
}

function streamRelay(from: http.IncomingMessage, to: http.ServerResponse, relayed: { bytes: number }): void {
  const resume = (): void => {
    from.resume();
  };
  from.on('data', (chunk: Buffer) => {
    relayed.bytes += chunk.length;
    if (!to.write(chunk)) {
      from.pause();
      to.once('drain', resume);
    }
  });
  from.once('end', () => to.end());
}

function sendBody(body: UpstreamRequest['body'], upstreamRequest: http.ClientRequest): void {
  if (body instanceof Readable) {
    body.on('error', (error) => upstreamRequest.destroy(error));
    body.pipe(upstreamRequest);
  } else {
    upstreamRequest.end(body);
  }
}

/**
 * A pooled keep-alive connection the vendor had already closed: reset before any answer, on a reused socket,
 * with a body that can be sent again (a buffer, not a stream already consumed). Node's own documentation of
 * `request.reusedSocket` gives this race and this retry.
 */
function staleKeepAlive(upstreamRequest: http.ClientRequest, error: Error, body: UpstreamRequest['body']): boolean {
  const code = 'code' in error ? error.code : undefined;
  return upstreamRequest.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE') && !(body instanceof Readable);
}

/** Maps a socket/TLS failure once, into the code the device owner can act on. */
export function upstreamError(host: string, port: number, error: Error): GatewayError {
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (CERT_ERROR.test(code)) {
    return new GatewayError(
      'UPSTREAM_CERT_INVALID',
      `The certificate of ${host} could not be verified (${code}). If the vendor uses its own CA, add it to ` +
        'the trusted upstream CAs; to forward anyway, set verifyUpstream: false for this destination.',
      [],
      { cause: error },
    );
  }
  return new GatewayError('UPSTREAM_UNREACHABLE', `Cannot reach ${host}:${port}: ${code || error.message}`, [], {
    cause: error,
  });
}
