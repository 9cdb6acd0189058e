import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import type { HomeKnowledge } from './knowledge.js';
import { detectNearHome } from './knowledge-detectors.js';
import { valueDetector, type ShapeField } from './shape.js';

/**
 * Numbers that form a coordinate pair: `[lat, lon]`, GeoJSON `[lon, lat]`, or two siblings within the
 * home zone. The shape says which numbers could be a pair; their values say whether they are.
 */
export const COORDINATE_PAIR = 'coordinate-pair';

/**
 * Shape part: arrays of two or three numbers and nothing else (`[lat, lon]`, `[lon, lat, alt]`), as the
 * indices of their first two items.
 */
function planArrays(fields: readonly ShapeField[]): [number, number][] | undefined {
  let groups: Map<string, number[]> | undefined;
  let lengths: Map<string, number> | undefined;
  fields.forEach((field, index) => {
    if (typeof field.segments[field.segments.length - 1] !== 'number') return;
    const parent = parentPath(field);
    lengths ??= new Map();
    lengths.set(parent, (lengths.get(parent) ?? 0) + 1);
    if (field.kind !== 'number') return;
    groups ??= new Map();
    const group = groups.get(parent);
    if (group === undefined) groups.set(parent, [index]);
    else group.push(index);
  });
  if (groups === undefined || lengths === undefined) return undefined;
  const pairs: [number, number][] = [];
  for (const [parent, items] of groups) {
    const [a, b] = items;
    if (items.length < 2 || items.length > 3 || lengths.get(parent) !== items.length || a === undefined || b === undefined) continue;
    pairs.push([a, b]);
  }
  return pairs.length === 0 ? undefined : pairs;
}

export const coordinateArrays = valueDetector(COORDINATE_PAIR, planArrays, (plan, fields, home, add) => {
  for (const [a, b] of plan) {
    const first = numberAt(fields, a);
    const second = numberAt(fields, b);
    if (first === undefined || second === undefined || !precise(first) || !precise(second)) continue;
    const pair = pairFinding(first, second, home);
    if (pair === undefined) continue;
    add(a, pair);
    add(b, pair);
  }
});

function numberAt(fields: readonly PayloadField[], index: number): number | undefined {
  const value = fields[index]?.value;
  return typeof value === 'number' ? value : undefined;
}

/** Coordinates are sent with at least three decimals; ratios and readings rarely come in such pairs. */
function precise(n: number): boolean {
  if (Number.isInteger(n)) return false;
  const text = String(n);
  const dot = text.indexOf('.');
  return dot >= 0 && text.length - dot - 1 >= 3;
}

function pairFinding(a: number, b: number, home: HomeKnowledge | undefined): Finding | undefined {
  // Colour coordinates (`xy: [0.31, 0.32]`) and ratios live below 1; places near (0, 0) are in the sea.
  if (Math.max(Math.abs(a), Math.abs(b)) < 1) return undefined;
  const near = detectNearHome(home, a, b) ?? detectNearHome(home, b, a);
  if (near !== undefined) return near;
  if (Math.abs(a) <= 90 && Math.abs(b) <= 180) return finding(COORDINATE_PAIR, 'strong', ['location'], { of: 'structure', shape: '[lat, lon]' });
  if (Math.abs(b) <= 90 && Math.abs(a) <= 180) return finding(COORDINATE_PAIR, 'strong', ['location'], { of: 'structure', shape: '[lon, lat]' });
  return undefined;
}

/** Shape part: two numeric siblings in a row, the first under a key (`{a: 52.51, b: 13.37}`). */
function planSiblingPairs(fields: readonly ShapeField[]): number[] | undefined {
  let firsts: number[] | undefined;
  for (let i = 0; i + 1 < fields.length; i++) {
    const a = fields[i];
    const b = fields[i + 1];
    if (a === undefined || b === undefined || a.kind !== 'number' || b.kind !== 'number') continue;
    if (typeof a.segments[a.segments.length - 1] === 'number' || parentPath(a) !== parentPath(b)) continue;
    (firsts ??= []).push(i);
  }
  return firsts;
}

/** Two numeric siblings that lie within the home zone, whatever their keys. */
export const siblingPairsNearHome = valueDetector(COORDINATE_PAIR, planSiblingPairs, (plan, fields, home, add) => {
  if (home === undefined) return;
  for (const i of plan) {
    const a = numberAt(fields, i);
    const b = numberAt(fields, i + 1);
    if (a === undefined || b === undefined || !precise(a) || !precise(b)) continue;
    const near = detectNearHome(home, a, b) ?? detectNearHome(home, b, a);
    if (near === undefined) continue;
    add(i, near);
    add(i + 1, near);
  }
});
