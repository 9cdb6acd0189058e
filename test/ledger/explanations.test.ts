import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/index.js';
import { DAY, flowRecord, HOUR, inspect, NOON, tempLedgerFile, type FieldSpec } from './builders.js';

const REDACTED: readonly FieldSpec[] = [
  { path: '$.lat', categories: ['location'], action: 'redact', ruleId: 'no-location', reason: 'location is redacted' },
  { path: '$.fw', action: 'allow' },
];
const BLOCKED: readonly FieldSpec[] = [{ path: '$.serial', categories: ['device'], action: 'block', ruleId: 'no-serial', reason: 'serials stay home' }];

describe('decision explanations stored once (migration 8)', () => {
  let file: string;
  let cleanup: () => void;
  let ledger: Ledger;

  const edited = (at: number, fields: readonly FieldSpec[] = REDACTED) => flowRecord({ at, fields, violation: true });
  const count = (sql: string): number => {
    const db = inspect(file);
    try {
      return db.prepare<[], { n: number }>(sql).get()?.n ?? -1;
    } finally {
      db.close();
    }
  };
  const explained = () => ledger.decisions('thermostat', 0).map((row) => ({ at: row.at, fields: row.fields }));

  beforeEach(() => {
    ({ file, cleanup } = tempLedgerFile());
    ledger = new Ledger({ file, retentionDays: 3, now: () => NOON });
    ledger.start();
  });

  afterEach(() => {
    ledger.stop();
    cleanup();
  });

  it('stores an explanation many requests repeat once and reads it back for each of their rows', () => {
    for (let i = 0; i < 5; i++) ledger.record(edited(NOON - i * 1000));
    ledger.record(edited(NOON - HOUR, BLOCKED));
    ledger.flush();

    expect(count('SELECT count(*) AS n FROM decisions')).toBe(6);
    expect(count('SELECT count(*) AS n FROM explanations')).toBe(2);
    const rows = explained();
    expect(rows.filter((row) => row.fields.some((f) => f.path === '$.lat' && f.action === 'redact' && f.ruleId === 'no-location'))).toHaveLength(5);
    expect(rows.filter((row) => row.fields.some((f) => f.path === '$.serial' && f.reason === 'serials stay home'))).toHaveLength(1);
  });

  it('upgrades a ledger written with the explanation in each row, every row reading the same explanation', () => {
    for (let i = 0; i < 4; i++) ledger.record(edited(NOON - i * 1000, i % 2 === 0 ? REDACTED : BLOCKED));
    ledger.flush();
    const before = explained();
    ledger.stop();
    // What a gateway at schema version 7 wrote: the JSON in every row, no explanations table.
    const db = new BetterSqlite3(file);
    db.exec(`UPDATE decisions SET explanation = (SELECT json FROM explanations WHERE id = explanation_id);
             DROP VIEW decisions_explained; ALTER TABLE decisions DROP COLUMN explanation_id; DROP TABLE explanations`);
    db.pragma('user_version = 7');
    db.close();

    ledger = new Ledger({ file, retentionDays: 3, now: () => NOON });
    ledger.start();

    expect(explained()).toEqual(before);
    expect(count("SELECT count(*) AS n FROM decisions WHERE explanation <> ''")).toBe(0);
    expect(count('SELECT count(*) AS n FROM explanations')).toBe(2);
  });

  it('lets retention remove the explanations no row names any more and keeps the others', () => {
    ledger.record(edited(NOON - 10 * DAY, BLOCKED));
    ledger.record(edited(NOON - 10 * DAY));
    ledger.record(edited(NOON));
    ledger.flush();
    ledger.prune(NOON);

    expect(count('SELECT count(*) AS n FROM explanations')).toBe(1);
    expect(explained()).toEqual([{ at: NOON, fields: expect.arrayContaining([expect.objectContaining({ path: '$.lat', action: 'redact' })]) }]);
  });

  it('stores an explanation again when another connection removed it and gave its id to another', () => {
    ledger.record(edited(NOON - 2000));
    ledger.flush();
    // Another process's retention took the rows and the explanation; the freed id went to a new explanation.
    const other = new BetterSqlite3(file);
    other.exec(`DELETE FROM decisions; DELETE FROM explanations; INSERT INTO explanations (json) VALUES ('[]')`);
    other.close();

    ledger.record(edited(NOON - 1000));
    ledger.flush();

    expect(explained()).toEqual([{ at: NOON - 1000, fields: [expect.objectContaining({ path: '$.lat', action: 'redact', reason: 'location is redacted' })] }]);
  });
});
