import type { ShapeField } from './shape.js';
import { parentPath } from './field-paths.js';

/**
 * Records positioned by their own latitude and longitude (W3C GeolocationCoordinates' names, and the
 * short `lat`/`lon`/`lng`): a place on a map — a zone, a saved place, a visit — rather than the
 * description of a household, which holds its address and, if anything, a position nested under its own key
 * (a tado home's `geolocation`). records.ts reads an address as a home's sign; beside such a pair it is
 * the place's, so the record's id and name are not the household's (personal). A record that also keeps
 * a time zone of its own (`timeZoneId`, `timezone`: a SmartThings location, a Flo home) is a household's
 * settings, positioned or not, and stays a home.
 */
const LATITUDES = new Set(['latitude', 'lat']);
const LONGITUDES = new Set(['longitude', 'lon', 'lng', 'long']);

/** The paths of records with a latitude and a longitude of their own. */
export function placesOnMap(fields: readonly ShapeField[]): ReadonlySet<string> {
  const lat = new Set<string>();
  const places = new Set<string>();
  const lon = new Set<string>();
  const zoned = new Set<string>();
  for (const field of fields) {
    const key = field.key?.toLowerCase();
    if (key === undefined) continue;
    // Even unset (`timeZoneId: null`): the record has a place for one.
    if (key.replace(/[^a-z]/g, '').includes('timezone')) zoned.add(parentPath(field));
    if (field.kind !== 'number' && field.kind !== 'string') continue;
    if (LATITUDES.has(key)) lat.add(parentPath(field));
    else if (LONGITUDES.has(key)) lon.add(parentPath(field));
  }
  for (const record of lat) if (lon.has(record) && !zoned.has(record)) places.add(record);
  return places;
}
