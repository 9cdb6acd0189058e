import { headMatch } from './phrases.js';
import type { KeyWords } from './words.js';

/**
 * A plan the user set (a schedule, timers, slots, alarms, routines) is behaviour for *when* it runs: its
 * days, times and slots. The values it sets at those times — a heat setpoint, a target temperature, a
 * power level — are settings of the device, like the same key outside a plan (docs/CORPUS.md: settings and
 * readings are not behaviour). So a plan container leaves a key alone when its head is negative vocabulary
 * (`therm_setpoint_temperature`, `away_temp`) or names a setpoint (`heatSetpoint`), except the words that
 * say when (`day`, `period`, `interval`).
 */
const PLAN_CONTAINERS = new Set(['schedule', 'schedules', 'clean schedule', 'timers', 'alarms', 'routines', 'slots']);
const SETPOINT_HEADS = new Set(['setpoint', 'setpoints', 'target']);
const WHEN_WORDS = new Set(['day', 'period', 'interval', 'offset']);
/** What kind of plan it is (`cleanSchedule2[*].type`) says how somebody planned, not a value it sets. */
const KIND_WORDS = new Set(['type', 'kind']);

/**
 * Records inside a plan that hold what it sets, not when (`schedules[*].acState.mode`, `slots[*].cfg.cut.z`,
 * `timers[*].settings.fanLevel`): the device's state or configuration at that time. The words are those of
 * Matter's cluster model, where a thermostat's system mode, a fan's mode and rock (swing) setting, an on/off
 * and a level are *attributes* (state) and only events are things that happened.
 */
const SET_RECORD_HEADS = new Set(['state', 'states', 'config', 'cfg', 'configuration', 'settings', 'setting', 'attributes', 'setpoint', 'setpoints']);
/** Matter Thermostat / Fan Control attribute heads a plan may set directly (`timers[*].fanMode`, `swing`). */
const SET_STATE_HEADS = new Set(['mode', 'swing', 'rock', 'airflow', 'wind']);

/** `below`: the keys between the plan container and the field's own key, outermost first. */
export function settingInPlan(container: string, key: KeyWords | undefined, below: readonly KeyWords[] = []): boolean {
  if (key === undefined || !PLAN_CONTAINERS.has(container)) return false;
  const head = key.words[key.words.length - 1] ?? '';
  if (SETPOINT_HEADS.has(head) || SET_STATE_HEADS.has(head)) return true;
  if (below.some((record) => SET_RECORD_HEADS.has(record.words[record.words.length - 1] ?? ''))) return true;
  const match = headMatch(key.words);
  return match !== undefined && match.meaning.kind === 'negative' && !WHEN_WORDS.has(match.meaning.text) && !KIND_WORDS.has(match.meaning.text);
}
