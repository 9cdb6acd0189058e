import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { WebSocket, WebSocketServer, type ClientOptions } from 'ws';
import { GatewayError } from '../../errors.js';
import { Pseudonymizer } from '../../policy/index.js';
import type { RequestContext, UpgradeHandler } from '../contracts.js';
import { fingerprintsOf } from '../pipeline/fingerprints.js';
import { flowRecord, recordSafely } from '../pipeline/flow-record.js';
import { endSocketWithJson } from '../transport/responses.js';
import { DestinationGuard, refusalRule } from '../transport/guard.js';
import { directResolve } from '../transport/upstream.js';
import { judgeHandshake, requestedProtocols, serverNameOf, upstreamHandshakeHeaders } from './handshake.js';
import { WebSocketRelay, type RelayDeps } from './relay.js';
import type { WebSocketPipelineOptions } from './types.js';

/**
 * The WebSocket pipeline: the transport hands it Upgrade requests on decided connections. It judges the
 * handshake (connection verdict, query fields), opens the WebSocket to the vendor first, then completes the
 * device's handshake with the vendor's chosen subprotocol and relays frames (see WebSocketRelay).
 */
export function createUpgradeHandler(options: WebSocketPipelineOptions): UpgradeHandler {
  const pseudonymizer = new Pseudonymizer(options.hashKey);
  const guard = options.guard ?? new DestinationGuard({ resolveUpstream: options.resolveUpstream ?? directResolve });
  const ca = options.upstreamCa === undefined || options.upstreamCa.length === 0 ? undefined : [...tls.rootCertificates, ...options.upstreamCa];
  const deps: RelayDeps = { policy: options.policy, recorder: options.recorder, limits: options.limits, pseudonymizer };

  return (req: IncomingMessage, socket: Duplex, head: Buffer, ctx: RequestContext) => {
    const { connection, target } = ctx;
    const inspect = connection.verdict === 'inspect';
    const handshake = judgeHandshake(req, ctx, inspect ? options.policy() : undefined, pseudonymizer);
    const fingerprints = fingerprintsOf(handshake.fields, pseudonymizer);
    /** The handshake never became a WebSocket: recorded with why, and the device gets a JSON answer. */
    const refuse = (status: number, error: GatewayError | undefined, body: Parameters<typeof endSocketWithJson>[2]): void => {
      const { path, decision } = handshake;
      recordSafely(options.recorder, flowRecord({ ctx, method: 'GET', path, decision, fingerprints, bytesUp: 0, bytesDown: 0, error }));
      endSocketWithJson(socket, status, body);
    };

    if (connection.verdict === 'block' || handshake.decision?.verdict === 'block') {
      const reason = handshake.decision?.block ?? connection.explanation;
      return refuse(403, undefined, { error: { code: 'BLOCKED_BY_POLICY', message: reason.reason, rule: reason.ruleId ?? null } });
    }
    // The vendor is reached at the address the no-relay rules checked, as for HTTP.
    guard.endpoint(connection, target.host, target.port).then(
      (address) => openVendor(address),
      (error: unknown) => {
        const failure = error instanceof GatewayError ? error : new GatewayError('UPSTREAM_UNREACHABLE', String(error));
        const rule = refusalRule(failure);
        if (rule === undefined) refuse(502, failure, { error: { code: failure.code, message: failure.message } });
        else refuse(403, failure, { error: { code: 'BLOCKED_BY_POLICY', message: failure.message, rule } });
      },
    );

    const openVendor = (address: { host: string; port: number }): void => {
      const secure = target.scheme === 'https';
      const authority = address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
      const tlsName: { servername?: string } = {};
      const servername = secure ? serverNameOf(target.host) : undefined;
      if (servername !== undefined) tlsName.servername = servername;
      const clientOptions: ClientOptions = {
        headers: upstreamHandshakeHeaders(req, ctx),
        ...tlsName,
        ca,
        rejectUnauthorized: connection.verifyUpstream,
        handshakeTimeout: options.limits.upstreamTimeoutMs,
        perMessageDeflate: false,
        maxPayload: options.limits.maxBodyBytes,
        followRedirects: false,
      };
      const vendor = new WebSocket(`${secure ? 'wss' : 'ws'}://${authority}${handshake.path}${handshake.search}`, requestedProtocols(req), clientOptions);
      let answered = false;
      vendor.once('unexpected-response', (_request, response) => {
        // The vendor refused the upgrade: the device gets its status, not a made-up one.
        answered = true;
        const status = response.statusCode ?? 502;
        response.resume();
        vendor.terminate();
        const error = new GatewayError('UPSTREAM_UNREACHABLE', `the vendor answered the WebSocket upgrade with ${status}`);
        refuse(status, error, { error: { code: 'UPSTREAM_UNREACHABLE', message: error.message } });
      });
      vendor.on('error', (failure) => {
        if (answered) return;
        answered = true;
        options.log.debug('WebSocket to the vendor failed', { host: target.host, reason: failure.message });
        const error = new GatewayError('UPSTREAM_UNREACHABLE', `cannot open the WebSocket to ${target.host}: ${failure.message}`);
        refuse(502, error, { error: { code: 'UPSTREAM_UNREACHABLE', message: error.message } });
      });
      vendor.once('open', () => {
        answered = true;
        const server = new WebSocketServer({
          noServer: true,
          perMessageDeflate: false,
          maxPayload: options.limits.maxBodyBytes,
          handleProtocols: () => vendor.protocol || false,
        });
        server.handleUpgrade(req, socket, head, (device) => {
          const plan = { ctx, path: handshake.path, inspect, handshake: handshake.decision, handshakeFingerprints: fingerprints };
          new WebSocketRelay(deps, plan, device, vendor).start();
        });
      });
    };
  };
}
