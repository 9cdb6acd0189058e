import type { DataCategory } from '../categories.js';
import type { PathSegment, ScalarValue } from '../../payload/index.js';
import type { ClassifierKnowledge } from './knowledge.js';
import { categoriesToMask, maskToCategories } from './mask.js';

/**
 * How much a finding weighs when findings are combined:
 * - certain: the home knows the value, or its bytes are an image: nothing vetoes it;
 * - strong: a validated value or a key that names the data;
 * - weak: a suggestive key or context; yields to a strong value finding and to negative vocabulary (a
 *   weak value finding, such as an id inside a name, also yields to a strong key);
 * - veto: negative vocabulary (`rssi`, `firmwareVersion`); `vetoes` says whether it silences weak
 *   findings only (a negative word inside a key) or strong ones as well (a negative head word). A veto
 *   that names categories silences those categories only, whatever their signal (not `certain`).
 * A finding with `facts.rides` says *whose* data a field is, not *what* it is: its categories count
 * only when another finding puts a category on the field (a position in somebody else's record is
 * location and third_party; that record's battery level stays nothing). A rider with `facts.needs` counts
 * only beside that category (a person's picture is personal only where the value was found to be media).
 */
export type Signal = 'certain' | 'strong' | 'weak' | 'veto';

/** What one detector found about one field. Plain data: never the value, only what was seen in it. */
export interface Finding {
  readonly detector: string;
  readonly signal: Signal;
  readonly categories: readonly DataCategory[];
  /** Detector-specific facts for `explain()`: words of a key, a validator's name, a label from the home. */
  readonly facts: Readonly<Record<string, string>>;
  /** Only on vetoes: 'weak' or 'all'. */
  readonly vetoes?: 'weak' | 'all';
}

/** A field as detectors see it; siblings and knowledge come with the context. */
export interface DetectedField {
  readonly key?: string | undefined;
  readonly segments: readonly PathSegment[];
  readonly pathTemplate?: string | undefined;
  readonly value: ScalarValue;
}

export interface DetectionContext {
  readonly knowledge?: ClassifierKnowledge | undefined;
  readonly host?: string | undefined;
}

/** One independent signal, like a mockttp matcher: detect, and say in words what was detected. */
export interface Detector<F = DetectedField, C = DetectionContext> {
  readonly name: string;
  detect(field: F, context: C): Finding | undefined;
  explain(finding: Finding): string;
}

export function finding(
  detector: string,
  signal: Signal,
  categories: readonly DataCategory[],
  facts: Readonly<Record<string, string>>,
  vetoes?: 'weak' | 'all',
): Finding {
  const base = { detector, signal, categories: maskToCategories(categoriesToMask(categories)), facts };
  return Object.freeze(vetoes === undefined ? base : { ...base, vetoes });
}

/** The combination: certain and strong findings count unless vetoed; weak ones yield to more. */
export interface Combination {
  readonly categories: readonly DataCategory[];
  /** The findings that put a category on the field (not the vetoed ones, not the vetoes). */
  readonly deciding: readonly Finding[];
}

const NONE: Combination = Object.freeze({ categories: maskToCategories(0), deciding: Object.freeze([]) });

export function combine(findings: readonly Finding[]): Combination {
  if (findings.length === 0) return NONE;
  let vetoAll = false;
  let vetoWeak = false;
  let strongValue = false;
  let strong = false;
  let riders = false;
  let vetoedMask = 0;
  for (const f of findings) {
    if (f.facts.rides !== undefined) {
      riders = true;
      continue;
    }
    if (f.signal === 'veto') {
      // A veto naming categories silences only those (an auth *mode* is no secret, yet still a neighbour's).
      if (f.categories.length > 0) vetoedMask |= categoriesToMask(f.categories);
      else if (f.vetoes === 'all') vetoAll = true;
      else vetoWeak = true;
    } else if (f.signal !== 'weak' && f.categories.length > 0) {
      strong = true;
      if (f.facts.of === 'value') strongValue = true;
    }
  }
  let mask = 0;
  const deciding: Finding[] = [];
  for (const f of findings) {
    if (f.signal === 'veto' || f.categories.length === 0 || f.facts.rides !== undefined) continue;
    if (f.signal === 'strong' && vetoAll) continue;
    if (f.signal === 'weak' && (vetoAll || vetoWeak || strongValue || (strong && f.facts.of === 'value'))) continue;
    const adds = f.signal === 'certain' ? categoriesToMask(f.categories) : categoriesToMask(f.categories) & ~vetoedMask;
    if (adds === 0) continue;
    mask |= adds;
    deciding.push(f);
  }
  if (deciding.length === 0) return NONE;
  if (riders) {
    const decided = mask;
    for (const f of findings) {
      if (f.facts.rides === undefined || f.signal === 'veto' || (f.signal === 'strong' && vetoAll)) continue;
      if (f.facts.needs !== undefined && (decided & categoriesToMask([f.facts.needs as DataCategory])) === 0) continue;
      mask |= categoriesToMask(f.categories) & ~vetoedMask;
      deciding.push(f);
    }
  }
  return { categories: maskToCategories(mask), deciding };
}
