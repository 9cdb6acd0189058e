import type http from 'node:http';
import type net from 'node:net';
import type { CompiledPolicy, ConnectionDecision, FlowTarget } from '../../policy/index.js';
import type { DestinationGuard } from './guard.js';
import type { ConnectionObservation } from './recording.js';
import type { UninspectableHosts } from './uninspectable.js';
import type { IdleTimeouts, ProxyDeps, ProxyLog, ResolveUpstream } from './types.js';

/** A connection whose destination and verdict are settled; the inner HTTP server serves its requests. */
export interface DecidedConnection {
  readonly target: FlowTarget;
  readonly connection: ConnectionDecision;
  requests: number;
  /** The Host (or absolute-form authority) its last request named, and that host canonical (see namedHost). */
  named?: { readonly raw: string; readonly host: string | undefined };
  /** When a request on it last told the pinning detector the client trusts us (see handleInnerRequest). */
  servedAt?: number;
}

export interface InFlight {
  readonly req: http.IncomingMessage;
  readonly res: http.ServerResponse;
}

/** A decision kept for a keep-alive connection while `policy` is the one in force and it asks for `key` again. */
export interface RememberedDecision {
  readonly policy: CompiledPolicy;
  /** The request's scheme and authority as sent (absolute-form), or its Host header (transparent). */
  readonly key: string;
  readonly target: FlowTarget;
  readonly connection: ConnectionDecision;
}

/** What every listener shares: the deps, the inner HTTP server and the uninspectable map. */
export interface TransportEnv {
  readonly deps: ProxyDeps;
  readonly log: ProxyLog;
  readonly resolve: ResolveUpstream;
  readonly handshakeTimeoutMs: number;
  readonly idle: IdleTimeouts;
  readonly guard: DestinationGuard;
  /** Serves HTTP from decrypted TLS streams and plain HTTP inside CONNECT. */
  readonly inner: http.Server;
  readonly decided: WeakMap<object, DecidedConnection>;
  readonly uninspectable: UninspectableHosts;
  /** Requests still being answered per client socket, so a later malformed request never cuts them off. */
  readonly inFlight: WeakMap<object, Set<InFlight>>;
  /** Keeps a socket in the set `close()` destroys. */
  track(socket: net.Socket): void;
  /** The last destination each plain-HTTP client connection asked for and its decision (see handleProxyRequest). */
  readonly remembered: WeakMap<object, RememberedDecision>;
  /** The policy in force, or undefined when there is none (logged; callers fail closed). */
  policyInForce(): CompiledPolicy | undefined;
  /**
   * The policy's verdict after the guard (under `policy`, else the one in force), or undefined when
   * evaluating failed (logged; callers fail closed).
   */
  decide(target: FlowTarget, policy?: CompiledPolicy): ConnectionDecision | undefined;
  /**
   * Records what the transport did. With `answer`, the answer that tells the client (a 403, a 421) is sent
   * once the record is durable (the ledger's group commit), so an answered refusal survives `kill -9`.
   */
  record(observation: ConnectionObservation, answer?: () => void): void;
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
