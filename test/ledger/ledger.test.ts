import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { Ledger, type LedgerOptions, type LogLevel } from '../../src/ledger/index.js';
import { flowRecord, fingerprint, HOUR, inspect, NOON, tempLedgerFile } from './builders.js';

interface FieldRow {
  path: string;
  category: string;
  action: string;
  count: number;
  first_seen: number;
  last_seen: number;
  last_fingerprint: string | null;
  changes: number;
}

describe('Ledger', () => {
  let file: string;
  let cleanup: () => void;
  let ledger: Ledger;
  let logs: [LogLevel, string][];

  const open = (options: Partial<LedgerOptions> = {}): Ledger => {
    logs = [];
    const created = new Ledger({
      file,
      retentionDays: 30,
      flushIntervalMs: 60_000,
      now: () => NOON,
      log: (level, message) => logs.push([level, message]),
      ...options,
    });
    created.start();
    return created;
  };

  const fieldRows = (): FieldRow[] => {
    const db = inspect(file);
    try {
      return db.prepare<[], FieldRow>('SELECT * FROM field_observations ORDER BY path, category, action').all();
    } finally {
      db.close();
    }
  };

  const count = (table: string): number => {
    const db = inspect(file);
    try {
      return db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? -1;
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    ({ file, cleanup } = tempLedgerFile());
    ledger = open();
  });

  afterEach(() => {
    ledger.stop();
    cleanup();
  });

  it('aggregates two records of the same field into one row with count 2 and first/last seen', () => {
    const fields = [{ path: '$.lat', categories: ['location' as const] }];
    ledger.record(flowRecord({ at: NOON, fields, values: { '$.lat': '52.1' } }));
    ledger.record(flowRecord({ at: NOON - HOUR, fields, values: { '$.lat': '52.1' } }));
    expect(ledger.flush()).toBe(true);

    expect(fieldRows()).toMatchObject([
      { path: '$.lat', category: 'location', count: 2, first_seen: NOON - HOUR, last_seen: NOON, changes: 0 },
    ]);
  });

  it('aggregates the items of a list under their template, one row and one fingerprint per request', () => {
    const template = '$.ap_list[*].ssid';
    const fields = [0, 1, 2].map((i) => ({ path: `$.ap_list[${i}].ssid`, template, categories: ['third_party' as const] }));
    ledger.record(flowRecord({ at: NOON, fields, values: { [template]: 'neighbours-a' } }));
    ledger.record(flowRecord({ at: NOON + 1, fields, values: { [template]: 'neighbours-b' } }));
    ledger.flush();

    expect(fieldRows()).toMatchObject([
      { path: template, category: 'third_party', count: 6, changes: 1, last_fingerprint: fingerprint('neighbours-b') },
    ]);
  });

  it('adds to the stored counts across flushes instead of replacing them', () => {
    const fields = [{ path: '$.lat', categories: ['location' as const] }];
    ledger.record(flowRecord({ fields }));
    ledger.flush();
    ledger.record(flowRecord({ at: NOON + 1000, fields }));
    ledger.flush();

    expect(fieldRows()).toMatchObject([{ count: 2, first_seen: NOON, last_seen: NOON + 1000 }]);
  });

  it('counts a fingerprint change within a batch and across flushes, keeping the last fingerprint', () => {
    const fields = [{ path: '$.ssid', categories: ['network' as const] }];
    ledger.record(flowRecord({ at: NOON, fields, values: { '$.ssid': 'home-wifi' } }));
    ledger.record(flowRecord({ at: NOON + 1, fields, values: { '$.ssid': 'home-wifi' } }));
    ledger.record(flowRecord({ at: NOON + 2, fields, values: { '$.ssid': 'office' } }));
    ledger.flush();
    expect(fieldRows()).toMatchObject([{ changes: 1, last_fingerprint: fingerprint('office') }]);

    ledger.record(flowRecord({ at: NOON + 3, fields, values: { '$.ssid': 'cafe' } }));
    ledger.record(flowRecord({ at: NOON + 4, fields, values: { '$.ssid': 'cafe' } }));
    ledger.flush();
    expect(fieldRows()).toMatchObject([{ count: 5, changes: 2, last_fingerprint: fingerprint('cafe') }]);
  });

  it('notices a change against yesterday’s fingerprint on the first row of a new day', () => {
    const fields = [{ path: '$.mac', categories: ['network' as const] }];
    ledger.record(flowRecord({ at: NOON - 24 * HOUR, fields, values: { '$.mac': 'aa:bb' } }));
    ledger.flush();
    ledger.record(flowRecord({ at: NOON, fields, values: { '$.mac': 'cc:dd' } }));
    ledger.flush();

    expect(fieldRows().map((row) => row.changes)).toEqual([0, 1]);
  });

  it.each([
    ['in one batch', false],
    ['across flushes', true],
  ])('notices a change when the field moves to a new action row %s', (_name, flushBetween) => {
    const at = (action: 'allow' | 'redact', value: string, t: number) =>
      flowRecord({ at: t, fields: [{ path: '$.mac', categories: ['network'], action }], values: { '$.mac': value } });
    ledger.record(at('allow', 'aa:bb', NOON));
    if (flushBetween) ledger.flush();
    ledger.record(at('redact', 'cc:dd', NOON + 1));
    ledger.record(at('redact', 'cc:dd', NOON + 2));
    ledger.flush();

    expect(fieldRows().map((row) => [row.action, row.count, row.changes])).toEqual([
      ['allow', 1, 0],
      ['redact', 2, 1],
    ]);
  });

  it('writes one row per category, and an empty category for unclassified fields', () => {
    ledger.record(
      flowRecord({
        fields: [
          { path: '$.owner.email', categories: ['personal', 'credentials'], action: 'redact' },
          { path: '$.fw', categories: [] },
        ],
      }),
    );
    ledger.flush();

    expect(fieldRows().map((r) => [r.path, r.category, r.action])).toEqual([
      ['$.fw', '', 'allow'],
      ['$.owner.email', 'credentials', 'redact'],
      ['$.owner.email', 'personal', 'redact'],
    ]);
  });

  it('keeps a violation with its block reason and the non-allowed field explanations', () => {
    ledger.record(
      flowRecord({
        verdict: 'block',
        block: { ruleId: 'no-location', reason: 'Location may not leave the house' },
        fields: [
          { path: '$.lat', categories: ['location'], action: 'block', ruleId: 'no-location', reason: 'location' },
          { path: '$.temp', categories: [] },
        ],
      }),
    );
    ledger.flush();

    const [entry] = ledger.decisions('thermostat', 0);
    expect(entry).toMatchObject({
      verdict: 'block',
      violation: true,
      ruleId: 'no-location',
      reason: 'Location may not leave the house',
      method: 'POST',
      path: '/v1/telemetry',
      fields: [{ path: '$.lat', categories: ['location'], action: 'block', ruleId: 'no-location', reason: 'location' }],
    });
  });

  it('records an error as a decision with its code, and a plain forward as none', () => {
    ledger.record(flowRecord({ fields: [], error: { code: 'PAYLOAD_INVALID', message: 'The body is not JSON.' } }));
    ledger.record(flowRecord({ fields: [{ path: '$.temp' }] }));
    ledger.flush();

    expect(ledger.decisions('thermostat', 0)).toMatchObject([
      { verdict: 'error', errorCode: 'PAYLOAD_INVALID', reason: 'The body is not JSON.', violation: false },
    ]);
  });

  it('stores destinations per day with verdict counts, bytes and a pinned client as not inspectable', () => {
    ledger.record(flowRecord({ fields: [], bytesUp: 300, bytesDown: 40 }));
    ledger.record(flowRecord({ fields: [], verdict: 'block', block: { ruleId: 'r', reason: 'no' } }));
    ledger.record(flowRecord({ inspectable: false, connectionVerdict: 'tunnel', bytesUp: 7, bytesDown: 0 }));
    ledger.flush();

    const db = inspect(file);
    const rows = db.prepare('SELECT host, vendor, inspectable, forwarded, blocked, bytes_up, bytes_down FROM destinations').all();
    db.close();
    expect(rows).toEqual([
      { host: 'api.acme.example', vendor: 'Acme', inspectable: 0, forwarded: 2, blocked: 1, bytes_up: 407, bytes_down: 60 },
    ]);
  });

  it('flushes on its own after flushIntervalMs', async () => {
    ledger.stop();
    ledger = open({ flushIntervalMs: 20 });
    ledger.record(flowRecord({ fields: [{ path: '$.temp' }] }));
    expect(count('field_observations')).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(count('field_observations')).toBe(1);
  });

  it('flushes early when pending keys exceed maxPendingKeys', async () => {
    ledger.stop();
    ledger = open({ maxPendingKeys: 10 });
    ledger.record(flowRecord({ fields: Array.from({ length: 12 }, (_, i) => ({ path: `$.f${i}` })) }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(count('field_observations')).toBe(12);
  });

  it('writes everything still pending on stop, so nothing recorded is lost', () => {
    for (let i = 0; i < 50; i++) ledger.record(flowRecord({ at: NOON + i, fields: [{ path: `$.f${i % 5}` }] }));
    ledger.stop();

    expect(fieldRows().reduce((sum, row) => sum + row.count, 0)).toBe(50);
  });

  it('keeps pending rows when a write fails and stores them once the file is writable again', () => {
    ledger.stop();
    ledger = open({ busyTimeoutMs: 10 });
    const locker = new BetterSqlite3(file);
    locker.exec('BEGIN IMMEDIATE');
    ledger.record(flowRecord({ fields: [{ path: '$.temp' }] }));
    ledger.record(flowRecord({ fields: [{ path: '$.temp' }], error: { code: 'UPSTREAM_UNREACHABLE', message: 'down' } }));

    expect(ledger.flush()).toBe(false);
    expect(ledger.flush()).toBe(false);
    locker.exec('ROLLBACK');
    locker.close();
    expect(ledger.flush()).toBe(true);

    expect(fieldRows()).toMatchObject([{ path: '$.temp', count: 2 }]);
    expect(count('decisions')).toBe(1);
    expect(logs.filter(([level]) => level === 'error')).toHaveLength(1);
    expect(logs.at(-1)).toEqual(['info', expect.stringContaining('writes work again')]);
  });

  it('bounds what it holds while the file stays locked, and says how much it dropped', () => {
    ledger.stop();
    ledger = open({ busyTimeoutMs: 10, maxPendingKeys: 4 });
    const locker = new BetterSqlite3(file);
    locker.exec('BEGIN IMMEDIATE');
    ledger.record(flowRecord({ fields: Array.from({ length: 30 }, (_, i) => ({ path: `$.a${i}` })) }));
    expect(ledger.flush()).toBe(false);
    ledger.record(flowRecord({ fields: Array.from({ length: 300 }, (_, i) => ({ path: `$.b${i}` })) }));
    locker.exec('ROLLBACK');
    locker.close();
    expect(ledger.flush()).toBe(true);

    // 4 × 25 keys: one device, one destination, 98 fields; every field of the first batch is kept.
    expect(count('field_observations')).toBe(98);
    expect(fieldRows().filter((row) => row.path.startsWith('$.a'))).toHaveLength(30);
    expect(logs).toContainEqual(['warn', 'ledger: 232 rows were dropped while the ledger could not write']);
  });

  it('keeps its data across a restart on the same file', () => {
    ledger.record(flowRecord({ fields: [{ path: '$.temp' }] }));
    ledger.stop();
    ledger = open();
    ledger.record(flowRecord({ fields: [{ path: '$.temp' }] }));
    ledger.flush();

    expect(fieldRows()).toMatchObject([{ count: 2 }]);
  });

  it('refuses a file written by a newer schema with LEDGER_UNAVAILABLE', () => {
    ledger.stop();
    const db = new BetterSqlite3(file);
    db.pragma('user_version = 99');
    db.close();

    expect(() => open()).toThrow(expect.objectContaining({ code: 'LEDGER_UNAVAILABLE' }));
  });

  it('answers queries before start with LEDGER_UNAVAILABLE', () => {
    const idle = new Ledger({ file, retentionDays: 1 });
    expect(() => idle.devices()).toThrow(GatewayError);
    expect(() => idle.devices()).toThrow(expect.objectContaining({ code: 'LEDGER_UNAVAILABLE' }));
  });

  it.each([0, -1, 1.5, 100_000])('rejects retentionDays %s at start with CONFIG_INVALID', (retentionDays) => {
    const bad = new Ledger({ file, retentionDays });
    expect(() => bad.start()).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
