import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `training-load`: the fitness-fatigue model of sports science (Banister's impulse-response model, as
 * TrainingPeaks' Performance Management Chart, Golden Cheetah and intervals.icu write it): chronic training
 * load (`ctl`, fitness), acute training load (`atl`, fatigue) and their balance (`tsb`, form) are computed
 * from what a person's heart or legs bore over weeks: health, like a training load. The abbreviations are
 * read only together — a record holding two of them (`{atl, ctl, tsb}`, `atlTotal` beside `ctlTotal`) —
 * because `ctl` alone is a control elsewhere; then the record's training impulse (`trimp`) and ramp rate are
 * the same model's. Reads only keys and value kinds: memoised per payload shape.
 */
export const TRAINING_LOAD = 'training-load';

export const trainingLoadExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [TRAINING_LOAD]: (f) => `"${f.facts.term}" beside the other loads of the fitness-fatigue model (ATL, CTL, TSB) → health`,
};

const MODEL_LOADS = new Set(['atl', 'ctl', 'tsb']);
const MODEL_PARTS = new Set([...MODEL_LOADS, 'trimp', 'ramp']);

const heads = new BoundedMemo<string | null>(5_000, 256);
/** The model's word a key starts with (`atlTotal` → atl, `rampRate` → ramp), if any. */
function modelWord(raw: string): string | undefined {
  return heads.get(raw, () => {
    const first = readKey(raw).words[0] ?? '';
    return MODEL_PARTS.has(first) ? first : null;
  }) ?? undefined;
}

export function trainingLoads(fields: readonly ShapeField[], add: Add): void {
  const loads = new Map<string, Set<string>>();
  const candidates: number[] = [];
  fields.forEach((field, index) => {
    if (field.kind !== 'number' && field.kind !== 'string') return;
    const key = field.segments[field.segments.length - 1];
    const word = typeof key === 'string' ? modelWord(key) : undefined;
    if (word === undefined) return;
    candidates.push(index);
    if (!MODEL_LOADS.has(word)) return;
    const record = parentPath(field);
    const held = loads.get(record) ?? new Set<string>();
    held.add(word);
    loads.set(record, held);
  });
  for (const index of candidates) {
    const field = fields[index];
    const key = field?.segments[field.segments.length - 1];
    if (field === undefined || typeof key !== 'string' || (loads.get(parentPath(field))?.size ?? 0) < 2) continue;
    add(index, loadFinding(modelWord(key) ?? key));
  }
}

const findings = new BoundedMemo<Finding>(100, 64);
const loadFinding = (term: string) => findings.get(term, () => finding(TRAINING_LOAD, 'strong', ['health'], { of: 'structure', term }));
