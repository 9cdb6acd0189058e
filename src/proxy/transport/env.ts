import type http from 'node:http';
import type net from 'node:net';
import type { ConnectionDecision, FlowTarget } from '../../policy/index.js';
import type { ConnectionObservation } from './recording.js';
import type { UninspectableHosts } from './uninspectable.js';
import type { ProxyDeps, ProxyLog, ResolveUpstream } from './types.js';

/** A connection whose destination and verdict are settled; the inner HTTP server serves its requests. */
export interface DecidedConnection {
  readonly target: FlowTarget;
  readonly connection: ConnectionDecision;
  requests: number;
}

/** What every listener shares: the deps, the inner HTTP server and the uninspectable map. */
export interface TransportEnv {
  readonly deps: ProxyDeps;
  readonly log: ProxyLog;
  readonly resolve: ResolveUpstream;
  readonly handshakeTimeoutMs: number;
  /** Serves HTTP from decrypted TLS streams and plain HTTP inside CONNECT. */
  readonly inner: http.Server;
  readonly decided: WeakMap<object, DecidedConnection>;
  readonly uninspectable: UninspectableHosts;
  /** Keeps a socket in the set `close()` destroys. */
  track(socket: net.Socket): void;
  /** The policy's verdict, or undefined when evaluating failed (logged; callers fail closed). */
  decide(target: FlowTarget): ConnectionDecision | undefined;
  record(observation: ConnectionObservation): void;
}

/** The decision as the ledger should see it when the transport overrode the policy's verdict. */
export function overridden(
  decision: ConnectionDecision,
  verdict: ConnectionDecision['verdict'],
  reason: string,
): ConnectionDecision {
  // Every override to block is the transport's: the client cannot be inspected (pinning, no SNI, not TLS/HTTP).
  const blockedBy = verdict === 'block' ? 'uninspectable' : undefined;
  return { ...decision, verdict, explanation: { ruleId: decision.explanation.ruleId, reason, blockedBy } };
}
