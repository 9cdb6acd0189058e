import { finding, type Finding } from './detector.js';
import type { KeyWords } from './words.js';

/**
 * `coordinate-part`: keys that name a part of a position the vocabulary reads only whole.
 * - The hemisphere of a coordinate written in degrees, minutes and seconds (`LatitudeMode: "NORTH"`,
 *   EXIF's `GPSLatitudeRef: "N"`, NMEA's N/S and E/W indicators: `lat_dir`, `lon_hemisphere`): without it the
 *   degrees do not say where.
 * - A position on one axis (`xPos`, `pos_y`, `robotXPosition`, `svg_yPos`): a robot's or a tracker's place on
 *   a map of the home (docs/CORPUS.md: `x`/`y` map positions). Weak: below a picture, a box or a screen
 *   (geometry containers) the axis is a picture's, and negative words win.
 * - The accuracy of a place (`pos_uncertainty`, `geo_radius`, `geofenceTriggerRadius`, `gpsAccuracy`): the
 *   W3C Geolocation `accuracy`, a geofence's radius. A bare `radius` or `accuracy` stays the vocabulary's weak
 *   word; qualified by a place word it says how far from that place.
 * Reads only the key: cached per path template with the key's other findings.
 */
export const COORDINATE_PART = 'coordinate-part';

export const coordinatePartExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [COORDINATE_PART]: (f) => `key names ${f.facts.part ?? 'a part of a position'} → location`,
};

const COORDINATE_WORDS = new Set(['latitude', 'longitude', 'lat', 'lon', 'lng']);
/** EXIF `Ref`, NMEA's indicators, vendors' `Mode`/`Dir`/`Sign`. */
const HEMISPHERE_HEADS = new Set(['ref', 'mode', 'hemisphere', 'hemi', 'dir', 'direction', 'sign', 'indicator']);
const AXES = new Set(['x', 'y', 'z']);
const AXIS_PLACES = new Set(['position', 'coordinate', 'coordinates', 'coord', 'coords']);
const PLACE_WORDS = new Set(['position', 'location', 'geo', 'gps', 'gnss', 'geofence', 'fence', 'waypoint', 'geolocation']);
const ACCURACY_HEADS = new Set(['accuracy', 'uncertainty', 'precision', 'radius']);

const HEMISPHERE = finding(COORDINATE_PART, 'strong', ['location'], { of: 'key', part: 'the hemisphere of a coordinate' });
const AXIS = finding(COORDINATE_PART, 'weak', ['location'], { of: 'key', part: 'a position on one axis' });
const ACCURACY = finding(COORDINATE_PART, 'strong', ['location'], { of: 'key', part: 'the accuracy of a place' });

export function detectCoordinatePart(key: KeyWords): Finding | undefined {
  const words = key.words;
  if (words.length < 2 || words.length > 4) return undefined;
  const head = words[words.length - 1] ?? '';
  const before = words.slice(0, -1);
  if (HEMISPHERE_HEADS.has(head) && before.some((w) => COORDINATE_WORDS.has(w))) return HEMISPHERE;
  if (ACCURACY_HEADS.has(head) && before.some((w) => PLACE_WORDS.has(w))) return ACCURACY;
  if (words.some((w) => AXES.has(w)) && words.some((w) => AXIS_PLACES.has(w))) return AXIS;
  return undefined;
}
