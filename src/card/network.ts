/**
 * What the card shows of a device's network beside its HTTP requests: the names it resolved through the
 * gateway's DNS, the MQTT topics it used (templated: a level naming one device or person is a
 * placeholder), and the signs that it "uses its own DNS". Times are epoch milliseconds; lists a source
 * does not know are undefined (the component says so instead of showing an empty list).
 */
export type DnsAnswer = 'steered' | 'truthful' | 'sinkholed' | 'failed';

export interface DnsNameRow {
  readonly name: string;
  readonly queries: number;
  readonly steered: number;
  readonly truthful: number;
  readonly sinkholed: number;
  readonly lastAnswer: DnsAnswer;
  readonly lastSeen: number | undefined;
}

export interface MqttTopicRow {
  readonly host: string;
  readonly topic: string;
  readonly direction: 'published' | 'received';
  readonly messages: number;
  readonly blocked: number;
  readonly lastSeen: number | undefined;
}

/** One "uses its own DNS" sign: which signal, where, how often, when. */
export interface OwnDnsSign {
  readonly signal: string;
  readonly host: string;
  readonly port: number | undefined;
  readonly count: number | undefined;
  readonly lastSeen: number | undefined;
}

export interface DeviceNetworkView {
  readonly dnsNames: readonly DnsNameRow[] | undefined;
  readonly mqttTopics: readonly MqttTopicRow[] | undefined;
  readonly ownDns: readonly OwnDnsSign[];
}

export const DNS_ANSWERS: readonly DnsAnswer[] = ['steered', 'truthful', 'sinkholed', 'failed'];

export function asDnsAnswer(value: string): DnsAnswer {
  return DNS_ANSWERS.find((answer) => answer === value) ?? 'truthful';
}
