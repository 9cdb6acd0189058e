import { describe, expect, it } from 'vitest';
import { at, classifyJson } from '../helpers/classify-json.js';
import { itReadsBehaviour, type BehaviourCase } from '../helpers/reads-behaviour.js';

/**
 * The fourteenth round for behaviour: commands somebody sent to a machine, with payloads written for the test.
 */
describe('a command somebody sent to a machine (sent-commands.ts)', () => {
  const log = [{
    timeAccepted: '2026-11-02T07:15:02Z',
    timeExecuted: '2026-11-02T07:15:04Z',
    command: {
      commandName: 'startCycle',
      sentAt: '2026-11-02T07:15:00Z',
      program: 'eco_40',
      parameters: { delay: '30', spinSpeed: '1200', childLock: '1' },
      client: { appVersion: '4.2.1', osVersion: 14, platform: 'ios' },
    },
  }];
  const cases: readonly BehaviourCase[] = [
    ["the command's name", log, '$[0].command.commandName', true],
    ['when it was sent', log, '$[0].command.sentAt', true],
    ['when the machine accepted it (the entry around the command)', log, '$[0].timeAccepted', true],
    ['when the machine ran it', log, '$[0].timeExecuted', true],
    ['the program the person chose', log, '$[0].command.program', true],
    ['the delay the person set', log, '$[0].command.parameters.delay', true],
    ["a machine setting the command carries", log, '$[0].command.parameters.spinSpeed', false],
    ["the sending app's version", log, '$[0].command.client.appVersion', false],
  ];

  itReadsBehaviour(cases);

  it('needs a time: a bare command name in a list of what a machine accepts is not a command somebody sent', () => {
    const capabilities = { supported: [{ commandName: 'startCycle', program: 'eco_40' }] };
    expect(at(classifyJson(capabilities), '$.supported[0].program').categories).not.toContain('behaviour');
    const menu = { commands: [{ commandName: 'startCycle', program: 'eco_40', label: 'Start' }] };
    expect(at(classifyJson(menu), '$.commands[0].program').categories).not.toContain('behaviour');
  });

  it("keeps a command history's container from colouring the command's parameters", () => {
    const last = { commandHistory: { timeAccepted: '2026-11-02T07:15:02Z', command: { commandName: 'startCycle', timestamp: '2026-11-02T07:15:00Z', parameters: { spinSpeed: '1200' } } } };
    const fields = classifyJson(last);
    expect(at(fields, '$.commandHistory.command.parameters.spinSpeed').categories).not.toContain('behaviour');
    expect(at(fields, '$.commandHistory.command.commandName').categories).toContain('behaviour');
    expect(at(fields, '$.commandHistory.timeAccepted').categories).toContain('behaviour');
  });
});

describe("an event naming the family of a message a sibling's type narrows (message-families.ts)", () => {
  const cases: readonly BehaviourCase[] = [
    ["an alarm panel's event family", { event: 'PARTITION', partition_type: 'ARM-AWAY', partition_id: 1 }, '$.event', false],
    ['a family in two words', { event: 'DOOR_EVENT', door_event_type: 'DOOR_OPENED' }, '$.event', false],
    ['an action family in camelCase', { action: 'alarm', alarmType: 'fire' }, '$.action', false],
    ['an event beside an unrelated type keeps its reading', { event: 'unlocked', lock_type: 'deadbolt' }, '$.event', true],
    ['an event with no type beside it keeps its reading', { event: 'ARMED_AWAY', partition_id: 1 }, '$.event', true],
  ];

  itReadsBehaviour(cases);
});

describe("a language-understanding service's parse of a request (nlu-results.ts)", () => {
  const witLike = { _text: 'dim the hall', entities: { brightness: [{ confidence: 0.93, value: 'low' }] }, msg_id: '0aB3xYzQ9kLmN2pR' };
  const rasaLike = { text: 'play some jazz', intent: { name: 'play_music', confidence: 0.98 }, entities: [{ entity: 'genre', value: 'jazz', start: 10, end: 14 }] };
  const cases: readonly BehaviourCase[] = [
    ['the request text stays speech despite a message id', witLike, '$._text', true],
    ["an entity's resolved value", witLike, '$.entities.brightness[0].value', true],
    ["an entity's confidence", witLike, '$.entities.brightness[0].confidence', false],
    ['a list of entities beside an intent', rasaLike, '$.entities[0].value', true],
    ["the entity's name", rasaLike, '$.entities[0].entity', false],
    ['a slot of an intent', { intent: { intentName: 'lights_on' }, slots: { room: 'hall', mood: 'relaxed' } }, '$.slots.mood', true],
    ["entities of a record that is no request (a hub's entity list)", { entities: [{ value: 'on', entity_id: 'light.hall' }], version: 2 }, '$.entities[0].value', false],
  ];

  itReadsBehaviour(cases);

  it('still reads a chat message with a message id as written, not said', () => {
    const message = { text: 'see you at six', msg_id: 'm-20931', from: 'alex' };
    expect(at(classifyJson(message), '$.text').categories).not.toContain('media');
  });
});

describe('a one-word request to an assistant (key-detectors.ts requestKey, value-detectors.ts speech)', () => {
  const cases: readonly BehaviourCase[] = [
    ['the query text of a fulfilment request', { queryResult: { queryText: 'lights', intent: { displayName: 'Lights' } } }, '$.queryResult.queryText', true],
    ['a resolved query', { result: { resolvedQuery: 'goodnight', action: 'bedtime' } }, '$.result.resolvedQuery', true],
    ['a mistyped query is still the request', { rawInputs: [{ inputType: 'KEYBOARD', query: 'lgihts2' }] }, '$.rawInputs[0].query', true],
    ["a bare query naming an API's call is not", { query: 'devices', limit: 20 }, '$.query', false],
    ['a query text that is a path is not', { queryText: '/rooms/list' }, '$.queryText', false],
  ];

  itReadsBehaviour(cases);
});

describe("a cloud API's resource name under an intent (resource-names.ts)", () => {
  const request = { queryResult: { queryText: 'open the garage', intent: { name: 'projects/home-agent-4411/agent/intents/7c1d2e3f-0a9b-4c5d-8e7f-112233445566', displayName: 'Open garage' } } };
  const cases: readonly BehaviourCase[] = [
    ["the intent's resource name", request, '$.queryResult.intent.name', false],
    ["the intent's display name stays the command", request, '$.queryResult.intent.displayName', true],
    ['an intent named by the assistant itself stays behaviour', { request: { intent: { name: 'OpenGarageIntent' } } }, '$.request.intent.name', true],
    ['a played file under a path-like key is not a resource name', { nowPlaying: { path: 'music/projects/album/track01.mp3' } }, '$.nowPlaying.path', true],
  ];

  itReadsBehaviour(cases);
});

describe("a workout a machine logged: its day, distance and time (activity-quantities.ts)", () => {
  const logbook = { results: [{ id: 88, date: '2026-11-30 18:02:00', distance: 6000, time: 14873, type: 'bike', created_date: '2026-11-30 18:40:00' }] };
  const cases: readonly BehaviourCase[] = [
    ['the day it was done', logbook, '$.results[0].date', true],
    ['how far', logbook, '$.results[0].distance', true],
    ['a bare number of time beside the day: how long', logbook, '$.results[0].time', true],
    ["the record's creation day is bookkeeping", logbook, '$.results[0].created_date', false],
    ['a fix with a time and a speed has no day: no workout', { fix: { time: 1764525720, speed: 3.2, heading: 80 } }, '$.fix.time', false],
  ];

  itReadsBehaviour(cases);
});

describe('a phone call record: when, how long, how it ended (call-records.ts)', () => {
  const hangup = { event: 'hangup', call_id: 'c-7a1f', from: '+15550100', to: { type: 'number', endpoint: '+15550199' },
    timestamp: '2026-11-30T18:02:00Z', duration: 95, result: 'ANSWERED', reason: 'CALLERHANGUP', rate: { amount: 0.02 }, updated_at: '2026-11-30T18:05:00Z' };
  const cases: readonly BehaviourCase[] = [
    ['when the call happened', hangup, '$.timestamp', true],
    ['how long it lasted', hangup, '$.duration', true],
    ['how it ended', hangup, '$.result', true],
    ['why it ended', hangup, '$.reason', true],
    ["the vendor's rate", hangup, '$.rate.amount', false],
    ["the record's update time", hangup, '$.updated_at', false],
    ['a record with a call id but no party is not read', { call_id: 'c-7a1f', duration: 95, result: 'ok' }, '$.result', false],
  ];

  itReadsBehaviour(cases);
});
