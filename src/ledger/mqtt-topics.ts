import type { Database, Statement } from 'better-sqlite3';
import { templateTopicScheme, templateUrlPath } from '../payload/index.js';
import type { FlowRecord } from './record.js';

/**
 * MQTT topics per device (table mqtt_topics, mqtt-schema.ts): folded in memory by the Aggregator, written
 * with the rest of a flush, read back for the summary, the report and the card.
 */
export type TopicDirection = 'published' | 'received';

export interface MqttTopicSummary {
  readonly host: string;
  /** Templated (`/tele/{device}/SENSOR`): never a device's or person's identifier. */
  readonly topic: string;
  readonly direction: TopicDirection;
  readonly messages: number;
  readonly blocked: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

export interface PendingTopic {
  readonly day: string;
  readonly deviceId: string;
  readonly host: string;
  readonly topic: string;
  readonly direction: TopicDirection;
  messages: number;
  blocked: number;
  firstSeen: number;
  lastSeen: number;
}

/** The methods src/proxy/mqtt records messages under, and which way each one went. */
const DIRECTIONS: Readonly<Record<string, TopicDirection>> = {
  PUBLISH: 'published',
  WILL: 'published',
  'INBOUND PUBLISH': 'received',
};

/** Distinct topics per device and day; past it a device's new topics are not kept (their messages are counted by destination). */
export const MAX_TOPICS_PER_DEVICE_DAY = 500;
const MAX_TOPIC = 512;

/** The templated topic and direction of an MQTT message record; undefined for anything else. */
export function messageTopic(record: FlowRecord): { topic: string; direction: TopicDirection } | undefined {
  return topicOf(record, '');
}

/** The topic row a record adds to, or undefined when the record is no MQTT message. */
export function topicOf(record: FlowRecord, day: string): Omit<PendingTopic, 'messages' | 'blocked' | 'firstSeen' | 'lastSeen'> | undefined {
  const { destination, device } = record.connection;
  if (destination.scheme !== 'mqtt' && destination.scheme !== 'mqtts') return undefined;
  const direction = record.method === undefined ? undefined : DIRECTIONS[record.method];
  if (direction === undefined || record.path === undefined) return undefined;
  // Templated again (idempotent), so no recorder can put a raw identifier of a topic in the ledger.
  const templated = templateTopicScheme(templateUrlPath(record.path));
  const topic = templated.length > MAX_TOPIC ? `${templated.slice(0, MAX_TOPIC - 1)}…` : templated;
  return { day, deviceId: device.id, host: destination.host, topic, direction };
}

const UPDATE = `
  UPDATE mqtt_topics SET messages = messages + @messages, blocked = blocked + @blocked,
    first_seen = min(first_seen, @firstSeen), last_seen = max(last_seen, @lastSeen)
  WHERE device_id = @deviceId AND day = @day AND host = @host AND topic = @topic AND direction = @direction`;
const INSERT = `
  INSERT INTO mqtt_topics (device_id, day, host, topic, direction, messages, blocked, first_seen, last_seen)
  SELECT @deviceId, @day, @host, @topic, @direction, @messages, @blocked, @firstSeen, @lastSeen
  WHERE (SELECT count(*) FROM mqtt_topics WHERE device_id = @deviceId AND day = @day) < ${MAX_TOPICS_PER_DEVICE_DAY}`;

/** Writes pending topic rows inside the caller's transaction. */
export class TopicWriter {
  private readonly update: Statement<PendingTopic>;
  private readonly insert: Statement<PendingTopic>;

  constructor(db: Database) {
    this.update = db.prepare(UPDATE);
    this.insert = db.prepare(INSERT);
  }

  write(topics: Iterable<PendingTopic>): void {
    for (const topic of topics) {
      if (this.update.run(topic).changes === 0) this.insert.run(topic);
    }
  }
}

interface TopicRow {
  host: string;
  topic: string;
  direction: string;
  messages: number;
  blocked: number;
  first_seen: number;
  last_seen: number;
}

/** Topics of one device since `sinceDay` ('' for all retained), most recent first. */
export function mqttTopics(db: Database, deviceId: string, sinceDay = '', limit = 200): MqttTopicSummary[] {
  return db
    .prepare<[string, string, number], TopicRow>(
      `SELECT host, topic, direction, sum(messages) AS messages, sum(blocked) AS blocked,
              min(first_seen) AS first_seen, max(last_seen) AS last_seen
       FROM mqtt_topics WHERE device_id = ? AND day >= ?
       GROUP BY host, topic, direction ORDER BY last_seen DESC, host, topic LIMIT ?`,
    )
    .all(deviceId, sinceDay, limit)
    .map((row) => ({
      host: row.host,
      topic: row.topic,
      direction: row.direction === 'received' ? 'received' : 'published',
      messages: row.messages,
      blocked: row.blocked,
      firstSeen: row.first_seen,
      lastSeen: row.last_seen,
    }));
}
