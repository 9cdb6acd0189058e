import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/index.js';
import { flowRecord, inspect, NOON, tempLedgerFile } from './builders.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('Ledger.recordDurably (group commit)', () => {
  let file: string;
  let cleanup: () => void;
  let ledger: Ledger;

  const storedFields = (): number => {
    const db = inspect(file);
    try {
      return db.prepare<[], { n: number | null }>('SELECT sum(count) AS n FROM field_observations').get()?.n ?? 0;
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    ({ file, cleanup } = tempLedgerFile());
    // A long interval: only the group commit can have written what the tests see.
    ledger = new Ledger({ file, retentionDays: 30, flushIntervalMs: 60_000, now: () => NOON, busyTimeoutMs: 10 });
    ledger.start();
  });

  afterEach(() => {
    ledger.stop();
    cleanup();
  });

  it('calls back only after the records of this turn are committed, in one commit for all of them', async () => {
    const seen: number[] = [];
    for (let i = 0; i < 20; i++) {
      ledger.recordDurably(flowRecord({ at: NOON + i, fields: [{ path: '$.temp' }] }), () => seen.push(storedFields()));
    }
    expect(seen).toEqual([]);
    expect(storedFields()).toBe(0);
    await nextTurn();
    expect(seen).toEqual(Array.from({ length: 20 }, () => 20));
  });

  it('releases the waiting answers when the file is locked, and stores the records once it is free', async () => {
    const locker = new BetterSqlite3(file);
    locker.exec('BEGIN IMMEDIATE');
    let released = 0;
    ledger.recordDurably(flowRecord({ fields: [{ path: '$.temp' }] }), () => released++);
    await nextTurn();
    expect(released).toBe(1);
    // While writes fail, answers are not held for the outage.
    ledger.recordDurably(flowRecord({ fields: [{ path: '$.temp' }] }), () => released++);
    expect(released).toBe(2);
    locker.exec('ROLLBACK');
    locker.close();
    expect(ledger.flush()).toBe(true);
    expect(storedFields()).toBe(2);
  });

  it('calls back at once when the ledger is stopped', () => {
    ledger.stop();
    let released = 0;
    ledger.recordDurably(flowRecord({ fields: [{ path: '$.temp' }] }), () => released++);
    expect(released).toBe(1);
  });

  it('keeps calling the others back when one callback throws', async () => {
    let released = 0;
    ledger.recordDurably(flowRecord({}), () => {
      throw new Error('a broken response');
    });
    ledger.recordDurably(flowRecord({}), () => released++);
    await nextTurn();
    expect(released).toBe(1);
  });
});
