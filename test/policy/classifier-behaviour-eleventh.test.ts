import { describe, expect, it } from 'vitest';
import { explainFinding } from '../../src/policy/classifier/index.js';
import { finding } from '../../src/policy/classifier/detector.js';
import { ENERGY_FLOW } from '../../src/policy/classifier/energy-flows.js';
import { itReadsBehaviour, type BehaviourCase } from '../helpers/reads-behaviour.js';

/**
 * The eleventh round for behaviour: machine data that read as behaviour (a service's metering, an installation's
 * energy flows), with real-looking payloads of vendors the corpus does not hold.
 */

type Case = BehaviourCase;

describe("a service's metering in a usage record (usage-descriptors.ts)", () => {
  const chat = { id: 'msg_01', content: [{ type: 'text', text: 'The lights are off.' }],
    usage: { type: 'tokens', input_tokens: 412, output_tokens: 9, cache_details: { cached_tokens: 128 } } };
  const meter = { circuitUsages: { circuits: [{ meterId: 'c8f1', usage: 3.4, kind: 'kWh' }] } };
  const cases: readonly Case[] = [
    ["a model's input tokens are the service's bill", chat, '$.usage.input_tokens', false],
    ["a model's output tokens are the service's bill", chat, '$.usage.output_tokens', false],
    ['tokens nested in a usage record stay the bill', chat, '$.usage.cache_details.cached_tokens', false],
    ["a usage record's type says which figure", chat, '$.usage.type', false],
    ["a circuit's usage stays behaviour", meter, '$.circuitUsages.circuits[0].usage', true],
    ["a circuit usage's kind says which figure", meter, '$.circuitUsages.circuits[0].kind', false],
    ["the household's use under usage stays behaviour", { usage: { water_liters: 310, energy_kwh: 8.2 } }, '$.usage.water_liters', true],
  ];

  itReadsBehaviour(cases);
});

describe('energy-flow (energy-flows.ts)', () => {
  const inverter = {
    pv_today: 12.4, solarYieldToday: 12.4, grid_export_today: 3.1, feedInToday: 3.1, battery_discharged_today: 2.2,
    co2_today: 5, consumption_today: 9.8, energy_today: 9.8, energyChargedToday: 14,
  };
  const cases: readonly Case[] = [
    ['what the panels produced today', inverter, '$.pv_today', false],
    ['a solar yield of the day', inverter, '$.solarYieldToday', false],
    ['what went out to the grid today', inverter, '$.grid_export_today', false],
    ['a feed-in of the day', inverter, '$.feedInToday', false],
    ['what the battery gave back today', inverter, '$.battery_discharged_today', false],
    ['the CO2 the panels avoided today', inverter, '$.co2_today', false],
    ["the household's consumption today stays behaviour", inverter, '$.consumption_today', true],
    ["the day's energy stays behaviour", inverter, '$.energy_today', true],
    ["a car's energy charged today stays behaviour (no battery named)", inverter, '$.energyChargedToday', true],
  ];

  itReadsBehaviour(cases);

  it('explains its veto as the installation\'s figure', () => {
    expect(explainFinding(finding(ENERGY_FLOW, 'veto', ['behaviour'], { of: 'structure' }))).toContain('not behaviour');
  });
});

describe("a played work's listing and its file's own tags (catalogue-facts.ts, playing-records.ts)", () => {
  const episode = {
    session: {
      title: 'Episode 12: Night Trains', artist: 'Rail Stories', album: 'Season 2', imageUrl: 'https://cdn.example.org/s2.jpg',
      feedUrl: 'https://feeds.example.org/rail.xml', storePageUrl: 'https://store.example.org/podcast/rail-stories',
      audioFile: { metaTags: { tagTitle: 'Night Trains', tagArtist: 'Rail Stories', tagAlbum: 'Season 2' } },
    },
  };
  const cases: readonly Case[] = [
    ['the title being played stays behaviour', episode, '$.session.title', true],
    ["the work's cover stays behaviour", episode, '$.session.imageUrl', true],
    ["the podcast's feed is the publisher's listing", episode, '$.session.feedUrl', false],
    ["the store's page is the publisher's listing", episode, '$.session.storePageUrl', false],
    ["the file's own title tag is the file's", episode, '$.session.audioFile.metaTags.tagTitle', false],
    ["the file's own artist tag is the file's, even by its key", episode, '$.session.audioFile.metaTags.tagArtist', false],
  ];

  itReadsBehaviour(cases);
});

describe('bare words that name no act (vocabulary.ts)', () => {
  const cases: readonly Case[] = [
    ["an inverter's alarm flag", { status: { i_alarm: 0, alarm: 'none' } }, '$.status.alarm', false],
    ["a stream's query parameters", { streams: { front: { url: 'rtsp://cam.local/main', query: 'video=h264&audio=opus' } } }, '$.streams.front.query', false],
    ['the link a notification opens', { topic: 'doors', message: 'Garage left open', click: 'https://home.example.org/garage' }, '$.click', false],
    ["an alarm panel's arming state stays behaviour", { panel: { alarmState: 'armed_home' } }, '$.panel.alarmState', true],
    ['an alarm time somebody set stays behaviour', { clock: { alarmTime: '06:45' } }, '$.clock.alarmTime', true],
    ["a button's click type stays behaviour", { button: { clickType: 'double' } }, '$.button.clickType', true],
  ];

  itReadsBehaviour(cases);
});

describe("a machine's jobs: how many and how long (act-counts.ts, activity-records.ts)", () => {
  const printer = {
    job_totals: { total_jobs: 42, total_print_time: 183_400 },
    jobs: [{ job_id: '0001', start_time: 1_765_058_400.62, end_time: 1_765_062_000.12, print_duration: 3_512.37, total_duration: 3_599.5 }],
  };
  const cases: readonly Case[] = [
    ['how many print jobs the household ran', printer, '$.job_totals.total_jobs', true],
    ['how long the household printed in all', printer, '$.job_totals.total_print_time', true],
    ["a job's duration in fractions of a second, beside its start and end", printer, '$.jobs[0].print_duration', true],
    ['a job id is no act', printer, '$.jobs[0].job_id', false],
    ["a transcript word's fractional times make no span", { words: [{ word: 'lights', start: 0.52, end: 0.91, duration: 0.39 }] }, '$.words[0].duration', false],
    ['a fractional duration beside a bare offset makes no span', { segment: { start: 0, duration: 2.5 } }, '$.segment.duration', false],
  ];

  itReadsBehaviour(cases);
});

describe("a position fix's reason is no event (records.ts)", () => {
  const feature = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [13.4, 52.5] },
    properties: { timestamp: '2025-01-04T10:00:00Z', trigger: 'ping', battery_level: 0.8 } }] };
  const cases: readonly Case[] = [
    ["a GeoJSON fix's time beside why the tracker logged it", feature, '$.features[0].properties.timestamp', false],
    ["a fix's time beside how the phone moved", { fix: { lat: 52.5, lon: 13.4, time: 1_765_058_400, motion: 'walking' } }, '$.fix.time', false],
    ["an automation's run time beside what set it off stays behaviour", { run: { trigger: 'doorbell', time: 1_765_058_400 } }, '$.run.time', true],
  ];

  itReadsBehaviour(cases);
});
