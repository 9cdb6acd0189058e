import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';
import { decidedBy } from '../../src/policy/classifier/index.js';

/**
 * The tenth round's places, networks, devices and media (issue 7): concepts, each with the reading that
 * must stay beside it, so a fix cannot be a blanket rule.
 */
describe('a GeoJSON feature list', () => {
  const history = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [13.4105, 52.5244] },
        properties: { accuracy: 12, altitude: 34, velocity: 1.5, ssid: 'HomeNet', tracker_id: 'phone-7f3a', battery: 80 },
      },
    ],
  };

  it.each([
    ['$.features[0].geometry.coordinates[0]', 'location'],
    ['$.features[0].properties.accuracy', 'location'],
    ['$.features[0].properties.altitude', 'location'],
    ['$.features[0].properties.velocity', 'location'],
    ['$.features[0].properties.ssid', 'network'],
    ['$.features[0].properties.tracker_id', 'device'],
  ])('is a list of places, so %s stays %s', (path, category) => {
    expect(at(classifyJson(history), path).categories).toContain(category);
  });

  it('keeps a battery reading of a feature unlabelled', () => {
    expect(at(classifyJson(history), '$.features[0].properties.battery').categories).toEqual([]);
  });

  it('leaves a device feature list neutral', () => {
    // A capability list (`features.pose`, `features.ssid`) says what a unit can do, not where anybody is.
    const fields = classifyJson({ features: { altitude: 1, ssid: 'supported', accuracy: 2 } });
    expect(at(fields, '$.features.altitude').categories).toEqual([]);
    expect(at(fields, '$.features.accuracy').categories).toEqual([]);
  });
});

describe('recognised-alternatives', () => {
  const word = (content: string, start: number, end: number) => ({ alternatives: [{ confidence: 0.98, content, language: 'en', speaker: 'S1' }], start_time: start, end_time: end, type: 'word' });
  const transcript = { results: [word('Tidy', 1.41, 1.83), word('up', 1.83, 2.1), word('.', 2.1, 2.1), word('$2.05', 2.2, 3)] };

  it.each([
    ['a word', '$.results[0].alternatives[0].content'],
    ['a punctuation mark', '$.results[2].alternatives[0].content'],
    ['an amount', '$.results[3].alternatives[0].content'],
  ])('takes %s among the alternatives of timed words as what somebody said (media)', (_what, path) => {
    const field = at(classifyJson(transcript), path);
    expect(field.categories).toEqual(['media']);
    expect(decidedBy(field.findings ?? [])).toContain('recognised-alternatives');
  });

  it.each([
    ['the speaker tag', '$.results[0].alternatives[0].speaker'],
    ['the language', '$.results[0].alternatives[0].language'],
    ['the confidence', '$.results[0].alternatives[0].confidence'],
    ['the start', '$.results[0].start_time'],
  ])('leaves %s alone', (_what, path) => {
    expect(decidedBy(at(classifyJson(transcript), path).findings ?? [])).not.toContain('recognised-alternatives');
  });

  it.each([
    ['one timed word', { results: [word('Tidy', 1.41, 1.83)] }],
    ['words that nothing times', { results: [{ alternatives: [{ confidence: 0.9, content: 'Tidy' }] }, { alternatives: [{ confidence: 0.9, content: 'up' }] }] }],
    ['timed labels that are no alternatives', { frames: [{ start: 0, end: 1, detections: [{ score: 0.9, label: 'cat' }] }, { start: 1, end: 2, detections: [{ score: 0.8, label: 'dog' }] }] }],
  ])('finds no transcript in %s', (_what, body) => {
    const fields = classifyJson(body);
    expect(fields.every((f) => !decidedBy(f.findings ?? []).includes('recognised-alternatives'))).toBe(true);
  });
});

describe('speech-piece', () => {
  const pieces = [' Hey', ',', ' my', ' knee'];
  const utf8 = (text: string) => [...Buffer.from(text, 'utf8')];
  const answer = { text: 'Hey, my knee', logprobs: pieces.map((token, i) => ({ token, logprob: -0.1 * i, bytes: utf8(token) })) };

  it('takes the pieces that spell out a transcript, and their bytes, as recognised speech (media)', () => {
    const fields = classifyJson(answer);
    expect(at(fields, '$.logprobs[2].token').categories).toContain('media');
    expect(decidedBy(at(fields, '$.logprobs[2].token').findings ?? [])).toContain('speech-piece');
    expect(at(fields, '$.logprobs[2].bytes[1]').categories).toEqual(['media']);
    expect(at(fields, '$.logprobs[2].logprob').categories).toEqual([]);
  });

  it('takes a piece under `token` for no secret, and leaves a token beside no transcript a secret', () => {
    expect(at(classifyJson(answer), '$.logprobs[1].token').categories).toEqual(['media']);
    const session = classifyJson({ text: 'Hey, my knee', sessions: [{ token: 'f3a9c6e21b4d4e8a' }, { token: '9c7f2d6e8b1a3c5f' }] });
    expect(at(session, '$.sessions[0].token').categories).toEqual(['credentials']);
  });

  const spelled = (body: unknown) => classifyJson(body).filter((f) => decidedBy(f.findings ?? []).includes('speech-piece')).map((f) => f.field.path);

  it.each([
    ['pieces that spell another text', { text: 'Hey, my knee', logprobs: [{ token: 'Hello' }, { token: ' there' }] }],
    ['pieces of a text under no speech key', { error_text: 'Hey, my knee', logprobs: pieces.map((token) => ({ token })) }],
    ['a single piece', { text: 'Hey, my knee', logprobs: [{ token: 'Hey, my knee' }] }],
  ])('finds no pieces in %s', (_what, body) => {
    expect(spelled(body)).toEqual([]);
  });

  it('leaves numbers beside a piece that spell something else', () => {
    const paths = spelled({ text: 'Hey, my knee', logprobs: pieces.map((token) => ({ token, bytes: utf8('zz') })) });
    expect(paths).toContain('$.logprobs[0].token');
    expect(paths.filter((p) => p.includes('bytes'))).toEqual([]);
  });
});

describe('a place and a host named in full', () => {
  const peer = { city_name: 'Berlin', cityName: 'Berlin', geoname_id: 2643743, country_name: 'Germany', dns_label: 'stage-host-1.netbird.cloud', extra_dns_labels: ['stage-host-1'], label: 'Stage' };

  it.each([
    ['$.city_name', 'location'],
    ['$.cityName', 'location'],
    ['$.geoname_id', 'location'],
    ['$.dns_label', 'network'],
    ['$.extra_dns_labels[0]', 'network'],
  ])('reads %s as %s', (path, category) => {
    expect(at(classifyJson(peer), path).categories).toEqual([category]);
  });

  it.each([['$.country_name'], ['$.label']])('leaves %s alone (a country alone, a label)', (path) => {
    expect(at(classifyJson(peer), path).categories).toEqual([]);
  });
});

describe('a place named two levels up', () => {
  const zones = {
    zones: [
      { name: 'Back lawn', customSoil: { name: 'LOAM' }, customNozzle: { name: 'FIXED_SPRAY_HEAD' }, general: { name: 'Dom' } },
    ],
  };

  it.each([
    ['its own name', '$.zones[0].name'],
    ['a name in a section about the zone itself', '$.zones[0].general.name'],
  ])('reaches %s', (_what, path) => {
    expect(at(classifyJson(zones), path).categories).toEqual(['location']);
  });

  it.each([['$.zones[0].customSoil.name'], ['$.zones[0].customNozzle.name']])('does not reach %s: a record of its own names itself', (path) => {
    expect(at(classifyJson(zones), path).categories).toEqual([]);
  });
});

describe("a unit's own identifiers by standard and by key pair", () => {
  const unit = {
    sgtin: '3014F711A0000000000001',
    serializedGlobalTradeItemNumber: '3014F711A0000000000001',
    gtin: '04012345678901',
    nodeKey: 'nodekey:a1b2c3d4e5f67890a1b2c3d4e5f67890',
    machineKey: 'mkey:9f8e7d6c5b4a39281706f5e4d3c2b1a0',
    vehiclePublicKey: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE',
    nodeKeyExpiry: '2024-01-01T00:00:00Z',
  };

  it.each([['$.sgtin'], ['$.serializedGlobalTradeItemNumber'], ['$.nodeKey'], ['$.machineKey'], ['$.vehiclePublicKey']])('reads %s as this unit’s (device)', (path) => {
    expect(at(classifyJson(unit), path).categories).toEqual(['device']);
  });

  it.each([['$.gtin'], ['$.nodeKeyExpiry']])('leaves %s alone: a product code, a time', (path) => {
    expect(at(classifyJson(unit), path).categories).not.toContain('device');
  });
});

describe('a position in degrees, minutes and seconds', () => {
  it.each([
    [`52 deg 27' 31.32" N, 13 deg 27' 33.48" E`],
    [`52°27'31.3"N 13°27'33.5"E`],
  ])('reads %s under a key nobody knows as a place', (text) => {
    expect(at(classifyJson({ Composite: text }), '$.Composite').categories).toEqual(['location']);
  });

  it.each([[`95 deg 27' 31.32" N, 13 deg 27' 33.48" E`], [`52 deg 27' 31.32" N`], ['45 deg']])('leaves %s alone (out of range, one half, an angle)', (text) => {
    expect(at(classifyJson({ Composite: text }), '$.Composite').categories).toEqual([]);
  });
});

describe('a list of IP addresses in one text', () => {
  it.each([['192.168.178.1,192.168.178.2'], ['192.168.178.3, 2001:db8:85a3:8d3:1319:8a2e:370:7344']])('reads %s as network', (text) => {
    expect(at(classifyJson({ mapping: text }), '$.mapping').categories).toEqual(['network']);
  });

  it.each([['1,2,3'], ['1.2.3,4.5.6'], ['192.168.1.1,hello']])('leaves %s alone', (text) => {
    expect(at(classifyJson({ mapping: text }), '$.mapping').categories).toEqual([]);
  });
});

describe('a speed is a place only with a position', () => {
  it.each([
    ['a mower at work', { work: { speed: 0.3 } }, '$.work.speed'],
    ['a voice', { output: { voice: 'alloy', speed: 1 } }, '$.output.speed'],
  ])('leaves the speed of %s alone', (_what, body, path) => {
    expect(at(classifyJson(body), path).categories).toEqual([]);
  });

  it.each([
    ['beside a latitude and longitude', { fix: { lat: 52.52, lon: 13.41, speed: 4 } }, '$.fix.speed'],
    ['in a GeoJSON feature with a geometry', { type: 'Feature', geometry: { type: 'Point', coordinates: [13.41, 52.52] }, properties: { speed: 4 } }, '$.properties.speed'],
  ])('reads a speed %s as a place', (_what, body, path) => {
    expect(at(classifyJson(body), path).categories).toEqual(['location']);
  });
});

describe('a picture one record below a product', () => {
  const controller = (list: string) => ({ devices: [{ model: 'GENERATION2_16ZONE', [list]: [{ name: 'Back lawn', imageUrl: 'https://media.example.com/8107d244-1176-44a4-9a7e-d1de3b803f82' }] }] });

  it("is the place's photo in an entry of a list of places (a zone's lawn beside the controller's model)", () => {
    expect(at(classifyJson(controller('zones')), '$.devices[0].zones[0].imageUrl').categories).toContain('media');
  });

  it("stays the vendor's picture in an entry of any other list (a product's variants)", () => {
    expect(at(classifyJson(controller('variants')), '$.devices[0].variants[0].imageUrl').categories).not.toContain('media');
  });
});

describe('speech-piece: token ids beside a transcript', () => {
  const segment = (text: string, tokens: number[]) => ({ id: 0, start: 0, end: 3.3, text, tokens, temperature: 0 });

  it("takes a segment's token ids beside its transcript as recognised speech (media)", () => {
    const fields = classifyJson({ segments: [segment(' The beach was a popular spot.', [50364, 440, 7534, 390])] });
    expect(at(fields, '$.segments[0].tokens[1]').categories).toEqual(['media']);
    expect(at(fields, '$.segments[0].temperature').categories).toEqual([]);
  });

  it.each([
    ['beside no transcript', { segments: [{ name: 'ab', tokens: [1, 2, 3] }] }],
    ['under a key naming no tokens', { segments: [{ text: ' The beach was a popular spot.', offsets: [1, 2, 3] }] }],
  ])('leaves numbers %s alone', (_what, body) => {
    const fields = classifyJson(body);
    expect(fields.some((f) => decidedBy(f.findings ?? []).includes('speech-piece'))).toBe(false);
  });
});
