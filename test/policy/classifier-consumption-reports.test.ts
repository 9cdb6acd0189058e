import { describe } from 'vitest';
import { itReadsBehaviour, type BehaviourCase } from '../helpers/reads-behaviour.js';

/** consumption-reports.ts: a meter's report of the use over a period, and the draw right now beside it. */
describe('consumption-report (consumption-reports.ts)', () => {
  const water = { Water: { Consumption: 4.2, ConsumptionM3: 4.2, Sum: 4.2, Max: 0.9, MinConsumption: 0.1, AvgDelta: 0.3, SumCost: 12.6,
    LiveConsumption: 0.02, Periods: [{ Delta: 0.2, Consumption: 0.2, Average: 0.2 }] } };
  const named = { Usage: { Sum: 310, MaxCost: 2.1 } };
  const plug = { channel: { currentPowerConsumption: 41.5, currentMonthConsumption: 12.5 } };
  const rack = { fan: { max: 3200, min: 800, avg: 1500, rpm: 1210 } };
  const cases: readonly BehaviourCase[] = [
    ["the report's sum", water, '$.Water.Sum', true],
    ['its maximum', water, '$.Water.Max', true],
    ['its minimum of the use', water, '$.Water.MinConsumption', true],
    ['its average change', water, '$.Water.AvgDelta', true],
    ['what the use cost', water, '$.Water.SumCost', true],
    ["a period's average", water, '$.Water.Periods[0].Average', true],
    ['the sum of a record named for the use', named, '$.Usage.Sum', true],
    ['the draw right now is the meter\'s present reading', water, '$.Water.LiveConsumption', false],
    ["a plug's present power draw", plug, '$.channel.currentPowerConsumption', false],
    ["this month's consumption stays behaviour", plug, '$.channel.currentMonthConsumption', true],
    ["a fan's bounds beside no use are the machine's", rack, '$.fan.max', false],
  ];

  itReadsBehaviour(cases);
});
