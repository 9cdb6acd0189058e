import { describe, expect, it } from 'vitest';
import { parsePayload } from '../../src/payload/index.js';
import type { ClassifiedField } from '../../src/policy/index.js';
import { classifyPayload, decidedBy } from '../../src/policy/classifier/index.js';

/** Signals that read what a person did or set by the shape of a record (activity-records.ts). */
function classifyJson(body: unknown): ClassifiedField[] {
  return classifyPayload(parsePayload(Buffer.from(JSON.stringify(body)), 'application/json'));
}

function at(fields: readonly ClassifiedField[], path: string): ClassifiedField {
  const found = fields.find((f) => f.field.path === path);
  if (found === undefined) throw new Error(`no field ${path}`);
  return found;
}

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
