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
 * upstream_addresses  per device, host and day: the vendor addresses the gateway connected to.
 * decisions           one row per violation, block or error: when, which device, host, method, path, what
 *                     happened (forward/block/error), the rule and its reason, and an explanation JSON of the
 *                     field decisions that were not `allow` (paths, categories, actions, reasons: no values).
 *
 * Migrations are append-only; PRAGMA user_version counts how many ran.
 */
import type { Database } from 'better-sqlite3';
import { GatewayError } from '../errors.js';

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
  // 2: the vendor addresses each destination used, per day (they name its country; not personal data).
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
