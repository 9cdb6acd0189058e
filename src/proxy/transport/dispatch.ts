import type net from 'node:net';
import type { Interception } from './intercept.js';
import type { ConnectionDecision, FlowTarget } from '../../policy/index.js';
import { overridden, type TransportEnv } from './env.js';
import { refusalRule, refused } from './guard.js';
import { intercept } from './intercept.js';
import { endSocketWithTlsAlert, TLS_ALERT } from './responses.js';
import { openTunnel, type OpenTunnel } from './tunnel.js';
import { messageOf } from '../../errors.js';

export interface TlsConnection {
  readonly socket: net.Socket;
  readonly target: FlowTarget;
  readonly decision: ConnectionDecision;
  readonly leafName: string;
  readonly at: number;
  readonly readBefore: number;
  readonly serve?: Interception['serve'];
  readonly alpn?: Interception['alpn'];
}

/** What to do with a connection from a client address that pins its certificate for this host. */
export function pinnedDecision(env: TransportEnv, decision: ConnectionDecision): ConnectionDecision | undefined {
  if (decision.verdict === 'block') return undefined;
  const pinned = env.uninspectable.get(decision.client.address, decision.destination.host);
  if (pinned === undefined) return undefined;
  const why = `the client pins its certificate (${pinned.evidence})`;
  return decision.onUninspectable === 'allow'
    ? overridden(decision, 'tunnel', `${why}: tunnelled without inspection (onUninspectable: allow)`)
    : overridden(decision, 'block', `${why} and this destination may not pass uninspected (onUninspectable: block)`);
}

/**
 * A client speaking TLS whose destination is known (SNI or CONNECT): refuse, tunnel, or intercept,
 * as the policy (and what we learnt about pinning) says. The client has not been answered yet.
 */
export function serveTls(env: TransportEnv, job: TlsConnection): void {
  const pinned = pinnedDecision(env, job.decision);
  const decision = pinned ?? job.decision;
  const inspectable = pinned === undefined;
  switch (decision.verdict) {
    case 'block':
      env.record({ at: job.at, connection: decision, inspectable, bytesUp: 0, bytesDown: 0 });
      endSocketWithTlsAlert(job.socket, TLS_ALERT.accessDenied);
      return;
    case 'tunnel':
      void tunnelAndRecord(env, job.socket, job.target, decision, job.at, inspectable);
      return;
    case 'inspect':
      void intercept(env, job);
  }
}

/**
 * Opens the tunnel to the address the guard checked (or closes the client if it is refused or
 * unreachable) and records its traffic.
 */
export async function tunnelAndRecord(
  env: TransportEnv,
  client: net.Socket,
  target: FlowTarget,
  decision: ConnectionDecision,
  at: number,
  inspectable: boolean,
  opened?: OpenTunnel,
): Promise<void> {
  let tunnel = opened;
  if (tunnel === undefined) {
    try {
      tunnel = await openGuardedTunnel(env, target, decision);
    } catch (error) {
      const failure = messageOf(error);
      env.log.debug('tunnel destination refused or unreachable', { host: target.host, reason: failure });
      const rule = refusalRule(error);
      const connection = rule === undefined ? decision : refused(decision, rule, failure);
      env.record({ at, connection, inspectable, bytesUp: 0, bytesDown: 0, error: asRecordError(error) });
      client.destroy();
      return;
    }
  }
  client.resume();
  const result = await tunnel.run(client);
  if (result.idle) env.log.debug('closed an idle tunnel', { host: target.host, idleMs: env.idle.tunnelMs });
  env.record({ at, connection: decision, inspectable, ...result, error: result.error?.toJSON() });
}

/** Resolves and checks the destination (no relay to the gateway, Home Assistant or the LAN), then connects. */
export async function openGuardedTunnel(env: TransportEnv, target: FlowTarget, decision: ConnectionDecision): Promise<OpenTunnel> {
  const endpoint = await env.guard.endpoint(decision, target.host, target.port);
  const label = `${target.host}:${target.port}`;
  return openTunnel(endpoint, label, { connectMs: env.deps.limits.upstreamTimeoutMs, idleMs: env.idle.tunnelMs }, env.track);
}

export function asRecordError(error: unknown): { code: 'UPSTREAM_UNREACHABLE' | 'DESTINATION_REFUSED'; message: string } {
  const message = messageOf(error);
  return { code: refusalRule(error) === undefined ? 'UPSTREAM_UNREACHABLE' : 'DESTINATION_REFUSED', message };
}
