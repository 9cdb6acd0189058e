import type { NetworkView } from '../../page/index.js';
import { asDnsAnswer, type DeviceNetworkView, type OwnDnsSign } from '../network.js';
import type { DeviceStats } from './ha-protocol.js';

/** The page's `network` (the sidecar's ledger) in the card's terms: everything is known there. */
export function networkFromPage(network: NetworkView): DeviceNetworkView {
  return {
    dnsNames: network.dns.names.map((name) => ({
      name: name.name,
      queries: name.queries,
      steered: name.steered,
      truthful: name.truthful,
      sinkholed: name.sinkholed,
      lastAnswer: asDnsAnswer(name.lastAnswer),
      lastSeen: name.lastSeen,
    })),
    mqttTopics: network.mqtt.topics.map((topic) => ({ ...topic })),
    ownDns: network.dns.ownDns.map((finding) => ({
      signal: finding.kind,
      host: finding.host,
      port: finding.port ?? undefined,
      count: undefined,
      lastSeen: finding.lastSeen,
    })),
  };
}

/**
 * What Home Assistant knows: the "uses its own DNS" evidence (the integration's device figures). It
 * receives no DNS names or MQTT topics from the sidecar, so those lists are unknown, not empty.
 */
export function networkFromHa(stats: DeviceStats): DeviceNetworkView {
  const ownDns: OwnDnsSign[] = Object.values(stats.own_dns)
    .map((sign) => ({ signal: sign.signal, host: sign.host, port: sign.port ?? undefined, count: sign.count, lastSeen: sign.last_seen }))
    .sort((a, b) => (b.lastSeen ?? 0) - (a.lastSeen ?? 0));
  return { dnsNames: undefined, mqttTopics: undefined, ownDns };
}
