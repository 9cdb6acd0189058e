import type { Database } from 'better-sqlite3';
import { dnsBypassFindings, dnsNames, type DnsBypassFinding, type DnsNameSummary } from './dns-queries.js';
import { mqttTopics, type MqttTopicSummary } from './mqtt-topics.js';

/**
 * What a device does on the network beside its HTTP requests: the names it resolved through the
 * gateway's DNS, signs that it resolves around it, and the MQTT topics it published to and received from.
 * The summary, the report, the page and the card show the same shape.
 */
export interface DeviceNetwork {
  readonly dns: {
    readonly names: readonly DnsNameSummary[];
    /** Non-empty means "uses its own DNS": flows may reach vendors the gateway never sees by name. */
    readonly ownDns: readonly DnsBypassFinding[];
  };
  readonly mqtt: { readonly topics: readonly MqttTopicSummary[] };
}

/** The DNS log keeps no days (it is pruned by last_seen); MQTT topics are read from `sinceDay` on. */
export function deviceNetwork(db: Database, deviceId: string, sinceDay = ''): DeviceNetwork {
  return {
    dns: { names: dnsNames(db, deviceId), ownDns: dnsBypassFindings(db, deviceId) },
    mqtt: { topics: mqttTopics(db, deviceId, sinceDay) },
  };
}
