/**
 * The DNS query log's tables (migration 2 in schema.ts). Names are kept as looked up: they are names of
 * hosts, not payload values, and the owner needs them to see where a device goes. The addresses are the
 * true answers the device got, which is what makes "connected to an address it never resolved here"
 * decidable.
 *
 * dns_names      per device and name: queries, how many were sinkholed / steered / failed, whether the name
 *                is a public encrypted-DNS service, first/last seen, the last verdict.
 * dns_addresses  per device and address: the name it answered, last seen.
 */
export const DNS_LOG_MIGRATION = `
  CREATE TABLE dns_names (
    device_id      TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    queries        INTEGER NOT NULL,
    sinkholed      INTEGER NOT NULL DEFAULT 0,
    steered        INTEGER NOT NULL DEFAULT 0,
    failed         INTEGER NOT NULL DEFAULT 0,
    encrypted_dns  INTEGER NOT NULL DEFAULT 0,
    first_seen     INTEGER NOT NULL,
    last_seen      INTEGER NOT NULL,
    last_verdict   TEXT NOT NULL,
    PRIMARY KEY (device_id, name)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX dns_names_last_seen ON dns_names(last_seen);

  CREATE TABLE dns_addresses (
    device_id  TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    address    TEXT NOT NULL,
    name       TEXT NOT NULL,
    last_seen  INTEGER NOT NULL,
    PRIMARY KEY (device_id, address)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX dns_addresses_last_seen ON dns_addresses(last_seen);
`;
