import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `energy-flow`: a figure named for what the home's energy machines move on their own — what the panels produced
 * (`pv_today`, `solarYieldToday`, `generationToday`), what went out to the grid (`grid_export_today`, `feedIn`),
 * what the battery stored or gave back (`battery_discharged_today`), the CO2 the panels avoided (`co2_today`).
 * A day's or a month's total of such a flow is the weather's and the installation's, not what the household
 * did (docs/CORPUS.md: daily totals of the household's consumption are behaviour; production, feed-in/export and
 * battery flows are not): it vetoes behaviour. Not what the household drew from the grid (`energy_import_kwh`
 * of a P1 meter is its consumption). Reads only keys: memoised per payload shape.
 */
export const ENERGY_FLOW = 'energy-flow';

export const energyFlowExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [ENERGY_FLOW]: () => "a figure of what the home's panels produced, sent to the grid or moved through a battery (the installation's, not what somebody did; not behaviour)",
};

/** Words that alone name a machine's flow: production, yield, feed-in and export, avoided CO2. */
const FLOW_WORDS = new Set(['pv', 'solar', 'production', 'produced', 'yield', 'generation', 'generated', 'export',
  'exported', 'feedin', 'co']);
/** A battery's own flows: `battery` beside one of these (not `energy_charged` of a car's charging session). */
const BATTERY_WORDS = new Set(['battery', 'batt', 'bat']);
const BATTERY_FLOWS = new Set(['charged', 'discharged', 'charge', 'discharge', 'in', 'out']);

const keys = new BoundedMemo<boolean>(5_000, 256);
function namesEnergyFlow(raw: string): boolean {
  return keys.get(raw, () => {
    const words = readKey(raw).words;
    const feedIn = words.some((w, i) => w === 'feed' && words[i + 1] === 'in');
    const battery = words.some((w) => BATTERY_WORDS.has(w)) && words.some((w) => BATTERY_FLOWS.has(w));
    return feedIn || battery || words.some((w) => FLOW_WORDS.has(w));
  });
}

export function energyFlows(fields: readonly ShapeField[], add: Add): void {
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key === 'string' && namesEnergyFlow(key)) add(index, ENERGY_FLOW_FINDING);
  });
}

const ENERGY_FLOW_FINDING = finding(ENERGY_FLOW, 'veto', ['behaviour'], { of: 'structure' });
