import { describe, expect, it } from 'vitest';
import type { ClassifiedField } from '../../src/policy/index.js';
import { decidedBy } from '../../src/policy/classifier/index.js';
import { classifyJson, fieldAt as at } from '../helpers/classify-json.js';

/**
 * Detectors that read concepts rather than a vendor's words (issue 7, generalisation round): body
 * measurements by unit and range, secrets by role and by the length of a key.
 */
const by = (field: ClassifiedField) => decidedBy(field.findings ?? []);

describe('health by unit', () => {
  it('takes the numbers of a record whose unit only bodies are measured in as that measurement', () => {
    const fields = classifyJson({ series: { label: 'x', unit: 'BPM', samples: [{ v: 61, at: 1700000000 }], last: 64 }, power: { unit: 'W', last: 64 } });
    expect(at(fields, '$.series.samples[0].v').categories).toEqual(['health']);
    expect(by(at(fields, '$.series.samples[0].v'))).toContain('health-unit');
    expect(at(fields, '$.series.last').explanation).toContain('unit is "bpm" (heart rate)');
    expect(at(fields, '$.series.samples[0].at').categories).toEqual([]);
    expect(at(fields, '$.power.last').categories).toEqual([]);
  });

  it('takes a number beside its unit-suffixed twin as the same measurement', () => {
    const fields = classifyJson({ reading: { Value: 6.1, ValueInMgPerDl: 110, Level: 6.1 } });
    expect(at(fields, '$.reading.Value').categories).toEqual(['health']);
    expect(at(fields, '$.reading.Value').explanation).toContain('twin in unit mgdl');
    expect(at(fields, '$.reading.Level').categories).toEqual([]);
  });

  it('takes durations as health only in a record named for sleep', () => {
    const sleep = classifyJson({ metric: { name: 'sleep_analysis', units: 'hr', data: [{ total: 6.5 }] } });
    expect(at(sleep, '$.metric.data[0].total').categories).toEqual(['health']);
    const run = classifyJson({ metric: { name: 'pump_runtime', units: 'hr', data: [{ total: 6.5 }] } });
    expect(at(run, '$.metric.data[0].total').categories).toEqual([]);
  });

  it('takes temperatures in °C as a body temperature only when every reading lies where skin and body lie', () => {
    const skin = classifyJson({ type: 'temp', object: { unit: '°C', values: [{ value: 32.8 }, { value: 33.1 }, { value: 31.9 }] } });
    expect(at(skin, '$.object.values[1].value').categories).toEqual(['health']);
    const room = classifyJson({ type: 'temp', object: { unit: '°C', values: [{ value: 21.8 }, { value: 33.1 }, { value: 31.9 }] } });
    expect(at(room, '$.object.values[1].value').categories).toEqual([]);
  });
});

describe('health by range', () => {
  it('takes an unknown key inside a record named for a measurement when its number lies in that range', () => {
    const fields = classifyJson({ BPDataList: [{ HP: 121, LP: 79, BPL: 3, Peak: 400, DataID: 'a1' }], peakList: [{ x: 1 }] });
    expect(at(fields, '$.BPDataList[0].HP').categories).toEqual(['health']);
    expect(at(fields, '$.BPDataList[0].HP').explanation).toContain('range of blood pressure');
    expect(at(fields, '$.BPDataList[0].BPL').categories).toEqual([]);
    expect(at(fields, '$.BPDataList[0].Peak').categories).toEqual([]);
    expect(at(fields, '$.BPDataList[0].DataID').categories).toEqual([]);
  });
});

describe('secrets by role', () => {
  it('takes a code beside a login identity or a password as a secret, but not a status code', () => {
    const fields = classifyJson({ login: { account: 'a@example.org', password: 'x', code: '481516' }, reply: { code: 'E042', msg: 'no' } });
    expect(at(fields, '$.login.code').categories).toEqual(['credentials']);
    expect(by(at(fields, '$.login.code'))).toEqual(['secret-role']);
    expect(at(fields, '$.login.code').explanation).toContain('a code in a record that signs somebody in');
    expect(at(fields, '$.reply.code').categories).toEqual([]);
  });

  it('takes glued roles and PINs, never the public parts of a secret or a status', () => {
    const fields = classifyJson({ user: { username: 'anna', ttcode: 'Zx81', pin: 4711, code: 'success', keyId: 'k-2026', token_type: 'Bearer', countryCode: 'DE' } });
    expect(at(fields, '$.user.ttcode').categories).toEqual(['credentials']);
    expect(at(fields, '$.user.pin').categories).toEqual(['credentials']);
    expect(at(fields, '$.user.code').categories).toEqual([]);
    expect(at(fields, '$.user.keyId').categories).toEqual([]);
    expect(at(fields, '$.user.countryCode').categories).toEqual([]);
  });

  it('takes hex or base64 of a key length under a key named for a key, anywhere', () => {
    const fields = classifyJson({ key: { key: '0123456789abcdef01234567890abcde', hint: '0123456789abcdef01234567890abcde' }, setting: { key: 'brightness' } });
    expect(at(fields, '$.key.key').categories).toEqual(['credentials']);
    expect(at(fields, '$.key.key').explanation).toContain('hex of 128 bits');
    expect(at(fields, '$.key.hint').categories).toEqual([]);
    expect(at(fields, '$.setting.key').categories).toEqual([]);
  });
});
