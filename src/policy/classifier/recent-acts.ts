import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { isTimeKey } from './key-detectors.js';
import { headMatch } from './phrases.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `recent-acts`: a list named for the last few things somebody did (`lastCoffees`, `recentRides`,
 * `previousBrews`, `latestVisits`) is a usage history whatever the things are: the time of each entry is when
 * somebody did one (docs/CORPUS.md: usage histories are behaviour). The name decides, by its shape — a word of
 * recency before a plural noun — not by the noun, so acts nobody listed (a coffee, a flush, a feed) count.
 * Only the entries' times: what each entry measured (an extraction's seconds, a dose) stays its own key's.
 * Not a list of the machine's own records (`lastErrors`, `recentUpdates`, `latestReadings`, `lastAlerts`:
 * a plural the vocabulary reads as a reading, a setting or a report) and not a time that says when a record
 * was made or changed (`updatedAt`, `created`).
 * Reads only keys: memoised per payload shape.
 */
export const RECENT_ACT = 'recent-act';

export const recentActExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [RECENT_ACT]: (f) => `time of an entry in "${f.facts.list}" (a list of the last things somebody did) → behaviour`,
};

const RECENCY = new Set(['last', 'recent', 'recently', 'latest', 'previous', 'past']);
/** Plurals of the machine's own records: a list of them is a log of the device, not of anybody's doing. */
const MACHINE_RECORDS = new Set(['errors', 'faults', 'warnings', 'alerts', 'alarms', 'updates', 'readings', 'measurements',
  'values', 'samples', 'points', 'logs', 'messages', 'notifications', 'changes', 'versions', 'reports', 'states', 'statuses',
  'connections', 'reboots', 'boots', 'crashes', 'syncs', 'backups', 'items', 'entries', 'records', 'results', 'data']);

const lists = new BoundedMemo<boolean>(5_000, 256);
function listOfActs(raw: string): boolean {
  return lists.get(raw, () => {
    const words = readKey(raw).words;
    const noun = words[words.length - 1] ?? '';
    if (words.length < 2 || !RECENCY.has(words[0] ?? '') || !noun.endsWith('s') || noun.endsWith('ss') || MACHINE_RECORDS.has(noun)) return false;
    const match = headMatch(words.slice(1));
    return match === undefined || match.meaning.kind !== 'negative';
  });
}

export function recentActs(fields: readonly ShapeField[], add: Add): void {
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index];
    if (field === undefined || field.kind === 'null' || field.kind === 'boolean') continue;
    const segments = field.segments;
    const key = segments[segments.length - 1];
    const list = segments[segments.length - 3];
    // `lastCoffees[3].time`: the entry is the list's item, the time its own key.
    if (typeof key !== 'string' || typeof segments[segments.length - 2] !== 'number' || typeof list !== 'string') continue;
    if (isTimeKey(key) && listOfActs(list)) add(index, actFinding(list));
  }
}

const findings = new BoundedMemo<Finding>(256, 256);
function actFinding(list: string): Finding {
  return findings.get(list, () => finding(RECENT_ACT, 'strong', ['behaviour'], { of: 'structure', list }));
}
