import { describe, expect, it } from 'vitest';
import { at, classifyJson } from '../helpers/classify-json.js';

/** Fourteenth round, health: training loads, sleep medicine's indices, abbreviated vitals, a workout's extent. */
describe('training-load: the fitness-fatigue model read together', () => {
  const chart = { day: '2026-03-01', fitness: { atl: 61.2, ctl: 48.9, tsb: -12.3, trimp: 142, rampRate: 3.1 } };

  it.each([['$.fitness.atl'], ['$.fitness.ctl'], ['$.fitness.tsb'], ['$.fitness.rampRate']])('takes %s beside the other loads as health', (path) => {
    const field = at(classifyJson(chart), path);
    expect(field.categories).toEqual(['health']);
  });

  it('reads the loads with a qualifier after them (`atlTotal` beside `ctlTotal`)', () => {
    const fields = classifyJson({ summary: { atlTotal: 310, ctlTotal: 280 } });
    expect(at(fields, '$.summary.atlTotal').categories).toEqual(['health']);
    expect(at(fields, '$.summary.ctlTotal').categories).toEqual(['health']);
  });

  it('leaves a lone `ctl` (a control) alone', () => {
    expect(at(classifyJson({ valve: { ctl: 2, mode: 'auto' } }), '$.valve.ctl').categories).toEqual([]);
  });
});

describe('health vocabulary of the fourteenth round', () => {
  it.each([
    [{ night: { rhr: 54 } }, '$.night.rhr'],
    [{ items: [{ odi: 4.2 }] }, '$.items[0].odi'],
    [{ load: { dayTrainLoad: 88 } }, '$.load.dayTrainLoad'],
    [{ session: { trimp: 120 } }, '$.session.trimp'],
    [{ day: { steps_count: 8412 } }, '$.day.steps_count'],
  ])('reads %j at %s as health', (payload, path) => {
    expect(at(classifyJson(payload), path).categories).toContain('health');
  });
});

describe('health-record: a workout\'s extent is not a body measurement', () => {
  const day = { summary: { vo2_max: 44, hrv_rmssd: 40, resting_heart_rate: 52, movement: { distance_meters: 7400, avg_speed: 5.1, effort: 12.5 } } };

  it.each([['$.summary.movement.distance_meters'], ['$.summary.movement.avg_speed']])('does not take %s in a part of a record of body measurements as health', (path) => {
    expect(at(classifyJson(day), path).categories).not.toContain('health');
  });

  it('still takes another number of that part as health', () => {
    expect(at(classifyJson(day), '$.summary.movement.effort').categories).toContain('health');
  });
});

describe('medicine-record: a medicine coded by a drug terminology', () => {
  const dose = {
    takenAt: '2026-03-02T08:10:00Z',
    drug: { id: 7, name: 'Metformin', brand: 'Glucophage', rxcui: '861007', route: 'oral', dose: { quantity: 500, unit: 'mg' } },
  };

  it.each([['$.drug.name'], ['$.drug.brand'], ['$.drug.rxcui'], ['$.drug.dose.quantity']])('takes %s as health', (path) => {
    expect(at(classifyJson(dose), path).categories).toContain('health');
  });

  it('reads the route as how the medicine is taken, not a way travelled', () => {
    expect(at(classifyJson(dose), '$.drug.route').categories).not.toContain('location');
  });

  it('leaves a name, a brand and a route without a drug code alone', () => {
    const fields = classifyJson({ bike: { name: 'Commuter', brand: 'Acme', route: 'river path', rx: 3 } });
    expect(at(fields, '$.bike.name').categories).not.toContain('health');
    expect(at(fields, '$.bike.brand').categories).not.toContain('health');
  });
});
