import type { DnsNameSummary } from './dns-queries.js';
import type { MqttTopicSummary } from './mqtt-topics.js';
import type { DeviceNetwork } from './network.js';

/** The report's Markdown helpers (report-markdown.ts), passed in so this file needs none of its own. */
export interface MarkdownTools {
  readonly escape: (text: string) => string;
  readonly time: (at: number) => string;
  readonly table: (header: readonly string[], rows: readonly (readonly string[])[]) => string[];
}

const ANSWER_WORDS: Readonly<Record<DnsNameSummary['lastAnswer'], string>> = {
  steered: 'steered to the gateway',
  truthful: 'answered truthfully',
  sinkholed: 'sinkholed',
  failed: 'failed (upstream did not answer)',
};

/** How a name was answered, e.g. "steered ×3, truthful ×1". */
export function answeredHow(name: DnsNameSummary): string {
  const parts = [
    ['steered', name.steered],
    ['truthful', name.truthful],
    ['sinkholed', name.sinkholed],
    ['failed', name.failed],
  ] as const;
  return parts.flatMap(([word, count]) => (count > 0 ? [`${word} ×${count}`] : [])).join(', ') || '-';
}

/** Names looked up through the gateway, the "uses its own DNS" findings, and MQTT topics, when there are any. */
export function networkSection(network: DeviceNetwork, md: MarkdownTools): string[] {
  const { names, ownDns } = network.dns;
  const { topics } = network.mqtt;
  const lines: string[] = [];
  if (names.length > 0 || ownDns.length > 0) {
    lines.push('## Names it looked up', '');
    if (names.length === 0) lines.push('It looked up no names through the gateway.');
    else {
      lines.push(
        ...md.table(
          ['Name', 'Lookups', 'Answered', 'Last answer', 'First', 'Last'],
          names.map((n) => [md.escape(n.name), String(n.queries), answeredHow(n), ANSWER_WORDS[n.lastAnswer], md.time(n.firstSeen), md.time(n.lastSeen)]),
        ),
      );
    }
    if (ownDns.length > 0) {
      lines.push('', '### Uses its own DNS', '');
      for (const finding of ownDns) lines.push(`- ${md.escape(finding.explanation)} (last ${md.time(finding.lastSeen)})`);
    }
  }
  if (topics.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push('## MQTT topics', '', 'Levels that name one device or person are shown as placeholders such as `{device}`.', '');
    lines.push(...md.table(['Broker', 'Topic', 'Direction', 'Messages', 'Blocked', 'Last'], topics.map((t) => topicRow(t, md))));
  }
  return lines;
}

function topicRow(topic: MqttTopicSummary, md: MarkdownTools): string[] {
  const direction = topic.direction === 'published' ? 'published by the device' : 'received from the broker';
  return [md.escape(topic.host), md.escape(topic.topic), direction, String(topic.messages), String(topic.blocked), md.time(topic.lastSeen)];
}
