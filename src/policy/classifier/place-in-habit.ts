import type { Finding } from './detector.js';
import { CONTAINER } from './key-detectors.js';
import type { KeyWords } from './words.js';

/** Ids name a map or a record (`pmap_id`), quantities measure the way (`distanceToNextWaypointInKm`): no place. */
const ID_HEADS = new Set(['id', 'ids', 'uuid', 'guid', 'uid', 'pk']);

/**
 * A place inside a record of what somebody did (`trips[*].waypoints[*].locationName`, a schedule's
 * `zones[*].name`) is where: location, by its own key or its parent. The habit container (`trips`,
 * `schedules`) makes the rest of the record behaviour — the times, durations, distances — but a field
 * that already says it is a place is read as that place, not as a habit too. A quantity with a unit
 * (`distanceToNextWaypointInKm`) or an id (`lastCommand.pmap_id`) is no place: the habit keeps it.
 */
export function placesLeaveHabits(findings: readonly Finding[], key: KeyWords): readonly Finding[] {
  if (key.unit !== undefined || ID_HEADS.has(key.words[key.words.length - 1] ?? '')) return findings;
  let place = false;
  let habit = false;
  for (const f of findings) {
    if (f.detector === CONTAINER) {
      if (f.categories.length === 1 && f.categories[0] === 'behaviour') habit = true;
    } else if (f.signal === 'strong' && f.categories.includes('location')) place = true;
  }
  if (!place || !habit) return findings;
  return findings.filter((f) => !(f.detector === CONTAINER && f.categories.length === 1 && f.categories[0] === 'behaviour'));
}
