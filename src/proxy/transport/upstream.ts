import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Readable } from 'node:stream';
import tls from 'node:tls';
import { GatewayError } from '../../errors.js';
import type { RequestContext, Upstream, UpstreamRequest } from '../contracts.js';
import { hostHeaderFor } from './addresses.js';
import { DestinationGuard, refusalRule } from './guard.js';
import { proxiedHeaderList, proxiedHeaders } from './hop-by-hop.js';
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
      });
      const options: https.RequestOptions = {
        host: address.host,
        port: address.port,
        method: request.method,
        path: request.path,
        headers,
        agent: secure ? httpsAgent : httpAgent,
        timeout: deps.limits.upstreamTimeoutMs,
        // Given, so the agent does not work one out from the Host header per request ('' = no SNI, as for an IP).
        servername: secure && net.isIP(target.host) === 0 ? target.host : '',
        ...(secure && { secureContext: trusted, rejectUnauthorized: verify }),
      };
      let settled = false;
      const failWith = (error: GatewayError, status: number): void => {
        if (settled) return;
        settled = true;
        if (res.headersSent) res.destroy();
        else sendJson(res, status, { error: error.toJSON() }, { 'x-privacy-gateway-decision': 'refused' });
        fail(error);
      };

      const upstreamRequest = (secure ? https : http).request(options, (upstreamResponse) => {
        // Read now: a keep-alive socket goes back to the pool when the answer ends.
        const remoteAddress = upstreamResponse.socket.remoteAddress;
        request.onUpstreamAddress?.(remoteAddress);
        upstreamResponse.on('error', () => res.destroy());
        res.writeHead(upstreamResponse.statusCode ?? 502, proxiedHeaders(upstreamResponse.headers));
        const relayed = relay(upstreamResponse, res);
        const finish = (): void => {
          if (settled) return;
          settled = true;
          done({ bytesDown: relayed.bytes, remoteAddress });
        };
        res.once('finish', finish);
        res.once('close', () => {
          // The client went away mid-answer: stop reading from the vendor.
          if (!res.writableFinished) upstreamResponse.destroy();
          finish();
        });
      });
      upstreamRequest.on('timeout', () => {
        upstreamRequest.destroy();
        const timeoutMs = deps.limits.upstreamTimeoutMs;
        const message = `${target.host} did not answer within ${timeoutMs} ms; the device may retry later`;
        failWith(new GatewayError('UPSTREAM_UNREACHABLE', message), 504);
      });
      upstreamRequest.on('error', (error) => failWith(upstreamError(target.host, target.port, error), 502));
      res.once('close', () => {
        if (!res.writableFinished) upstreamRequest.destroy();
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

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Streams the vendor's answer into `res`, counting its bytes, with backpressure: what `pipe()` does for this
 * one pair, without its eight listeners per answer (close and errors are handled by the caller).
 */
function relay(from: http.IncomingMessage, to: http.ServerResponse): { bytes: number } {
  const relayed = { bytes: 0 };
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
  return relayed;
}

function sendBody(body: UpstreamRequest['body'], upstreamRequest: http.ClientRequest): void {
  if (body instanceof Readable) {
    body.on('error', (error) => upstreamRequest.destroy(error));
    body.pipe(upstreamRequest);
  } else {
    upstreamRequest.end(body);
  }
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
