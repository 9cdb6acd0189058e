import { describe, expect, it } from 'vitest';
import { parsePayload } from '../../src/payload/index.js';
import { classifyPayload, fingerprinted } from '../../src/policy/index.js';

/** Whether the field at `template` of this JSON body is fingerprinted, as the pipeline asks it. */
function fingerprintedAt(body: unknown, template: string): boolean[] {
  const fields = classifyPayload(parsePayload(Buffer.from(JSON.stringify(body)), 'application/json'));
  const at = fields.filter((cf) => cf.field.pathTemplate === template);
  if (at.length === 0) throw new Error(`no field at ${template}`);
  return at.map(fingerprinted);
}

describe('fingerprinted', () => {
  it.each([
    ['a categorised value, however short', { owner: { email: 'a@b.c' } }, '$.owner.email'],
    ['an uncategorised string of identifier length', { xs: 'KP115-00421' }, '$.xs'],
    ['a large integer under a key nobody recognises', { boot: 1_723_456_789 }, '$.boot'],
    ['a single time a device may keep (its setup)', { installed_at: 1_612_345_678 }, '$.installed_at'],
    ['a list of large integers under a key that names no time', { readings: [{ n: 1_700_000_000 }, { n: 1_700_000_060 }] }, '$.readings[*].n'],
    ['a listed time-keyed integer outside a clock\'s span', { readings: [{ t: 123_456 }, { t: 123_457 }] }, '$.readings[*].t'],
  ])('fingerprints %s', (_, body, template) => {
    expect(fingerprintedAt(body, template).every(Boolean)).toBe(true);
  });

  it.each([
    ['short words, flags and small numbers', { mode: 'eco', on: true, ch: 6 }, ['$.mode', '$.on', '$.ch']],
    ['the times of a list of readings (seconds)', { readings: [{ t: 1_700_000_000 }, { t: 1_700_000_060 }] }, ['$.readings[*].t']],
    ['the times of a list of readings (milliseconds)', { series: [{ ts: 1_700_000_000_000, kwh: 1.5 }, { ts: 1_700_000_060_000, kwh: 1.6 }] }, ['$.series[*].ts']],
    ['SenML base times and times', { e: [{ bt: 1_700_000_000, t: 1_700_000_005 }] }, ['$.e[*].bt', '$.e[*].t']],
  ])('does not fingerprint %s', (_, body, templates) => {
    for (const template of templates) expect(fingerprintedAt(body, template).some(Boolean)).toBe(false);
  });
});
