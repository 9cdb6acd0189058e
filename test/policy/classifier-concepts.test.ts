import { describe, expect, it } from 'vitest';
import type { ClassifiedField } from '../../src/policy/index.js';
import { decidedBy } from '../../src/policy/classifier/index.js';
import { classifyJson, at as at } from '../helpers/classify-json.js';

/**
 * Detectors that read concepts rather than a vendor's words (issue 7, generalisation round): body
 * measurements by their physiological range, secrets by the length of a key under a secret's name.
 */
const by = (field: ClassifiedField) => decidedBy(field.findings ?? []);

describe('health by range', () => {
  it('takes an unknown key inside a record named for a measurement when its number lies in that range', () => {
    const fields = classifyJson({ BPDataList: [{ HP: 121, LP: 79, BPL: 3, Peak: 400, DataID: 'a1' }], peakList: [{ x: 1 }] });
    expect(at(fields, '$.BPDataList[0].HP').categories).toEqual(['health']);
    expect(at(fields, '$.BPDataList[0].HP').explanation).toContain('range of blood pressure');
    expect(at(fields, '$.BPDataList[0].BPL').categories).toEqual([]);
    expect(at(fields, '$.BPDataList[0].Peak').categories).toEqual([]);
    expect(at(fields, '$.BPDataList[0].DataID').categories).toEqual([]);
  });

  it('knows each measurement by its own range, and never quotes the number', () => {
    const fields = classifyJson({ glucoseTrend: { latest: 6.2, spike: 900 }, pulseTrace: [{ p: 58 }, { p: 310 }], spo2Series: [{ s: 97 }, { s: 40 }] });
    expect(at(fields, '$.glucoseTrend.latest').categories).toEqual(['health']);
    expect(by(at(fields, '$.glucoseTrend.latest'))).toEqual(['health-range']);
    expect(at(fields, '$.glucoseTrend.latest').explanation).not.toContain('6.2');
    expect(at(fields, '$.glucoseTrend.spike').categories).toEqual([]);
    expect(at(fields, '$.pulseTrace[0].p').categories).toEqual(['health']);
    expect(at(fields, '$.pulseTrace[1].p').categories).toEqual([]);
    expect(at(fields, '$.spo2Series[0].s').categories).toEqual(['health']);
    expect(at(fields, '$.spo2Series[1].s').categories).toEqual([]);
  });
});

describe('secrets by the length of a key', () => {
  it('takes hex or base64 of a key length under a key named for a key, anywhere', () => {
    const fields = classifyJson({ key: { key: '0123456789abcdef01234567890abcde', hint: '0123456789abcdef01234567890abcde' }, setting: { key: 'brightness' } });
    expect(at(fields, '$.key.key').categories).toEqual(['credentials']);
    expect(at(fields, '$.key.key').explanation).toContain('hex of 128 bits');
    expect(at(fields, '$.key.hint').categories).toEqual([]);
    expect(at(fields, '$.setting.key').categories).toEqual([]);
  });

  it('reads glued roles and base64 keys, but not the public parts of a key', () => {
    const fields = classifyJson({ pairing: { authkey: 'q2Xv8Rk1mZp0LwYt3NcB7Q==', keyId: '0123456789abcdef01234567890abcde', token: 'short' } });
    expect(at(fields, '$.pairing.authkey').categories).toEqual(['credentials']);
    expect(by(at(fields, '$.pairing.authkey'))).toContain('key-material');
    expect(at(fields, '$.pairing.authkey').explanation).toContain('base64 of 16 bytes');
    expect(at(fields, '$.pairing.keyId').categories).toEqual([]);
  });
});

describe('whose generic key', () => {
  it('reads a generic key by a parent that names a collection of its own, not by the grandparent', () => {
    const fields = classifyJson({ homes: [{ id: 'h1x9', rooms: [{ id: '2746182631', name: 'Kitchen' }], smokedetectors: [{ id: '77' }] }] });
    expect(at(fields, '$.homes[0].id').categories).toEqual(['personal']);
    expect(at(fields, '$.homes[0].rooms[0].id').categories).not.toContain('personal');
    expect(at(fields, '$.homes[0].smokedetectors[0].id').categories).not.toContain('personal');
    const wrapped = classifyJson({ OfflineKeys: { loaded: [{ key: 'abc', slot: 1 }] } });
    expect(at(wrapped, '$.OfflineKeys.loaded[0].key').categories).toEqual(['credentials']);
  });
});

describe('health-mention', () => {
  it('reads a key or record that mentions a body measurement first as health, but not its settings, ids or times', () => {
    const fields = classifyJson({
      contributors: { hrv_balance: 78, activity_balance: 60 },
      recharges: [{ beat_to_beat_avg: 810, hrv_samples: { '00:41': 14, '00:46': 16 }, hrv_id: 77, hrv_start_time: '2024-03-02T01:00:00Z' }],
      heartRateFormat: { displayFormat: 'bpm', maxFraction: 0 },
      glucoseUnits: 1,
      sleep_mode: 2,
    });
    expect(at(fields, '$.contributors.hrv_balance').categories).toEqual(['health']);
    expect(at(fields, '$.contributors.hrv_balance').explanation).toContain('mentions "hrv"');
    expect(decidedBy(at(fields, '$.contributors.hrv_balance').findings ?? [])).toEqual(['health-mention']);
    expect(at(fields, '$.contributors.activity_balance').categories).toEqual([]);
    expect(at(fields, '$.recharges[0].beat_to_beat_avg').categories).toEqual(['health']);
    expect(at(fields, '$.recharges[0].hrv_samples["00:41"]').categories).toEqual(['health']);
    expect(at(fields, '$.recharges[0].hrv_id').categories).toEqual([]);
    expect(at(fields, '$.recharges[0].hrv_start_time').categories).not.toContain('health');
    expect(at(fields, '$.heartRateFormat.maxFraction').categories).toEqual([]);
    expect(at(fields, '$.glucoseUnits').categories).toEqual([]);
    expect(at(fields, '$.sleep_mode').categories).toEqual([]);
  });
});
