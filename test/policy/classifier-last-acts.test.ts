import { describe, expect, it } from 'vitest';
import { decidedBy } from '../../src/policy/classifier/index.js';
import { at, classifyJson } from '../helpers/classify-json.js';

/** When something was last done, read by the key's form: recency, a verb in the past tense, a time (last-acts.ts). */
describe('last-act', () => {
  it.each([
    ['lastWateredDate', 1709359800000],
    ['last_tracked_time', '2024-03-02 06:10:00'],
    ['lastFedAt', '2024-03-02T06:10:00Z'],
    ['lastWateredDuration', 600],
    ['last_played', 1709359800],
    ['latestBrewedTime', '2024-03-02T06:10:00Z'],
  ])('reads %s as when somebody last did something', (key, value) => {
    const field = at(classifyJson({ zone: { name: 'Lawn', [key]: value } }), `$.zone.${key}`);
    expect(field.categories).toEqual(['behaviour']);
    expect(decidedBy(field.findings ?? [])).toContain('last-act');
    expect(field.explanation).toContain('last');
  });

  it.each([
    'lastUpdatedAt',
    'lastModifiedDate',
    'lastFetched',
    'last_reported_at',
    'lastConnectedAt',
    'lastFiredAt',
    'lastSyncedTime',
    'lastWateredZoneName', // a verb with another word after it: not a time of the act
    'lastSpeed', // no verb
  ])('does not read %s as an act', (key) => {
    const field = at(classifyJson({ zone: { name: 'Lawn', [key]: 1709359800000 } }), `$.zone.${key}`);
    expect(decidedBy(field.findings ?? [])).not.toContain('last-act');
  });
});
