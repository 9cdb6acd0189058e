import type net from 'node:net';
import type { Interception } from './intercept.js';
import type { ConnectionDecision, FlowTarget } from '../../policy/index.js';
import { overridden, type TransportEnv } from './env.js';
import { intercept } from './intercept.js';
import { endSocketWithTlsAlert, TLS_ALERT } from './responses.js';
import { openTunnel, type OpenTunnel } from './tunnel.js';

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

/** What to do with a connection to a (device, host) whose client pins its certificate. */
export function pinnedDecision(env: TransportEnv, decision: ConnectionDecision): ConnectionDecision | undefined {
  if (!env.uninspectable.has(decision.device.id, decision.destination.host)) return undefined;
  return decision.onUninspectable === 'allow'
    ? overridden(decision, 'tunnel', 'the client pins its certificate: tunnelled without inspection (onUninspectable: allow)')
    : overridden(decision, 'block', 'the client pins its certificate and this destination may not pass uninspected (onUninspectable: block)');
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

/** Opens the tunnel (or closes the client if the destination is unreachable) and records its traffic. */
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
      tunnel = await openTunnel(target.host, target.port, env.resolve, env.deps.limits.upstreamTimeoutMs, env.track);
    } catch (error) {
      const failure = error instanceof Error ? error.message : String(error);
      env.log.debug('tunnel destination unreachable', { host: target.host, reason: failure });
      env.record({ at, connection: decision, inspectable, bytesUp: 0, bytesDown: 0, error: asRecordError(error) });
      client.destroy();
      return;
    }
  }
  client.resume();
  const result = await tunnel.run(client);
  env.record({ at, connection: decision, inspectable, ...result, error: result.error?.toJSON() });
}

function asRecordError(error: unknown): { code: 'UPSTREAM_UNREACHABLE'; message: string } {
  return { code: 'UPSTREAM_UNREACHABLE', message: error instanceof Error ? error.message : String(error) };
}
