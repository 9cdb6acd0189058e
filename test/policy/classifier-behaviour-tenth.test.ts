import { describe, expect, it } from 'vitest';
import { at, classifyJson } from '../helpers/classify-json.js';
import { itReadsBehaviour, type BehaviourCase } from '../helpers/reads-behaviour.js';

/**
 * The tenth round for behaviour recorded by the home's machines, with real-looking payloads of vendors the
 * corpus does not hold: what meters, heat pumps and chargers record of the household's life.
 */

type Case = BehaviourCase;

describe('consumption-series (consumption-series.ts)', () => {
  const cases: readonly Case[] = [
    ["a heat pump's daily history under a consumption record", { unit: { consumptionData: { gas: { hourly: [0.4, 0.2, 1.3] } } } }, '$.unit.consumptionData.gas.hourly[1]', true],
    ["a list of buckets beside the day's total consumption", { totalConsumption: 3.2, data: [{ startDate: '2025-01-04T00:00:00Z', value: 1.2 }] }, '$.data[0].value', true],
    ["a meter report's deltas", { Consumption: { ReportValues: [{ Timestamp: 1765058400, Delta: 0.2, ValuesType: 1 }] } }, '$.Consumption.ReportValues[0].Delta', true],
    ["a meter report's entry time is when, not how much", { Consumption: { ReportValues: [{ Timestamp: 1765058400, Delta: 0.2, ValuesType: 1 }] } }, '$.Consumption.ReportValues[0].Timestamp', false],
    ["a meter report's entry type is which, not how much", { Consumption: { ReportValues: [{ Timestamp: 1765058400, Delta: 0.2, ValuesType: 1 }] } }, '$.Consumption.ReportValues[0].ValuesType', false],
    ['a series of what the panels produced', { production: { daily: [3.1, 2.2, 4.7] } }, '$.production.daily[0]', false],
    ["what the household's panels supplied to itself", { selfConsumption: { daily: [1.5, 2.5] } }, '$.selfConsumption.daily[0]', false],
    ["a service's API calls by day", { api: { consumption: { daily: [120, 300] } } }, '$.api.consumption.daily[1]', false],
    ['a series of instantaneous power with no word for consumption', { power: { samples: [230, 240] } }, '$.power.samples[0]', false],
    ['a named list beside a consumption key is not its history', { callUsage: 3, signal: [{ level: 17 }] }, '$.signal[0].level', false],
  ];

  itReadsBehaviour(cases);

  it('explains itself by the name of the series, never its numbers', () => {
    const field = at(classifyJson({ meter: { waterConsumption: { days: [812.5, 640.25] } } }), '$.meter.waterConsumption.days[0]');
    expect(field.explanation).toContain('"waterConsumption"');
    expect(field.explanation).not.toContain('812.5');
  });
});

describe('weekday-programme (weekday-programmes.ts)', () => {
  const week = (slot: Record<string, unknown>) => ({ monday: [slot], tuesday: [slot], wednesday: [slot], thursday: [slot] });
  const cases: readonly Case[] = [
    ["a heating timetable's slot start (runs until the next slot)", { zone: { timeProgram: week({ startTime: 360, setpoint: 21 }) } }, '$.zone.timeProgram.monday[0].startTime', true],
    ["a heating timetable's set point is a setting of the slot", { zone: { timeProgram: week({ startTime: 360, setpoint: 21 }) } }, '$.zone.timeProgram.monday[0].setpoint', false],
    ["a bed's alarm time on a weekday of its plan", { left: { monday: { alarm: { time: '07:00', intensity: 2 } }, tuesday: { power: { enabled: false } }, friday: { alarm: { time: '08:00' } } } }, '$.left.friday.alarm.time', true],
    ["an alarm's intensity is no time", { left: { monday: { alarm: { time: '07:00', intensity: 2 } }, tuesday: { alarm: { time: '07:00' } }, friday: { alarm: { time: '08:00' } } } }, '$.left.monday.alarm.intensity', false],
    ['the sun in a weather record is no day of a plan', { sun: { rise: { time: '06:12' } }, moon: { rise: { time: '21:40' } } }, '$.sun.rise.time', false],
    ['two weekdays are not yet a week', { monday: [{ startTime: 360 }], tuesday: [{ startTime: 360 }] }, '$.monday[0].startTime', false],
  ];

  itReadsBehaviour(cases);
});

describe('lan-presence (lan-presence.ts)', () => {
  const hosts = {
    Hosts: [
      { PhysAddress: '3c:22:fb:10:20:30', IPAddress: '', UserHostName: 'Pixel', Active: true, ActiveLastChange: '2025-02-01T07:12:00Z', LeaseTimeRemaining: 0 },
    ],
  };
  const monitor = [{ mac: '3c:22:fb:10:20:31', ip: '192.168.1.23', lastSeen: '2025-02-01T07:12:00Z', online: false, uptime: 3600, createdAt: '2024-01-01T00:00:00Z' }];
  const cases: readonly Case[] = [
    ["a router's client that is on the network now", hosts, '$.Hosts[0].Active', true],
    ['when that client came or went', hosts, '$.Hosts[0].ActiveLastChange', true],
    ["the client's lease timer is the router's bookkeeping", hosts, '$.Hosts[0].LeaseTimeRemaining', false],
    ["a network monitor's last sighting of a device", monitor, '$[0].lastSeen', true],
    ["a network monitor's online flag", monitor, '$[0].online', true],
    ["a client's uptime is the machine's", monitor, '$[0].uptime', false],
    ["the record's own creation time is bookkeeping", monitor, '$[0].createdAt', false],
    ["a device's own record of its link, not in a list of clients", { mac: '3c:22:fb:10:20:32', ip: '192.168.1.24', online: true, lastSeen: '2025-02-01T07:12:00Z' }, '$.online', false],
    ['a list with no MAC address is no list of clients', [{ ip: '192.168.1.25', online: true }], '$[0].online', false],
  ];

  itReadsBehaviour(cases);
});

describe('limit-alarm (limit-alarms.ts)', () => {
  const modem = { TemperatureSensors: [{ Value: 48, HighAlarmValue: 85, HighAlarmTime: '2025-01-04T03:00:00Z', LowAlarmValue: 0 }] };
  const cases: readonly Case[] = [
    ["a sensor's high alarm threshold", modem, '$.TemperatureSensors[0].HighAlarmValue', false],
    ['when the high alarm last tripped', modem, '$.TemperatureSensors[0].HighAlarmTime', false],
    ["a freezer probe's upper alarm", { probe: { upperAlarm: -12 } }, '$.probe.upperAlarm', false],
    ['a wake alarm somebody set keeps its time', { bedroom: { alarmTime: '06:45' } }, '$.bedroom.alarmTime', true],
    ["an alarm system's arming state stays behaviour", { panel: { alarmState: 'armed_away' } }, '$.panel.alarmState', true],
  ];

  itReadsBehaviour(cases);
});

describe("a usage record's descriptors (usage-descriptors.ts)", () => {
  const monitor = { circuitUsages: { instant: '2025-01-04T10:00:00Z', circuits: [{ meterId: 'c8f1', channelNum: '1,2,3', usage: 3.4, name: 'Kitchen' }] } };
  const cases: readonly Case[] = [
    ['how much a circuit used stays behaviour', monitor, '$.circuitUsages.circuits[0].usage', true],
    ["the meter's id says which unit", monitor, '$.circuitUsages.circuits[0].meterId', false],
    ["the circuit's channel number says which circuit", monitor, '$.circuitUsages.circuits[0].channelNum', false],
    ['the instant of the reading says when the machine measured', monitor, '$.circuitUsages.instant', false],
  ];

  itReadsBehaviour(cases);

  it("leaves a trip history's ids to the history (only usage records are read so)", () => {
    expect(at(classifyJson({ trips: [{ tripId: 'a81', distance: 12.5 }] }), '$.trips[0].tripId').categories).toContain('behaviour');
  });
});

describe('programme-slot (weekday-programmes.ts)', () => {
  const thermostat = { daily_programs: [{ program_id: 'p1', name: 'Weekday', periods: [{ starts_at_time: '07:00:00', climate_preset_key: 'home', heating_set_point: 20.5 }] }] };
  const cases: readonly Case[] = [
    ["a programme's slot start", thermostat, '$.daily_programs[0].periods[0].starts_at_time', true],
    ['the preset the slot switches to', thermostat, '$.daily_programs[0].periods[0].climate_preset_key', true],
    ["the slot's set point is a setting", thermostat, '$.daily_programs[0].periods[0].heating_set_point', false],
    ["a camera's timetable of bare offsets (a whole-day default)", { timetable: [{ start1: 0, end1: 43199, start2: 43200, end2: 86400 }] }, '$.timetable[0].start2', false],
    ['a mode in a list with no programme above it', { zones: [{ start_time: '07:00', mode: 'eco' }] }, '$.zones[0].mode', false],
  ];

  itReadsBehaviour(cases);
});

describe('away-mode (away-modes.ts)', () => {
  const cases: readonly Case[] = [
    ["a heat pump's holiday mode switch under its value wrapper", { unit: { holidayMode: { settable: true, value: { enabled: true } } } }, '$.unit.holidayMode.value.enabled', true],
    ["a thermostat's vacation flag", { vacation: { active: false, setpoint: 14 } }, '$.vacation.active', true],
    ["the holiday mode's set point is a setting", { vacation: { active: false, setpoint: 14 } }, '$.vacation.setpoint', false],
    ["whether the holiday mode can be changed is the vendor's", { unit: { holidayMode: { settable: true, value: { enabled: true } } } }, '$.unit.holidayMode.settable', false],
    ['a reminder about away mode is a notification setting', { notifications: { awayModeReminder: { enabled: true } } }, '$.notifications.awayModeReminder.enabled', false],
    ["an eco mode's switch says nothing of presence", { ecoMode: { value: { enabled: true } } }, '$.ecoMode.value.enabled', false],
  ];

  itReadsBehaviour(cases);
});

describe('a charging session (activity-quantities.ts)', () => {
  const session = { charging_info: { start_time: 1767225600000, session_time: 3600000, energy_kwh: 10.5, miles_added: 40, miles_added_per_hour: 12, power_kw: 7.2 } };
  const cases: readonly Case[] = [
    ['when the session started (a duration and an energy, no end)', session, '$.charging_info.start_time', true],
    ['how long the session went on', session, '$.charging_info.session_time', true],
    ['the distance the charge added to the range', session, '$.charging_info.miles_added', true],
    ['a rate of added distance is no quantity of the session', session, '$.charging_info.miles_added_per_hour', false],
    ['instantaneous power is not behaviour', session, '$.charging_info.power_kw', false],
  ];

  itReadsBehaviour(cases);

  it("leaves a record's start alone when it has neither a duration nor a quantity", () => {
    expect(at(classifyJson({ firmware: { start_time: 1767225600000, version: '1.2' } }), '$.firmware.start_time').categories).not.toContain('behaviour');
  });
});

describe('a holiday planned in whole days (activity-records.ts)', () => {
  const days = (start: string, end: string) => ({ dhw: [{ holidayStartDateTime: start, holidayEndDateTime: end, holidaySetpoint: 15 }] });
  const summary = { period: { startDate: '2025-01-01T00:00:00Z', endDate: '2025-01-08T00:00:00Z' }, steps: 51234 };
  itReadsBehaviour([
    ['a holiday of exactly one day is a plan somebody set', days('2025-08-05T20:26:26Z', '2025-08-06T20:26:26Z'), '$.dhw[0].holidayStartDateTime', true],
    ["the holiday's set point is a setting", days('2025-08-05T20:26:26Z', '2025-08-06T20:26:26Z'), '$.dhw[0].holidaySetpoint', false],
    ["a summary's week stays a reporting period", summary, '$.period.startDate', false],
  ]);
});
