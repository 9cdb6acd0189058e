import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boundPageCache, LEDGER_CACHE_KIB } from '../../src/ledger/cache.js';
import { tempLedgerFile } from './builders.js';

describe('boundPageCache', () => {
  let file: string;
  let cleanup: () => void;
  let db: BetterSqlite3.Database;

  beforeEach(() => {
    ({ file, cleanup } = tempLedgerFile());
    db = new BetterSqlite3(file);
  });

  afterEach(() => {
    db.close();
    cleanup();
  });

  it('replaces better-sqlite3’s 16 MB default with the stated KiB', () => {
    expect(db.pragma('cache_size', { simple: true })).toBe(-16000);
    boundPageCache(db, LEDGER_CACHE_KIB.writer);
    expect(db.pragma('cache_size', { simple: true })).toBe(-LEDGER_CACHE_KIB.writer);
  });

  it('keeps a floor of 64 KiB whatever it is asked', () => {
    boundPageCache(db, 0);
    expect(db.pragma('cache_size', { simple: true })).toBe(-64);
  });

  it('still answers a grouped query far larger than the cache (the sorter spills to a file)', () => {
    boundPageCache(db, 64);
    db.exec('CREATE TABLE f (device TEXT, path TEXT, n INTEGER)');
    const insert = db.prepare('INSERT INTO f VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 40_000; i++) insert.run(`device-${i % 200}`, `$.field_${i % 997}_${'x'.repeat(40)}`, i);
    })();
    const groups = db.prepare('SELECT count(*) AS n FROM (SELECT device, path, sum(n) FROM f GROUP BY device, path)').get() as { n: number };
    // 200 and 997 are coprime: every (i mod 200, i mod 997) pair below 40,000 is distinct.
    expect(groups.n).toBe(40_000);
  });
});
