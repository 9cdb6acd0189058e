import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { teeRecorder } from '../src/hub-wiring.js';
import { Ledger, type FlowRecord } from '../src/ledger/index.js';
import { flowRecord, NOON } from './ledger/builders.js';

describe('teeRecorder', () => {
  let dir: string;
  let ledger: Ledger;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pg-tee-'));
    ledger = new Ledger({
      file: join(dir, 'ledger.sqlite'),
      retentionDays: 30,
      flushIntervalMs: 3_600_000,
      now: () => NOON,
      log: () => undefined,
      journal: { file: join(dir, 'ledger.journal') },
    });
    ledger.start();
  });

  afterEach(() => {
    ledger.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const journalLines = (): number => readFileSync(join(dir, 'ledger.journal'), 'utf8').split('\n').filter(Boolean).length;

  it("releases the device's answer before the hub reports the record", () => {
    let released = false;
    const seenByHub: { record: FlowRecord; released: boolean }[] = [];
    const recorder = teeRecorder(ledger, { record: (record) => seenByHub.push({ record, released }) });
    const record = flowRecord({ at: NOON });
    recorder.recordDurably?.(record, () => (released = true));
    expect(released).toBe(true);
    expect(seenByHub).toEqual([{ record, released: true }]);
    expect(journalLines()).toBeGreaterThan(0);
  });

  it('journals and releases the answer when the hub throws', () => {
    let released = false;
    const recorder = teeRecorder(ledger, {
      record: () => {
        throw new Error('the outbox is gone');
      },
    });
    expect(() => recorder.recordDurably?.(flowRecord({ at: NOON }), () => (released = true))).not.toThrow();
    expect(released).toBe(true);
    expect(journalLines()).toBeGreaterThan(0);
  });

  it('gives the hub the record when the ledger throws', () => {
    const seenByHub: FlowRecord[] = [];
    const failing = {
      record: () => {
        throw new Error('the disk is gone');
      },
      recordDurably: () => {
        throw new Error('the disk is gone');
      },
    };
    const recorder = teeRecorder(failing, { record: (record) => seenByHub.push(record) });
    const record = flowRecord({ at: NOON });
    expect(() => recorder.recordDurably?.(record, () => undefined)).toThrow('the disk is gone');
    expect(() => recorder.record(record)).toThrow('the disk is gone');
    expect(seenByHub).toEqual([record, record]);
  });
});
