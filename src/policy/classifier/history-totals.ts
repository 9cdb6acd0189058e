import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import { containerOf } from './phrases.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `history-total`: the totals of a usage history are that history (docs/CORPUS.md: usage histories and
 * daily totals are behaviour). A payload that lists what somebody did (`trips[*]`, `sessions[*]`,
 * `activities[*]`: a list under a behaviour container) often sums it up beside the list, in records
 * shaped like the entries' own parts: a month's `summary.duration`, `hdc.evDistance` and `scores.braking`
 * beside `trips[*].summary.duration`, `trips[*].hdc.evDistance`, `trips[*].scores.braking`. A record
 * outside the list whose numbers are named as the entries' parts are (the record's key and the number's
 * key, at least two of them and at least half of its numbers) is such a total: its numbers are behaviour.
 * No vocabulary of its own: the history's container says what was done, the shape says it is summed up.
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const HISTORY_TOTAL = 'history-total';

export const historyTotalExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [HISTORY_TOTAL]: (f) => `a number of a record shaped like the parts of the entries of "${f.facts.container}" (${f.facts.matched} of its ${f.facts.count} numbers): their total or summary, a usage history → behaviour`,
};

/** Whether a key is a behaviour container, and the container's vocabulary word (never the key itself). */
const containers = new BoundedMemo<string | null>(5_000, 256);
function behaviourContainer(raw: string): string | undefined {
  const found = containers.get(raw, () => {
    const container = containerOf(readKey(raw));
    if (container === undefined || container === 'neutral' || container === 'geometry') return null;
    return container.categories.includes('behaviour') ? container.text : null;
  });
  return found ?? undefined;
}

/** The index of the first segment that is a behaviour container holding a list (`trips` in `trips[0].x`), or -1. */
function listIn(field: ShapeField): number {
  const segments = field.segments;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i];
    if (typeof segment === 'string' && typeof segments[i + 1] === 'number' && behaviourContainer(segment) !== undefined) return i;
  }
  return -1;
}

/** Whether any segment before the key is a behaviour container (the container rule decides those fields). */
function insideContainer(field: ShapeField): boolean {
  for (let i = 0; i < field.segments.length - 1; i++) {
    const segment = field.segments[i];
    if (typeof segment === 'string' && behaviourContainer(segment) !== undefined) return true;
  }
  return false;
}

/** A number's record key and own key (`summary.duration`), when both are keys; else undefined. */
function partName(field: ShapeField): string | undefined {
  const segments = field.segments;
  const key = segments[segments.length - 1];
  const record = segments[segments.length - 2];
  return typeof key === 'string' && typeof record === 'string' ? `${record}\u0001${key}` : undefined;
}

const MIN_MATCHED = 2;

export function historyTotals(fields: readonly ShapeField[], add: Add): void {
  // The parts of the history's entries, by their record key and own key, and the history's word.
  let parts: Map<string, string> | undefined;
  for (const field of fields) {
    if (field.kind !== 'number' || field.segments.length < 4) continue;
    const at = listIn(field);
    if (at < 0 || field.segments.length - at < 4) continue;
    const name = partName(field);
    const container = behaviourContainer(String(field.segments[at]));
    if (name === undefined || container === undefined) continue;
    (parts ??= new Map()).set(name, container);
  }
  if (parts === undefined) return;
  // Records outside any history whose numbers are named as those parts are.
  const records = new Map<string, { indices: number[]; matched: number; container: string }>();
  fields.forEach((field, index) => {
    if (field.kind !== 'number' || insideContainer(field)) return;
    const name = partName(field);
    if (name === undefined) return;
    const parent = parentPath(field);
    const record = records.get(parent) ?? { indices: [], matched: 0, container: '' };
    record.indices.push(index);
    const container = parts?.get(name);
    if (container !== undefined) (record.matched++, (record.container = container));
    records.set(parent, record);
  });
  for (const { indices, matched, container } of records.values()) {
    if (matched < MIN_MATCHED || matched * 2 < indices.length) continue;
    const f = totalFinding(container, matched, indices.length);
    for (const index of indices) add(index, f);
  }
}

/** One finding per container and counts, shared by the payloads that repeat them. */
const findings = new BoundedMemo<Finding>(256, 1_024);
function totalFinding(container: string, matched: number, count: number): Finding {
  return findings.get(`${container}|${matched}|${count}`, () =>
    finding(HISTORY_TOTAL, 'strong', ['behaviour'], { of: 'structure', container, matched: String(matched), count: String(count) }),
  );
}
