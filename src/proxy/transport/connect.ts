import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { ConnectionDecision, FlowTarget } from '../../policy/index.js';
import { clientAddressOf, parseAuthority } from './addresses.js';
import { asRecordError, openGuardedTunnel, pinnedDecision, serveTls, tunnelAndRecord } from './dispatch.js';
import { overridden, type TransportEnv } from './env.js';
import { REFUSALS, refusalRule, refused } from './guard.js';
import { peekFirstBytes } from './peek.js';
import { blockedBody, endSocketWithJson, endSocketWithTlsAlert, refusalHeaders, TLS_ALERT } from './responses.js';
import { openTunnel } from './tunnel.js';
import { messageOf } from '../../errors.js';

const ESTABLISHED = 'HTTP/1.1 200 Connection Established\r\n\r\n';

/**
 * CONNECT host:port. Block and pinned-block are answered 403 while the client still speaks HTTP;
 * tunnels connect upstream before the 200 (so failures can be a 502); otherwise we answer 200 and
 * look at the first bytes: TLS is served by serveTls, plain HTTP by the inner server. A ClientHello we
 * cannot read, or one naming another host than the CONNECT, is refused: never tunnelled unread.
 */
export async function handleConnect(env: TransportEnv, req: IncomingMessage, duplex: Duplex, head: Buffer): Promise<void> {
  duplex.on('error', (error) => env.log.debug('CONNECT client socket error', { reason: error.message }));
  if (!(duplex instanceof net.Socket)) {
    duplex.destroy();
    return;
  }
  const socket = duplex;
  const at = Date.now();
  const authority = parseAuthority(req.url, undefined);
  if (authority === undefined) {
    const message = `CONNECT needs host:port with a valid host name or IP address, got "${(req.url ?? '').slice(0, 100)}"`;
    endSocketWithJson(socket, 400, { error: { code: 'REQUEST_INVALID', message } });
    return;
  }
  // Bytes the client sent after its CONNECT headers belong to the tunnel.
  if (head.length > 0) socket.unshift(head);
  const readBefore = socket.bytesRead - head.length;
  const target: FlowTarget = { clientAddress: clientAddressOf(socket), scheme: 'https', ...authority };
  const first = env.decide(target);
  if (first === undefined) return refuseInternal(socket);
  const decision = pinnedDecision(env, first) ?? first;
  const inspectable = decision === first;

  if (decision.verdict === 'block') {
    env.record({ at, connection: decision, inspectable, bytesUp: 0, bytesDown: 0 }, () => refuseConnect(socket, decision));
    return;
  }
  if (decision.verdict === 'tunnel') return tunnelFirst(env, socket, target, decision, at, inspectable);

  socket.write(ESTABLISHED);
  const peeked = await peekFirstBytes(socket, env.handshakeTimeoutMs);
  switch (peeked.kind) {
    case 'tls': {
      const sni = peeked.serverName;
      // A CONNECT to an IP literal says little; the SNI names the destination the policy knows.
      const byName = sni !== undefined && net.isIP(target.host) !== 0 ? { ...target, host: sni } : undefined;
      if (sni !== undefined && byName === undefined && sni !== target.host) {
        const reason = `the TLS server name ${sni} is not the CONNECT destination ${target.host} (domain fronting)`;
        return refuseTls(env, socket, refused(decision, REFUSALS.sniMismatch, reason), at, peeked.bytes);
      }
      const named = byName === undefined ? decision : env.decide(byName);
      if (named === undefined) return void socket.destroy();
      serveTls(env, { socket, target: byName ?? target, decision: named, leafName: sni ?? target.host, at, readBefore });
      return;
    }
    case 'http': {
      const plain: FlowTarget = { ...target, scheme: 'http' };
      const connection = env.decide(plain);
      if (connection === undefined) return void socket.destroy();
      // The pipeline takes each request from here, honouring block and tunnel verdicts itself.
      env.decided.set(socket, { target: plain, connection, requests: 0 });
      env.inner.emit('connection', socket);
      socket.resume();
      return;
    }
    case 'tls-malformed': {
      const reason = `the TLS ClientHello cannot be read (${peeked.reason}), so its destination cannot be checked`;
      return refuseTls(env, socket, refused(decision, REFUSALS.clientHelloInvalid, reason), at, peeked.bytes);
    }
    case 'other':
      return unknownProtocol(env, socket, target, decision, at);
    case 'none':
      env.log.debug('CONNECT client sent nothing', { host: target.host, reason: peeked.reason });
      socket.destroy();
  }
}

async function tunnelFirst(
  env: TransportEnv,
  socket: net.Socket,
  target: FlowTarget,
  decision: ConnectionDecision,
  at: number,
  inspectable: boolean,
): Promise<void> {
  try {
    const tunnel = await openGuardedTunnel(env, target, decision);
    socket.write(ESTABLISHED);
    await tunnelAndRecord(env, socket, target, decision, at, inspectable, tunnel);
  } catch (error) {
    const rule = refusalRule(error);
    const message = messageOf(error);
    if (rule !== undefined) {
      const connection = refused(decision, rule, message);
      env.record({ at, connection, inspectable, bytesUp: 0, bytesDown: 0, error: asRecordError(error) }, () => refuseConnect(socket, connection));
      return;
    }
    env.record({ at, connection: decision, inspectable, bytesUp: 0, bytesDown: 0, error: asRecordError(error) }, () =>
      endSocketWithJson(socket, 502, { error: { code: 'UPSTREAM_UNREACHABLE', message } }),
    );
  }
}

/** Neither TLS nor HTTP (MQTT, a proprietary protocol): it cannot be inspected, so onUninspectable decides. */
function unknownProtocol(
  env: TransportEnv,
  socket: net.Socket,
  target: FlowTarget,
  decision: ConnectionDecision,
  at: number,
): void {
  if (decision.onUninspectable === 'allow') {
    const tunnelled = overridden(decision, 'tunnel', 'not TLS or HTTP: tunnelled without inspection (onUninspectable: allow)');
    void tunnelAndRecord(env, socket, target, tunnelled, at, false);
    return;
  }
  const refusedHere = overridden(decision, 'block', 'not TLS or HTTP, and this destination may not pass uninspected');
  env.record({ at, connection: refusedHere, inspectable: false, bytesUp: 0, bytesDown: 0 });
  socket.destroy();
}

/** After our 200 the client speaks TLS: refuse with an alert, recorded with the refusal's name. */
function refuseTls(env: TransportEnv, socket: net.Socket, decision: ConnectionDecision, at: number, bytes: number): void {
  env.log.debug('refused a TLS connection', { host: decision.destination.host, reason: decision.explanation.reason });
  env.record({ at, connection: decision, inspectable: false, bytesUp: bytes, bytesDown: 0, error: { code: 'REQUEST_INVALID', message: decision.explanation.reason } });
  endSocketWithTlsAlert(socket, TLS_ALERT.accessDenied);
}

function refuseConnect(socket: net.Socket, decision: ConnectionDecision): void {
  const explanation = decision.explanation;
  endSocketWithJson(socket, 403, blockedBody(decision, explanation), refusalHeaders(explanation));
}

function refuseInternal(socket: net.Socket): void {
  const message = 'the gateway could not evaluate its policy for this connection; see its log';
  endSocketWithJson(socket, 500, { error: { code: 'INTERNAL_ERROR', message } });
}
