import type { NetworkView } from '../../page/index.js';
import { asDnsAnswer, type DeviceNetworkView, type OwnDnsSign } from '../network.js';
import { z } from '../zod.js';
import { count, isoTime, type DeviceStats } from './ha-protocol.js';

/**
 * device_report's `dns_names` and `mqtt_topics` (docs/HUB_PROTOCOL.md). A list that does not parse, or
 * an integration that does not send it, leaves it unknown.
 */
const HaNetworkSchema = z.object({
  dns_names: z.catch(
    z.optional(
      z.array(
        z.object({
          name: z.string(),
          queries: count,
          steered: count,
          truthful: count,
          sinkholed: count,
          last_answer: z.catch(z.string(), 'truthful'),
          last_seen: isoTime,
        }),
      ),
    ),
    undefined,
  ),
  mqtt_topics: z.catch(
    z.optional(
      z.array(
        z.object({
          host: z.string(),
          topic: z.string(),
          direction: z.enum(['published', 'received']),
          messages: count,
          blocked: count,
          last_seen: isoTime,
        }),
      ),
    ),
    undefined,
  ),
});

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
 * What Home Assistant knows: the "uses its own DNS" evidence (the integration's device figures) and,
 * from the device report's answer, the names and topics the sidecar reported (unknown when absent).
 */
export function networkFromHa(stats: DeviceStats, answer?: unknown): DeviceNetworkView {
  const ownDns: OwnDnsSign[] = Object.values(stats.own_dns)
    .map((sign) => ({ signal: sign.signal, host: sign.host, port: sign.port ?? undefined, count: sign.count, lastSeen: sign.last_seen }))
    .sort((a, b) => (b.lastSeen ?? 0) - (a.lastSeen ?? 0));
  const parsed = HaNetworkSchema.safeParse(answer);
  const lists = parsed.success ? parsed.data : { dns_names: undefined, mqtt_topics: undefined };
  const newestFirst = <T extends { lastSeen: number | undefined }>(rows: T[]): T[] => rows.sort((a, b) => (b.lastSeen ?? 0) - (a.lastSeen ?? 0));
  return {
    dnsNames: lists.dns_names && newestFirst(lists.dns_names.map((name) => ({ ...name, lastAnswer: asDnsAnswer(name.last_answer), lastSeen: name.last_seen }))),
    mqttTopics: lists.mqtt_topics && newestFirst(lists.mqtt_topics.map((topic) => ({ ...topic, lastSeen: topic.last_seen }))),
    ownDns,
  };
}
