import type net from 'node:net';
import type { Duplex } from 'node:stream';
import type { ConnectionDecision, FlowTarget, Scheme } from '../../policy/index.js';
import type { MqttHandler } from '../contracts.js';
import { clientAddressOf, type Authority } from './addresses.js';
import { serveTls, tunnelAndRecord } from './dispatch.js';
import { overridden, type DecidedConnection, type TransportEnv } from './env.js';
import { MQTTS_PORT, steeredMqttBroker, type SteeredBroker } from './mqtt-broker.js';
import { refuseConnect } from './mqtt-refusal.js';
import { peekFirstBytes } from './peek.js';
import { endSocketWithTlsAlert, TLS_ALERT } from './responses.js';
import { NO_SNI_HOST } from './transparent.js';

/**
 * Plain MQTT carries no destination (no SNI, no Host): the broker is recovered from the gateway's DNS
 * answers for this client, else the configured upstream (explicit mode); see steeredMqttBroker. With
 * neither, the client gets CONNACK "server unavailable" and the refusal is recorded with its reason.
 */
export function handlePlainMqtt(env: TransportEnv, mqtt: MqttHandler, socket: net.Socket, upstream: Authority | undefined): void {
  socket.on('error', (error) => env.log.debug('MQTT client socket error', { reason: error.message }));
  const at = Date.now();
  const clientAddress = clientAddressOf(socket);
  let broker: SteeredBroker | undefined;
  try {
    broker = steeredMqttBroker(env.deps.policy(), clientAddress, env.deps.steeredNames, upstream, at);
  } catch (error) {
    env.log.error('choosing the plain MQTT broker failed', { client: clientAddress, reason: String(error) });
    return void socket.destroy();
  }
  if (broker === undefined) {
    const reason = "plain MQTT names no broker, the gateway's DNS steered no name to this client recently and no MQTT upstream is configured";
    recordNoBroker(env, socket, at, 'mqtt', reason);
    return refuseConnect(socket, env.handshakeTimeoutMs);
  }
  const target: FlowTarget = { clientAddress, scheme: 'mqtt', host: broker.host, port: broker.port };
  const judged = env.decide(target);
  if (judged === undefined) return void socket.destroy();
  const decision = withBrokerChoice(judged, broker.why);
  switch (decision.verdict) {
    case 'block':
      env.record({ at, connection: decision, inspectable: true, bytesUp: 0, bytesDown: 0 });
      return void socket.destroy();
    case 'tunnel':
      return void tunnelAndRecord(env, socket, target, decision, at, true);
    case 'inspect':
      mqtt(socket, { target, connection: decision, startedAt: at, onServed: () => undefined });
  }
}

/** The ledger and `inspect` show how the broker was found next to the policy's reason. */
function withBrokerChoice(decision: ConnectionDecision, why: string): ConnectionDecision {
  return { ...decision, explanation: { ...decision.explanation, reason: `${decision.explanation.reason}; ${why}` } };
}

/**
 * MQTT over TLS, intercepted exactly like HTTPS (same CA, SNI, pinning verdicts): the broker is the
 * SNI's host on 8883. A client that sent no SNI gets the broker plain MQTT would (steeredMqttBroker:
 * the name the gateway's DNS steered to it, else the configured upstream's host, on 8883), and the leaf
 * is minted for that name, the one the device resolved and will check the certificate against.
 */
export async function handleMqttTls(env: TransportEnv, mqtt: MqttHandler, socket: net.Socket, upstream: Authority | undefined): Promise<void> {
  socket.on('error', (error) => env.log.debug('MQTT TLS client socket error', { reason: error.message }));
  const at = Date.now();
  const peeked = await peekFirstBytes(socket, env.handshakeTimeoutMs);
  if (peeked.kind === 'none') return void socket.destroy();
  const named = peeked.kind === 'tls' ? peeked.serverName : undefined;
  const clientAddress = clientAddressOf(socket);
  let broker: { readonly host: string; readonly port: number; readonly why?: string } | undefined;
  try {
    broker =
      named !== undefined
        ? { host: named, port: MQTTS_PORT }
        : steeredMqttBroker(env.deps.policy(), clientAddress, env.deps.steeredNames, upstream, at, 'mqtts');
  } catch (error) {
    env.log.error('choosing the MQTT over TLS broker failed', { client: clientAddress, reason: String(error) });
    return void socket.destroy();
  }
  if (peeked.kind !== 'tls' || broker === undefined) {
    const reason =
      peeked.kind === 'tls'
        ? "TLS ClientHello without a server name (SNI), the gateway's DNS steered no name to this client recently and no MQTT upstream is configured"
        : `not a TLS ClientHello (${peeked.kind})`;
    recordNoBroker(env, socket, at, 'mqtts', reason);
    return void endSocketWithTlsAlert(socket, TLS_ALERT.unrecognizedName);
  }
  const target: FlowTarget = { clientAddress, scheme: 'mqtts', host: broker.host, port: broker.port };
  const judged = env.decide(target);
  if (judged === undefined) return void endSocketWithTlsAlert(socket, TLS_ALERT.handshakeFailure);
  const decision = broker.why === undefined ? judged : withBrokerChoice(judged, `no SNI: ${broker.why}`);
  const serve = (tlsSocket: Duplex, state: DecidedConnection): void =>
    mqtt(tlsSocket, {
      target,
      connection: state.connection,
      startedAt: at,
      onServed: () => {
        state.requests += 1;
        env.uninspectable.served(decision.device.id, target.host);
      },
    });
  serveTls(env, { socket, target, decision, leafName: broker.host, at, readBefore: 0, serve, alpn: ['mqtt'] });
}

function recordNoBroker(env: TransportEnv, socket: net.Socket, at: number, scheme: Scheme, reason: string): void {
  const target: FlowTarget = { clientAddress: clientAddressOf(socket), scheme, host: NO_SNI_HOST, port: scheme === 'mqtt' ? 1883 : MQTTS_PORT };
  const decision: ConnectionDecision | undefined = env.decide(target);
  env.log.debug('MQTT connection without a broker', { client: target.clientAddress, reason });
  if (decision === undefined) return;
  env.record({
    at,
    connection: overridden(decision, 'block', `${reason}: the gateway cannot tell where it was going`),
    inspectable: false,
    bytesUp: 0,
    bytesDown: 0,
    error: { code: 'REQUEST_INVALID', message: reason },
  });
}
