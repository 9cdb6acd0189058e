import type { DestinationGuard } from '../transport/guard.js';
import type { FlowRecorder } from '../../ledger/index.js';
import type { CompiledPolicy } from '../../policy/index.js';
import type { ProxyLimits } from '../contracts.js';
import type { ProxyLog, ResolveUpstream } from '../transport/types.js';

/** What a message pipeline (MQTT, WebSocket) needs from the gateway's wiring. */
export interface MessagePipelineOptions {
  readonly policy: () => CompiledPolicy;
  readonly recorder: FlowRecorder;
  /** Keyed pseudonyms for the hash action and fingerprints for the ledger (as for HTTP). */
  readonly hashKey: Buffer;
  readonly limits: ProxyLimits;
  readonly log: ProxyLog;
  /** Extra trusted roots (PEM) for TLS vendors (mqtts, wss), in addition to the system store. */
  readonly upstreamCa?: readonly string[];
  /** Tests only: where a vendor name really connects (see ResolveUpstream). */
  readonly resolveUpstream?: ResolveUpstream;
  /**
   * The no-relay rules (the gateway itself, its Home Assistant, the LAN unless named), shared with HTTP:
   * every broker and WebSocket vendor is reached at an address the guard checked. Without one, a guard
   * with no protected endpoints still refuses local addresses nobody named.
   */
  readonly guard?: DestinationGuard;
}
