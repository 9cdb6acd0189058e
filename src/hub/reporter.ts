import { randomUUID } from 'node:crypto';
import type { DnsQueryEvent, DnsQueryRecorder } from '../dns/index.js';
import type { FlowRecord, FlowRecorder } from '../ledger/index.js';
import { nameDestination } from '../destinations/index.js';
import type { Explanation, FieldDecision } from '../policy/index.js';
import { DnsBypassDetector, type DnsBypassSighting } from './dns-bypass.js';
import { DnsNameTally, observeTopic, type ReportTopic } from './network-report.js';
import type { ReportDestination, ReportItem, TrafficItem } from './protocol.js';

/**
 * Turns FlowRecords into report items (docs/HUB_PROTOCOL.md). FlowRecords carry no raw values and
 * neither do the items: hosts, field paths, categories, actions, rule ids and explanations only.
 *
 * - one `violation` per field whose action is not `allow` (in monitor mode: the action it would get),
 *   or one for the request when it was blocked as a whole;
 * - one `opaque_payload` per opaque field, and one per device and host the client would not let us read;
 * - `new_destination` the first time a device contacts a host (hosts the ledger knows are not new);
 * - `traffic` aggregated per device and host over `trafficWindowMs`: counts, whether every connection could
 *   be read, and the fields seen (path, categories, action, how often; at most `maxFieldsPerTraffic`);
 * - `unassigned_client` for clients no device claims, at most once per address per hour;
 * - `dns_bypass` ("uses its own DNS") from DNS queries and flows, at most hourly per device, signal and host.
 *
 * Events are buffered for `flushMs` so the proxy's hot path does no disk write.
 */
export interface ReporterOptions {
  readonly enqueue: (items: ReportItem[]) => void;
  /** (device id, host) pairs already seen. */
  readonly known?: Iterable<readonly [string, string]>;
  readonly trafficWindowMs?: number;
  readonly flushMs?: number;
  readonly now?: () => number;
  readonly newId?: () => string;
  readonly maxEventsPerRequest?: number;
  readonly maxFieldsPerTraffic?: number;
  /** Live "uses its own DNS" detection; one with default settings when omitted. */
  readonly dnsBypass?: DnsBypassDetector;
}

interface Traffic {
  readonly deviceId: string;
  readonly destination: ReportDestination;
  requests: number;
  bytesUp: number;
  blocked: number;
  inspectable: boolean;
  readonly fields: Map<string, ReportFieldObservation>;
  /** MQTT messages to and from this broker, by direction and templated topic. */
  readonly topics: Map<string, ReportTopic>;
  first: number;
}

/** Home Assistant refuses a traffic item with more field observations than this. */
export const MAX_FIELDS_PER_TRAFFIC = 100;

/** Home Assistant refuses a longer explanation of a field's categories. */
export const MAX_WHY_LENGTH = 300;

function whyOf(why: string | undefined): { why?: string } {
  if (why === undefined || why === '') return {};
  return { why: why.length <= MAX_WHY_LENGTH ? why : `${why.slice(0, MAX_WHY_LENGTH - 1)}…` };
}

/** A field seen in a traffic window's requests: where, what kind of data, the action it got, how often. */
export interface ReportFieldObservation {
  readonly path: string;
  readonly categories: readonly FieldDecision['categories'][number][];
  readonly action: FieldDecision['action'];
  readonly count: number;
  readonly opaque?: true;
  /** Which detectors decided the categories, in words (the latest seen; never a value). */
  readonly why?: string;
}

/**
 * The optional keys a traffic item gained (docs/HUB_PROTOCOL.md); they belong on `TrafficItem` in
 * protocol.ts, kept here until that file's owner moves them.
 */
export interface TrafficObservations {
  /** false when a client refused the gateway's certificate for this host during the window. */
  readonly inspectable?: boolean;
  readonly fields?: readonly ReportFieldObservation[];
  readonly topics?: readonly ReportTopic[];
}

const UNASSIGNED_REPEAT_MS = 3_600_000;

export class Reporter implements FlowRecorder, DnsQueryRecorder {
  readonly dnsBypass: DnsBypassDetector;
  private readonly known = new Set<string>();
  private readonly unreadable = new Set<string>();
  private readonly unassigned = new Map<string, number>();
  private events: ReportItem[] = [];
  private traffic = new Map<string, Traffic>();
  private readonly names = new DnsNameTally();
  private timer: NodeJS.Timeout | undefined;
  private lastTrafficFlush = 0;

  constructor(private readonly options: ReporterOptions) {
    this.dnsBypass = options.dnsBypass ?? new DnsBypassDetector({ now: () => this.now() });
    this.seed(options.known ?? []);
  }

  /** Adds (device id, host) pairs already seen, e.g. from the ledger. */
  seed(known: Iterable<readonly [string, string]>): void {
    for (const [device, host] of known) this.known.add(key(device, host));
  }

  start(): void {
    this.lastTrafficFlush = this.now();
    this.timer = setInterval(() => this.flush(false), this.options.flushMs ?? 100);
    this.timer.unref();
  }

  /** Flushes everything, traffic included. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.flush(true);
  }

  record(record: FlowRecord): void {
    const { device, destination } = record.connection;
    if (device.isDefault) {
      this.noteUnassigned(record);
      return;
    }
    this.noteBypass(this.dnsBypass.noteFlow(record));
    const name = nameDestination({
      host: destination.host,
      ownerVendor: destination.vendor,
      ownerParty: destination.party,
      manufacturer: device.manufacturer,
      addresses: record.upstreamAddress === undefined ? undefined : [record.upstreamAddress],
    });
    const target: ReportDestination = {
      host: destination.host.slice(0, 253),
      ...(name.vendor ? { vendor: name.vendor.slice(0, 100) } : {}),
      party: name.party,
      ...(name.countries.length > 0 ? { countries: name.countries.slice(0, 10) } : {}),
    };
    const pair = key(device.id, target.host);
    if (!this.known.has(pair)) {
      this.known.add(pair);
      this.event(record, { type: 'new_destination', explanation: `first contact with ${target.host}` }, device.id, target);
    }
    if (!record.inspectable && !this.unreadable.has(pair)) {
      this.unreadable.add(pair);
      const explanation = `the device refused the gateway's certificate for ${target.host}: its content cannot be read`;
      this.event(record, { type: 'opaque_payload', explanation }, device.id, target);
    }
    for (const item of eventsOf(record, this.options.maxEventsPerRequest ?? 20)) this.event(record, item, device.id, target);
    this.count(record, device.id, target);
  }

  /** A query the gateway's resolver answered: only "uses its own DNS" signals come of it. */
  recordQuery(event: DnsQueryEvent): void {
    this.names.note(event);
    this.noteBypass(this.dnsBypass.noteQuery(event));
  }

  private noteBypass(sighting: DnsBypassSighting | undefined): void {
    if (sighting === undefined) return;
    this.events.push({
      id: this.newId(),
      ts: sighting.at,
      type: 'dns_bypass',
      device_id: sighting.deviceId,
      signal: sighting.signal,
      host: sighting.host.slice(0, 253),
      ...(sighting.port === undefined ? {} : { port: sighting.port }),
      count: sighting.count,
      explanation: sighting.explanation.slice(0, 500),
    });
  }

  /** Moves buffered events (and traffic, when its window is over or `all`) to the outbox. */
  flush(all: boolean): void {
    const items = this.events;
    this.events = [];
    const now = this.now();
    if ((this.traffic.size > 0 || this.names.pending) && (all || now - this.lastTrafficFlush >= (this.options.trafficWindowMs ?? 2000))) {
      for (const entry of this.traffic.values()) items.push(this.trafficItem(entry));
      this.traffic = new Map();
      for (const { deviceId, first, names } of this.names.drain()) {
        items.push({ id: this.newId(), ts: first, type: 'dns_names', device_id: deviceId, names });
      }
      this.lastTrafficFlush = now;
    }
    if (items.length > 0) this.options.enqueue(items);
  }

  private count(record: FlowRecord, deviceId: string, destination: ReportDestination): void {
    const id = key(deviceId, destination.host);
    let entry = this.traffic.get(id);
    if (!entry) {
      entry = { deviceId, destination, requests: 0, bytesUp: 0, blocked: 0, inspectable: true, fields: new Map(), topics: new Map(), first: record.at };
      this.traffic.set(id, entry);
    }
    entry.requests += 1;
    entry.bytesUp += Math.max(0, Math.floor(record.bytesUp));
    const blocked = record.decision ? record.decision.verdict === 'block' : record.connection.verdict === 'block';
    if (blocked) entry.blocked += 1;
    observeTopic(entry.topics, record, blocked);
    if (!record.inspectable) entry.inspectable = false;
    this.observe(entry.fields, record.decision?.fields ?? []);
  }

  /** Counts each field path once per request; paths past the bound are not reported (their counts are). */
  private observe(observed: Map<string, ReportFieldObservation>, fields: readonly FieldDecision[]): void {
    const max = Math.min(this.options.maxFieldsPerTraffic ?? MAX_FIELDS_PER_TRAFFIC, MAX_FIELDS_PER_TRAFFIC);
    for (const field of fields) {
      const path = field.path.slice(0, 500);
      const known = observed.get(path);
      if (known === undefined && observed.size >= max) continue;
      const categories = new Set([...(known?.categories ?? []), ...field.categories]);
      observed.set(path, {
        path,
        // In the classifier's order, first seen first: the first is the field's main category.
        categories: [...categories],
        action: field.action,
        count: (known?.count ?? 0) + 1,
        ...(field.opaque || known?.opaque === true ? { opaque: true } : {}),
        ...whyOf(field.decidedBy ?? known?.why),
      });
    }
  }

  private trafficItem(entry: Traffic): TrafficItem & TrafficObservations {
    return {
      id: this.newId(),
      ts: entry.first,
      type: 'traffic',
      device_id: entry.deviceId,
      destination: entry.destination,
      requests: entry.requests,
      bytes_up: entry.bytesUp,
      blocked: entry.blocked,
      inspectable: entry.inspectable,
      ...(entry.fields.size > 0 ? { fields: [...entry.fields.values()] } : {}),
      ...(entry.topics.size > 0 ? { topics: [...entry.topics.values()] } : {}),
    };
  }

  private event(record: FlowRecord, item: EventBody, deviceId: string, destination: ReportDestination): void {
    this.events.push({ ...item, id: this.newId(), ts: record.at, device_id: deviceId, destination } as ReportItem);
  }

  private noteUnassigned(record: FlowRecord): void {
    const { address, mac } = record.connection.client;
    const client = mac ?? address;
    const last = this.unassigned.get(client);
    const now = this.now();
    if (last !== undefined && now - last < UNASSIGNED_REPEAT_MS) return;
    this.unassigned.set(client, now);
    this.events.push({
      id: this.newId(),
      ts: record.at,
      type: 'unassigned_client',
      ...(address === undefined ? {} : { address }),
      ...(mac === undefined ? {} : { mac }),
    });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private newId(): string {
    return (this.options.newId ?? randomUUID)();
  }
}

type EventBody =
  | { type: 'violation'; field_path?: string; category?: FieldDecision['categories'][number]; action: FieldDecision['action']; rule?: string; explanation: string }
  | { type: 'opaque_payload'; field_path?: string; explanation: string }
  | { type: 'new_destination'; explanation?: string };

/** The violation and opaque-payload events of one record (without ids, device and destination). */
export function eventsOf(record: FlowRecord, max: number): EventBody[] {
  const events: EventBody[] = [];
  const { decision, connection } = record;
  const monitor = connection.mode === 'monitor';
  if (decision === undefined) {
    if (connection.verdict === 'block' || connection.wouldBlock) {
      events.push(blockEvent(connection.explanation, monitor));
    }
    return events;
  }
  const fields = decision.fields.filter((field) => field.action !== 'allow');
  for (const field of fields.slice(0, max)) {
    events.push({
      type: 'violation',
      field_path: field.path.slice(0, 500),
      ...(field.categories[0] === undefined ? {} : { category: field.categories[0] }),
      action: field.action,
      ...(field.explanation.ruleId === undefined ? {} : { rule: field.explanation.ruleId.slice(0, 100) }),
      explanation: sentence(field.explanation.reason, monitor && !field.applied),
    });
  }
  if (fields.length === 0 && decision.violation) {
    events.push(blockEvent(decision.block ?? decision.explanation, monitor));
  }
  for (const field of decision.fields.filter((f) => f.opaque).slice(0, max)) {
    events.push({
      type: 'opaque_payload',
      field_path: field.path.slice(0, 500),
      explanation: `unreadable (encoded or encrypted) value at ${field.path}`.slice(0, 500),
    });
  }
  return events;
}

/** A refusal names its rule, or what refused it (quarantine, lockdown-unlisted, opaque…) as the 403 does. */
function blockEvent(why: Explanation, monitor: boolean): EventBody {
  const rule = why.ruleId ?? why.blockedBy;
  return {
    type: 'violation',
    action: 'block',
    ...(rule === undefined ? {} : { rule: rule.slice(0, 100) }),
    explanation: sentence(why.reason, monitor),
  };
}

function sentence(reason: string, wouldOnly: boolean): string {
  const text = reason.length > 0 ? reason : 'not allowed by the policy';
  return (wouldOnly ? `monitor mode, not applied: ${text}` : text).slice(0, 500);
}

function key(deviceId: string, host: string): string {
  return `${deviceId}\u0000${host}`;
}
