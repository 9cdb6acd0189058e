import { describe, expect, it } from 'vitest';
import { at, classifyJson } from '../helpers/classify-json.js';
import { itReadsBehaviour, type BehaviourCase } from '../helpers/reads-behaviour.js';

/**
 * The twelfth round for behaviour: watch histories and the parts of a play that a media server's history keeps,
 * with real-looking payloads of vendors the corpus does not hold.
 */
describe("a media server's play history (consumption-records.ts)", () => {
  const history = { rows: [{
    id: 501, viewed_on: 1733050000, play_time: 1410, pausedCounter: 2, pct_complete: 88, percent_complete: 88, played_state: 1,
    item_rating_key: 80211, parent_title: 'Season 2', grandparent_title: 'Night Trains', full_title: 'Night Trains - Pilot',
    poster_thumb: '/library/metadata/80211/thumb/1733', user_thumb: 'https://media.example.org/users/7/avatar.png', user_name: 'sam',
  }] };
  const cases: readonly BehaviourCase[] = [
    ['how long it was played gives the session', history, '$.rows[0].play_time', true],
    ['how far it got, in percent', history, '$.rows[0].percent_complete', true],
    ['whether it was played through', history, '$.rows[0].played_state', true],
    ['how often it was paused', history, '$.rows[0].pausedCounter', true],
    ["the library's key of the item played", history, '$.rows[0].item_rating_key', true],
    ["the show's and the season's titles", history, '$.rows[0].grandparent_title', true],
    ['the whole title shown', history, '$.rows[0].full_title', true],
    ["the work's poster is what was played", history, '$.rows[0].poster_thumb', true],
    ["a person's picture is not the work's cover", history, '$.rows[0].user_thumb', false],
    ["the history row's own id", history, '$.rows[0].id', false],
  ];

  itReadsBehaviour(cases);

  it("reads the library's key of the item as an id, not a secret, and the user's picture as media", () => {
    const fields = classifyJson(history);
    expect(at(fields, '$.rows[0].item_rating_key').categories).not.toContain('credentials');
    expect(at(fields, '$.rows[0].user_thumb').categories).toContain('media');
  });

  it('needs the time spent or a position: titles and keys of a library listing are not read', () => {
    const listing = { items: [{ rating_key: 80211, parent_title: 'Season 2', grandparent_title: 'Night Trains', year: 2021 }] };
    for (const path of ['$.items[0].rating_key', '$.items[0].grandparent_title']) {
      expect(at(classifyJson(listing), path).categories, path).not.toContain('behaviour');
    }
  });
});

describe("a push channel's name for its message (api-verbs.ts)", () => {
  const cases: readonly BehaviourCase[] = [
    ["a notification channel's message", { id: 'n1', event: 'message', topic: 'home', message: 'Back door left open' }, '$.event', false],
    ["an SMS gateway's namespaced event", { event: 'sms:received', payload: { message: 'hi', phoneNumber: '+15550100' } }, '$.event', false],
    ["a webhook's dotted event", { event: 'device.updated', data: { id: 'd1' } }, '$.event', false],
    ['an act named in several words stays behaviour', { event: 'sleep_tracking_started', value1: 1733050000 }, '$.event', true],
    ["a doorbell's ring stays behaviour", { event: 'ring', at: 1733050000 }, '$.event', true],
    ['a digit pressed on a call stays behaviour', { event: '9', call_id: 'c1' }, '$.event', true],
    ['an event inside a log is not the message', { events: [{ event: 'message', at: 1733050000 }] }, '$.events[0].event', true],
  ];

  itReadsBehaviour(cases);
});

describe('daily listening beside records of it (listening-days.ts)', () => {
  const stats = {
    totalTime: 4100,
    days: { '2026-11-02': 1200, '2026-11-03': 300, '2026-11-05': 2600 },
    dayOfWeek: { Monday: 1200, Tuesday: 300, Thursday: 2600 },
    recentSessions: [{ id: 's1', bookId: 'b-7', timeListening: 1200, currentTime: 5400.5, date: '2026-11-02' }],
  };
  const solar = { days: { '2026-11-02': 12.1, '2026-11-03': 9.4, '2026-11-05': 14.2 }, inverterId: 'inv-1' };
  const twoDays = { days: { '2026-11-02': 1200, '2026-11-03': 300 }, sessions: [{ bookId: 'b-7', timeListening: 1200 }] };

  // A date used as a key is masked in the field's path, so the field is found by its segments.
  it.each([
    ['time listened on a calendar day', stats, ['days', '2026-11-02'], true],
    ['time listened on a weekday', stats, ['dayOfWeek', 'Thursday'], true],
    ['a per-day series with no listening beside it (panels)', solar, ['days', '2026-11-02'], false],
    ['two days are no series yet', twoDays, ['days', '2026-11-02'], false],
  ] as const)('%s', (_name, body, segments, behaviour) => {
    const field = classifyJson(body).find((f) => f.field.segments.join('/') === segments.join('/'));
    expect(field?.categories.includes('behaviour')).toBe(behaviour);
  });
});

describe('what an activity used up (activity-quantities.ts)', () => {
  const print = { jobs: [{ job_id: 'j1', start_time: 1733050000, end_time: 1733053600, print_duration: 3500, filament_used: 812.4, auth_method_used: 'token' }] };
  const trip = [{ startTime: '2025-03-01T07:00:00Z', endTime: '2025-03-01T07:40:00Z', distance: 31.2, fuelConsumed: 2.1 }];
  const cases: readonly BehaviourCase[] = [
    ['the filament a print used', print, '$.jobs[0].filament_used', true],
    ['the fuel a trip consumed', trip, '$[0].fuelConsumed', true],
    ['which method was used is no amount', print, '$.jobs[0].auth_method_used', false],
  ];

  itReadsBehaviour(cases);
});
