import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { DnsQueryEvent } from '../../src/dns/index.js';
import type { FlowRecord } from '../../src/ledger/index.js';
import type { DataCategory } from '../../src/policy/categories.js';
import type { BlockKind, ConnectionDecision, Decision, FieldAction, FieldDecision, Mode } from '../../src/policy/flow.js';

/** Local noon on a fixed day, so day boundaries in tests do not depend on when they run. */
export const NOON = new Date(2025, 5, 15, 12, 0, 0).getTime();
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** What the proxy does to a value before the ledger sees it: a keyed hash. */
export const fingerprint = (value: string): string => createHmac('sha256', 'test-key').update(value).digest('hex');

export interface FieldSpec {
  readonly path: string;
  /** The parser's path template (`$.ap_list[*].ssid`), when the field came from a parsed body. */
  readonly template?: string;
  readonly categories?: readonly DataCategory[];
  readonly action?: FieldAction;
  readonly applied?: boolean;
  readonly opaque?: boolean;
  readonly ruleId?: string;
  readonly reason?: string;
  /** The classifier's explanation of the categories. */
  readonly decidedBy?: string;
}

export function field(spec: FieldSpec): FieldDecision {
  const action = spec.action ?? 'allow';
  return {
    path: spec.path,
    template: spec.template,
    source: spec.path.startsWith('$query') ? 'query' : 'body',
    categories: spec.categories ?? [],
    opaque: spec.opaque ?? false,
    action,
    applied: spec.applied ?? action !== 'allow',
    explanation: { ruleId: spec.ruleId, reason: spec.reason ?? `${action} by default` },
    decidedBy: spec.decidedBy,
  };
}

export interface RecordSpec {
  readonly at?: number;
  readonly device?: string;
  readonly deviceName?: string;
  readonly isDefault?: boolean;
  readonly host?: string;
  readonly port?: number;
  readonly scheme?: 'http' | 'https' | 'mqtt' | 'mqtts';
  readonly vendor?: string;
  readonly mode?: Mode;
  readonly method?: string;
  readonly path?: string;
  /** Field decisions; omit for a connection without an inspected body. */
  readonly fields?: readonly FieldSpec[];
  /** Field path -> raw value; the builder hands the ledger only its fingerprint. */
  readonly values?: Readonly<Record<string, string>>;
  readonly verdict?: 'forward' | 'block';
  readonly violation?: boolean;
  readonly block?: { ruleId: string | undefined; reason: string; blockedBy?: BlockKind };
  readonly connectionVerdict?: ConnectionDecision['verdict'];
  readonly inspectable?: boolean;
  readonly bytesUp?: number;
  readonly bytesDown?: number;
  readonly error?: FlowRecord['error'];
  readonly clientAddress?: string;
}

export function flowRecord(spec: RecordSpec = {}): FlowRecord {
  const connection: ConnectionDecision = {
    device: { id: spec.device ?? 'thermostat', name: spec.deviceName ?? 'Hall thermostat', isDefault: spec.isDefault ?? false },
    client: { address: spec.clientAddress ?? '192.168.1.40', mac: undefined },
    mode: spec.mode ?? 'enforce',
    destination: {
      id: 'vendor-cloud',
      vendor: spec.vendor ?? 'Acme',
      host: spec.host ?? 'api.acme.example',
      port: spec.port ?? 443,
      scheme: spec.scheme ?? 'https',
    },
    verdict: spec.connectionVerdict ?? 'inspect',
    verifyUpstream: true,
    onUninspectable: 'block',
    wouldBlock: false,
    explanation: { ruleId: spec.block?.ruleId, reason: spec.block?.reason ?? 'destination allowed', blockedBy: spec.block?.blockedBy },
  };
  const verdict = spec.verdict ?? 'forward';
  const decision: Decision | undefined = spec.fields
    ? {
        connection,
        verdict,
        violation: spec.violation ?? verdict === 'block',
        fields: spec.fields.map(field),
        block: spec.block ? { ruleId: spec.block.ruleId, reason: spec.block.reason, blockedBy: spec.block.blockedBy } : undefined,
        explanation: { ruleId: undefined, reason: 'evaluated' },
      }
    : undefined;
  const fingerprints = new Map(Object.entries(spec.values ?? {}).map(([path, value]) => [path, fingerprint(value)]));
  return {
    at: spec.at ?? NOON,
    connection,
    decision,
    inspectable: spec.inspectable ?? true,
    method: spec.method ?? 'POST',
    path: spec.path ?? '/v1/telemetry',
    fingerprints,
    bytesUp: spec.bytesUp ?? 100,
    bytesDown: spec.bytesDown ?? 20,
    durationMs: 5,
    error: spec.error,
  };
}

/** A temp directory holding the ledger file; `cleanup` removes it. */
export function tempLedgerFile(): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pg-ledger-'));
  return { file: join(dir, 'ledger.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A second, independent connection to the same file: how the tests look at what was really written. */
export function inspect(file: string): Database {
  return new BetterSqlite3(file, { readonly: true });
}

/** A query the resolver answered for the Hall thermostat, as the DNS log receives it. */
export function dnsQuery(name: string, overrides: Partial<DnsQueryEvent> = {}): DnsQueryEvent {
  return {
    at: NOON,
    clientAddress: '192.168.1.40',
    device: { id: 'thermostat', name: 'Hall thermostat', isDefault: false },
    name,
    type: 'A',
    verdict: 'answer',
    rcode: 0,
    addresses: [],
    encryptedDns: false,
    reason: 'answered truthfully',
    ...overrides,
  };
}

/** Every row of every ledger table, sorted: what two ledgers must agree on. */
export function dump(file: string): string {
  const db = inspect(file);
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT IN ('journal_mark', 'sqlite_sequence') ORDER BY name")
      .all();
    return JSON.stringify(
      tables.map(({ name }) => {
        // Decision rows with their explanation joined back: an explanation's id depends on insertion order only.
        const source = name === 'decisions' ? 'decisions_explained' : name;
        const rows = db.prepare(`SELECT * FROM "${source}"`).all() as Record<string, unknown>[];
        // Row ids depend on insertion order only; the contents are what is compared.
        return [name, rows.map((row) => JSON.stringify({ ...row, id: undefined })).sort()];
      }),
    );
  } finally {
    db.close();
  }
}

export function storedRequests(file: string): number {
  const db = inspect(file);
  try {
    return db.prepare<[], { n: number | null }>('SELECT sum(forwarded + blocked + errors) AS n FROM destinations').get()?.n ?? 0;
  } finally {
    db.close();
  }
}
