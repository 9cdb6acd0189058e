import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger, type FlowRecord, type LedgerOptions } from '../../src/ledger/index.js';
import { dump, fingerprint, flowRecord, NOON, storedRequests, type RecordSpec } from './builders.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A variety of records: every column the journal line has to carry back. */
const VARIED: readonly RecordSpec[] = [
  { at: NOON, fields: [{ path: '$.temp' }, { path: '$.ssid', categories: ['network'], action: 'hash', ruleId: 'net', decidedBy: 'key "ssid" → network' }], values: { '$.ssid': 'HomeNet' } },
  { at: NOON + 1, fields: [{ path: '$.ssid', categories: ['network'], action: 'hash', ruleId: 'net' }], values: { '$.ssid': 'OtherNet' } },
  { at: NOON + 2, violation: true, path: '/users/jane@example.com/state', fields: [
      { path: '$.aps[3].mac', template: '$.aps[*].mac', categories: ['device', 'network'], opaque: true },
      { path: '$.aps[4].bssid', template: '$.aps[*].bssid', categories: ['network'], action: 'hash', ruleId: 'net' },
    ] },
  { at: NOON + 3, verdict: 'block', fields: [{ path: '$.lat', categories: ['location'], action: 'block', ruleId: 'no-loc', reason: 'location is blocked' }], block: { ruleId: 'no-loc', reason: 'location is blocked', blockedBy: 'field' } },
  { at: NOON + 4, mode: 'monitor', violation: true, fields: [{ path: '$.lat', categories: ['location'], action: 'redact', applied: false }] },
  { at: NOON + 5, error: { code: 'UPSTREAM_UNREACHABLE', message: 'forwarding to api.acme.example failed' } },
  { at: NOON + 6, connectionVerdict: 'block', block: { ruleId: undefined, reason: 'destination is blocked', blockedBy: 'destination' } },
  { at: NOON + 7, inspectable: false, host: 'pinned.example', device: 'tv', deviceName: 'Living room TV', isDefault: true },
  { at: NOON + 8, scheme: 'mqtt', port: 1883, host: 'broker.example', method: 'PUBLISH', path: 'tele/AA:BB:CC:DD:EE:FF/SENSOR', fields: [{ path: '$.temp' }] },
  { at: NOON + 9, vendor: 'Other', bytesUp: 12_345, bytesDown: 6_789, fields: [] },
];

const withAddress = (spec: RecordSpec, i: number): FlowRecord => ({ ...flowRecord(spec), upstreamAddress: i % 2 === 0 ? '203.0.113.7' : undefined });

describe('Ledger with a record journal', () => {
  let dir: string;
  let logged: string[];
  const ledgers: Ledger[] = [];

  const open = (name: string, extra: Partial<LedgerOptions> = {}): Ledger => {
    const ledger = new Ledger({
      file: join(dir, name, 'ledger.sqlite'),
      retentionDays: 30,
      // A long interval: nothing is committed unless a test asks.
      flushIntervalMs: 3_600_000,
      now: () => NOON,
      log: (level, message) => logged.push(`${level} ${message}`),
      journal: { file: join(dir, name, 'ledger.journal') },
      ...extra,
    });
    ledger.start();
    ledgers.push(ledger);
    return ledger;
  };
  const file = (name: string, which = 'ledger.sqlite'): string => join(dir, name, which);
  /** What a `kill -9` leaves on disk: the files as they are now, the process's memory gone. */
  const crashImage = (from: string, to: string): void => cpSync(join(dir, from), join(dir, to), { recursive: true });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pg-journal-'));
    logged = [];
  });

  afterEach(() => {
    for (const ledger of ledgers.splice(0)) ledger.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('releases an answer in the same turn, with its line in a 0600 journal and nothing committed yet', () => {
    const ledger = open('a');
    let released = 0;
    ledger.recordDurably(flowRecord({ fields: [{ path: '$.ssid' }], values: { '$.ssid': 'HomeNet-secret' } }), () => released++);
    expect(released).toBe(1);
    expect(storedRequests(file('a'))).toBe(0);
    const journal = readFileSync(file('a', 'ledger.journal'), 'utf8');
    // The record's field shape, then the record.
    expect(journal.split('\n')).toHaveLength(3);
    expect(statSync(file('a', 'ledger.journal')).mode & 0o777).toBe(0o600);
    // The value's keyed fingerprint, as in field_observations; never the value.
    expect(journal).toContain(fingerprint('HomeNet-secret'));
    expect(journal).not.toContain('HomeNet-secret');

    expect(ledger.flush()).toBe(true);
    expect(storedRequests(file('a'))).toBe(1);
    expect(statSync(file('a', 'ledger.journal')).size).toBe(0);
  });

  it('releases the answer before folding its record, and a commit made during the release still holds it', () => {
    const ledger = open('a');
    let inFileAtRelease = -1;
    ledger.recordDurably(flowRecord({ fields: [{ path: '$.temp' }] }), () => {
      // Whatever runs while the answer goes out (here a commit) must not empty the journal of a record it lacks.
      expect(ledger.flush()).toBe(true);
      inFileAtRelease = storedRequests(file('a'));
    });
    expect(inFileAtRelease).toBe(1);
    crashImage('a', 'b');
    open('b');
    expect(storedRequests(file('b'))).toBe(1);
  });

  it('keeps the ledger file private and the journal lines free of raw URL identifiers', () => {
    const ledger = open('a');
    ledger.record(flowRecord({ path: '/users/jane@example.com/devices/0123456789abcdef0123/state' }));
    const journal = readFileSync(file('a', 'ledger.journal'), 'utf8');
    expect(journal).not.toContain('jane@example.com');
    expect(journal).not.toContain('0123456789abcdef0123');
  });

  it('lets a restart replay what a killed run journaled, before it serves', () => {
    const ledger = open('a');
    for (let i = 0; i < 30; i++) ledger.recordDurably(flowRecord({ at: NOON + i, fields: [{ path: '$.temp' }] }), () => undefined);
    crashImage('a', 'b');
    open('b');
    expect(storedRequests(file('b'))).toBe(30);
    expect(statSync(file('b', 'ledger.journal')).size).toBe(0);
    expect(logged.some((line) => line.includes('replayed 30 records'))).toBe(true);
  });

  it('folds replayed records into exactly the rows recording them directly gives', () => {
    const direct = new Ledger({ file: file('direct'), retentionDays: 30, now: () => NOON });
    direct.start();
    ledgers.push(direct);
    const journaled = open('a');
    VARIED.forEach((spec, i) => {
      direct.record(withAddress(spec, i));
      journaled.recordDurably(withAddress(spec, i), () => undefined);
    });
    direct.flush();
    crashImage('a', 'b');
    open('b');
    expect(dump(file('b'))).toBe(dump(file('direct')));
    expect(storedRequests(file('b'))).toBe(VARIED.length);
  });

  it('never counts a record twice when the run died between a commit and emptying the journal', () => {
    const ledger = open('a');
    for (let i = 0; i < 10; i++) ledger.record(flowRecord({ at: NOON + i }));
    const journal = readFileSync(file('a', 'ledger.journal'));
    expect(ledger.flush()).toBe(true);
    for (let i = 0; i < 3; i++) ledger.record(flowRecord({ at: NOON + 10 + i }));
    crashImage('a', 'b');
    // The journal as it was before the commit emptied it, followed by the lines written since.
    writeFileSync(file('b', 'ledger.journal'), Buffer.concat([journal, readFileSync(file('a', 'ledger.journal'))]));
    open('b');
    expect(storedRequests(file('b'))).toBe(13);
    expect(logged.some((line) => line.includes('replayed 3 records') && line.includes('10 already committed'))).toBe(true);
  });

  it('drops a torn last line (its answer was never released) and keeps the lines before it', () => {
    const ledger = open('a');
    for (let i = 0; i < 5; i++) ledger.record(flowRecord({ at: NOON + i }));
    crashImage('a', 'b');
    appendFileSync(file('b', 'ledger.journal'), '{"s":6,"at":17499');
    open('b');
    expect(storedRequests(file('b'))).toBe(5);
    expect(logged.some((line) => line.includes('torn last journal line'))).toBe(true);
  });

  it('says how many lines it could not read rather than guessing', () => {
    const ledger = open('a');
    ledger.record(flowRecord({ at: NOON }));
    crashImage('a', 'b');
    appendFileSync(file('b', 'ledger.journal'), '{"s":2,"at":"noon"}\n');
    open('b');
    expect(storedRequests(file('b'))).toBe(1);
    expect(logged).toContain('error ledger: 1 journal lines could not be read and are not in the ledger');
  });

  it('holds the answer for the commit once the journal is full, and says so once', async () => {
    const ledger = open('a', { journal: { file: file('a', 'ledger.journal'), maxBytes: 2_000 } });
    const released: number[] = [];
    for (let i = 0; i < 6; i++) ledger.recordDurably(flowRecord({ at: NOON + i, fields: [{ path: '$.temp' }] }), () => released.push(i));
    const immediate = released.length;
    expect(immediate).toBeGreaterThan(0);
    expect(immediate).toBeLessThan(6);
    expect(logged.filter((line) => line.includes('cannot write the record journal'))).toHaveLength(1);
    await nextTurn();
    expect(released).toHaveLength(6);
    expect(storedRequests(file('a'))).toBe(6);
    // The commit emptied the journal: the next answer is released at once again.
    ledger.recordDurably(flowRecord({ at: NOON + 7 }), () => released.push(7));
    expect(released).toHaveLength(7);
    expect(logged.some((line) => line.includes('the record journal is written again'))).toBe(true);
  });

  it('answers queries with what was just recorded (they commit first)', () => {
    const ledger = open('a');
    ledger.recordDurably(flowRecord({ fields: [{ path: '$.temp' }] }), () => undefined);
    expect(ledger.devices().map((device) => device.id)).toEqual(['thermostat']);
  });

  it('refuses to start on a journal that is a link to somewhere else', () => {
    const target = join(dir, 'elsewhere');
    writeFileSync(target, '');
    symlinkSync(target, join(dir, 'link.journal'));
    const ledger = new Ledger({ file: file('x'), retentionDays: 30, journal: { file: join(dir, 'link.journal') } });
    expect(() => ledger.start()).toThrow(/not a regular file/);
  });
});
