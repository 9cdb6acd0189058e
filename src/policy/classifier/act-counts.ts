import { ACTION_WORDS } from './action-vocabulary.js';
import { finding, type Finding } from './detector.js';
import type { KeyWords } from './words.js';

/**
 * `act-count`: how often somebody did something — `clean_count`, `pir_total`, `event_num`,
 * `all_ride_totals.count` — is a usage history (docs/CORPUS.md: usage histories and daily totals are
 * behaviour). A count is a reading by default (`count` is negative vocabulary: `record_count`,
 * `voltage_sag_count`, `page_count`); only a count of an act (a cleaning, a motion, an event, a ride)
 * says what somebody did, and then the count word no longer vetoes the key (classify.ts). Not counts
 * of cycles or charges of a machine, which wear the device rather than tell of anyone's doing.
 */
export const ACT_COUNT = 'act-count';

export const actCountExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [ACT_COUNT]: (f) => `a count of "${f.facts.act}" (how often somebody did it) → behaviour`,
};

const COUNT_WORDS = new Set(['count', 'counts', 'total', 'totals', 'num', 'number']);
/** The negative words a count of an act sets aside. */
export const COUNT_VETOES: ReadonlySet<string> = new Set(['count', 'counts', 'number', 'num']);
const ACTS = new Set(['clean', 'cleaning', 'cleans', 'pir', 'motion', 'motions', 'event', 'events', 'ride', 'rides', 'run',
  'runs', 'trip', 'trips', 'visit', 'visits', 'press', 'presses', 'unlock', 'unlocks', 'detection', 'detections', 'ring',
  'rings', 'walk', 'walks', 'swim', 'swims', 'workout', 'workouts', 'activity', 'activities', 'job', 'jobs', 'print', 'prints',
  ...ACTION_WORDS]);

/** The act a key (or the totals record it is in: `ride_totals.count`) counts, if any. */
export function detectActCount(key: KeyWords, ancestors: readonly KeyWords[]): Finding | undefined {
  const words = key.words;
  if (words.some((w) => COUNT_WORDS.has(w))) {
    const act = words.find((w) => ACTS.has(w));
    if (act !== undefined) return actCount(act);
    const parent = ancestors[ancestors.length - 1];
    if (words.length === 1 && parent !== undefined && parent.words.some((w) => COUNT_WORDS.has(w))) {
      const parentAct = parent.words.find((w) => ACTS.has(w));
      if (parentAct !== undefined) return actCount(parentAct);
    }
  }
  return undefined;
}

const counts = new Map<string, Finding>();
function actCount(act: string): Finding {
  let f = counts.get(act);
  if (f === undefined) counts.set(act, (f = finding(ACT_COUNT, 'strong', ['behaviour'], { of: 'key', act })));
  return f;
}
