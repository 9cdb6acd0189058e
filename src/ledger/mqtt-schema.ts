/**
 * The MQTT topic log (migration 6 in schema.ts): per device, day, broker host, topic and direction, how
 * many messages and how many of them were blocked. Topics are stored as templated paths
 * (`/tele/{device}/SENSOR`, src/proxy/mqtt/topic.ts, then templateUrlPath like every recorded path), so a
 * level naming one device or person is a placeholder, never the identifier itself.
 *
 * direction  'published': the device sent it (PUBLISH, or its will message);
 *            'received': the broker sent it to the device (what the vendor asks the device to do).
 */
export const MQTT_TOPICS_MIGRATION = `
  CREATE TABLE mqtt_topics (
    device_id   TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    day         TEXT NOT NULL,
    host        TEXT NOT NULL,
    topic       TEXT NOT NULL,
    direction   TEXT NOT NULL CHECK (direction IN ('published', 'received')),
    messages    INTEGER NOT NULL,
    blocked     INTEGER NOT NULL DEFAULT 0,
    first_seen  INTEGER NOT NULL,
    last_seen   INTEGER NOT NULL,
    PRIMARY KEY (device_id, day, host, topic, direction)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX mqtt_topics_day ON mqtt_topics(day);
`;
