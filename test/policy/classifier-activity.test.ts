import { describe, expect, it } from 'vitest';
import { decidedBy } from '../../src/policy/classifier/index.js';
import { at, classifyJson } from '../helpers/classify-json.js';


/** Signals that read what a person did or set by the shape of a record (activity-records.ts). */
describe('activity-span', () => {
  it('takes the start, end and duration of a record of something done as behaviour, whatever the vendor calls it', () => {
    const fields = classifyJson({
      runs: [{ id: 7, kickoffStartStamp: '2024-03-02T06:10:00Z', kickoffEndStamp: '2024-03-02T06:55:00Z', wobbleDuration: 2700, power: 12 }],
    });
    expect(at(fields, '$.runs[0].kickoffStartStamp').categories).toEqual([]); // no time head word: not read
    const timed = classifyJson({ runs: [{ id: 7, begin: 1709359800, end: 1709362500, duration: 2700, power: 12 }] });
    expect(at(timed, '$.runs[0].begin').categories).toEqual(['behaviour']);
    expect(at(timed, '$.runs[0].end').categories).toEqual(['behaviour']);
    expect(at(timed, '$.runs[0].duration').categories).toEqual(['behaviour']);
    expect(decidedBy(at(timed, '$.runs[0].begin').findings ?? [])).toEqual(['activity-span']);
    expect(at(timed, '$.runs[0].begin').explanation).toContain('a record with a start and an end');
    expect(at(timed, '$.runs[0].id').categories).toEqual([]);
    expect(at(timed, '$.runs[0].power').categories).toEqual([]);
  });

  it('takes quiet hours the user set (start and end hours) as behaviour, but not a slot switched off', () => {
    const set = classifyJson({ start_hour: 22, start_minute: 0, end_hour: 7, end_minute: 0, enabled: 1 });
    expect(at(set, '$.start_minute').categories).toEqual(['behaviour']);
    expect(at(set, '$.end_hour').categories).toEqual(['behaviour']);
    const off = classifyJson({ start_hour: 22, start_minute: 0, end_hour: 7, end_minute: 0, enabled: false });
    expect(at(off, '$.start_hour').categories).toEqual([]);
  });

  it('does not read a start alone, positions in a text or a stream, a data point or a daily window as an act', () => {
    expect(at(classifyJson({ job: { start: '2024-03-02T06:10:00Z', name: 'x' } }), '$.job.start').categories).toEqual([]);
    const entity = classifyJson({ entities: [{ entity: 'room', start: 0, end: 7 }] });
    expect(at(entity, '$.entities[0].start').categories).toEqual([]);
    const words = classifyJson({ result: [{ word: 'x', start: 3.45, end: 4.26 }] });
    expect(at(words, '$.result[0].end').categories).toEqual([]);
    const point = classifyJson({ point: [{ startTimeNanos: '1397513334728708316', endTimeNanos: '1397513365565713993', value: [{ intVal: 3 }] }] });
    expect(at(point, '$.point[0].startTimeNanos').categories).toEqual([]);
    const day = classifyJson({ startTimestampGMT: '2026-01-07T06:00:00.0', endTimestampGMT: '2026-01-08T06:00:00.0' });
    expect(at(day, '$.startTimestampGMT').categories).toEqual([]);
    const place = classifyJson({ start_latitude: 37.781076, end_latitude: 37.7782, elapsed_time: 300 });
    expect(at(place, '$.start_latitude').categories).not.toContain('behaviour');
  });

  it.each([
    ['seconds into a recording written as text', { items: [{ start_time: '0.54', end_time: '1.03', content: 'x' }] }, '$.items[0].start_time', []],
    ['a metering interval', { results: [{ consumption: 0.187, interval_start: '2026-05-25T22:30:00+01:00', interval_end: '2026-05-25T23:00:00+01:00' }] }, '$.results[0].interval_start', []],
    ['a subscription\'s end beside a start', { begin_date: '2019-04-19T19:43:32Z', sub_end_date: '2023-02-28', battery: 58 }, '$.sub_end_date', []],
    ['seconds past ten into a recording', { items: [{ start_time: '10.34', end_time: '10.98', content: 'x' }] }, '$.items[0].end_time', []],
    ['a clock with a colon', { start_time: '22:30', end_time: '06:45', enabled: true }, '$.start_time', ['behaviour']],
    ['an epoch written as a decimal text', { start: '1709359800.5', end: '1709362500.25' }, '$.end', ['behaviour']],
  ])('reads %s by its value and words', (_what, body, path, expected) => {
    expect(at(classifyJson(body), path).categories).toEqual(expected);
  });
});

describe('weekly-schedule', () => {
  it('takes the weekday flags and times of a weekly plan as behaviour', () => {
    const fields = classifyJson({ tasks: [{ start: 1140, duration: 300, monday: true, tuesday: false, wednesday: true, zoneId: 4 }] });
    expect(at(fields, '$.tasks[0].monday').categories).toEqual(['behaviour']);
    expect(at(fields, '$.tasks[0].start').categories).toEqual(['behaviour']);
    expect(at(fields, '$.tasks[0].monday').explanation).toContain('3 weekdays');
    expect(at(fields, '$.tasks[0].zoneId').categories).toEqual([]);
    const two = classifyJson({ tasks: [{ start: 1140, monday: true, tuesday: false }] });
    expect(at(two, '$.tasks[0].monday').categories).toEqual([]);
  });
});

describe('activity-quantity', () => {
  it('takes the durations and distances or energy of a record that has both as behaviour, not either alone', () => {
    const fields = classifyJson({
      splits: [{ distance: 1001.2, elapsed_time: 318, moving_time: 310, split: 1 }],
      charges: [{ id: 2, kwh_used: 2.8, duration: 1444 }],
      track: { title: 'Song', duration: 347 },
      car: { distance_to_empty: 290, trip_duration: 30 },
    });
    expect(at(fields, '$.splits[0].distance').categories).toEqual(['behaviour']);
    expect(at(fields, '$.splits[0].moving_time').categories).toEqual(['behaviour']);
    expect(decidedBy(at(fields, '$.splits[0].moving_time').findings ?? [])).toEqual(['activity-quantity']);
    expect(at(fields, '$.charges[0].kwh_used').categories).toEqual(['behaviour']);
    expect(at(fields, '$.charges[0].id').categories).toEqual([]);
    expect(at(fields, '$.track.duration').categories).toEqual([]);
    expect(at(fields, '$.car.distance_to_empty').categories).toEqual([]);
    const workout = classifyJson({ workouts: [{ start: '2021-12-24 08:02:43 +0800', end: '2021-12-24 08:21:53 +0800', elevation: { ascent: 16.4, units: 'm' } }] });
    expect(at(workout, '$.workouts[0].elevation.ascent').categories).toEqual(['behaviour']);
    expect(at(workout, '$.workouts[0].elevation.units').categories).toEqual([]);
  });
});

describe('act-count', () => {
  it('takes a count of an act as behaviour, and other counts not', () => {
    const fields = classifyJson({ clean_count: 31, pir_total: 40, event_num: 3, all_ride_totals: { count: 266 }, record_count: 4, voltage_sag_count: 1, page: { count: 2 } });
    expect(at(fields, '$.clean_count').categories).toEqual(['behaviour']);
    expect(at(fields, '$.pir_total').categories).toEqual(['behaviour']);
    expect(at(fields, '$.event_num').categories).toEqual(['behaviour']);
    expect(at(fields, '$.all_ride_totals.count').categories).toEqual(['behaviour']);
    expect(at(fields, '$.all_ride_totals.count').explanation).toContain('a count of "ride"');
    expect(decidedBy(at(fields, '$.clean_count').findings ?? [])).toEqual(['act-count']);
    expect(at(fields, '$.record_count').categories).toEqual([]);
    expect(at(fields, '$.voltage_sag_count').categories).toEqual([]);
    expect(at(fields, '$.page.count').categories).toEqual([]);
  });
});

describe('set-time', () => {
  it('takes a time of day on the hour grid as a time somebody set, not a clock reading, a length or another key', () => {
    const fields = classifyJson({
      left: { monday: { power: { on: '20:00', off: '08:00' } } },
      sc: { d: [['11:00', 165, 0]] },
      clock: { tm: '19:43:38' },
      current_time: '14:53',
      hlsDuration: '00:19',
      macAddress: '12:22',
    });
    expect(at(fields, '$.left.monday.power.on').categories).toEqual(['behaviour']);
    expect(decidedBy(at(fields, '$.left.monday.power.on').findings ?? [])).toEqual(['set-time']);
    expect(at(fields, '$.sc.d[0][0]').categories).toEqual(['behaviour']);
    expect(at(fields, '$.clock.tm').categories).toEqual([]);
    expect(at(fields, '$.current_time').categories).toEqual([]);
    expect(at(fields, '$.hlsDuration').categories).toEqual([]);
    expect(at(fields, '$.macAddress').categories).toEqual(['device']);
  });

  it.each([
    ['07:00 am', ['behaviour']],
    ['11:30PM', ['behaviour']],
    ['7:15 p.m.', ['behaviour']],
    ['11:42:17 pm', []], // a clock reading: its seconds
    ['13:00 pm', []], // no 12-hour clock
  ])('reads %s on a 12-hour clock as a time somebody set, or not', (value, expected) => {
    expect(at(classifyJson({ breakfast: value, tz: 'Etc/UTC' }), '$.breakfast').categories).toEqual(expected);
  });

  it.each([
    [{ hours: { monday: { open: '9:00 am', close: '6:00 pm' } } }, '$.hours.monday.open', []],
    [{ opening_hours: [{ day: 1, from: '08:00', to: '18:00' }] }, '$.opening_hours[0].from', []],
    [{ quiet_hours: { from: '22:00', to: '07:00' } }, '$.quiet_hours.from', ['behaviour']],
  ])('does not read a business\'s opening hours as a time somebody set (%j)', (body, path, expected) => {
    expect(at(classifyJson(body), path).categories).toEqual(expected);
  });
});

describe('people-list', () => {
  it('takes who is named in a household\'s list beside the reader\'s own identity as a third party, and their devices not', () => {
    // The household's users alone are the owner's own (docs/CORPUS.md); the account's e-mail apart from them makes them others.
    const household = { users: [{ id: 1234566, role: 'admin', user: { id: 1234566, name: 'Ann' }, devices: [{ id: 'AB12CD34EF' }] }, { id: 5555555, user: { id: 5555555, name: 'Bo' } }] };
    const own = classifyJson({ household });
    expect(at(own, '$.household.users[1].user.name').categories).toEqual(['personal']);
    const fields = classifyJson({ account: { email: 'ann@example.org' }, household });
    expect(at(fields, '$.household.users[1].user.name').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.household.users[0].id').categories).toContain('third_party');
    expect(decidedBy(at(fields, '$.household.users[0].id').findings ?? [])).toContain('people-list');
    expect(at(fields, '$.household.users[0].id').explanation).toContain('list of 2 people');
    expect(at(fields, '$.household.users[0].role').categories).not.toContain('third_party');
    expect(at(fields, '$.household.users[0].devices[0].id').categories).not.toContain('third_party');
  });

  it('takes one user as the owner, but an invitation as somebody else, and names in a list of subjects as people', () => {
    const one = classifyJson({ users: [{ id: 1234566, name: 'Ann' }] });
    expect(at(one, '$.users[0].name').categories).not.toContain('third_party');
    const invite = classifyJson({ invites: [{ id: 133372, email_address: 'bo@example.org', user: { acceptor: { id: 5555555 } } }] });
    expect(at(invite, '$.invites[0].email_address').categories).toEqual(['personal', 'third_party']);
    expect(at(invite, '$.invites[0].user.acceptor.id').categories).toContain('third_party');
    expect(at(invite, '$.invites[0].id').categories).not.toContain('third_party');
    expect(at(invite, '$.invites[0].email_address').explanation).toContain('invitation');
    const subjects = classifyJson({ subjects: ['Ann', 'Bo'] });
    expect(at(subjects, '$.subjects[0]').categories).toEqual(['personal']);
    const recipients = classifyJson({ message: 'see you at 6', recipients: ['+4915112345678'] });
    expect(at(recipients, '$.recipients[0]').categories).toEqual(['personal', 'third_party']);
  });

  it('adds third_party to what else the entry of a person carries, but never makes a field personal data by itself', () => {
    const fields = classifyJson({
      profile: { email: 'quentin@example.org' },
      users: [
        { id: 'u-1', avatar: 'https://cdn.example.org/a/1.png', appleId: 'ann@example.org', location: { lat: 52.52, lon: 13.405 }, batteryLevel: 80, devices: [{ mac: '00:11:22:33:44:55' }] },
        { id: 'u-2', avatar: 'https://cdn.example.org/a/2.png', appleId: 'bo@example.org', location: { lat: 52.5, lon: 13.4 }, batteryLevel: 40, devices: [] },
      ],
    });
    // The avatar is personal for what it is (a picture of a person, person-pictures.ts), not for the list it is in.
    expect(at(fields, '$.users[0].avatar').categories).toEqual(['personal', 'media', 'third_party']);
    expect(at(fields, '$.users[1].appleId').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.users[0].location.lat').categories).toEqual(['location', 'third_party']);
    expect(at(fields, '$.users[0].location.lat').explanation).toContain('in the entry of one of 2 people');
    expect(at(fields, '$.users[0].batteryLevel').categories).toEqual([]);
    expect(at(fields, '$.users[0].devices[0].mac').categories).not.toContain('third_party');
    // A map keyed by a record's parts is one user's record, not a map of people.
    const parts = classifyJson({ users: { vehicle: { id: 'v-1', name: 'Red car' }, unit: { id: 'u-9', name: 'Drive' } } });
    // (the parser templates the map's keys under "users": `$.users.{personal}.id`)
    expect(at(parts, '$.users.{personal}.id').categories).toEqual(['device']);
    expect(at(parts, '$.users.{personal}.name').categories).toEqual([]);
    // What a camera's event log holds besides who was seen is the camera's.
    const events = classifyJson({ events: [{ type: 'person', id: 'e1', camera_id: '70:ee:50:00:00:01' }, { type: 'person', id: 'e2', camera_id: '70:ee:50:00:00:01' }] });
    expect(at(events, '$.events[0].camera_id').categories).toEqual(['device']);
  });
});

describe('media-record and media-in-text', () => {
  it('takes a file name, path or content hash in a record named for a picture as media, not its sizes or a placeholder word', () => {
    const fields = classifyJson({ pet: { photo: { id: 623733, hash: 'UCcarrDHzX0MkjEORQqCXNLKx9', title: 'portrait-2.heic', width: 640 }, image: { name: 'file' } } });
    expect(at(fields, '$.pet.photo.hash').categories).toEqual(['media']);
    expect(at(fields, '$.pet.photo.title').categories).toEqual(['media']);
    expect(at(fields, '$.pet.photo.hash').explanation).toContain('a content hash');
    expect(decidedBy(at(fields, '$.pet.photo.hash').findings ?? [])).toEqual(['media-record']);
    expect(at(fields, '$.pet.photo.id').categories).toEqual([]);
    expect(at(fields, '$.pet.photo.width').categories).toEqual([]);
    expect(at(fields, '$.pet.image.name').categories).toEqual([]);
    expect(at(classifyJson({ pet: { hash: 'UCcarrDHzX0MkjEORQqCXNLKx9' } }), '$.pet.hash').categories).not.toContain('media');
  });

  it('finds a media path inside a longer text and a media file name with a query', () => {
    const fields = classifyJson({ content: '/var/lib/cams/Camera1/02-05-2022/15-25-30.mp4.thumb, 2022-02-05T15:25:30', note: 'cropped.jpg?1696346286094', doc: '/usr/share/doc/readme.txt, v2' });
    expect(at(fields, '$.content').categories).toEqual(['media']);
    expect(at(fields, '$.content').explanation).toContain('mp4 file');
    expect(at(fields, '$.note').categories).toEqual(['media']);
    expect(at(fields, '$.doc').categories).toEqual([]);
  });
});

describe('recognised-words', () => {
  it('takes the texts of a list of words with a confidence, a start and an end as what somebody said', () => {
    const words = [{ conf: 0.9, end: 4.26, start: 3.45, word: 'open' }, { conf: 1, end: 4.47, start: 4.26, word: 'garage' }];
    const fields = classifyJson({ result: words });
    // A recognised word is speech (media); the command is the utterance the words make up, not each word.
    expect(at(fields, '$.result[1].word').categories).toEqual(['media']);
    expect(at(fields, '$.result[1].word').explanation).toContain('recognised word by word');
    expect(at(fields, '$.result[1].conf').categories).toEqual([]);
    const detections = classifyJson({ objects: [{ label: 'person', score: 0.9, box: [1, 2, 3, 4] }, { label: 'car', score: 0.8, box: [1, 2, 3, 4] }] });
    // An object detector's labels are no words somebody said (a person sighted is presence: detected-person).
    expect(at(detections, '$.objects[0].label').categories).toEqual(['behaviour']);
    expect(at(detections, '$.objects[1].label').categories).toEqual([]);
    expect(at(classifyJson({ result: [words[0]] }), '$.result[0].word').categories).toEqual([]);
  });
});

describe('opening-state', () => {
  it('takes whether a door, window or trunk is open or locked as behaviour, wherever the two words are on the path', () => {
    const fields = classifyJson({
      Cabin: { Door: { Row1: { Driver: { Open: false, Lock: true } } } },
      status: { trunkOpen: false, windowOpen: { frontLeft: 0 }, doorOpenAlarmDelay: 30, signalDoor: false, doorCount: 4 },
    });
    expect(at(fields, '$.Cabin.Door.Row1.Driver.Open').categories).toEqual(['behaviour']);
    expect(at(fields, '$.Cabin.Door.Row1.Driver.Lock').explanation).toContain('whether the door is locked');
    expect(decidedBy(at(fields, '$.status.trunkOpen').findings ?? [])).toEqual(['opening-state']);
    expect(at(fields, '$.status.windowOpen.frontLeft').categories).toEqual(['behaviour']);
    expect(at(fields, '$.status.doorOpenAlarmDelay').categories).toEqual([]);
    expect(decidedBy(at(fields, '$.status.signalDoor').findings ?? [])).not.toContain('opening-state');
    expect(at(fields, '$.status.doorCount').categories).toEqual([]);
  });
});

describe('people-list, shapes decided on the other half', () => {
  it('reads a map of people keyed by name and a list of records typed as persons', () => {
    // The reader named apart (`userInfo.firstName`) makes the family's other members others.
    const map = classifyJson({ userInfo: { firstName: 'Quentin' }, membersInfo: { jt: { firstName: 'John', appleId: 'jt@example.org' }, ut: { firstName: 'Uma' } } });
    expect(at(map, '$.membersInfo.jt.firstName').categories).toEqual(['personal', 'third_party']);
    // Records typed as persons, each flagged a friend (as a fitness app's friends list).
    const typed = classifyJson({ data: [{ type: 'person', id: 'GGNJL9', attributes: { name: 'Nick', friend: true } }, { type: 'person', id: 'HHNJL9', attributes: { name: 'Alan', friend: true } }] });
    expect(at(typed, '$.data[1].id').categories).toContain('third_party');
    const pets = classifyJson({ data: [{ name: 'Maui', gender: 1 }, { name: 'Fionna', gender: 0 }] });
    expect(at(pets, '$.data[1].name').categories).not.toContain('third_party');
  });
});

describe('behaviour containers and their slots', () => {
  it('leaves a slot id and its on/off switch alone inside a schedule, but not what the slot holds', () => {
    const fields = classifyJson({ schedules: [{ id: 1, activated: false, monday: { startTime: 'T12:00Z', duration: 15 } }] });
    expect(at(fields, '$.schedules[0].id').categories).toEqual([]);
    expect(at(fields, '$.schedules[0].activated').categories).toEqual([]);
    expect(at(fields, '$.schedules[0].monday.duration').categories).toEqual(['behaviour']);
  });
});
