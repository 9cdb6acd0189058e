import { describe, expect, it } from 'vitest';
import { at, classifyJson } from '../helpers/classify-json.js';

/** A strength-training log, in the shapes of apps the corpus does not hold. */
describe('a set somebody trained (training-sets.ts)', () => {
  const log = { workouts: [{ id: 'w1', sets: [{ exerciseId: 'bench-press', reps: 8, weight_kg: 60, rpe: 8, date: '2026-02-03' }] }] };

  it.each(['exerciseId', 'reps', 'weight_kg', 'rpe', 'date'])('reads %s of a set as behaviour', (key) => {
    expect(at(classifyJson(log), `$.workouts[0].sets[0].${key}`).categories).toContain('behaviour');
  });

  it('reads the weight lifted as the load, not a body measurement', () => {
    expect(at(classifyJson(log), '$.workouts[0].sets[0].weight_kg').categories).not.toContain('health');
  });

  it("keeps a person's weight without repetitions as health", () => {
    const scale = { measurements: [{ weight_kg: 81.2, date: '2026-02-03' }] };
    const categories = at(classifyJson(scale), '$.measurements[0].weight_kg').categories;
    expect(categories).toContain('health');
    expect(categories).not.toContain('behaviour');
  });

  it('needs an exercise or a weight beside the repetitions: a machine retrying is no set', () => {
    const retries = { job: { repetitions: 3, date: '2026-02-03', status: 'ok' } };
    expect(at(classifyJson(retries), '$.job.date').categories).not.toContain('behaviour');
  });
});
