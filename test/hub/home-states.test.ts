import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HomeStateCache } from '../../src/hub/index.js';
import { FakeHomeAssistant } from './fake-ha.js';
import { hubHarness, waitFor, type HubHarness } from './hub-harness.js';

const CHANGED = Date.UTC(2026, 11, 6, 9, 0);
const frame = (state: string | null) => ({ states: [{ entity_id: 'input_boolean.guest_mode', state, last_changed: CHANGED }] });

describe('HomeStateCache', () => {
  let harness: HubHarness;
  beforeEach(() => {
    harness = hubHarness();
  });
  afterEach(() => harness.cleanup());

  it.each<[string, unknown]>([
    ['a frame without states', {}],
    ['a bad entity id', { states: [{ entity_id: 'Guest Mode', state: 'on', last_changed: 1 }] }],
    ['a state that is not text', { states: [{ entity_id: 'input_boolean.guest_mode', state: 1, last_changed: 1 }] }],
    ['a negative time', { states: [{ entity_id: 'input_boolean.guest_mode', state: 'on', last_changed: -1 }] }],
  ])('refuses %s and keeps the states it had', (_name, bad) => {
    const cache = new HomeStateCache(join(harness.dir, 'states.json'));
    cache.accept(frame('on'));
    const before = cache.snapshot();
    const result = cache.accept(bad);
    expect(result.kind).toBe('malformed');
    expect(cache.snapshot()).toBe(before);
  });

  it('forgets an entity Home Assistant no longer has, so its conditions take the stricter reading', () => {
    const cache = new HomeStateCache(undefined);
    cache.accept(frame('on'));
    expect(cache.accept(frame(null))).toEqual({ kind: 'applied', entities: 0, changed: ['input_boolean.guest_mode'] });
    expect(cache.snapshot().entities.size).toBe(0);
  });

  it('keeps the last known states on disk, owner-only, and reads them back as not live', () => {
    const file = join(harness.dir, 'states.json');
    new HomeStateCache(file).accept(frame('on'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const restarted = new HomeStateCache(file);
    expect(restarted.load()).toEqual({ loaded: 1 });
    expect(restarted.snapshot()).toEqual({ entities: new Map([['input_boolean.guest_mode', { state: 'on', since: CHANGED }]]), live: false });
  });

  it('says why a damaged file is ignored', () => {
    const file = join(harness.dir, 'states.json');
    writeFileSync(file, '{"savedAt": "yesterday"}');
    expect(new HomeStateCache(file).load()).toEqual({ problem: `${file} is not a states cache` });
  });
});

describe('Hub states subscription', () => {
  let ha: FakeHomeAssistant;
  let harness: HubHarness;
  beforeEach(async () => {
    ha = new FakeHomeAssistant();
    await ha.start();
    harness = hubHarness();
  });
  afterEach(async () => {
    await harness.cleanup();
    await ha.stop();
  });

  it('follows the pushed states, marks them last known when Home Assistant goes, and keeps them over a restart', async () => {
    ha.states = frame('off');
    const statesCacheFile = join(harness.dir, 'hub-states.json');
    const hub = harness.create(ha.url, { statesCacheFile });
    hub.start();
    await waitFor('the first states', () => hub.states.snapshot().entities.get('input_boolean.guest_mode')?.state === 'off');
    expect(hub.states.snapshot().live).toBe(true);
    ha.pushStates(frame('on'));
    await waitFor('the flip', () => hub.states.snapshot().entities.get('input_boolean.guest_mode')?.state === 'on');
    expect(harness.logs.some((line) => line.includes('changed input_boolean.guest_mode'))).toBe(true);

    await ha.stop();
    await waitFor('Home Assistant away', () => !hub.states.snapshot().live);
    expect(hub.states.snapshot().entities.get('input_boolean.guest_mode')?.state).toBe('on');
    await hub.stop();

    const again = harness.create(ha.url, { statesCacheFile });
    again.start();
    expect(again.states.snapshot().entities.get('input_boolean.guest_mode')).toEqual({ state: 'on', since: CHANGED });
    expect(again.status().states).toEqual({ entities: 1, live: false });
  });

  it('counts a malformed states frame and keeps the states in force', async () => {
    ha.states = frame('on');
    const hub = harness.create(ha.url);
    hub.start();
    await waitFor('the first states', () => hub.states.snapshot().live);
    ha.pushStates({ states: 'everything' });
    await waitFor('the refusal', () => hub.status().malformedFrames === 1);
    expect(hub.states.snapshot().entities.get('input_boolean.guest_mode')?.state).toBe('on');
    expect(harness.logs.some((line) => line.includes('ignored a states frame'))).toBe(true);
  });

  it('says so once when the integration is too old to push states', async () => {
    const hub = harness.create(ha.url);
    hub.start();
    await waitFor('the warning', () => harness.logs.some((line) => line.includes('Home Assistant pushes no states')));
    expect(hub.states.snapshot().entities.size).toBe(0);
  });
});
