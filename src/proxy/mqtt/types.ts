import type { Duplex } from 'node:stream';
import type { FlowRecorder } from '../../ledger/index.js';
import type { CompiledPolicy } from '../../policy/index.js';
import type { MqttContext, ProxyLimits } from '../contracts.js';
import type { ProxyLog, ResolveUpstream } from '../transport/types.js';

/** What the MQTT pipeline needs; `dial` opens the connection to the broker for a decided connection. */
export interface MqttDeps {
  readonly policy: () => CompiledPolicy;
  readonly recorder: FlowRecorder;
  readonly limits: ProxyLimits;
  readonly log: ProxyLog;
  readonly dial: (ctx: MqttContext) => Promise<Duplex>;
}

export interface MqttPipelineOptions {
  readonly policy: () => CompiledPolicy;
  readonly recorder: FlowRecorder;
  /** Keyed pseudonyms for the hash action and fingerprints for the ledger (as for HTTP). */
  readonly hashKey: Buffer;
  readonly limits: ProxyLimits;
  readonly log: ProxyLog;
  /** Extra trusted roots (PEM) for mqtts brokers, in addition to the system store. */
  readonly upstreamCa?: readonly string[];
  /** Tests only: where a broker name really connects (see ResolveUpstream). */
  readonly resolveUpstream?: ResolveUpstream;
}
