import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/index.js';
import { DAY, flowRecord, HOUR, NOON, tempLedgerFile } from './builders.js';

describe('Ledger queries', () => {
  let cleanup: () => void;
  let ledger: Ledger;

  beforeEach(() => {
    let file: string;
    ({ file, cleanup } = tempLedgerFile());
    ledger = new Ledger({ file, retentionDays: 30, now: () => NOON });
    ledger.start();
    // Thermostat: location blocked today, an SSID sent to a second vendor yesterday, a pinned tracker.
    ledger.record(
      flowRecord({
        at: NOON - HOUR,
        fields: [
          { path: '$.lat', categories: ['location'], action: 'block', ruleId: 'no-location', reason: 'no location' },
          { path: '$.temp' },
        ],
        verdict: 'block',
        block: { ruleId: 'no-location', reason: 'Location may not leave the house' },
        bytesUp: 500,
      }),
    );
    ledger.record(
      flowRecord({
        at: NOON - DAY,
        host: 'metrics.other.example',
        vendor: 'Other',
        fields: [{ path: '$.ssid', categories: ['network'], action: 'redact', reason: 'network ids redacted' }],
        violation: true,
        bytesUp: 200,
      }),
    );
    ledger.record(flowRecord({ at: NOON - 2 * HOUR, host: 'pinned.example', inspectable: false, bytesUp: 50 }));
    ledger.record(flowRecord({ device: 'plug', deviceName: 'Kitchen plug', fields: [{ path: '$.on' }] }));
  });

  afterEach(() => {
    ledger.stop();
    cleanup();
  });

  it('lists devices with destinations, fields, categories, today’s violations and bytes', () => {
    expect(ledger.devices()).toEqual([
      {
        id: 'thermostat',
        name: 'Hall thermostat',
        isDefault: false,
        destinations: 3,
        fields: 3,
        categories: ['location', 'network'],
        violationsToday: 1,
        bytesUp: 750,
        bytesDown: 60,
        firstSeen: NOON - DAY,
        lastSeen: NOON - HOUR,
      },
      expect.objectContaining({ id: 'plug', name: 'Kitchen plug', destinations: 1, categories: [], violationsToday: 0 }),
    ]);
  });

  it('keeps which detectors decided a field\'s category, the latest explanation, and none for a field without one', () => {
    const why = 'key "weightKg": word "weight" + unit "kg" → health';
    ledger.record(flowRecord({ at: NOON - 3 * HOUR, fields: [{ path: '$.weightKg', categories: ['health'], decidedBy: 'an older reading' }] }));
    ledger.record(flowRecord({ at: NOON - 2 * HOUR, fields: [{ path: '$.weightKg', categories: ['health'], decidedBy: why }] }));
    const fields = ledger.deviceSummary('thermostat').categories.flatMap((group) => group.fields);
    expect(fields.find((f) => f.path === '$.weightKg')?.why).toBe(why);
    expect(fields.find((f) => f.path === '$.temp')?.why).toBe('');
  });

  it('summarises a device: destinations with counts, fields grouped by category, recent decisions', () => {
    const summary = ledger.deviceSummary('thermostat');

    expect(summary.destinations.map((d) => [d.vendor, d.host, d.inspectable, d.forwarded, d.blocked])).toEqual([
      ['Acme', 'api.acme.example', true, 0, 1],
      ['Acme', 'pinned.example', false, 1, 0],
      ['Other', 'metrics.other.example', true, 1, 0],
    ]);
    expect(summary.categories.map((c) => [c.category, c.label, c.fields.map((f) => `${f.path}:${f.action}`)])).toEqual([
      ['location', 'Location', ['$.lat:block']],
      ['network', 'Network identifiers', ['$.ssid:redact']],
      [null, 'Not classified', ['$.temp:block']],
    ]);
    expect(summary.decisions.map((d) => [d.verdict, d.ruleId, d.fields.map((f) => f.path)])).toEqual([
      ['block', 'no-location', ['$.lat']],
      ['forward', null, ['$.ssid']],
    ]);
  });

  it('limits a summary to the last sinceDays days', () => {
    const today = ledger.deviceSummary('thermostat', 1);

    expect(today.destinations.map((d) => d.host)).toEqual(['api.acme.example', 'pinned.example']);
    expect(today.categories.map((c) => c.category)).toEqual(['location', null]);
    expect(today.decisions).toHaveLength(1);
  });

  it('returns decisions since a time, newest first, up to the limit', () => {
    expect(ledger.decisions('thermostat', 0, 1).map((d) => d.at)).toEqual([NOON - HOUR]);
    expect(ledger.decisions('thermostat', NOON - 2 * HOUR).map((d) => d.at)).toEqual([NOON - HOUR]);
    expect(ledger.decisions('thermostat', 0).map((d) => d.at)).toEqual([NOON - HOUR, NOON - DAY]);
  });

  it('answers an unknown device with NOT_FOUND', () => {
    expect(() => ledger.deviceSummary('fridge')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => ledger.report('fridge')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it.each(['', ' ', 'a b', "x'; DROP TABLE devices;--", '../etc', 'é', 'a'.repeat(129), '-leading'])(
    'rejects device id %j with REQUEST_INVALID',
    (id) => {
      expect(() => ledger.deviceSummary(id)).toThrow(expect.objectContaining({ code: 'REQUEST_INVALID' }));
      expect(() => ledger.decisions(id, 0)).toThrow(expect.objectContaining({ code: 'REQUEST_INVALID' }));
      expect(() => ledger.report(id)).toThrow(expect.objectContaining({ code: 'REQUEST_INVALID' }));
    },
  );

  it.each([
    ['limit 0', () => ledger.decisions('thermostat', 0, 0)],
    ['limit 1001', () => ledger.decisions('thermostat', 0, 1001)],
    ['sinceMs NaN', () => ledger.decisions('thermostat', Number.NaN)],
    ['sinceDays 0', () => ledger.deviceSummary('thermostat', 0)],
  ])('rejects %s with REQUEST_INVALID', (_name, query) => {
    expect(query).toThrow(expect.objectContaining({ code: 'REQUEST_INVALID' }));
  });

  it.each(['aa:bb:cc:dd:ee:ff', '192.168.1.20', 'living_room-tv', 'dev@home'])('accepts device id %s', (id) => {
    expect(() => ledger.deviceSummary(id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
