import type { KeyWords } from './words.js';

/**
 * A GeoJSON feature collection's `features` is a list of places, not of capabilities: each feature holds a
 * `geometry` (its coordinates) and `properties` (what was recorded with them: a location history's
 * accuracy, altitude and speed, the Wi-Fi the phone was on, the tracker). Read as a device's feature list
 * (`features.pose: 1`), it would silence a whole location-history export. So `features` vetoes nothing
 * when the next key down is one of a feature's own members.
 */
const FEATURE_MEMBERS = new Set(['geometry', 'properties']);
const FEATURE_LISTS = new Set(['features', 'feature']);

/** Whether `container` is a GeoJSON feature list because `member` (the key right below it) is a feature's member. */
export function isGeoFeatureList(container: KeyWords, member: KeyWords | undefined): boolean {
  return member !== undefined && FEATURE_LISTS.has(container.words.join(' ')) && FEATURE_MEMBERS.has(member.words.join(' '));
}
