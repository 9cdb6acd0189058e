import net from 'node:net';
import { evaluateConnection, normalizeHost, type CompiledPolicy, type ConnectionDecision, type DeviceRef } from '../policy/index.js';

/**
 * What the resolver does with a name, decided by the same connection policy the proxy applies:
 *  - sinkhole: the destination is blocked for this device (enforced: not in monitor mode) on both
 *    HTTPS and HTTP, so no connection to it could be allowed anyway;
 *  - steer: the name matches a destination the policy names for this device (or the household),
 *    allowed and inspected (in any mode, but not one monitor mode merely would block), and the owner
 *    gave the gateway's address: the device is sent to the transparent listeners;
 *  - answer: everything else gets the true answer, so a device in monitor mode, or a name the policy
 *    does not name, keeps working exactly as without the gateway.
 * Only named destinations are steered because steering an unknown name costs a pinned device one
 * failed connection per host before it is marked uninspectable; the owner opts a vendor in by naming it.
 */
export type DnsVerdict = 'sinkhole' | 'steer' | 'answer';

export interface DnsDecision {
  readonly verdict: DnsVerdict;
  readonly device: DeviceRef;
  readonly name: string;
  readonly reason: string;
}

export interface SteeringSettings {
  /** The gateway's addresses devices reach (IPv4 and/or IPv6); empty turns steering off. */
  readonly answerAddresses: readonly string[];
}

export function decideName(
  cp: CompiledPolicy,
  clientAddress: string,
  rawName: string,
  steering: SteeringSettings,
  fromGateway = false,
): DnsDecision {
  const name = normalizeHost(rawName);
  const https = evaluateConnection(cp, { clientAddress, scheme: 'https', host: name, port: 443 });
  const http = evaluateConnection(cp, { clientAddress, scheme: 'http', host: name, port: 80 });
  const device = https.device;
  if (fromGateway) {
    return { verdict: 'answer', device, name, reason: "answered truthfully: the gateway's own lookup (it connects to the real vendor)" };
  }
  if (https.verdict === 'block' && http.verdict === 'block') {
    return { verdict: 'sinkhole', device, name, reason: https.explanation.reason };
  }
  // A destination monitor mode would block is left alone: steering it would change nothing the owner sees.
  const steerable = (d: ConnectionDecision): boolean => d.destination.vendor !== undefined && d.verdict === 'inspect' && !d.wouldBlock;
  if (steering.answerAddresses.length > 0) {
    // A broker the policy names only for MQTT (`schemes: ["mqtt"]`) is steered too: plain MQTT finds it again by name.
    const via = steerable(https) ? https : [evaluateConnection(cp, { clientAddress, scheme: 'mqtt', host: name, port: 1883 })].find(steerable);
    if (via !== undefined) return { verdict: 'steer', device, name, reason: `${via.explanation.reason}; steered to the gateway` };
  }
  const why = steering.answerAddresses.length === 0 ? 'steering is off (no --dns-answer-address)' : https.explanation.reason;
  return { verdict: 'answer', device, name, reason: `answered truthfully: ${why}` };
}

/** The gateway's own addresses for a steered A or AAAA question (none of the other family: the device uses ours). */
export function steeredAddresses(steering: SteeringSettings, type: 'A' | 'AAAA'): string[] {
  const family = type === 'A' ? 4 : 6;
  return steering.answerAddresses.filter((address) => net.isIP(address) === family);
}
