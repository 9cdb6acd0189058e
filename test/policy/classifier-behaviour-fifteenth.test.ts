import { describe } from 'vitest';
import { itReadsBehaviour, type BehaviourCase } from '../helpers/reads-behaviour.js';

/**
 * The fifteenth round for behaviour: what a person did, read from the shape of the record that logs it, with
 * payloads written for the test.
 */
describe('an event whose record names who did it (acted-events.ts)', () => {
  const entry = { id: 7, userId: 3, username: 'anna', event: 32, source: 0, date: '2026-11-20T13:59:26Z' };
  const lockLog = { entries: [entry] };
  const sender = { id: 'x1', name: 'Ola' };
  const chat = { event: 'message', timestamp: 1479039750092, sender, message: { kind: 'text' } };
  const intercom = { event: 'callStart', caller: '0000002', at: '2026-06-27T10:56:16Z' };
  const push = { id: 'wz9', time: 1638542110, expires: 1638543112, event: 'message', topic: 'alerts' };
  const withTtl = { event: 'press', userId: 4, ttlDate: '2026-12-30T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z' };
  const agent = { event: 'open', userAgent: 'okhttp/4.9', timestamp: '2026-11-20T13:59:26Z' };
  const cases: readonly BehaviourCase[] = [
    ["a lock log entry's date, its user named beside the event code", lockLog, '$.entries[0].date', true],
    ["a chat callback's time, its sender a record beside the event", chat, '$.timestamp', true],
    ["an intercom call's time, its caller beside the event", intercom, '$.at', true],
    ["a push service's message time: an event with nobody named is the machine's", push, '$.time', false],
    ["the entry's time to live and its update time are the record's bookkeeping", withTtl, '$.ttlDate', false],
    ['nor its update time', withTtl, '$.updatedAt', false],
    ["a user agent names software, not who did it", agent, '$.timestamp', false],
  ];

  itReadsBehaviour(cases);
});

describe('a task somebody planned (planned-tasks.ts)', () => {
  const due = { date: '2026-09-01', string: 'tomorrow at 12', timezone: 'Europe/Oslo' };
  const todo = [{ id: '12', content: 'Buy milk', priority: 1, due }];
  const chore = { id: 4, name: 'Take out the bins', due_date: '2026-04-21', row_created_timestamp: '2026-04-01 08:37' };
  const habit = { title: 'Stretch', notes: 'ten minutes', repeat: 'daily', createdAt: '2026-01-02T00:00:00Z' };
  const station = { name: 'Radio Uno', frequency: '94.7' };
  const device = { name: 'Kitchen plug', description: 'by the kettle', firmware: '1.2.3' };
  const cases: readonly BehaviourCase[] = [
    ["a to-do's text, its due time a record of its own", todo, '$[0].content', true],
    ["a to-do's due date", todo, '$[0].due.date', true],
    ['the words somebody typed for when it is due', todo, '$[0].due.string', true],
    ["a chore's name beside its due date", chore, '$.name', true],
    ["the chore's due date", chore, '$.due_date', true],
    ["a habit's title beside a recurrence word", habit, '$.title', true],
    ["the habit's notes", habit, '$.notes', true],
    ['how often the habit repeats', habit, '$.repeat', true],
    ["the record's creation time is its bookkeeping", chore, '$.row_created_timestamp', false],
    ['the time zone of the due time', todo, '$[0].due.timezone', false],
    ["a radio station's name beside its frequency: a number is no recurrence", station, '$.name', false],
    ["a device's name and description with nothing due", device, '$.description', false],
  ];

  itReadsBehaviour(cases);
});
