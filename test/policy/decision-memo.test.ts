import { describe, expect, it } from 'vitest';
import { evaluate, withHomeStates, type ClassifiedField, type DataCategory, type HomeStates } from '../../src/policy/index.js';
import { BLOB, compile, field, flow } from './engine-helpers.js';

/** A field as the parser makes it: with a path template, which is what lets evaluate remember its decision. */
function templated(segments: readonly string[], categories: readonly DataCategory[], explanation = ''): ClassifiedField {
  const cf = field({ segments, categories });
  return { ...cf, field: { ...cf.field, pathTemplate: cf.field.path }, explanation };
}

const lat = (categories: readonly DataCategory[] = ['location'], explanation = 'key "lat" → location') =>
  templated(['coords', 'lat'], categories, explanation);
const plain = () => templated(['fw'], []);

describe("evaluate remembers each path's decision (DecisionMemo)", () => {
  const enforce = compile({ mode: 'enforce', rules: [{ id: 'no-location', category: 'location', action: 'redact' }] });

  it('gives a repeated field the same decision object, equal to the first', () => {
    const first = evaluate(flow([lat(), plain()]), enforce);
    const again = evaluate(flow([lat(), plain()]), enforce);
    expect(again.fields).toEqual(first.fields);
    expect(again.fields[0]).toBe(first.fields[0]);
    expect(again.fields[0]).toMatchObject({ action: 'redact', applied: true, decidedBy: 'key "lat" → location' });
  });

  it('decides afresh when the categories, the classifier explanation or the policy change', () => {
    evaluate(flow([lat()]), enforce);
    expect(evaluate(flow([lat([])]), enforce).fields[0]).toMatchObject({ action: 'allow', categories: [] });
    expect(evaluate(flow([lat(['location'], 'value looks like a latitude')]), enforce).fields[0]?.decidedBy).toBe('value looks like a latitude');
    const monitor = compile({ mode: 'monitor', rules: [{ id: 'no-location', category: 'location', action: 'redact' }] });
    expect(evaluate(flow([lat()]), monitor).fields[0]).toMatchObject({ action: 'redact', applied: false });
    expect(evaluate(flow([lat()]), enforce).fields[0]).toMatchObject({ action: 'redact', applied: true });
  });

  it('does not remember opaque values (their explanation names the value)', () => {
    const opaque = (length: number) => ({ ...plain(), opaque: { ...BLOB, length } });
    expect(evaluate(flow([opaque(344)]), enforce).fields[0]?.explanation.reason).toContain('344 bytes');
    expect(evaluate(flow([opaque(512)]), enforce).fields[0]?.explanation.reason).toContain('512 bytes');
  });

  it('does not remember decisions of a host with conditioned rules (home states change them)', () => {
    const cp = compile({ mode: 'enforce', rules: [{ id: 'away', category: 'location', action: 'redact', when: { entity: 'person.anna', state: 'not_home' } }] });
    const home = (state: string): HomeStates => ({ entities: new Map([['person.anna', { state, since: 0 }]]), live: true });
    expect(evaluate(flow([lat()]), withHomeStates(cp, home('not_home'))).fields[0]?.action).toBe('redact');
    expect(evaluate(flow([lat()]), withHomeStates(cp, home('home'))).fields[0]?.action).toBe('allow');
    expect(evaluate(flow([lat()]), withHomeStates(cp, home('not_home'))).fields[0]?.action).toBe('redact');
  });
});
