import type { KeyWords } from './words.js';

/**
 * How far a place container reaches. A position, an address or a list of waypoints holds its coordinates,
 * their accuracy and the address's parts as its own members (`waypoints[*].rad`, `address.city`,
 * `pose.point.x`); a record nested inside it is a thing of its own (a Daikin management point's
 * `firmwareVersion.value`, a unit's `schedule.value.modes…`): its leaves are not places because an ancestor's
 * name has "points" or "position" in it. So a place container colours only the leaves it holds directly,
 * or through wrappers that only hold a value (`position.value.x`).
 */
const WRAPPERS = new Set(['value', 'values', 'data', 'current', 'latest', 'last']);

/** Whether the place container at `at` among the field's ancestors holds the field as a member of its own. */
export function placeContainerHolds(ancestors: readonly KeyWords[], at: number): boolean {
  for (let i = at + 1; i < ancestors.length; i++) {
    const between = ancestors[i];
    if (between === undefined || !WRAPPERS.has(between.words.join(' '))) return false;
  }
  return true;
}
