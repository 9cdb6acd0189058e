import type { Duplex } from 'node:stream';
import { Pseudonymizer } from '../../policy/index.js';
import type { MqttContext, MqttHandler } from '../contracts.js';
import { DestinationGuard } from '../transport/guard.js';
import { directResolve } from '../transport/upstream.js';
import { MqttSession } from './session.js';
import type { MqttPipelineOptions } from './types.js';
import { dialBroker } from './upstream.js';

/** The MQTT pipeline the transport hands decided connections (plain, or decrypted TLS) to. */
export function createMqttHandler(options: MqttPipelineOptions): MqttHandler {
  const pseudonymizer = new Pseudonymizer(options.hashKey);
  const guard = options.guard ?? new DestinationGuard({ resolveUpstream: options.resolveUpstream ?? directResolve });
  const upstreamCa = options.upstreamCa ?? [];
  const deps = {
    policy: options.policy,
    recorder: options.recorder,
    limits: options.limits,
    log: options.log,
    dial: (ctx: MqttContext) => dialBroker(ctx, guard, upstreamCa, options.limits.upstreamTimeoutMs),
  };
  return (socket: Duplex, ctx: MqttContext) => new MqttSession(deps, pseudonymizer, socket, ctx).start();
}
