import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { GatewayError } from '../../errors.js';
import type { MqttContext } from '../contracts.js';
import type { ResolveUpstream } from '../transport/types.js';

/**
 * Connects to the broker: plain TCP for `mqtt`, TLS verified against the system roots (plus any extra
 * CA) for `mqtts`, unless the owner turned verification off for this destination. Resolves once the
 * broker can be written to (after the TLS handshake for mqtts).
 */
export function dialBroker(
  ctx: MqttContext,
  resolve: ResolveUpstream,
  upstreamCa: readonly string[],
  timeoutMs: number,
): Promise<Duplex> {
  const { target, connection } = ctx;
  const address = resolve(target.host, target.port);
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
