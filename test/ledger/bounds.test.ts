import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/cli/ledger-commands.js';
import { NO_NAMING_CONTEXT, withDestinationNames } from '../../src/destinations/index.js';
import { Ledger, renderReportMarkdown, type LedgerBounds } from '../../src/ledger/index.js';
import { DAY, flowRecord, inspect, NOON, tempLedgerFile } from './builders.js';

interface NotShownRow {
  day: string;
  kind: string;
  count: number;
  bytes_up: number;
}

/**
 * Bounded whatever the number of hosts (20,000 of them once made a 7.2 MB answer): 200 listed
 * destinations, each with its name (domain, vendor, party and why, countries), stay under this.
 */
const ANSWER_BOUND_BYTES = 250_000;

describe('Ledger bounds per device per day', () => {
  let file: string;
  let cleanup: () => void;
  let ledger: Ledger;
  let now = NOON;

  const open = (bounds: LedgerBounds): Ledger => {
    const created = new Ledger({ file, retentionDays: 30, flushIntervalMs: 60_000, now: () => now, bounds });
    created.start();
    return created;
  };
  const rows = (table: string): number => {
    const db = inspect(file);
    try {
      return db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? -1;
    } finally {
      db.close();
    }
  };
  const notShown = (): NotShownRow[] => {
    const db = inspect(file);
    try {
      return db.prepare<[], NotShownRow>('SELECT day, kind, count, bytes_up FROM not_shown ORDER BY day, kind').all();
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    ({ file, cleanup } = tempLedgerFile());
    now = NOON;
    ledger = open({ maxDestinationsPerDeviceDay: 3, maxFieldsPerDeviceDay: 5 });
  });

  afterEach(() => {
    ledger.stop();
    cleanup();
  });

  it('stores the first destinations of the day and counts the requests to the rest, with their bytes', () => {
    for (let i = 0; i < 10; i++) ledger.record(flowRecord({ host: `h${i}.example`, bytesUp: 10 }));
    ledger.flush();
    // A destination already stored keeps counting in its own row.
    ledger.record(flowRecord({ host: 'h0.example' }));
    ledger.record(flowRecord({ host: 'h9.example', bytesUp: 10 }));
    ledger.flush();

    expect(rows('destinations')).toBe(3);
    expect(notShown()).toEqual([{ day: expect.any(String), kind: 'destination', count: 8, bytes_up: 80 }]);
    const summary = ledger.deviceSummary('thermostat');
    expect(summary.destinations.find((d) => d.host === 'h0.example')?.forwarded).toBe(2);
    expect(summary.notShown).toMatchObject({ requestsPastBounds: 8, bytesUpPastBounds: 80, destinations: 0 });
    expect(ledger.report('thermostat').totals.requests).toBe(12);
  });

  it('stores the first field rows of the day and counts the sightings of the rest', () => {
    const fields = Array.from({ length: 8 }, (_, i) => ({ path: `$.f${i}` }));
    ledger.record(flowRecord({ fields }));
    ledger.record(flowRecord({ fields }));
    ledger.flush();

    expect(rows('field_observations')).toBe(5);
    expect(notShown()).toEqual([{ day: expect.any(String), kind: 'field', count: 6, bytes_up: 0 }]);
    expect(ledger.deviceSummary('thermostat').notShown.fieldSightingsPastBounds).toBe(6);
  });

  it('keeps counting against what the file holds after a restart, and starts afresh the next day', () => {
    for (let i = 0; i < 3; i++) ledger.record(flowRecord({ host: `h${i}.example` }));
    ledger.stop();
    ledger = open({ maxDestinationsPerDeviceDay: 3, maxFieldsPerDeviceDay: 5 });
    ledger.record(flowRecord({ host: 'late.example' }));
    ledger.flush();
    expect(rows('destinations')).toBe(3);

    now = NOON + DAY;
    ledger.record(flowRecord({ at: now, host: 'late.example' }));
    ledger.flush();
    expect(rows('destinations')).toBe(4);
    expect(notShown().map((row) => row.count)).toEqual([1]);
  });

  it('bounds each device on its own', () => {
    for (let i = 0; i < 5; i++) {
      ledger.record(flowRecord({ device: 'cam', host: `c${i}.example` }));
      ledger.record(flowRecord({ device: 'plug', host: `p${i}.example` }));
    }
    ledger.flush();
    expect(rows('destinations')).toBe(6);
  });
});

describe('Answers about a device with 20,000 distinct hosts', () => {
  let file: string;
  let cleanup: () => void;
  let ledger: Ledger;

  beforeEach(() => {
    ({ file, cleanup } = tempLedgerFile());
  });

  afterEach(() => {
    ledger.stop();
    cleanup();
  });

  it.each([
    ['under the default bounds', undefined, { destinations: 300, requestsPastBounds: 19_500 }],
    ['with the bound raised past them (every host stored)', 50_000, { destinations: 19_800, requestsPastBounds: 0 }],
  ])('stay small %s and say how much they leave out', (_name, maxDestinations, expected) => {
    ledger = new Ledger({
      file,
      retentionDays: 30,
      now: () => NOON,
      ...(maxDestinations === undefined ? {} : { bounds: { maxDestinationsPerDeviceDay: maxDestinations, maxFieldsPerDeviceDay: 2000 } }),
    });
    ledger.start();
    for (let i = 0; i < 20_000; i++) {
      ledger.record(flowRecord({ device: 'default', host: `t${i}.tracker.example`, fields: [{ path: '$.id' }] }));
    }
    ledger.flush();

    const summary = ledger.deviceSummary('default');
    expect(summary.destinations).toHaveLength(200);
    expect(summary.notShown).toMatchObject(expected);
    expect(JSON.stringify(summary).length).toBeLessThan(ANSWER_BOUND_BYTES);
    expect(formatSummary(withDestinationNames(summary, NO_NAMING_CONTEXT))).toContain(`… and ${expected.destinations} less busy destinations not shown`);
    const report = ledger.report('default');
    expect(report.totals.requests).toBe(20_000);
    expect(JSON.stringify(report).length).toBeLessThan(ANSWER_BOUND_BYTES);
    expect(renderReportMarkdown(report)).toContain(`${expected.destinations} less busy destinations not shown.`);
  });
});
