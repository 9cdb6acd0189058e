import { describe, expect, it } from 'vitest';
import { at, classifyJson } from '../helpers/classify-json.js';

/**
 * The eighth round for behaviour: machine state told from what a person does, with real-looking payloads of
 * vendors the corpus does not hold (a GraphQL vehicle API, an air conditioner's and a heat pump's schedules).
 */
describe('type annotations', () => {
  it("never reads GraphQL's __typename as data, however personal its record", () => {
    const fields = classifyJson({
      data: {
        vehicle: {
          __typename: 'VehicleState',
          liftgateLocked: { __typename: 'TimeStampedString', timeStamp: '2025-03-02T18:40:11.210Z', value: 'unlocked' },
          position: { __typename: 'GeoPoint', latitude: 52.3702, longitude: 4.8952 },
        },
      },
    });
    expect(at(fields, '$.data.vehicle.liftgateLocked.value').categories).toContain('behaviour');
    expect(at(fields, '$.data.vehicle.position.latitude').categories).toContain('location');
    for (const path of ['$.data.vehicle.__typename', '$.data.vehicle.liftgateLocked.__typename', '$.data.vehicle.position.__typename']) {
      expect(at(fields, path).categories, path).toEqual([]);
    }
  });

  it("leaves a state's report time alone when only a type annotation sits beside its value, and a calibration is no state", () => {
    const fields = classifyJson({
      data: {
        vehicleState: {
          doorRearLeftClosed: { __typename: 'TimeStampedString', timeStamp: '2025-03-02T18:40:11.210Z', value: 'open' },
          windowRearLeftCalibrated: { __typename: 'TimeStampedString', timeStamp: '2025-03-02T18:40:11.210Z', value: 'Calibrated' },
        },
      },
    });
    expect(at(fields, '$.data.vehicleState.doorRearLeftClosed.value').categories).toContain('behaviour');
    expect(at(fields, '$.data.vehicleState.doorRearLeftClosed.timeStamp').categories).toEqual([]);
    expect(at(fields, '$.data.vehicleState.windowRearLeftCalibrated.value').categories).toEqual([]);
    expect(at(fields, '$.data.vehicleState.windowRearLeftCalibrated.timeStamp').categories).toEqual([]);
  });
});

describe('what a plan sets', () => {
  const airConditioner = {
    schedules: [
      {
        id: 'kq3Fz9',
        isEnabled: true,
        recurringDays: ['Monday', 'Wednesday', 'Friday'],
        targetTimeLocal: '06:45',
        acState: { on: true, mode: 'cool', fanLevel: 'auto', targetTemperature: 23, temperatureUnit: 'C', swing: 'rangeFull' },
      },
    ],
    timers: [{ startAt: '2025-07-14T22:30:00', fanMode: 'low', settings: { power: 'off', light: 'on' } }],
  };

  it('keeps the days and times of a schedule as behaviour', () => {
    const fields = classifyJson(airConditioner);
    expect(at(fields, '$.schedules[0].recurringDays[0]').categories).toContain('behaviour');
    expect(at(fields, '$.schedules[0].targetTimeLocal').categories).toContain('behaviour');
    expect(at(fields, '$.timers[0].startAt').categories).toContain('behaviour');
  });

  it('leaves the state a schedule sets to the device: its record (acState, settings) and Matter attribute heads', () => {
    const fields = classifyJson(airConditioner);
    for (const path of [
      '$.schedules[0].acState.on',
      '$.schedules[0].acState.mode',
      '$.schedules[0].acState.fanLevel',
      '$.schedules[0].acState.targetTemperature',
      '$.schedules[0].acState.swing',
      '$.timers[0].fanMode',
      '$.timers[0].settings.power',
      '$.timers[0].settings.light',
    ]) {
      expect(at(fields, path).categories, path).not.toContain('behaviour');
    }
  });

  it('still reads a record of when under a plan (a slot start) as behaviour', () => {
    const fields = classifyJson({ slots: [{ day: 2, start: { hour: 7, minute: 30 }, duration: 45 }] });
    expect(at(fields, '$.slots[0].start.hour').categories).toContain('behaviour');
  });
});

describe("a machine's reading inside a habit's record", () => {
  it("leaves a played track's format and a trip's battery to the machine, and keeps what was played and driven", () => {
    const fields = classifyJson({
      nowPlaying: {
        entry: [
          { id: '2f9c', title: 'Blue in Green', album: 'Kind of Blue', artist: 'Miles Davis', bitRate: 320, samplingRate: 44100, channelCount: 2, contentType: 'audio/mpeg', suffix: 'mp3', size: 13_404_160, minutesAgo: 3 },
        ],
      },
      trips: [{ startTime: '2025-05-02T07:41:00Z', distanceKm: 18.4, startBatteryStateOfChargeInPercent: 82, endBatteryStateOfChargeInPercent: 74, cabinTemperature: 21.5 }],
    });
    for (const path of ['$.nowPlaying.entry[0].title', '$.nowPlaying.entry[0].artist', '$.nowPlaying.entry[0].minutesAgo', '$.trips[0].startTime', '$.trips[0].distanceKm']) {
      expect(at(fields, path).categories, path).toContain('behaviour');
    }
    for (const path of [
      '$.nowPlaying.entry[0].bitRate',
      '$.nowPlaying.entry[0].samplingRate',
      '$.nowPlaying.entry[0].channelCount',
      '$.nowPlaying.entry[0].contentType',
      '$.nowPlaying.entry[0].suffix',
      '$.nowPlaying.entry[0].size',
      '$.trips[0].startBatteryStateOfChargeInPercent',
      '$.trips[0].endBatteryStateOfChargeInPercent',
      '$.trips[0].cabinTemperature',
    ]) {
      expect(at(fields, path).categories, path).not.toContain('behaviour');
    }
  });
});

describe('addresses that are no place', () => {
  it('reads an address and a port as where a service listens: network on the home LAN, never a street', () => {
    const fields = classifyJson({
      gui: { address: '192.168.1.40:8384', tls: false },
      options: { listenAddresses: ['default'], relay: { address: '127.0.0.1:22067' } },
      devices: [{ deviceID: 'peer-1', address: '10.0.0.17:22000' }],
      home: { address: '221B Baker Street' },
    });
    expect(at(fields, '$.gui.address').categories).toEqual(['network']);
    expect(at(fields, '$.devices[0].address').categories).toContain('network');
    expect(at(fields, '$.devices[0].address').categories).not.toContain('location');
    expect(at(fields, '$.options.relay.address').categories).not.toContain('location');
    expect(at(fields, '$.home.address').categories).toContain('location');
  });

  it("reads a bare location holding a two-letter country code (Matter's Basic Information) as no place", () => {
    const fields = classifyJson({
      attributes: { '0': { Basic: { vendorName: 'TEST_VENDOR', location: 'XX', nodeLabel: '' } } },
      camera: { location: 'Back garden' },
    });
    expect(at(fields, '$.attributes["0"].Basic.location').categories).toEqual([]);
    expect(at(fields, '$.attributes["0"].Basic.location').explanation).toBe('');
    expect(at(fields, '$.camera.location').categories).toContain('location');
  });
});

describe('counts of acts (schema.org Action words)', () => {
  it("reads how often the owner played, skipped or logged in as a usage history, not the audience's reactions", () => {
    const fields = classifyJson({
      song: { id: 'tr-88121', title: 'Hyperballad', play_count: 14, skipCount: 2, rating: 4 },
      account: { login_count: 311, order_number: 100234 },
      post: { comment_count: 3, kudos_count: 12 },
    });
    for (const path of ['$.song.play_count', '$.song.skipCount', '$.account.login_count']) {
      expect(at(fields, path).categories, path).toContain('behaviour');
      expect(at(fields, path).explanation, path).toContain('how often somebody did it');
    }
    for (const path of ['$.account.order_number', '$.post.comment_count', '$.post.kudos_count', '$.song.rating']) {
      expect(at(fields, path).categories, path).not.toContain('behaviour');
    }
  });
});

describe('recent-act', () => {
  const machine = {
    serialNumber: 'GS0123456',
    widgets: [
      {
        code: 'LAST_BREWS',
        output: {
          lastBrews: [
            { time: 1742535679203, extractionSeconds: 27.9, doseMode: 'Dose1' },
            { time: 1742536012000, extractionSeconds: 31.2, doseMode: 'Dose2' },
          ],
          lastErrors: [{ time: 1742400000000, code: 'E07' }],
          recentUpdates: [{ timestamp: 1742000000000, version: '3.1.2' }],
        },
      },
    ],
  };

  it('reads the time of each entry of a list of the last things somebody did as behaviour, not what each measured', () => {
    const fields = classifyJson(machine);
    const brew = at(fields, '$.widgets[0].output.lastBrews[1].time');
    expect(brew.categories).toContain('behaviour');
    expect(brew.explanation).toContain('a list of the last things somebody did');
    expect(at(fields, '$.widgets[0].output.lastBrews[0].extractionSeconds').categories).not.toContain('behaviour');
    expect(at(fields, '$.widgets[0].output.lastBrews[0].doseMode').categories).not.toContain('behaviour');
  });

  it("leaves a list of the machine's own records (errors, updates) alone", () => {
    const fields = classifyJson(machine);
    expect(at(fields, '$.widgets[0].output.lastErrors[0].time').categories).not.toContain('behaviour');
    expect(at(fields, '$.widgets[0].output.recentUpdates[0].timestamp').categories).not.toContain('behaviour');
  });
});

describe('machine-state-subject', () => {
  it("reads open, closed and locked of a valve, a sensor's wiring, a mode or a filter as the machine's state", () => {
    const fields = classifyJson({
      shutoff: { valveClosed: true, notifyWhenValveIsClosed: false },
      system: { rainSensorIsNormallyClosed: true },
      systemMode: { isLocked: false, target: 'home' },
      parental: { explicit_content: { filter_locked: true } },
      globalSettings: { maxOutputUnlocked: false, powerLimitLocked: true },
      vehicle_state: { locked: false, doorFrontLeftOpen: true },
    });
    for (const path of ['$.shutoff.valveClosed', '$.shutoff.notifyWhenValveIsClosed', '$.system.rainSensorIsNormallyClosed', '$.systemMode.isLocked',
      '$.parental.explicit_content.filter_locked', '$.globalSettings.maxOutputUnlocked', '$.globalSettings.powerLimitLocked']) {
      expect(at(fields, path).categories, path).not.toContain('behaviour');
    }
    expect(at(fields, '$.vehicle_state.locked').categories).toContain('behaviour');
    expect(at(fields, '$.vehicle_state.doorFrontLeftOpen').categories).toContain('behaviour');
  });
});
