import type http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { GatewayError } from '../../errors.js';
import type { RequestContext, Upstream, UpstreamRequest } from '../contracts.js';
import { hostHeaderFor } from './addresses.js';
import { DestinationGuard, refusalRule } from './guard.js';
import { proxiedHeaderList } from './hop-by-hop.js';
import { sendJson } from './responses.js';
import type { ResolveUpstream, UpstreamDeps } from './types.js';
import { UpstreamPools } from './upstream-pools.js';
import { VendorAnswer } from './vendor-answer.js';

const DEFAULT_MAX_SOCKETS = 64;
/** OpenSSL / Node verification failures: the vendor's certificate, not the network, is the problem. */
const CERT_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)|INVALID_CA|ALTNAME/;
/** undici's codes for a vendor that took longer than upstreamTimeoutMs to connect, answer, or go on answering. */
const TIMEOUTS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

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
  // One context for every verified connection; the pools are told apart by host, port, servername and verification.
  const trusted = tls.createSecureContext({ ca: [...tls.rootCertificates, ...(deps.upstreamCa ?? [])] });
  const pools = new UpstreamPools({ maxSockets, timeoutMs: deps.limits.upstreamTimeoutMs, trusted });
  const guard = deps.guard ?? new DestinationGuard({ resolveUpstream: deps.resolveUpstream ?? directResolve });
  const warnedUnverified = new Set<string>();

  const forward = async (ctx: RequestContext, request: UpstreamRequest, res: http.ServerResponse): Promise<{ bytesDown: number; remoteAddress: string | undefined }> => {
    let address: { host: string; port: number };
    try {
      address = await guard.endpoint(ctx.connection, ctx.target.host, ctx.target.port);
    } catch (error) {
      const failure = error instanceof GatewayError ? error : upstreamError(ctx.target.host, ctx.target.port, asError(error));
      const refusedByGuard = refusalRule(failure) !== undefined;
      sendJson(res, refusedByGuard ? 403 : 502, { error: failure.toJSON() }, {
        'x-privacy-gateway-decision': 'refused',
        ...(refusedByGuard ? { 'x-privacy-gateway-rule': failure.details[0] ?? '' } : {}),
      });
      throw failure;
    }
    return send(ctx, request, res, address);
  };

  const send = (ctx: RequestContext, request: UpstreamRequest, res: http.ServerResponse, address: { host: string; port: number }) =>
    new Promise<{ bytesDown: number; remoteAddress: string | undefined }>((done, fail) => {
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
      const headers = proxiedHeaderList(request.headers, {
        // No domain fronting: the vendor is asked for the host the policy judged, never the client's Host.
        host: hostHeaderFor(target.host, target.port, target.scheme),
        'content-length': Buffer.isBuffer(request.body) ? String(request.body.length) : undefined,
        // The gateway holds or streams the body itself; undici refuses to send an expectation it would not honour.
        expect: undefined,
      });
      // '' = no SNI, as for a destination named by its IP. Plain pools are kept per name too: undici resets a
      // connection whose requests name another host (it takes the server name from the Host header).
      const servername = net.isIP(target.host) === 0 ? target.host : '';
      const pool = pools.for({ secure, host: address.host, port: address.port, servername, verify: secure && verify });
      const answer = new VendorAnswer(res, address.host, request.onUpstreamAddress, {
        done,
        fail,
        failure: (error) => upstreamFailure(target.host, target.port, error, deps.limits.upstreamTimeoutMs),
      });
      pool.dispatch({ method: request.method, path: request.path, headers, body: request.body ?? null }, answer);
    });

  return {
    forward,
    close() {
      pools.close();
    },
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** A failed exchange as the device sees it: 504 for a vendor that took too long, else upstreamError's 502. */
function upstreamFailure(host: string, port: number, error: Error, timeoutMs: number): { error: GatewayError; status: number } {
  if (error instanceof GatewayError) return { error, status: 502 };
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (TIMEOUTS.has(code)) {
    const message = `${host} did not answer within ${timeoutMs} ms; the device may retry later`;
    return { error: new GatewayError('UPSTREAM_UNREACHABLE', message, [], { cause: error }), status: 504 };
  }
  return { error: upstreamError(host, port, error), status: 502 };
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
  // undici's own codes (UND_ERR_SOCKET: "other side closed") say less than its message.
  const what = code === '' || code.startsWith('UND_ERR') ? error.message : code;
  return new GatewayError('UPSTREAM_UNREACHABLE', `Cannot reach ${host}:${port}: ${what}`, [], {
    cause: error,
  });
}
