import type { DnsQueryEvent } from '../dns/index.js';
import { messageTopic, type FlowRecord } from '../ledger/index.js';

/**
 * What Home Assistant gets of a device's DNS names and MQTT topics (docs/HUB_PROTOCOL.md): names are
 * folded per device over the traffic window into one `dns_names` item; topics travel on the traffic
 * item of their broker. Names of hosts and templated topics only, never a value.
 */
export const MAX_NAMES_PER_ITEM = 100;
export const MAX_TOPICS_PER_TRAFFIC = 100;

export interface ReportDnsName {
  readonly name: string;
  queries: number;
  steered: number;
  truthful: number;
  sinkholed: number;
  failed: number;
  last_answer: 'steered' | 'truthful' | 'sinkholed' | 'failed';
}

export interface ReportTopic {
  readonly topic: string;
  readonly direction: 'published' | 'received';
  messages: number;
  blocked: number;
}

const ANSWERS = { steer: 'steered', answer: 'truthful', sinkhole: 'sinkholed', failed: 'failed' } as const;

/** Names each device looked up in the current window; the oldest window's names past the bound are counted by nobody. */
export class DnsNameTally {
  private byDevice = new Map<string, { first: number; names: Map<string, ReportDnsName> }>();

  get pending(): boolean {
    return this.byDevice.size > 0;
  }

  note(event: DnsQueryEvent): void {
    if (event.device.isDefault) return;
    let device = this.byDevice.get(event.device.id);
    if (device === undefined) {
      device = { first: event.at, names: new Map() };
      this.byDevice.set(event.device.id, device);
    }
    let name = device.names.get(event.name);
    if (name === undefined) {
      if (device.names.size >= MAX_NAMES_PER_ITEM) return;
      name = { name: event.name.slice(0, 253), queries: 0, steered: 0, truthful: 0, sinkholed: 0, failed: 0, last_answer: 'truthful' };
      device.names.set(event.name, name);
    }
    const answer = ANSWERS[event.verdict];
    name.queries++;
    name[answer]++;
    name.last_answer = answer;
  }

  /** The window's names per device, and a fresh window. */
  drain(): { deviceId: string; first: number; names: ReportDnsName[] }[] {
    const drained = [...this.byDevice].map(([deviceId, device]) => ({ deviceId, first: device.first, names: [...device.names.values()] }));
    this.byDevice = new Map();
    return drained;
  }
}

/** Adds an MQTT message record to its traffic entry's topics (at most MAX_TOPICS_PER_TRAFFIC). */
export function observeTopic(topics: Map<string, ReportTopic>, record: FlowRecord, blocked: boolean): void {
  const message = messageTopic(record);
  if (message === undefined) return;
  const id = `${message.direction} ${message.topic}`;
  let topic = topics.get(id);
  if (topic === undefined) {
    if (topics.size >= MAX_TOPICS_PER_TRAFFIC) return;
    topic = { topic: message.topic.slice(0, 500), direction: message.direction, messages: 0, blocked: 0 };
    topics.set(id, topic);
  }
  topic.messages++;
  if (blocked) topic.blocked++;
}
