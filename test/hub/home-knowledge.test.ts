import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hardwareDigits, haversineMetres, HomeKnowledgeStore, type HomeFrame } from '../../src/hub/index.js';
import { FakeHomeAssistant } from './fake-ha.js';
import { hubHarness, waitFor, type HubHarness } from './hub-harness.js';

const PLUG_SERIAL = 'KP115-2231-00457';

function frame(overrides: Partial<HomeFrame> = {}): HomeFrame {
  return {
    etag: 'home-1',
    zone: { latitude: 52.37, longitude: 4.89, radius: 150 },
    persons: [{ name: 'Anna Kowalska', user: 'anna.k' }],
    devices: [
      {
        id: 'd1',
        names: ['Kitchen plug'],
        serial_number: PLUG_SERIAL,
        connections: [['mac', 'B0:BE:76:12:34:56'], ['zigbee', '00:12:4b:00:1c:a1:b2:c3']],
        identifiers: [['tplink', '8006A1B2C3D4E5F60718293A4B5C6D7E'], ['hue', '1']],
      },
      { id: 'd2', names: ['Sofa'], serial_number: 'unknown', connections: [], identifiers: [] },
    ],
    ...overrides,
  };
}

function store(overrides: Partial<HomeFrame> = {}): HomeKnowledgeStore {
  const knowledge = new HomeKnowledgeStore();
  expect(knowledge.accept(frame(overrides)).kind).toBe('applied');
  return knowledge;
}

describe('HomeKnowledgeStore.lookup', () => {
  it.each([
    [PLUG_SERIAL, 'device', 'the serial number of Kitchen plug in Home Assistant'],
    [PLUG_SERIAL.toLowerCase(), 'device', 'the serial number of Kitchen plug in Home Assistant'],
    [`  ${PLUG_SERIAL} `, 'device', 'the serial number of Kitchen plug in Home Assistant'],
    ['b0:be:76:12:34:56', 'network', 'the MAC address of Kitchen plug in Home Assistant'],
    ['B0-BE-76-12-34-56', 'network', 'the MAC address of Kitchen plug in Home Assistant'],
    ['b0be76123456', 'network', 'the MAC address of Kitchen plug in Home Assistant'],
    ['b0be.7612.3456', 'network', 'the MAC address of Kitchen plug in Home Assistant'],
    ['00124B001CA1B2C3', 'network', 'the Zigbee address of Kitchen plug in Home Assistant'],
    ['8006a1b2c3d4e5f60718293a4b5c6d7e', 'device', 'the tplink identifier of Kitchen plug in Home Assistant'],
    ['ANNA KOWALSKA', 'personal', 'the name of a person in Home Assistant'],
    ['anna.k', 'personal', 'the name of a Home Assistant user'],
    ['kitchen plug', 'device', 'the name of a device in Home Assistant'],
  ])('recognises %j as %s (%s)', (text, category, label) => {
    expect(store().lookup(text)).toEqual({ category, label });
  });

  it.each([
    ['1', 'a one-character identifier'],
    ['unknown', 'a placeholder serial number'],
    ['b0:be:76:12:34:57', 'another MAC'],
    ['Anna', 'part of a name'],
    ['KP115-2231-0045', 'a prefix of the serial number'],
    [`${PLUG_SERIAL}${' '.repeat(600)}`, 'a text longer than any the home could know'],
  ])('does not recognise %j (%s)', (text) => {
    expect(store().lookup(text)).toBeUndefined();
  });

  it('keeps the most specific meaning when two devices share a text', () => {
    const knowledge = store({
      devices: [
        { id: 'a', names: ['ABC-123456'], serial_number: null, connections: [], identifiers: [] },
        { id: 'b', names: ['Boiler'], serial_number: 'ABC-123456', connections: [], identifiers: [] },
      ],
    });
    expect(knowledge.lookup('abc-123456')?.label).toBe('the serial number of Boiler in Home Assistant');
  });

  it('knows nothing before the first frame, and nothing after clear()', () => {
    const empty = new HomeKnowledgeStore();
    expect(empty.lookup(PLUG_SERIAL)).toBeUndefined();
    expect(empty.metresFromHome(52.37, 4.89)).toBeUndefined();
    const knowledge = store();
    knowledge.clear();
    expect(knowledge.lookup(PLUG_SERIAL)).toBeUndefined();
    expect(knowledge.summary()).toEqual({ etag: undefined, zone: false, persons: 0, devices: 0, values: 0 });
  });

  it('replaces the whole knowledge with each new frame', () => {
    const knowledge = store();
    expect(knowledge.accept(frame({ etag: 'home-2', devices: [] })).kind).toBe('applied');
    expect(knowledge.lookup(PLUG_SERIAL)).toBeUndefined();
    expect(knowledge.lookup('Anna Kowalska')).toBeDefined();
    expect(knowledge.accept(frame({ etag: 'home-2', devices: [] })).kind).toBe('unchanged');
  });
});

describe('HomeKnowledgeStore zone', () => {
  it('measures the distance from the home zone by haversine', () => {
    const knowledge = store();
    expect(knowledge.metresFromHome(52.37, 4.89)).toBe(0);
    // 0.001° of latitude is 111.2 m everywhere.
    expect(knowledge.metresFromHome(52.371, 4.89)).toBeCloseTo(111.2, 0);
    // Amsterdam to Utrecht, about 34.6 km as the crow flies.
    expect((knowledge.metresFromHome(52.0907, 5.1214) ?? 0) / 1000).toBeCloseTo(34.9, 0);
    expect(knowledge.homeRadiusMetres).toBe(150);
  });

  it('never uses a radius below 100 m, and has no distance without a zone', () => {
    expect(store({ zone: { latitude: 0, longitude: 0, radius: 10 } }).homeRadiusMetres).toBe(100);
    const zoneless = store({ zone: null });
    expect(zoneless.metresFromHome(52.37, 4.89)).toBeUndefined();
    expect(zoneless.homeRadiusMetres).toBe(100);
  });

  it('is symmetric and exact at the antipode', () => {
    expect(haversineMetres(0, 0, 0, 180)).toBeCloseTo(Math.PI * 6_371_008.8, 3);
    expect(haversineMetres(10, 20, 30, 40)).toBeCloseTo(haversineMetres(30, 40, 10, 20), 6);
  });
});

describe('HomeKnowledgeStore.accept', () => {
  it.each([
    ['no etag', { ...frame(), etag: undefined }],
    ['a latitude out of range', frame({ zone: { latitude: 91, longitude: 0, radius: 100 } })],
    ['a serial number that is not a string', { ...frame(), devices: [{ ...frame().devices[0], serial_number: 42 }] }],
    ['an empty person name', frame({ persons: [{ name: '', user: null }] })],
    ['a connection that is not a pair', { ...frame(), devices: [{ ...frame().devices[0], connections: [['mac']] }] }],
    ['too many devices', frame({ devices: Array.from({ length: 2001 }, (_, i) => ({ id: `d${i}`, names: [], serial_number: null, connections: [], identifiers: [] })) })],
  ])('refuses a frame with %s and keeps the previous knowledge', (_what, bad) => {
    const knowledge = store();
    const result = knowledge.accept(bad);
    expect(result.kind).toBe('malformed');
    expect(knowledge.lookup(PLUG_SERIAL)).toBeDefined();
  });
});

describe('hardwareDigits', () => {
  it.each([
    ['AA:BB:CC:DD:EE:FF', 'aabbccddeeff'],
    ['aa-bb-cc-dd-ee-ff', 'aabbccddeeff'],
    ['aabb.ccdd.eeff', 'aabbccddeeff'],
    ['00:12:4b:00:1c:a1:b2:c3', '00124b001ca1b2c3'],
    ['aa:bb:cc', undefined],
    ['serial-aabbccddeeff', undefined],
    ['aa:bb:cc:dd:ee:fg', undefined],
  ])('%j -> %j', (text, digits) => {
    expect(hardwareDigits(text)).toBe(digits);
  });
});

describe('Hub home knowledge', () => {
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

  it('subscribes after register and follows every pushed frame', async () => {
    ha.home = frame();
    const hub = harness.create(ha.url);
    hub.start();
    await waitFor('home knowledge', () => hub.home.lookup(PLUG_SERIAL) !== undefined);
    expect(hub.status().home).toEqual({ etag: 'home-1', zone: true, persons: 1, devices: 2, values: 8 });
    ha.pushHome(frame({ etag: 'home-2', devices: [] }));
    await waitFor('the new frame', () => hub.status().home.etag === 'home-2');
    expect(hub.home.lookup(PLUG_SERIAL)).toBeUndefined();
    expect(harness.logs.join('\n')).toMatch(/home knowledge home-2 from Home Assistant: the home zone, 1 person\(s\), 0 device\(s\)/);
  });

  it('ignores a malformed frame, counts it, and keeps what it knew', async () => {
    ha.home = frame();
    const hub = harness.create(ha.url);
    hub.start();
    await waitFor('home knowledge', () => hub.status().home.etag === 'home-1');
    ha.pushHome({ etag: 'home-3', zone: 'Amsterdam', persons: [], devices: [] });
    await waitFor('the malformed frame counted', () => hub.status().malformedFrames === 1);
    expect(hub.home.lookup(PLUG_SERIAL)).toBeDefined();
    expect(harness.logs.join('\n')).toMatch(/ignored a home knowledge frame .*zone/);
  });

  it('works without home knowledge when the integration is older than the command', async () => {
    const hub = harness.create(ha.url);
    hub.start();
    await waitFor('the refusal logged', () => harness.logs.some((line) => line.includes('shares no home knowledge')));
    expect(hub.status().state).toBe('registered');
    expect(hub.status().home.etag).toBeUndefined();
    expect(harness.logs.join('\n')).toMatch(/update the Privacy Gateway integration/);
  });

  it('never writes what the home knows to disk', async () => {
    ha.home = frame();
    const hub = harness.create(ha.url);
    hub.start();
    await waitFor('home knowledge', () => hub.home.lookup(PLUG_SERIAL) !== undefined);
    await hub.stop();
    for (const name of readdirSync(harness.dir)) {
      const bytes = readFileSync(join(harness.dir, name)).toString('latin1');
      for (const secret of [PLUG_SERIAL, 'Anna Kowalska', 'B0:BE:76', 'Kitchen plug']) expect(bytes).not.toContain(secret);
    }
  });
});
