import type net from 'node:net';
import tls from 'node:tls';
import type { ConnectionDecision, FlowTarget } from '../../policy/index.js';
import { overridden, type DecidedConnection, type TransportEnv } from './env.js';

/** Alerts a client sends when it does not trust the certificate it was shown. */
const REJECTED_CERTIFICATE = /ALERT_(UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_UNKNOWN|UNSUPPORTED_CERTIFICATE|ACCESS_DENIED)/;
/**
 * Abrupt ends during our handshake. Clients that pin often just hang up after our ServerHello, but so does
 * a device that drops off the network or a load generator that stops: a strike, never a verdict on its own
 * (marking at once would tunnel the host uninspected after any hiccup: a fail-open).
 */
const HUNG_UP = /^(ECONNRESET|EPIPE|ERR_SSL_SSL\/TLS_ALERT_CLOSE_NOTIFY)$|ALERT_CLOSE_NOTIFY/;
/**
 * Clients that verify after the handshake (Node, OkHttp's pinner) complete it and close at once.
 * A close this soon after the handshake with no request is a strike (see UninspectableHosts.strike).
 */
const POST_HANDSHAKE_REJECT_MS = 2000;

export interface Interception {
  readonly socket: net.Socket;
  readonly target: FlowTarget;
  readonly decision: ConnectionDecision;
  /** The name the leaf certificate is minted for: the SNI, else the CONNECT host. */
  readonly leafName: string;
  readonly at: number;
  /** Bytes of this connection read before interception (a CONNECT request), not counted as traffic. */
  readonly readBefore: number;
  /** Who serves the decrypted stream: the inner HTTP server unless another protocol's listener says. */
  readonly serve?: ((socket: tls.TLSSocket, state: DecidedConnection) => void) | undefined;
  readonly alpn?: readonly string[] | undefined;
}

/**
 * Terminates TLS with a leaf from our CA and hands the decrypted stream to the inner HTTP server.
 * A client that rejects the certificate marks (client address, host) uninspectable, with its evidence,
 * and is recorded as such.
 */
export async function intercept(env: TransportEnv, job: Interception): Promise<void> {
  const { socket, target, decision } = job;
  let secureContext: tls.SecureContext;
  try {
    secureContext = await env.deps.ca.leafFor(job.leafName);
  } catch (error) {
    env.log.warn('cannot mint a certificate; closing the connection', { host: job.leafName, reason: String(error) });
    socket.destroy();
    return;
  }
  if (socket.destroyed) return;
  const writtenBefore = socket.bytesWritten;
  const tlsSocket = new tls.TLSSocket(socket, { isServer: true, secureContext, ALPNProtocols: [...(job.alpn ?? ['http/1.1'])] });
  const state: DecidedConnection = { target, connection: decision, requests: 0 };
  let secureAt: number | undefined;
  let failure: Error | undefined;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    tlsSocket.destroy();
  }, env.handshakeTimeoutMs);

  tlsSocket.once('secure', () => {
    clearTimeout(timer);
    secureAt = Date.now();
    env.decided.set(tlsSocket, state);
    if (job.serve !== undefined) return job.serve(tlsSocket, state);
    // Synchronously, as https.Server does, so the HTTP parser sees the first decrypted byte.
    env.inner.emit('connection', tlsSocket);
  });
  tlsSocket.on('error', (error) => {
    failure ??= error;
  });
  // The client hung up mid-handshake: nothing more will come, and half-open sockets would linger.
  tlsSocket.once('end', () => {
    if (secureAt === undefined) tlsSocket.destroy();
  });
  tlsSocket.once('close', () => {
    clearTimeout(timer);
    if (timedOut) return;
    const client = { clientAddress: decision.client.address, deviceId: decision.device.id };
    const verdict = rejection(secureAt, state.requests, failure);
    if (verdict === 'none' && secureAt === undefined && failure !== undefined) {
      env.log.debug('TLS handshake with a client failed', { host: target.host, reason: failure.message });
    }
    if (verdict === 'none') return;
    const evidence = evidenceOf(verdict, secureAt, failure);
    if (verdict === 'silent-close' && !env.uninspectable.strike(client, target.host, evidence)) return;
    if (verdict === 'rejected') env.uninspectable.mark(client, target.host, evidence);
    const marked = env.uninspectable.get(client.clientAddress, target.host)?.evidence ?? evidence;
    const next = decision.onUninspectable === 'allow' ? 'tunnelled without inspection' : 'refused';
    env.log.info('client rejected the gateway certificate (pinning); host marked uninspectable', {
      device: client.deviceId,
      client: client.clientAddress,
      host: target.host,
      evidence: marked,
      next,
    });
    env.record({
      at: job.at,
      connection: overridden(
        decision,
        'block',
        `the client rejected the gateway's certificate (certificate pinning: ${marked}); its next connections ` +
          `from ${client.clientAddress} are ${next}`,
      ),
      inspectable: false,
      bytesUp: Math.max(0, socket.bytesRead - job.readBefore),
      bytesDown: Math.max(0, socket.bytesWritten - writtenBefore),
    });
  });
}

function evidenceOf(verdict: 'rejected' | 'silent-close', secureAt: number | undefined, failure: Error | undefined): string {
  const code = failure !== undefined && 'code' in failure && typeof failure.code === 'string' ? failure.code : undefined;
  if (verdict === 'rejected') return `TLS alert ${code ?? 'from the client'} during the handshake`;
  if (secureAt !== undefined) return 'closed right after the handshake without a request';
  return code === undefined ? 'hung up during the handshake' : `hung up during the handshake (${code})`;
}

/**
 * 'rejected': the client said it refused our certificate (a TLS alert); 'silent-close': it hung up during
 * the handshake, or completed it and left without a request.
 */
function rejection(
  secureAt: number | undefined,
  requests: number,
  failure: Error | undefined,
): 'rejected' | 'silent-close' | 'none' {
  if (secureAt === undefined) {
    if (failure === undefined) return 'silent-close'; // closed mid-handshake without a word
    const code = 'code' in failure && typeof failure.code === 'string' ? failure.code : '';
    if (REJECTED_CERTIFICATE.test(code)) return 'rejected';
    return HUNG_UP.test(code) ? 'silent-close' : 'none';
  }
  return requests === 0 && Date.now() - secureAt < POST_HANDSHAKE_REJECT_MS ? 'silent-close' : 'none';
}
