import type { Database } from 'better-sqlite3';
import { connectionBypass, explainBypass, type DnsBypassKind } from '../dns/index.js';

/** How the gateway answered a name: the device's own words for the resolver's verdicts. */
export type DnsAnswer = 'steered' | 'truthful' | 'sinkholed' | 'failed';

export interface DnsNameSummary {
  readonly name: string;
  readonly queries: number;
  readonly sinkholed: number;
  readonly steered: number;
  /** Answered with the upstream's true addresses (neither steered, sinkholed nor failed). */
  readonly truthful: number;
  readonly failed: number;
  readonly encryptedDns: boolean;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly lastVerdict: string;
  /** How the last query was answered. */
  readonly lastAnswer: DnsAnswer;
}

const ANSWERS: Readonly<Record<string, DnsAnswer>> = { steer: 'steered', sinkhole: 'sinkholed', failed: 'failed' };

/** A sign that the device resolves names around the gateway: "uses its own DNS". */
export interface DnsBypassFinding {
  readonly kind: DnsBypassKind;
  readonly host: string;
  readonly port: number | null;
  readonly lastSeen: number;
  readonly explanation: string;
}

interface NameRow {
  name: string;
  queries: number;
  sinkholed: number;
  steered: number;
  failed: number;
  encrypted_dns: number;
  first_seen: number;
  last_seen: number;
  last_verdict: string;
}

export function dnsNames(db: Database, deviceId: string, limit = 500): DnsNameSummary[] {
  return db
    .prepare<[string, number], NameRow>('SELECT * FROM dns_names WHERE device_id = ? ORDER BY last_seen DESC, name LIMIT ?')
    .all(deviceId, limit)
    .map((row) => ({
      name: row.name,
      queries: row.queries,
      sinkholed: row.sinkholed,
      steered: row.steered,
      truthful: Math.max(0, row.queries - row.sinkholed - row.steered - row.failed),
      failed: row.failed,
      encryptedDns: row.encrypted_dns === 1,
      firstSeen: row.first_seen,
      lastSeen: row.last_seen,
      lastVerdict: row.last_verdict,
      lastAnswer: ANSWERS[row.last_verdict] ?? 'truthful',
    }));
}

interface ConnectionRow {
  host: string;
  port: number;
  last_seen: number;
  resolved: number;
}

/**
 * Evidence that a device resolves names elsewhere (src/dns/bypass.ts names the kinds): from its DNS
 * log and the destinations it reached through the gateway.
 */
export function dnsBypassFindings(db: Database, deviceId: string): DnsBypassFinding[] {
  const findings: DnsBypassFinding[] = [];
  const resolved = db
    .prepare<[string], { name: string; last_seen: number }>('SELECT name, last_seen FROM dns_names WHERE device_id = ? AND encrypted_dns = 1')
    .all(deviceId);
  for (const row of resolved) {
    const kind = 'resolved-encrypted-dns';
    findings.push({ kind, host: row.name, port: null, lastSeen: row.last_seen, explanation: explainBypass(kind, row.name, null) });
  }
  const usesResolver = (db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM dns_names WHERE device_id = ?').get(deviceId)?.n ?? 0) > 0;
  const connections = db
    .prepare<[string], ConnectionRow>(
      `SELECT d.host, d.port, max(d.last_seen) AS last_seen,
              EXISTS (SELECT 1 FROM dns_addresses a WHERE a.device_id = d.device_id AND a.address = d.host) AS resolved
       FROM destinations d WHERE d.device_id = ? GROUP BY d.host, d.port ORDER BY last_seen DESC`,
    )
    .all(deviceId);
  for (const row of connections) {
    const kind = connectionBypass(row.host, row.port, { usesResolver, resolvedHere: row.resolved === 1 });
    if (kind !== undefined) findings.push({ kind, host: row.host, port: row.port, lastSeen: row.last_seen, explanation: explainBypass(kind, row.host, row.port) });
  }
  return findings;
}
