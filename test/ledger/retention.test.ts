import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/index.js';
import { DAY, flowRecord, inspect, NOON, tempLedgerFile } from './builders.js';

describe('Ledger retention', () => {
  let file: string;
  let cleanup: () => void;
  let clock: number;
  let ledger: Ledger;

  const days = (table: string): string[] => {
    const db = inspect(file);
    try {
      return db
        .prepare<[], { day: string }>(`SELECT DISTINCT day FROM ${table} ORDER BY day`)
        .all()
        .map((row) => row.day);
    } finally {
      db.close();
    }
  };

  const seed = (): void => {
    for (const ago of [10, 3, 2, 0]) {
      ledger.record(
        flowRecord({
          at: NOON - ago * DAY,
          fields: [{ path: '$.lat', categories: ['location'], action: 'block' }],
          verdict: 'block',
          block: { ruleId: 'no-location', reason: 'no location' },
        }),
      );
    }
    ledger.record(flowRecord({ device: 'old-plug', deviceName: 'Old plug', at: NOON - 10 * DAY, fields: [] }));
    ledger.flush();
  };

  beforeEach(() => {
    ({ file, cleanup } = tempLedgerFile());
    clock = NOON;
    ledger = new Ledger({ file, retentionDays: 3, now: () => clock });
    ledger.start();
  });

  afterEach(() => {
    ledger.stop();
    cleanup();
  });

  it('deletes day rows older than retentionDays and keeps the recent ones', () => {
    seed();
    const removed = ledger.prune(NOON);

    expect(days('destinations')).toEqual(['2025-06-13', '2025-06-15']);
    expect(days('field_observations')).toEqual(['2025-06-13', '2025-06-15']);
    expect(removed).toEqual({ destinations: 3, fields: 2, decisions: 2, devices: 1, notShown: 0 });
  });

  it('applies a shorter window from Home Assistant at once', () => {
    seed();
    ledger.setRetentionDays(1);
    expect(days('field_observations')).toEqual(['2025-06-15']);
  });

  it('refuses an invalid window and keeps the one in force', () => {
    seed();
    expect(() => ledger.setRetentionDays(0)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    ledger.prune(NOON);
    expect(days('field_observations')).toEqual(['2025-06-13', '2025-06-15']);
  });

  it('deletes old decisions and devices left with nothing', () => {
    seed();
    ledger.prune(NOON);

    expect(ledger.decisions('thermostat', 0).map((d) => d.at)).toEqual([NOON, NOON - 2 * DAY]);
    expect(ledger.devices().map((d) => d.id)).toEqual(['thermostat']);
  });

  it('prunes on start', () => {
    seed();
    ledger.stop();
    clock = NOON + 2 * DAY;
    ledger = new Ledger({ file, retentionDays: 3, now: () => clock });
    ledger.start();

    expect(days('destinations')).toEqual(['2025-06-15']);
  });
});
