import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { readingsByRecord } from './record-readings.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `fix-companion`: the heading, speed, altitude and accuracy reported in the same record as a latitude
 * and a longitude belong to that position fix (docs/CORPUS.md: altitude/accuracy/speed/course reported
 * *with* a position are location), whatever abbreviation the vendor uses (`dir`, `spd_kph`, `hdg`,
 * `positionHeadingDegree`). The words are the members of a fix in public position schemas, in our own
 * arrangement: the W3C Geolocation API's GeolocationCoordinates (altitude, accuracy, altitudeAccuracy,
 * heading, speed), NMEA 0183 RMC/GGA (course over ground, speed over ground, HDOP, altitude) and GPX
 * (`ele`, `course`, `speed`, `hdop`, `vdop`, `pdop`). Without a latitude and longitude beside them they
 * are left to their own key (a car's speed, a fan's direction). A GeoJSON feature's properties are its
 * geometry's companions as a latitude's siblings are.
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const FIX_COMPANION = 'fix-companion';

export const fixCompanionExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [FIX_COMPANION]: (f) => `the ${f.facts.part} of a position fix (beside a latitude and longitude) → location`,
};

const LATITUDE = new Set(['latitude', 'lat']);
const LONGITUDE = new Set(['longitude', 'lon', 'lng', 'long']);
/** A fix's other members, by the word that names them (after the tokeniser's abbreviations). */
const MEMBERS = new Map<string, string>([
  ['heading', 'heading'], ['hdg', 'heading'], ['bearing', 'heading'], ['course', 'heading'], ['direction', 'heading'],
  ['dir', 'heading'], ['cog', 'heading'], ['speed', 'speed'], ['spd', 'speed'], ['velocity', 'speed'], ['vel', 'speed'],
  ['sog', 'speed'], ['altitude', 'altitude'], ['alt', 'altitude'], ['ele', 'altitude'], ['elevation', 'altitude'],
  ['accuracy', 'accuracy'], ['acc', 'accuracy'], ['hdop', 'accuracy'], ['vdop', 'accuracy'], ['pdop', 'accuracy'],
  // The radius of a fix's uncertainty, as trackers name it (`precision`, `pos_uncertainty`).
  ['precision', 'accuracy'], ['uncertainty', 'accuracy'],
  // A radius beside a latitude and a longitude: the fix's circle of uncertainty, or a zone's drawn round the point.
  ['radius', 'radius'], ['rad', 'radius'],
]);
/** A reading of the air or of a particle sensor beside a sensor's position: `pm2.5_alt` is an alternative PM2.5 figure, not an altitude. */
const AIR_WORDS = new Set(['pm', 'pm1', 'pm2', 'pm25', 'pm10', 'voc', 'co2', 'aqi', 'ozone', 'no2', 'humidity', 'temperature', 'temp', 'pressure']);
/** Words that make the key a setting, a limit or a workout's sum, not the fix's reading: `maxSpeed`, `speedLimit`, `total_elevation_gain`. */
const NOT_READING = new Set(['max', 'min', 'gain', 'loss', 'total', 'limit', 'threshold', 'target', 'setting', 'unit', 'units', 'average', 'avg', 'mode', 'enabled']);
/**
 * A member word qualified by a machine's part or a transfer is that part's reading, not the mover's: a camera's
 * `ShutterSpeedValue` beside the photo's GPS position (EXIF), a fan's or a motor's speed, a link's upload speed.
 */
const PART_WORDS = new Set(['shutter', 'fan', 'motor', 'pump', 'spindle', 'blade', 'rotor', 'wind', 'link', 'upload',
  'download', 'transfer', 'clock', 'cpu', 'playback', 'film', 'iso', 'aperture', 'exposure', 'focus']);

type Reading = { readonly role: 'lat' | 'lon' } | { readonly role: 'member'; readonly part: string };

const readings = new BoundedMemo<Reading | null>(5_000, 256);
function readingOf(raw: string): Reading | undefined {
  const reading = readings.get(raw, () => {
    const words = readKey(raw).words;
    let found: Reading | null = null;
    if (!words.some((w) => NOT_READING.has(w) || AIR_WORDS.has(w) || PART_WORDS.has(w))) {
      if (words.length <= 2 && words.some((w) => LATITUDE.has(w))) found = { role: 'lat' };
      else if (words.length <= 2 && words.some((w) => LONGITUDE.has(w))) found = { role: 'lon' };
      else {
        const member = words.find((w) => MEMBERS.has(w));
        if (member !== undefined) found = { role: 'member', part: MEMBERS.get(member) ?? member };
      }
    }
    return found;
  });
  return reading ?? undefined;
}

export function fixCompanions(fields: readonly ShapeField[], add: Add): void {
  const records = readingsByRecord(fields, readingOf);
  if (records === undefined) return;
  let features: Set<string> | undefined;
  for (const members of records.values()) {
    const fixed = members.some((m) => m.reading.role === 'lat') && members.some((m) => m.reading.role === 'lon');
    if (!fixed && !inGeoFeature(fields[members[0]?.index ?? -1], (features ??= geoFeatures(fields)))) continue;
    for (const { index, reading } of members) if (reading.role === 'member') add(index, companion(reading.part));
  }
}

/**
 * A GeoJSON feature's `properties` are recorded with its `geometry` (RFC 7946): a location history's point
 * carries its speed, altitude and accuracy there, its coordinates beside them. The features whose geometry
 * has coordinates, by path.
 */
function geoFeatures(fields: readonly ShapeField[]): Set<string> {
  const features = new Set<string>();
  for (const field of fields) {
    const at = field.segments.indexOf('geometry');
    if (at >= 0 && field.segments[at + 1] === 'coordinates') features.add(prefixKey(field, at));
  }
  return features;
}

function inGeoFeature(member: ShapeField | undefined, features: ReadonlySet<string>): boolean {
  if (member === undefined || features.size === 0 || member.segments[member.segments.length - 2] !== 'properties') return false;
  return features.has(prefixKey(member, -2));
}

const findings = new Map<string, Finding>();
function companion(part: string): Finding {
  let f = findings.get(part);
  if (f === undefined) findings.set(part, (f = finding(FIX_COMPANION, 'strong', ['location'], { of: 'structure', part })));
  return f;
}
