import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger, LedgerTrafficKnowledge, type LogLevel } from '../../src/ledger/index.js';
import type { DataCategory } from '../../src/policy/categories.js';
import { DAY, flowRecord, HOUR, NOON, tempLedgerFile } from './builders.js';

const HOST = 'api.acme.example';
const PLUGS = ['plug-a', 'plug-b', 'plug-c', 'plug-d'];

interface Sent {
  readonly device: string;
  readonly values: Readonly<Record<string, string>>;
  readonly categories?: Readonly<Record<string, readonly DataCategory[]>>;
  readonly at?: number;
  readonly isDefault?: boolean;
  readonly host?: string;
}

describe('LedgerTrafficKnowledge', () => {
  let file: string;
  let cleanup: () => void;
  let ledger: Ledger;
  let knowledge: LedgerTrafficKnowledge;
  let logs: [LogLevel, string][];

  beforeEach(() => {
    ({ file, cleanup } = tempLedgerFile());
    ledger = new Ledger({ file, retentionDays: 30, flushIntervalMs: 60_000, now: () => NOON });
    ledger.start();
    logs = [];
    knowledge = new LedgerTrafficKnowledge({ file, minRequests: 10, log: (level, message) => logs.push([level, message]) });
  });

  afterEach(() => {
    knowledge.stop();
    ledger.stop();
    cleanup();
  });

  /** One request of a device, recorded as the proxy records it: field decisions and keyed fingerprints. */
  const send = ({ device, values, categories = {}, at = NOON, isDefault = false, host = HOST }: Sent): void => {
    const fields = Object.keys(values).map((path) => ({ path, categories: categories[path] ?? [] }));
    ledger.record(flowRecord({ device, deviceName: device, isDefault, host, at, fields, values }));
  };

  const times = (n: number, sent: (i: number) => Sent): void => {
    for (let i = 0; i < n; i++) send(sent(i));
  };

  /** A day of plug telemetry: an unrecognised serial per device, a shared model, a changing reading. */
  const plugTraffic = (requests = 14): void => {
    PLUGS.forEach((device, d) => {
      times(requests, (i) => ({
        device,
        values: { '$.xs': `KP115-00${d}`, '$.model': 'KP115', '$.power': String(i * 3.1 + d), '$.fw': d < 2 ? '1.0.4' : '1.0.5' },
        at: NOON + i * 1000,
      }));
    });
  };

  const evidence = (path: string, host = HOST): string | undefined => {
    knowledge.refresh();
    return knowledge.identifierEvidence(host, path);
  };

  it('names a value constant on each device and different between devices an identifier, under any key', () => {
    plugTraffic();
    ledger.flush();
    expect(evidence('$.xs')).toBe('constant across at least 14 requests of each device, different on each of 4 devices');
    expect(knowledge.identifierEvidence('other.example', '$.xs')).toBeUndefined();
  });

  it.each([
    ['$.model', 'the same on every device'],
    ['$.power', 'changing from request to request'],
    ['$.fw', 'shared by two devices'],
  ])('does not name %s an identifier (%s)', (path) => {
    plugTraffic();
    ledger.flush();
    expect(evidence(path)).toBeUndefined();
  });

  it('needs enough requests of at least two devices', () => {
    times(30, () => ({ device: 'plug-a', values: { '$.xs': 'A1' } }));
    times(9, () => ({ device: 'plug-b', values: { '$.xs': 'B1' } }));
    ledger.flush();
    expect(evidence('$.xs')).toBeUndefined();
    send({ device: 'plug-b', values: { '$.xs': 'B1' } });
    ledger.flush();
    expect(evidence('$.xs')).toBe('constant across at least 10 requests of each device, different on each of 2 devices');
  });

  it('keeps counting across days, and a value that changed on another day is no identifier', () => {
    for (const device of ['plug-a', 'plug-b']) {
      times(6, () => ({ device, values: { '$.xs': `${device}-1` }, at: NOON - DAY }));
      times(6, () => ({ device, values: { '$.xs': `${device}-1` } }));
    }
    ledger.flush();
    expect(evidence('$.xs')).toBe('constant across at least 12 requests of each device, different on each of 2 devices');
    times(12, () => ({ device: 'plug-c', values: { '$.xs': 'old' }, at: NOON - DAY }));
    times(12, () => ({ device: 'plug-c', values: { '$.xs': 'new' }, at: NOON + HOUR }));
    ledger.flush();
    expect(evidence('$.xs')).toBeUndefined();
  });

  it('counts a field with two categories once per request', () => {
    const categories = { '$.id': ['device', 'personal'] as const };
    for (const device of ['plug-a', 'plug-b']) times(11, () => ({ device, values: { '$.id': device }, categories }));
    ledger.flush();
    expect(evidence('$.id')).toBe('constant across at least 11 requests of each device, different on each of 2 devices');
  });

  it('leaves the default profile out: it merges every device nobody assigned', () => {
    for (const device of ['plug-a', 'plug-b']) times(12, () => ({ device, values: { '$.xs': device } }));
    times(12, (i) => ({ device: 'unassigned', isDefault: true, values: { '$.xs': `client-${i % 2}` } }));
    ledger.flush();
    expect(evidence('$.xs')).toMatch(/each of 2 devices/);
  });

  it('keeps one verdict per host', () => {
    for (const device of ['plug-a', 'plug-b']) {
      times(12, () => ({ device, values: { '$.xs': device } }));
      times(12, () => ({ device, host: 'metrics.acme.example', values: { '$.xs': 'same' } }));
    }
    ledger.flush();
    expect(evidence('$.xs')).toBeDefined();
    expect(evidence('$.xs', 'metrics.acme.example')).toBeUndefined();
  });

  it('answers from its cache until refreshed', () => {
    plugTraffic();
    ledger.flush();
    expect(knowledge.identifierEvidence(HOST, '$.xs')).toBeUndefined();
    expect(knowledge.refresh()).toBe(1);
    expect(knowledge.identifierEvidence(HOST, '$.xs')).toBeDefined();
    expect(knowledge.size).toBe(1);
  });

  it('starts with a refresh and keeps what it knew while the ledger cannot be read', () => {
    plugTraffic();
    ledger.flush();
    knowledge.start();
    expect(knowledge.identifierEvidence(HOST, '$.xs')).toBeDefined();
    knowledge.stop();
    ledger.stop();
    cleanup();
    expect(knowledge.refresh()).toBe(1);
    expect(knowledge.refresh()).toBe(1);
    expect(knowledge.identifierEvidence(HOST, '$.xs')).toBeDefined();
    // One warning per outage, then quiet.
    expect(logs.filter(([level]) => level === 'warn')).toHaveLength(1);
    expect(logs[0]?.[1]).toMatch(/cannot read the ledger .*keeping what was known/);
  });
});
