import type net from 'node:net';
import type { FlowTarget } from '../../policy/index.js';
import { clientAddressOf } from './addresses.js';
import { serveTls } from './dispatch.js';
import type { TransportEnv } from './env.js';
import { REFUSALS, refused } from './guard.js';
import { peekFirstBytes } from './peek.js';
import { endSocketWithTlsAlert, TLS_ALERT } from './responses.js';

/** Redirected port-443 traffic keeps no destination port of its own; the gateway assumes 443. */
const TRANSPARENT_TLS_PORT = 443;
/** A name that can never resolve (RFC 6761), for records of connections that named no destination. */
export const NO_SNI_HOST = 'no-sni.invalid';

/** A redirected TLS connection: the ClientHello's SNI is the only way to know where it was going. */
export async function handleTransparentTls(env: TransportEnv, socket: net.Socket): Promise<void> {
  socket.on('error', (error) => env.log.debug('transparent TLS client socket error', { reason: error.message }));
  const at = Date.now();
  const peeked = await peekFirstBytes(socket, env.handshakeTimeoutMs);
  if (peeked.kind === 'none') return void socket.destroy();
  if (peeked.kind !== 'tls' || peeked.serverName === undefined) {
    // Without a name there is no destination to decide on, mint for or tunnel to.
    const reason =
      peeked.kind === 'tls' ? 'TLS ClientHello without a server name (SNI)' : `not a TLS ClientHello (${peeked.kind})`;
    recordNoDestination(env, socket, at, reason, peeked.bytes);
    endSocketWithTlsAlert(socket, TLS_ALERT.unrecognizedName);
    return;
  }
  const target: FlowTarget = {
    clientAddress: clientAddressOf(socket),
    scheme: 'https',
    host: peeked.serverName,
    port: TRANSPARENT_TLS_PORT,
  };
  const decision = env.decide(target);
  if (decision === undefined) return void endSocketWithTlsAlert(socket, TLS_ALERT.handshakeFailure);
  serveTls(env, { socket, target, decision, leafName: peeked.serverName, at, readBefore: 0 });
}

function recordNoDestination(env: TransportEnv, socket: net.Socket, at: number, reason: string, bytes: number): void {
  const target: FlowTarget = { clientAddress: clientAddressOf(socket), scheme: 'https', host: NO_SNI_HOST, port: TRANSPARENT_TLS_PORT };
  const decision = env.decide(target);
  env.log.debug('transparent TLS connection without a destination', { client: target.clientAddress, reason });
  if (decision === undefined) return;
  env.record({
    at,
    connection: refused(decision, REFUSALS.clientHelloInvalid, `${reason}: the gateway cannot tell where it was going`),
    inspectable: false,
    bytesUp: bytes,
    bytesDown: 0,
    error: { code: 'REQUEST_INVALID', message: reason },
  });
}
