import { describe, expect, it } from 'vitest';
import type { ClassifiedField } from '../../src/policy/index.js';
import { decidedBy } from '../../src/policy/classifier/index.js';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * The precision round of issue 7: what over-flagged devices never seen (docs/CORPUS.md, labelling rules'
 * right column), each case with the reading that must stay so the fix cannot be a blanket veto.
 */
const by = (field: ClassifiedField) => decidedBy(field.findings ?? []);
/** A field by its segments, for keys the path writes quoted (`image["@2x"]`). */
function bySegments(fields: readonly ClassifiedField[], ...segments: (string | number)[]): ClassifiedField {
  const found = fields.find((f) => f.field.segments.length === segments.length && f.field.segments.every((s, i) => s === segments[i]));
  if (found === undefined) throw new Error(`no field ${segments.join('.')}`);
  return found;
}

describe('whose record', () => {
  it('reads a sibling named for a role as a pointer to the person, not as the record being theirs', () => {
    const fields = classifyJson({ executions: [{ id: 'e-1', owner: 'anna@example.org', state: 'done' }, { id: 'e-2', owner: 'ben@example.org', state: 'done' }] });
    expect(at(fields, '$.executions[0].id').categories).toEqual([]);
    const person = classifyJson({ data: { id: 'u-77', email: 'anna@example.org' } });
    expect(at(person, '$.data.id').categories).toEqual(['personal']);
  });
});

describe('containers and what describes a record', () => {
  it('keeps ids, names and types of a record out of a place or a measurement container', () => {
    const fields = classifyJson({ pet: { position: { id: 12, pet_id: 34, lat: 52.1, lon: 4.3 } }, HEART_RATE: { name: 'HEART_RATE', key: 82412185, value: 71 } });
    expect(at(fields, '$.pet.position.pet_id').categories).toEqual([]);
    expect(at(fields, '$.pet.position.lat').categories).toEqual(['location']);
    expect(at(fields, '$.HEART_RATE.name').categories).toEqual([]);
    expect(at(fields, '$.HEART_RATE.key').categories).not.toContain('health');
    expect(at(fields, '$.HEART_RATE.value').categories).toEqual(['health']);
  });

  it('keeps the id of a place in its place container', () => {
    const fields = classifyJson({ regions: [{ region_id: '7', type: 'rid' }, { region_id: '9', type: 'rid' }] });
    expect(at(fields, '$.regions[0].region_id').categories).toEqual(['location']);
  });
});

describe('plans', () => {
  it('leaves the values a plan sets alone and keeps when it runs', () => {
    const fields = classifyJson({ dailySchedules: [{ dayOfWeek: 'Monday', switchpoints: [{ heatSetpoint: 20.5, timeOfDay: '06:30:00' }] }] });
    expect(at(fields, '$.dailySchedules[0].switchpoints[0].heatSetpoint').categories).toEqual([]);
    expect(at(fields, '$.dailySchedules[0].switchpoints[0].timeOfDay').categories).toEqual(['behaviour']);
    const offsets = classifyJson({ schedules: [{ away_temp: 12, timetable: [{ zone_id: 1, m_offset: 420 }] }] });
    expect(at(offsets, '$.schedules[0].away_temp').categories).toEqual([]);
    expect(at(offsets, '$.schedules[0].timetable[0].m_offset').categories).toEqual(['behaviour']);
  });

  it('reads what a device can or will do by itself as a setting', () => {
    const fields = classifyJson({ CanMeasureEnergyConsumed: true, setChargeSchedule: false, CurrentEnergyConsumed: 3.2 });
    expect(at(fields, '$.CanMeasureEnergyConsumed').categories).toEqual([]);
    expect(at(fields, '$.setChargeSchedule').categories).toEqual([]);
    expect(at(fields, '$.CurrentEnergyConsumed').categories).toEqual(['behaviour']);
  });
});

describe('a workout is not a body', () => {
  it('leaves how far and how high out of a record of body measurements', () => {
    const fields = classifyJson({ score: { strain: 8.2, average_heart_rate: 123, max_heart_rate: 146, kilojoule: 1569, distance_meter: 1772, altitude_gain_meter: 46, percent_recorded: 100, zone_two: 7 } });
    expect(at(fields, '$.score.distance_meter').categories).not.toContain('health');
    expect(at(fields, '$.score.altitude_gain_meter').categories).not.toContain('health');
    expect(at(fields, '$.score.percent_recorded').categories).toEqual([]);
    expect(at(fields, '$.score.zone_two').categories).toEqual(['health']);
  });
});

describe('media that is not the household\'s', () => {
  it('takes a file name as media only when it names a picture, a video or a sound', () => {
    const fields = classifyJson({ log: { filename: '20250115' }, PPG_LOG_FILE: { name: 'PPG_LOG_FILE' }, match: { filename: 'dcb772de.jpg' } });
    expect(at(fields, '$.log.filename').categories).toEqual([]);
    expect(at(fields, '$.PPG_LOG_FILE.name').categories).toEqual([]);
    expect(at(fields, '$.match.filename').categories).toEqual(['media']);
  });

  it('reads a product\'s picture as the vendor\'s, and a camera\'s picture as media', () => {
    const fields = classifyJson({
      tile: { product: 'MATE_2020', archetype: 'KEYS', image_url: 'https://cdn.example.com/tiles/mate.jpeg' },
      vehicle: { make: { name: 'Ford', logo: { '@2x': 'https://cdn.example.com/ford@2x.png' } }, image: { '@1x': 'https://cdn.example.com/focus.png' } },
      camera: { model: 'VMC4030', lastImageUrl: 'https://cams.example.com/last.jpg', image_url: 'https://cams.example.com/frame.jpg' },
    });
    expect(at(fields, '$.tile.image_url').categories).toEqual([]);
    expect(by(at(fields, '$.tile.image_url'))).toEqual([]);
    expect(bySegments(fields, 'vehicle', 'make', 'logo', '@2x').categories).toEqual([]);
    expect(bySegments(fields, 'vehicle', 'image', '@1x').categories).toEqual([]);
    expect(at(fields, '$.camera.lastImageUrl').categories).toEqual(['media']);
  });
});

describe('an app is not a person', () => {
  it('reads client_id in an OAuth exchange as the app\'s registration, and a client id alone as before', () => {
    const exchange = classifyJson({ client_id: '22942C', grant_type: 'refresh_token', refresh_token: 'abc' });
    expect(at(exchange, '$.client_id').categories).toEqual([]);
    const alone = classifyJson({ oauthClientId: '0b4f1f2e-7c2a-4a6b-9d55-0c1a3d9e8f11' });
    expect(at(alone, '$.oauthClientId').categories).toEqual(['personal']);
  });
});

describe('a place in a habit', () => {
  it('reads a place inside a trip as the place, and the rest of the trip as behaviour', () => {
    const fields = classifyJson({ trips: [{ startTime: '2024-01-01T08:00:00Z', startLocationName: 'Main Street 1', mileage: 12, waypoints: [{ distanceToNextWaypointInKm: 3.2, coordinates: { latitude: 52.1, longitude: 4.3 } }] }] });
    expect(at(fields, '$.trips[0].startLocationName').categories).toEqual(['location']);
    expect(at(fields, '$.trips[0].waypoints[0].coordinates.latitude').categories).toEqual(['location']);
    expect(at(fields, '$.trips[0].mileage').categories).toEqual(['behaviour']);
    expect(at(fields, '$.trips[0].waypoints[0].distanceToNextWaypointInKm').categories).toContain('behaviour');
  });
});
