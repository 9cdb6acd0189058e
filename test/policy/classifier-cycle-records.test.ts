import { describe, expect, it } from 'vitest';
import { at, classifyJson } from '../helpers/classify-json.js';

/** Fourteenth round, health: records of the menstrual cycle (HealthKit's and Health Connect's reproductive-health words). */
describe('cycle-record: a cycle tracker\'s calendar, log and contraception', () => {
  const calendar = {
    year: 2026,
    cycles: [{ periodStart: '2026-03-02', periodEnd: '2026-03-06', lengthDays: 29 }],
    ovulation: { predicted: '2026-03-16' },
    fertileWindow: { from: '2026-03-12', to: '2026-03-17' },
    reminder: { enabled: true, remindAt: '08:30' },
    id: 'c-77',
  };

  it.each([['$.cycles[0].periodStart'], ['$.cycles[0].periodEnd'], ['$.cycles[0].lengthDays'], ['$.ovulation.predicted'], ['$.fertileWindow.from']])(
    'takes %s (a part of the cycle, its dates included) as health',
    (path) => {
      expect(at(classifyJson(calendar), path).categories).toContain('health');
    },
  );

  it('does not take the fertile window\'s dates as something somebody did', () => {
    expect(at(classifyJson(calendar), '$.fertileWindow.to').categories).toEqual(['health']);
  });

  it.each([['$.year'], ['$.id'], ['$.reminder.enabled']])('leaves %s (a calendar page, an id, a reminder) out of health', (path) => {
    expect(at(classifyJson(calendar), path).categories).not.toContain('health');
  });

  const log = {
    menstrualFlow: 'light',
    crampSeverity: 2,
    mood: 'tired',
    headacheToday: true,
    cervicalMucus: { texture: 'sticky' },
    loggedDate: '2026-03-03',
    deviceTime: '21:40',
  };

  it.each([['$.menstrualFlow'], ['$.crampSeverity'], ['$.cervicalMucus.texture'], ['$.mood'], ['$.headacheToday']])(
    'takes %s of a day\'s cycle log as health',
    (path) => {
      expect(at(classifyJson(log), path).categories).toContain('health');
    },
  );

  it('leaves a clock time in the log out of health', () => {
    expect(at(classifyJson(log), '$.deviceTime').categories).not.toContain('health');
  });

  it('reads a contraceptive pill pack, not the time its reminder rings', () => {
    const pack = { pillFreeInterval: 7, packSize: 21, pillsTaken: ['2026-03-01'], dailyPillTime: '22:00' };
    const fields = classifyJson(pack);
    expect(at(fields, '$.pillsTaken[0]').categories).toContain('health');
    expect(at(fields, '$.pillFreeInterval').categories).toContain('health');
    expect(at(fields, '$.dailyPillTime').categories).not.toContain('health');
  });

  it('reads nothing without a word only the cycle uses (a billing period, a pump cycle, a water flow)', () => {
    const bill = { period: { start: '2026-03-01', end: '2026-03-31' }, cycle: { count: 12 }, flow: 3.2 };
    const fields = classifyJson(bill);
    for (const path of ['$.period.start', '$.cycle.count', '$.flow']) expect(at(fields, path).categories).not.toContain('health');
  });
});
