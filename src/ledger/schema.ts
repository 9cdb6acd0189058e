/**
 * The ledger's tables. Raw values are never stored: FlowRecord carries none, and the only trace of a
 * value is `last_fingerprint`, a keyed hash computed by the proxy. Days are local-calendar `YYYY-MM-DD`
 * strings; every other time is epoch milliseconds.
 *
 * devices             one row per device the gateway has seen (the default profile included).
 * destinations        per device, per day, per host:port:scheme: vendor, whether the client let us inspect it
 *                     (0 as soon as one connection that day was uninspectable), how many requests were
 *                     forwarded / blocked / failed, bytes up and down, first and last seen.
 * field_observations  per device, day, host, field path, category ('' when the field has none), action,
 *                     whether the action was applied and whether the value was opaque: how often, when
 *                     first/last seen, the last value fingerprint and how often it changed.
 * not_shown           per device, day and kind ('destination' | 'field'): what went past the daily caps
 *                     (LedgerBounds) and so has no row of its own: how many requests (destinations) or field
 *                     sightings (fields), bytes up and down (destinations), first and last seen.
 * upstream_addresses  per device, host and day: the vendor addresses the gateway connected to.
 * decisions           one row per violation, block or error: when, which device, host, method, path, what
 *                     happened (forward/block/error), the rule and its reason, and an explanation JSON of the
 *                     field decisions that were not `allow` (paths, categories, actions, reasons: no values).
 *                     `block_kind` (migration 2) names what blocked the request, or would have in monitor
 *                     mode (quarantine, destination, lockdown-unlisted, opaque, field, uninspectable); NULL
 *                     when nothing did, such as a request forwarded with its fields edited.
 *                     Since migration 8 the explanation lives in `explanations`, once per distinct JSON, and the
 *                     row names it by `explanation_id` (its own `explanation` is then ''): in enforce mode every
 *                     edited request is a row and a device repeats the same ~1 KB explanation request after
 *                     request. Read rows through the `decisions_explained` view, which joins them back.
 * explanations        each distinct explanation JSON once (the JSON is its own unique key).
 * dns_names, dns_addresses  the DNS query log (dns-schema.ts); mqtt_topics  MQTT topics (mqtt-schema.ts).
 *
 * Migrations are append-only; PRAGMA user_version counts how many ran.
 */
import type { Database } from 'better-sqlite3';
import { GatewayError } from '../errors.js';
import { DNS_LOG_MIGRATION } from './dns-schema.js';
import { MQTT_TOPICS_MIGRATION } from './mqtt-schema.js';

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE devices (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    is_default  INTEGER NOT NULL DEFAULT 0,
    first_seen  INTEGER NOT NULL,
    last_seen   INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE destinations (
    day          TEXT NOT NULL,
    device_id    TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    host         TEXT NOT NULL,
    port         INTEGER NOT NULL,
    scheme       TEXT NOT NULL,
    vendor       TEXT,
    inspectable  INTEGER NOT NULL,
    forwarded    INTEGER NOT NULL DEFAULT 0,
    blocked      INTEGER NOT NULL DEFAULT 0,
    errors       INTEGER NOT NULL DEFAULT 0,
    bytes_up     INTEGER NOT NULL DEFAULT 0,
    bytes_down   INTEGER NOT NULL DEFAULT 0,
    first_seen   INTEGER NOT NULL,
    last_seen    INTEGER NOT NULL,
    PRIMARY KEY (device_id, day, host, port, scheme)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX destinations_day ON destinations(day);

  CREATE TABLE field_observations (
    device_id         TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    host              TEXT NOT NULL,
    path              TEXT NOT NULL,
    category          TEXT NOT NULL,
    day               TEXT NOT NULL,
    action            TEXT NOT NULL,
    applied           INTEGER NOT NULL,
    opaque            INTEGER NOT NULL,
    count             INTEGER NOT NULL,
    first_seen        INTEGER NOT NULL,
    last_seen         INTEGER NOT NULL,
    last_fingerprint  TEXT,
    changes           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (device_id, host, path, category, day, action, applied, opaque)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX field_observations_day ON field_observations(day);

  CREATE TABLE decisions (
    id           INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,
    device_id    TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    host         TEXT NOT NULL,
    method       TEXT,
    path         TEXT,
    mode         TEXT NOT NULL,
    verdict      TEXT NOT NULL,
    violation    INTEGER NOT NULL,
    rule_id      TEXT,
    reason       TEXT NOT NULL,
    error_code   TEXT,
    explanation  TEXT NOT NULL
  ) STRICT;
  CREATE INDEX decisions_device_at ON decisions(device_id, at);
  CREATE INDEX decisions_at ON decisions(at);
  `,
  // Rows written before the kind was recorded: blocks, and monitor-mode would-blocks, are 'unrecorded', so
  // the report still lists them as blocks. A monitor-mode row whose reason is not the evaluator's own
  // "monitor mode…" summary holds a block's reason (or the connection's "monitor mode, not enforced: …").
  `
  ALTER TABLE decisions ADD COLUMN block_kind TEXT;
  UPDATE decisions SET block_kind = 'unrecorded'
    WHERE verdict = 'block'
       OR (mode = 'monitor' AND verdict = 'forward'
           AND (reason LIKE 'monitor mode, not enforced:%' OR reason NOT LIKE 'monitor mode%'));
  `,
  `
  CREATE TABLE not_shown (
    device_id   TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    day         TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('destination', 'field')),
    count       INTEGER NOT NULL,
    bytes_up    INTEGER NOT NULL DEFAULT 0,
    bytes_down  INTEGER NOT NULL DEFAULT 0,
    first_seen  INTEGER NOT NULL,
    last_seen   INTEGER NOT NULL,
    PRIMARY KEY (device_id, day, kind)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX not_shown_day ON not_shown(day);
  `,
  // 4: the DNS query log (dns_names, dns_addresses), described in dns-schema.ts.
  DNS_LOG_MIGRATION,
  // 5: the vendor addresses each destination used, per day (they name its country; not personal data).
  `
  CREATE TABLE upstream_addresses (
    device_id  TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    host       TEXT NOT NULL,
    day        TEXT NOT NULL,
    address    TEXT NOT NULL,
    PRIMARY KEY (device_id, host, day, address)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX upstream_addresses_day ON upstream_addresses(day);
  `,
  // 6: the MQTT topics each device published to and received from (mqtt-schema.ts).
  MQTT_TOPICS_MIGRATION,
  // 7: which detectors decided a field's category, in words (the latest per row; '' for rows written before).
  `
  ALTER TABLE field_observations ADD COLUMN why TEXT NOT NULL DEFAULT '';
  `,
  // 8: each distinct explanation stored once (explanation-store.ts). explanation_id has no REFERENCES clause:
  // with foreign keys on, every explanation retention deletes would scan all decision rows for children.
  // Existing rows move their JSON out; the view reads every row's explanation as it was.
  `
  CREATE TABLE explanations (
    id    INTEGER PRIMARY KEY,
    json  TEXT NOT NULL UNIQUE
  ) STRICT;
  ALTER TABLE decisions ADD COLUMN explanation_id INTEGER;
  INSERT OR IGNORE INTO explanations (json) SELECT explanation FROM decisions ORDER BY id;
  UPDATE decisions SET explanation_id = (SELECT id FROM explanations WHERE json = decisions.explanation), explanation = '';
  CREATE VIEW decisions_explained AS
    SELECT d.id, d.at, d.device_id, d.host, d.method, d.path, d.mode, d.verdict, d.violation, d.rule_id, d.reason,
           d.error_code, coalesce(e.json, d.explanation) AS explanation, d.block_kind
    FROM decisions d LEFT JOIN explanations e ON e.id = d.explanation_id;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the file up to SCHEMA_VERSION; refuses a file written by a newer gateway. */
export function migrate(db: Database): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > SCHEMA_VERSION) {
    throw new GatewayError(
      'LEDGER_UNAVAILABLE',
      `The ledger file has schema version ${current}, newer than this gateway understands (${SCHEMA_VERSION}). ` +
        'Upgrade the gateway or point it at another ledger file.',
    );
  }
  const apply = db.transaction(() => {
    for (let version = current; version < SCHEMA_VERSION; version++) {
      const sql = MIGRATIONS[version];
      if (sql === undefined) break;
      db.exec(sql);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  if (current < SCHEMA_VERSION) apply();
}
