import type { Duplex } from 'node:stream';
import type { FlowRecorder } from '../../ledger/index.js';
import type { CompiledPolicy } from '../../policy/index.js';
import type { MqttContext, ProxyLimits } from '../contracts.js';
import type { MessagePipelineOptions } from '../messages/index.js';
import type { ProxyLog } from '../transport/types.js';

/** What the MQTT pipeline needs; `dial` opens the connection to the broker for a decided connection. */
export interface MqttDeps {
  readonly policy: () => CompiledPolicy;
  readonly recorder: FlowRecorder;
  readonly limits: ProxyLimits;
  readonly log: ProxyLog;
  readonly dial: (ctx: MqttContext) => Promise<Duplex>;
}

export type MqttPipelineOptions = MessagePipelineOptions;
