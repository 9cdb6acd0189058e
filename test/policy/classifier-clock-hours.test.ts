import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';

/** key-detectors.ts: `hr` after a word that bounds a range of time is an hour of a clock, not a heart rate. */
describe('hours of a clock', () => {
  it.each([
    ['a slot\'s start hour', { days: [{ slots: [{ StHr: 10, StMin: 0 }] }] }, '$.days[0].slots[0].StHr'],
    ['a slot\'s end hour', { days: [{ slots: [{ EnHr: 13, EnMin: 30 }] }] }, '$.days[0].slots[0].EnHr'],
    ['the hour a window opens', { quiet: { from_hr: 22 } }, '$.quiet.from_hr'],
  ])('does not read %s as health', (_what, payload, path) => {
    expect(at(classifyJson(payload), path).categories).not.toContain('health');
  });

  it.each([
    ['a bare heart rate', { HR: 106 }, '$.HR'],
    ['a resting heart rate', { restingHR: 48 }, '$.restingHR'],
    ['a maximum heart rate', { icu_max_hr: 190 }, '$.icu_max_hr'],
  ])('still reads %s as health', (_what, payload, path) => {
    expect(at(classifyJson(payload), path).categories).toContain('health');
  });
});
