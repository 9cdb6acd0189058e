import { describe, expect, it } from 'vitest';
import { decidedBy } from '../../src/policy/classifier/index.js';
import { at, classifyJson } from '../helpers/classify-json.js';

/**
 * Detectors of the sixteenth round for behaviour (spent-times.ts, …), with real-looking payloads of
 * vendors the corpus does not hold.
 */
describe('spent-time', () => {
  const screenTime = {
    period: '2026-11',
    summary: { averageTime: 96, totalDays: 18, deviceCount: 2 },
    dailyUsage: [
      { date: '2026-11-01', watchedTime: 120, appTime: 35, apps: { 'a1f09c': { totalTime: 80 } } },
      { date: '2026-11-02', watchedTime: 45, appTime: 0, apps: { 'a1f09c': { totalTime: 45 } } },
    ],
  };

  it('takes the amounts of time in a period\'s records as time somebody spent (behaviour)', () => {
    const fields = classifyJson(screenTime);
    const paths = ['$.dailyUsage[0].appTime', '$.dailyUsage[1].watchedTime', '$.dailyUsage[0].apps.a1f09c.totalTime'];
    for (const path of paths) {
      expect(at(fields, path).categories, path).toContain('behaviour');
    }
    expect(decidedBy(at(fields, '$.dailyUsage[0].appTime').findings ?? [])).toContain('spent-time');
  });

  it('takes a total or an average of time beside a period\'s records as their summary (behaviour)', () => {
    const fields = classifyJson(screenTime);
    expect(at(fields, '$.summary.averageTime').categories).toContain('behaviour');
    expect(at(fields, '$.summary.totalDays').categories).toContain('behaviour');
    expect(at(fields, '$.summary.averageTime').explanation).toContain('average of time');
    expect(at(fields, '$.summary.deviceCount').categories).toEqual([]);
  });

  it('leaves a machine\'s running totals without a period\'s records alone', () => {
    const statistics = { totalRunningTime: 91822, totalChargingTime: 30211, numberOfCollisions: 4 };
    const fields = classifyJson({ statistics });
    expect(at(fields, '$.statistics.totalRunningTime').categories).not.toContain('behaviour');
  });

  it('leaves offsets, limits and a body\'s amounts in a period\'s records alone', () => {
    const fields = classifyJson({
      dailySummaries: [{ date: '2026-11-01', timeZoneOffsetSeconds: 3600, maxTime: 120, remainingTime: 30 }],
      dailySleep: [{ date: '2026-11-01', duration: 27000 }],
      weekDays: [1, 2, 5],
    });
    for (const path of ['$.dailySummaries[0].timeZoneOffsetSeconds', '$.dailySummaries[0].maxTime',
      '$.dailySummaries[0].remainingTime', '$.dailySleep[0].duration', '$.weekDays[0]']) {
      expect(decidedBy(at(fields, path).findings ?? []), path).not.toContain('spent-time');
    }
  });
});

describe('money-act', () => {
  it('takes the sum, the purpose and the time of a payment\'s record as what somebody paid (behaviour)', () => {
    const fields = classifyJson({
      payments: [
        { id: 'pay_8Hq2', date: '2026-11-03', amount: -1250, currency: 'EUR', memo: 'Bakery Lindenstr.' },
      ],
      bill: { total_amount: '61.20', description: 'Dinner with friends', created_at: '2026-11-03T19:02:11Z' },
    });
    for (const path of ['$.payments[0].amount', '$.payments[0].memo', '$.payments[0].date', '$.bill.total_amount',
      '$.bill.description']) {
      expect(at(fields, path).categories, path).toContain('behaviour');
    }
    expect(decidedBy(at(fields, '$.payments[0].amount').findings ?? [])).toContain('money-act');
    expect(at(fields, '$.payments[0].currency').categories).toEqual([]);
    expect(decidedBy(at(fields, '$.bill.created_at').findings ?? [])).not.toContain('money-act');
  });

  it('leaves a record under an act\'s key without a sum, and a qualified description, alone', () => {
    const fields = classifyJson({
      transaction: { id: 'tx-77', undoable: true, note: 'batch import' },
      invoice: { TotalAmount: 48.2, PeriodDescription: 'November' },
    });
    expect(decidedBy(at(fields, '$.transaction.note').findings ?? [])).not.toContain('money-act');
    expect(decidedBy(at(fields, '$.invoice.PeriodDescription').findings ?? [])).not.toContain('money-act');
    expect(at(fields, '$.invoice.TotalAmount').categories).toContain('behaviour');
  });
});
