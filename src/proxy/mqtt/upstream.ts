import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { GatewayError } from '../../errors.js';
import type { MqttContext } from '../contracts.js';
import type { DestinationGuard } from '../transport/guard.js';

/**
 * Connects to the broker: plain TCP for `mqtt`, TLS verified against the system roots (plus any extra
 * CA) for `mqtts`, unless the owner turned verification off for this destination. Resolves once the
 * broker can be written to (after the TLS handshake for mqtts).
 */
export async function dialBroker(
  ctx: MqttContext,
  guard: DestinationGuard,
  upstreamCa: readonly string[],
  timeoutMs: number,
): Promise<Duplex> {
  const { target, connection } = ctx;
  // The address the no-relay rules checked (a refusal throws DESTINATION_REFUSED, as for HTTP).
  const address = await guard.endpoint(connection, target.host, target.port);
  return new Promise((done, fail) => {
    const secure = target.scheme === 'mqtts';
    const socket = secure
      ? tls.connect({
          host: address.host,
          port: address.port,
          servername: net.isIP(target.host) === 0 ? target.host : undefined,
          ca: upstreamCa.length === 0 ? undefined : [...tls.rootCertificates, ...upstreamCa],
          rejectUnauthorized: connection.verifyUpstream,
        })
      : net.connect({ host: address.host, port: address.port });
    const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      done(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
      const certificate = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code);
      fail(
        new GatewayError(
          certificate ? 'UPSTREAM_CERT_INVALID' : 'UPSTREAM_UNREACHABLE',
          `cannot reach the MQTT broker ${target.host}:${target.port} (${code || error.message})`,
        ),
      );
    });
  });
}
