import { describe, expect, it } from 'vitest';
import { at, classifyJson } from '../helpers/classify-json.js';

/**
 * The ninth round for behaviour, with real-looking payloads of vendors the corpus does not hold: a habit's
 * container that describes its own limits, and what a person does named by its words.
 */
describe("a habit's container describing its limits (plan-limits.ts)", () => {
  // A cloud that describes every attribute as {value, settable, bounds, choices}, its schedule included.
  const heatPump = {
    units: [
      {
        schedule: {
          settable: true,
          value: {
            currentSchedule: { value: 'weekday-comfort', settable: true, values: ['weekday-comfort', 'weekend-eco'] },
            limits: { maxSchedules: 3, minIntervalBetweenActions: 'PT10M' },
            setpoint: { value: 21, minValue: 12, maxValue: 30, stepValue: 0.5, settable: true },
            days: { monday: [{ start: '06:30', end: '22:00' }] },
          },
        },
        history: [{ startedAt: '2025-02-10T06:31:00Z', readOnly: true }],
      },
    ],
  };

  it("leaves a schedule's access flags, bounds, choices and limits block alone", () => {
    const fields = classifyJson(heatPump);
    for (const path of [
      '$.units[0].schedule.settable',
      '$.units[0].schedule.value.currentSchedule.settable',
      '$.units[0].schedule.value.currentSchedule.values[0]',
      '$.units[0].schedule.value.limits.minIntervalBetweenActions',
      '$.units[0].schedule.value.setpoint.minValue',
      '$.units[0].schedule.value.setpoint.stepValue',
      '$.units[0].history[0].readOnly',
    ]) {
      expect(at(fields, path).categories, path).not.toContain('behaviour');
    }
  });

  it('keeps the times the schedule runs and the history it keeps', () => {
    const fields = classifyJson(heatPump);
    expect(at(fields, '$.units[0].schedule.value.days.monday[0].start').categories).toContain('behaviour');
    expect(at(fields, '$.units[0].history[0].startedAt').categories).toContain('behaviour');
  });

  it("leaves a supplier's tariff schedule alone, not the household's own", () => {
    const fields = classifyJson({
      tariffSchedule: { weekdays: { startWeekday: 'MONDAY', peakStart: '16:00' } },
      chargingSchedule: { weekdays: { startWeekday: 'MONDAY' } },
    });
    expect(at(fields, '$.tariffSchedule.weekdays.startWeekday').categories).not.toContain('behaviour');
    expect(at(fields, '$.chargingSchedule.weekdays.startWeekday').categories).toContain('behaviour');
  });

  it("keeps a trip's maximum: only a plan's bounds are limits", () => {
    const fields = classifyJson({ trips: [{ maxSpeed: 118.4, startedAt: '2025-03-01T07:58:00Z' }] });
    expect(at(fields, '$.trips[0].maxSpeed').categories).toContain('behaviour');
  });
});

describe('what somebody watched, heard or read (consumption-vocabulary.ts)', () => {
  it("reads a work's catalogue ids and a resume point as behaviour, not a sync folder's pause", () => {
    const fields = classifyJson({
      entries: [
        {
          watchedAt: '2025-01-19T21:04:00Z',
          work: { title: 'The Long Winter', externalIds: { Imdb: 'tt0903747', Tvdb: '81189' }, tmdbId: 1396 },
          resume: { playbackPositionTicks: 36000000000, isPaused: true },
        },
      ],
      sync: { folders: [{ label: 'Photos', paused: false }] },
    });
    for (const path of ['$.entries[0].watchedAt', '$.entries[0].work.externalIds.Imdb', '$.entries[0].work.externalIds.Tvdb', '$.entries[0].work.tmdbId', '$.entries[0].resume.playbackPositionTicks', '$.entries[0].resume.isPaused']) {
      expect(at(fields, path).categories, path).toContain('behaviour');
    }
    expect(at(fields, '$.sync.folders[0].paused').categories).toEqual([]);
  });
});

describe('modes a household sets when it is away or has guests', () => {
  it('reads holiday, vacation, away and party modes as behaviour, not a reminder about them', () => {
    const fields = classifyJson({
      heating: { vacationMode: true, isHolidayModeActive: { value: false }, partyMode: false },
      app: { notifications: { awayModeReminder: true } },
    });
    for (const path of ['$.heating.vacationMode', '$.heating.isHolidayModeActive.value', '$.heating.partyMode']) {
      expect(at(fields, path).categories, path).toContain('behaviour');
    }
    expect(at(fields, '$.app.notifications.awayModeReminder').categories).toEqual([]);
  });
});

describe("a played work's catalogue facts (catalogue-facts.ts)", () => {
  it('keeps what is playing and how far, not its year, genre, running time or kind', () => {
    const fields = classifyJson({
      nowPlaying: { title: 'Blue in Green', artist: 'Miles Davis', album: 'Kind of Blue', positionMs: 81200, year: 1959, genre: 'Jazz', duration: 337, discNumber: 1, type: 'music' },
      history: [{ program: 'eco 40-60', duration: 214, startedAt: '2025-02-10T06:31:00Z' }],
    });
    for (const path of ['$.nowPlaying.title', '$.nowPlaying.artist', '$.nowPlaying.positionMs']) {
      expect(at(fields, path).categories, path).toContain('behaviour');
    }
    for (const path of ['$.nowPlaying.year', '$.nowPlaying.genre', '$.nowPlaying.duration', '$.nowPlaying.discNumber', '$.nowPlaying.type']) {
      expect(at(fields, path).categories, path).not.toContain('behaviour');
    }
    // A washer's history keeps its running time: only playing and watching have a catalogue.
    expect(at(fields, '$.history[0].duration').categories).toContain('behaviour');
  });
});

describe('when a person last signed in (sign-ins.ts)', () => {
  it("reads a person's last sign-in and last-seen times as behaviour", () => {
    const fields = classifyJson({
      account: { firstName: 'Maren', email: 'maren@example.org', lastLoginDate: '2025-02-11T07:12:09Z', createdAt: '2021-06-01T10:00:00Z' },
      sessions: [{ username: 'maren', lastSeen: '2025-02-11T07:40:02Z', lastSeenRemoteAddress: '203.0.113.7' }],
    });
    expect(at(fields, '$.account.lastLoginDate').categories).toContain('behaviour');
    expect(at(fields, '$.sessions[0].lastSeen').categories).toContain('behaviour');
    expect(at(fields, '$.account.createdAt').categories).not.toContain('behaviour');
  });

  it("leaves a device's last-seen time alone, even beside its owner's e-mail", () => {
    const fields = classifyJson({
      devices: [{ serialNumber: 'PA-8841-02', ownerEmail: 'maren@example.org', last_seen: 1667666162 }],
      node: { hostname: 'maren-laptop', user: 'maren@example.org', lastSeen: '2025-02-11T07:40:02Z' },
    });
    expect(at(fields, '$.devices[0].last_seen').categories).not.toContain('behaviour');
    expect(at(fields, '$.node.lastSeen').categories).not.toContain('behaviour');
  });

  it.each([
    [{ user: { locale: 'en-US', lastSeen: '2018-01-05T21:36:04Z' } }, '$.user.lastSeen', true],
    [{ persons: [{ id: 'p1', last_seen: 1557071156 }] }, '$.persons[0].last_seen', true],
    [{ members: [{ role: 'admin', lastLoginAt: '2025-02-11T07:12:09Z' }] }, '$.members[0].lastLoginAt', true],
    [{ lights: [{ id: 'd073d5', last_seen: '2019-02-25T23:40:40Z' }] }, '$.lights[0].last_seen', false],
    [{ users: [{ serialNumber: 'PA-8841-02', last_seen: 1667666162 }] }, '$.users[0].last_seen', false], // a machine's sibling wins
    [{ persons: [{ id: 'p1', first_seen: '2025-01-01T10:00:00Z' }] }, '$.persons[0].first_seen', true], // a person's first visit
    [{ user: { email: 'maren@example.org', firstLoginDate: '2021-06-01T10:00:00Z' } }, '$.user.firstLoginDate', false], // the account made
  ])('reads a record named for people as a person\'s (%j)', (body, path, person) => {
    expect(at(classifyJson(body), path).categories.includes('behaviour')).toBe(person);
  });
});

describe('time a wearer spent still or active', () => {
  it("reads sedentary, inactive and non-wear time as behaviour, not a robot's active time", () => {
    const fields = classifyJson({
      day: { date: '2025-02-10', sedentary_time: 30240, inactive_time: 2810, non_wear_time: 1200, longest_idle_time: 5400 },
      vacuum: { activeTime: 5400, firmware: '02.15.68' },
    });
    for (const path of ['$.day.sedentary_time', '$.day.inactive_time', '$.day.non_wear_time', '$.day.longest_idle_time']) {
      expect(at(fields, path).categories, path).toContain('behaviour');
    }
    expect(at(fields, '$.vacuum.activeTime').categories).toEqual([]);
  });
});

describe('how a person is moving (motion-activities.ts)', () => {
  it("reads driving, transit and the recognised activity as behaviour, not a stride measured walking", () => {
    const fields = classifyJson({
      member: { isDriving: '1', inTransit: '0', userActivity: 'in_vehicle' },
      profile: { strideLengthWalking: 74.2 },
    });
    for (const path of ['$.member.isDriving', '$.member.inTransit', '$.member.userActivity']) {
      expect(at(fields, path).categories, path).toContain('behaviour');
    }
    expect(at(fields, '$.profile.strideLengthWalking').categories).not.toContain('behaviour');
  });
});

describe('the state of a presence written as one key (habit-states.ts)', () => {
  it("reads an occupancy or motion status as behaviour, not an account's or a shutter's state", () => {
    const fields = classifyJson({
      areas: [{ href: '/area/12', OccupancyStatus: 'Occupied', motionState: 'inactive' }],
      account: { userStatus: 'ACTIVE' },
      shutter: { MovingState: 'stopped' },
    });
    expect(at(fields, '$.areas[0].OccupancyStatus').categories).toContain('behaviour');
    expect(at(fields, '$.areas[0].motionState').categories).toContain('behaviour');
    expect(at(fields, '$.account.userStatus').categories).not.toContain('behaviour');
    expect(at(fields, '$.shutter.MovingState').categories).not.toContain('behaviour');
  });
});

describe("an assistant's recognised intent", () => {
  it('reads the display name of the intent a person spoke as behaviour, not its other names', () => {
    const fields = classifyJson({
      queryResult: { intent: { displayName: 'Turn on lights', isFallback: false }, languageCode: 'en' },
      device: { displayName: 'Kitchen speaker' },
    });
    expect(at(fields, '$.queryResult.intent.displayName').categories).toEqual(['behaviour']);
    expect(at(fields, '$.device.displayName').categories).not.toContain('behaviour');
  });
});
