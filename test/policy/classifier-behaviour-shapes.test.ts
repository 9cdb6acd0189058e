import { describe, expect, it } from 'vitest';
import { decidedBy } from '../../src/policy/classifier/index.js';
import { parseQuery } from '../../src/payload/index.js';
import { classifyPayload } from '../../src/policy/classifier/index.js';
import { at, classifyJson } from '../helpers/classify-json.js';

/**
 * Detectors of the sixth round for behaviour and location, each read from the shape of a record or from
 * a value that speaks for itself (playing-records.ts, opening-values.ts, detected-people.ts,
 * place-placeholders.ts, fix-companions.ts, weekday-masks.ts), and the small rules beside them.
 */
describe('playing-record', () => {
  it('takes the title, parts, ids and locators of a record naming a recording by two parts as behaviour', () => {
    const fields = classifyJson({
      player: { state: 'play', volume: 31 },
      item: { title: 'Clair de Lune', artist: 'Claude Debussy', album: 'Suite bergamasque', albumId: 'alb-55821', artUrl: 'https://cdn.example.net/art/55821.png', trackUri: 'x-sonos-http:track%3a77.mp3', duration: 301, kind: 'track' },
    });
    for (const path of ['$.item.title', '$.item.artist', '$.item.album', '$.item.albumId', '$.item.artUrl']) {
      expect(at(fields, path).categories).toContain('behaviour');
    }
    expect(decidedBy(at(fields, '$.item.title').findings ?? [])).toEqual(['playing-record']);
    expect(at(fields, '$.item.title').explanation).toContain('album and artist');
    expect(at(fields, '$.item.duration').categories).toEqual([]);
    expect(at(fields, '$.item.kind').categories).toEqual([]);
    expect(at(fields, '$.player.volume').categories).toEqual([]);
  });

  it('reads MPRIS and UPnP keys, and leaves a title without a recording alone', () => {
    const mpris = classifyJson({ metadata: { 'xesam:title': 'Teardrop', 'xesam:artist': 'Massive Attack', 'mpris:length': 331000000 } });
    expect(at(mpris, '$.metadata["xesam:title"]').categories).toEqual(['behaviour']);
    expect(at(mpris, '$.metadata["mpris:length"]').categories).toEqual([]);
    const scene = classifyJson({ scene: { title: 'Movie night', icon: 'film' } });
    expect(at(scene, '$.scene.title').categories).toEqual([]);
    const photos = classifyJson({ album: { title: 'Holidays', count: 41 } });
    expect(at(photos, '$.album.title').categories).toEqual([]);
  });
});

describe('opening-value', () => {
  it('takes a door, window or lid whose value says open, closed or vented as behaviour', () => {
    const fields = classifyJson({ body: { doors: 'CLOSED', tailgate: 'OPEN', windowRearRightStatus: 'VENTED', hoodPosition: 'UNKNOWN', sunroof: 'DOOR_AJAR' } });
    expect(at(fields, '$.body.doors').categories).toEqual(['behaviour']);
    expect(at(fields, '$.body.tailgate').categories).toEqual(['behaviour']);
    expect(at(fields, '$.body.windowRearRightStatus').categories).toEqual(['behaviour']);
    expect(at(fields, '$.body.hoodPosition').categories).toEqual(['behaviour']);
    expect(decidedBy(at(fields, '$.body.windowRearRightStatus').findings ?? [])).toEqual(['opening-value']);
  });

  it('takes a status holding a lock state as behaviour, not a setting or a door named by a letter', () => {
    expect(at(classifyJson({ lockStatus: { boltState: 'unlocked' } }), '$.lockStatus.boltState').categories).toEqual(['behaviour']);
    expect(at(classifyJson({ device: { connectionStatus: 'online' } }), '$.device.connectionStatus').categories).toEqual([]);
    expect(at(classifyJson({ doorAlarmDelay: 30, doorLedColor: 'green' }), '$.doorLedColor').categories).toEqual([]);
    const connectors = classifyJson({ connectors: [{ id: 1, door: 'B', power: 7200 }] });
    expect(at(connectors, '$.connectors[0].door').categories).toEqual([]);
    // Without the veto the key's own word would read the door as behaviour.
    expect(at(classifyJson({ connectors: [{ id: 1, door: 'OPEN', power: 7200 }] }), '$.connectors[0].door').categories).toEqual(['behaviour']);
  });
});

describe('detected-person', () => {
  it('takes a sighting that names a person as behaviour, and counts of people seen', () => {
    const fields = classifyJson({
      predictions: [{ label: 'person', confidence: 0.91, x_min: 10, y_min: 12, x_max: 80, y_max: 200 }, { label: 'car', confidence: 0.8, x_min: 1, y_min: 2, x_max: 3, y_max: 4 }],
      counts: { person: 2, car: 1 },
    });
    expect(at(fields, '$.predictions[0].label').categories).toEqual(['behaviour']);
    expect(decidedBy(at(fields, '$.predictions[0].label').findings ?? [])).toEqual(['detected-person']);
    expect(at(fields, '$.predictions[1].label').categories).toEqual([]);
    expect(at(fields, '$.counts.person').categories).toEqual(['behaviour']);
    expect(at(fields, '$.counts.car').categories).toEqual([]);
    const event = classifyJson({ events: [{ type: 'human', time: 1733472000, camera_id: 'front' }] });
    expect(at(event, '$.events[0].type').categories).toContain('behaviour');
  });

  it('does not read a record typed "person" with no time, score or box as a sighting', () => {
    const friends = classifyJson({ data: [{ type: 'person', id: 'QX81', attributes: { name: 'Kim' } }] });
    expect(at(friends, '$.data[0].type').categories).not.toContain('behaviour');
    const account = classifyJson({ customer: { customerType: 'PERSON', since: '2021-02-01T00:00:00Z' } });
    expect(at(account, '$.customer.customerType').categories).not.toContain('behaviour');
  });
});

describe('no-place', () => {
  it('vetoes a bare place key holding a placeholder, a letter, a whole number or an API reference', () => {
    const fields = classifyJson({ Position: 'Unknown', pos: 'r', Location: 0, unit: { location: '/v2/sites/48211/' }, home: { location: 'Kitchen' } });
    expect(at(fields, '$.Position').categories).toEqual([]);
    expect(at(fields, '$.pos').categories).toEqual([]);
    expect(at(fields, '$.Location').categories).toEqual([]);
    expect(at(fields, '$.unit.location').categories).toEqual([]);
    expect(at(fields, '$.Position').explanation ?? '').toBe('');
    expect(at(fields, '$.home.location').categories).toEqual(['location']);
  });

  it('leaves coordinates and fractions alone', () => {
    const fields = classifyJson({ position: { lat: 52.520008, lon: 13.404954 }, location: 52.52 });
    expect(at(fields, '$.position.lat').categories).toEqual(['location']);
    expect(at(fields, '$.location').categories).toEqual(['location']);
  });
});

describe('fix-companion', () => {
  it('takes heading, speed, altitude and accuracy beside a latitude and longitude as location', () => {
    const fields = classifyPayload({ format: 'form', fields: parseQuery('lat=48.137154&lon=11.576124&dir=212.5&spd_kph=3.6&hdop=0.9&batt=71'), opaqueReason: undefined });
    const byKey = (key: string) => fields.find((f) => f.field.key === key);
    expect(byKey('dir')?.categories).toEqual(['location']);
    expect(byKey('spd_kph')?.categories).toEqual(['location']);
    expect(byKey('hdop')?.categories).toEqual(['location']);
    expect(byKey('batt')?.categories).toEqual([]);
    expect(decidedBy(byKey('dir')?.findings ?? [])).toContain('fix-companion');
  });

  it('does not read a direction without a position, a limit or a workout sum', () => {
    expect(at(classifyJson({ fan: { direction: 1, speed: 3 } }), '$.fan.direction').categories).toEqual([]);
    const ride = classifyJson({ latitude: 45.1, longitude: 7.6, maxSpeed: 30, total_elevation_gain: 410 });
    expect(at(ride, '$.maxSpeed').categories).not.toContain('location');
    expect(at(ride, '$.total_elevation_gain').categories).not.toContain('location');
  });
});

describe('weekday-mask', () => {
  it('takes the days of the week of a plan as one number as behaviour', () => {
    expect(at(classifyJson({ pin: { weekDays: 31, alias: 'Cleaner' } }), '$.pin.weekDays').categories).toEqual(['behaviour']);
    expect(at(classifyJson({ timer: { week: 65, time: 450 } }), '$.timer.week').categories).toEqual(['behaviour']);
    expect(at(classifyJson({ report: { week: 49, total: 12 } }), '$.report.week').categories).toEqual([]);
  });
});

describe('sixth-round rules beside the detectors', () => {
  it('leaves a behaviour container\'s names and units to their own key', () => {
    const fields = classifyJson({ energyUsages: [{ name: 'Dryer', usage: 1.7, energyUnit: 'KilowattHours' }] });
    expect(at(fields, '$.energyUsages[0].usage').categories).toEqual(['behaviour']);
    expect(at(fields, '$.energyUsages[0].name').categories).toEqual([]);
    expect(at(fields, '$.energyUsages[0].energyUnit').categories).toEqual([]);
  });

  it('does not take when a record was made as the time of an event', () => {
    const fields = classifyJson({ rooms: [{ label: 'Study', creationTime: 1700000000000 }] });
    expect(at(fields, '$.rooms[0].creationTime').categories).not.toContain('behaviour');
  });

  it('reads starts_at/ends_at and an act\'s -ing time as a span', () => {
    const charge = classifyJson({ charges: [{ starts_at: '2026-05-01T20:00:00Z', ends_at: '2026-05-01T23:10:00Z', kwh_used: 9.4 }] });
    expect(at(charge, '$.charges[0].starts_at').categories).toEqual(['behaviour']);
    const session = classifyJson({ session: { start_time: 1767225600000, charging_time: 5400, energy_kwh: 11.2 } });
    expect(at(session, '$.session.charging_time').categories).toEqual(['behaviour']);
    expect(at(session, '$.session.energy_kwh').categories).toEqual(['behaviour']);
  });

  it('reads a log word glued to a qualifier as a log', () => {
    const fields = classifyJson({ events: [{ id: 'e1', subevents: [{ id: 's1', time: 1733472000, snapshot_id: 'z' }] }] });
    expect(at(fields, '$.events[0].subevents[0].time').categories).toEqual(['behaviour']);
  });
});

describe('exercise-type', () => {
  it('takes a value naming a kind of exercise under a type, sport or activity key as behaviour', () => {
    const fields = classifyJson({ sessions: [{ exerciseType: 'EXERCISE_TYPE_BIKING', start: '2026-04-02T06:00:00Z' }], last: { sport_type: 'TrailRun', type: 'Run' } });
    expect(at(fields, '$.sessions[0].exerciseType').categories).toEqual(['behaviour']);
    expect(at(fields, '$.last.type').categories).toEqual(['behaviour']);
    expect(decidedBy(at(fields, '$.last.type').findings ?? [])).toEqual(['exercise-type']);
    // What somebody did is the value; explanations reach the ledger, so they never name it.
    expect(at(fields, '$.last.type').explanation?.toLowerCase()).not.toContain('run');
    expect(at(fields, '$.sessions[0].exerciseType').explanation?.toLowerCase()).not.toContain('bik');
    const workouts = classifyJson({ workouts: [{ name: 'Outdoor Walking', duration: 1800 }] });
    expect(at(workouts, '$.workouts[0].name').categories).toContain('behaviour');
  });

  it('leaves other types and names alone', () => {
    const fields = classifyJson({ device: { type: 'plug', name: 'Walking pad plug' }, job: { type: 'RUN_ONCE_EXPORT' } });
    expect(at(fields, '$.device.name').categories).not.toContain('behaviour');
    expect(at(fields, '$.job.type').categories).toEqual([]);
  });
});

describe('odometer', () => {
  it('takes an odometer or mileage as behaviour, wherever the word sits, but not its unit or a service interval', () => {
    const fields = classifyJson({ car: { odometerKm: 48211, odo: { value: 48211, unit: 'km' }, odometerServiceInterval: 15000, mileage: '29957' } });
    expect(at(fields, '$.car.odometerKm').categories).toEqual(['behaviour']);
    expect(at(fields, '$.car.odo.value').categories).toEqual(['behaviour']);
    expect(at(fields, '$.car.mileage').categories).toEqual(['behaviour']);
    expect(at(fields, '$.car.odo.unit').categories).toEqual([]);
    expect(at(fields, '$.car.odometerServiceInterval').categories).toEqual([]);
  });
});

describe('api-verb', () => {
  it('vetoes a top-level action naming a data operation of the API, not a command to a device', () => {
    const query = (q: string) => classifyPayload({ format: 'form', fields: parseQuery(q), opaqueReason: undefined });
    const read = query('action=getsummary&userid=29');
    expect(read.find((f) => f.field.key === 'action')?.categories).toEqual([]);
    const unlock = query('action=unlock&lock=front');
    expect(unlock.find((f) => f.field.key === 'action')?.categories).toEqual(['behaviour']);
  });
});
