import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger, type FlowRecord } from '../../src/ledger/index.js';
import { dump, fingerprint, flowRecord, NOON, storedRequests, type FieldSpec } from './builders.js';

/** A scan of `n` networks under two templates, and an edited e-mail: the shape of a telemetry POST. */
function telemetry(i: number, networks: number, action: FieldSpec['action'] = 'redact'): FlowRecord {
  const fields: FieldSpec[] = [
    { path: '$.owner.email', categories: ['personal'], action, ruleId: 'owner-email', reason: `rule owner-email: ${action}`, decidedBy: 'key "email" → personal' },
    ...Array.from({ length: networks }, (_, n): FieldSpec[] => [
      { path: `$.ap_list[${n}].ssid`, template: '$.ap_list[*].ssid', categories: ['network', 'third_party'], decidedBy: 'key "ssid" → network' },
      { path: `$.ap_list[${n}].rssi`, template: '$.ap_list[*].rssi', categories: ['third_party'] },
    ]).flat(),
  ];
  const record = flowRecord({ at: NOON + i, violation: true, fields });
  // One keyed fingerprint per template, as the proxy makes them.
  const fingerprints = new Map([
    ['$.owner.email', fingerprint(`owner-${i % 3}`)],
    ['$.ap_list[*].ssid', fingerprint(`scan-${i % 5}`)],
  ]);
  return { ...record, fingerprints };
}

describe('the record journal and repeated shapes', () => {
  let dir: string;
  const ledgers: Ledger[] = [];
  const file = (name: string, which = 'ledger.sqlite'): string => join(dir, name, which);
  const open = (name: string, journal = true): Ledger => {
    const ledger = new Ledger({
      file: file(name),
      retentionDays: 30,
      flushIntervalMs: 3_600_000,
      now: () => NOON,
      ...(journal ? { journal: { file: file(name, 'ledger.journal') } } : {}),
    });
    ledger.start();
    ledgers.push(ledger);
    return ledger;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pg-journal-shapes-'));
  });

  afterEach(() => {
    for (const ledger of ledgers.splice(0)) ledger.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a shape once, one fingerprint per template per record, and a record line that does not grow with the list', () => {
    const ledger = open('a');
    for (let i = 0; i < 3; i++) ledger.record(telemetry(i, 30));
    ledger.record(telemetry(3, 3));
    const lines = readFileSync(file('a', 'ledger.journal'), 'utf8').trim().split('\n');
    // shape, 3 records, a new shape (3 networks), its record
    expect(lines.map((line) => ('shape' in JSON.parse(line) ? 'shape' : 'record'))).toEqual(['shape', 'record', 'record', 'record', 'shape', 'record']);
    const shape = JSON.parse(lines[0] ?? '') as { f: unknown[]; r: number[] };
    // Each distinct decision once (the e-mail, an ssid, an rssi), then which one each of the 61 fields has.
    expect([shape.f.length, shape.r.length]).toEqual([3, 61]);
    const record = JSON.parse(lines[1] ?? '') as { f: [number, string][] };
    expect(record.f).toEqual([
      [0, fingerprint('owner-0')],
      [1, fingerprint('scan-0')],
    ]);
    expect(lines[5]?.length).toBe(lines[1]?.length);
  });

  it('replays a long stream of repeated and changing shapes, across commits, into the rows recording it directly gives', () => {
    const direct = open('direct', false);
    const journaled = open('a');
    for (let i = 0; i < 60; i++) {
      const record = telemetry(i, i % 20 < 10 ? 12 : 4, i % 7 === 3 ? 'hash' : 'redact');
      direct.record(record);
      journaled.recordDurably(record, () => undefined);
      // The journal is emptied by a commit now and then: its next lines must carry their shapes again.
      if (i === 25) {
        direct.flush();
        journaled.flush();
      }
    }
    direct.flush();
    cpSync(join(dir, 'a'), join(dir, 'b'), { recursive: true });
    open('b');
    expect(storedRequests(file('b'))).toBe(60);
    expect(dump(file('b'))).toBe(dump(file('direct')));
  });

  it('still replays a journal whose shape lines list every field (written before shapes had `r`)', () => {
    const direct = open('direct', false);
    direct.record(telemetry(0, 2));
    direct.flush();
    const older = {
      shape: 1,
      f: [
        ['$.owner.email', ['personal'], 'redact', true, false, 'key "email" → personal', '$.owner.email', 'owner-email', 'rule owner-email: redact'],
        ['$.ap_list[*].ssid', ['network', 'third_party'], 'allow', false, false, 'key "ssid" → network', null, null, null],
        ['$.ap_list[*].rssi', ['third_party'], 'allow', false, false, null, null, null, null],
        ['$.ap_list[*].ssid', ['network', 'third_party'], 'allow', false, false, 'key "ssid" → network', null, null, null],
        ['$.ap_list[*].rssi', ['third_party'], 'allow', false, false, null, null, null, null],
      ],
    };
    // The record line as this build writes it (its format did not change), naming the older shape line.
    const ledger = open('a');
    ledger.record(telemetry(0, 2));
    const recordLine = readFileSync(file('a', 'ledger.journal'), 'utf8').trim().split('\n')[1] ?? '';
    ledger.stop();
    ledgers.splice(ledgers.indexOf(ledger), 1);
    mkdirSync(join(dir, 'b'));
    appendFileSync(file('b', 'ledger.journal'), `${JSON.stringify(older)}\n${recordLine}\n`);
    open('b');
    expect(dump(file('b'))).toBe(dump(file('direct')));
  });

  it('writes what changed about a connection (a new name, mode or verdict) from the next record on', () => {
    const ledger = open('a');
    ledger.record(flowRecord({ at: NOON }));
    ledger.record(flowRecord({ at: NOON + 1 }));
    ledger.record(flowRecord({ at: NOON + 2, deviceName: 'Landing thermostat' }));
    ledger.record(flowRecord({ at: NOON + 3, deviceName: 'Landing thermostat', mode: 'monitor' }));
    ledger.record(flowRecord({ at: NOON + 4, block: { ruleId: 'r', reason: 'destination is blocked', blockedBy: 'destination' }, connectionVerdict: 'block' }));
    ledger.record(flowRecord({ at: NOON + 5 }));
    const records = readFileSync(file('a', 'ledger.journal'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { d: [string, string, boolean]; m: string; cv: string })
      .filter((line) => 'd' in line);
    expect(records.map((line) => [line.d[1], line.m, line.cv])).toEqual([
      ['Hall thermostat', 'enforce', 'inspect'],
      ['Hall thermostat', 'enforce', 'inspect'],
      ['Landing thermostat', 'enforce', 'inspect'],
      ['Landing thermostat', 'monitor', 'inspect'],
      ['Hall thermostat', 'enforce', 'block'],
      ['Hall thermostat', 'enforce', 'inspect'],
    ]);
  });

  it('counts a shape line that names a decision it does not list as unreadable, with its records', () => {
    const ledger = open('a');
    ledger.record(telemetry(0, 2));
    const [shapeLine = '', recordLine = ''] = readFileSync(file('a', 'ledger.journal'), 'utf8').trim().split('\n');
    ledger.stop();
    ledgers.splice(ledgers.indexOf(ledger), 1);
    const broken = JSON.stringify({ ...(JSON.parse(shapeLine) as object), r: [0, 1, 2, 7, 2] });
    const logged: string[] = [];
    const restarted = new Ledger({ file: file('b'), retentionDays: 30, now: () => NOON, log: (_, message) => logged.push(message), journal: { file: file('b', 'ledger.journal') } });
    mkdirSync(join(dir, 'b'));
    appendFileSync(file('b', 'ledger.journal'), `${broken}\n${recordLine}\n`);
    restarted.start();
    ledgers.push(restarted);
    expect(storedRequests(file('b'))).toBe(0);
    expect(logged).toContain('ledger: 2 journal lines could not be read and are not in the ledger');
  });
});
