import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PathSegment, PayloadField, ScalarValue } from '../../src/payload/index.js';
import { DATA_CATEGORIES, type DataCategory } from '../../src/policy/categories.js';
import { classifyField, classifyPayload, normaliseKey } from '../../src/policy/classifier/index.js';
import { flattenJson, flattenQuery, labelPath } from '../helpers/flatten.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** `a.b[0].c` → ['a', 'b', 0, 'c'] */
function segmentsOf(path: string): PathSegment[] {
  return path.split(/\.|(?=\[)/).map((part) => (part.startsWith('[') ? Number(part.slice(1, -1)) : part));
}

function classify(path: string, value: ScalarValue): readonly DataCategory[] {
  return classifyField({ segments: segmentsOf(path), value });
}

describe('normaliseKey', () => {
  it.each([
    ['wifi_sta', 'wifista'],
    ['wifiSta', 'wifista'],
    ['WiFi-STA', 'wifista'],
    ['coords.latitude', 'coordslatitude'],
    ['switch:0', 'switch0'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseKey(raw)).toBe(expected);
  });
});

describe('classifyField by key', () => {
  it.each<[string, ScalarValue, DataCategory[]]>([
    ['lat', 52.3, ['location']],
    ['location.coords.longitude', 13.4, ['location']],
    ['coords.speed', 3, ['location']],
    ['pose.point.x', -7, ['location']],
    ['place.location[0]', 52.516263, ['location']],
    ['inregions[1]', 'Testregion2', ['location']],
    ['time_zone', 'America/New_York', ['location']],
    ['postal_code', '10115', ['location']],
    ['SSId1', 'XXX', ['network']],
    ['wifi_sta.ssid', 'home', ['network']],
    ['Wifi.RSSI', 44, ['network']],
    ['signal.noise', -82, ['network']],
    ['wlan0HwAddr', 'XX', ['device']],
    ['navSerialNo', 'CF08814PR', ['device']],
    ['imei', '451746050955683', ['device']],
    ['terminalUUID', 'MY_UUID_v4', ['device']],
    ['doorbots[0].id', 987654, ['device']],
    ['owner.id', 999999, ['personal']],
    ['owner.email', 'x', ['personal']],
    ['cloudUserName', 'XXXXX', ['personal']],
    ['imsi', '40895Galaxy75dd', ['device', 'personal']],
    ['cloudPassword', 'XXXXX', ['credentials']],
    ['opencageApiKey', 'k', ['credentials']],
    ['local_key', '3a9b50126fe473', ['credentials']],
    ['sip_token', 'abc', ['credentials']],
    ['weight', '48900', ['health']],
    ['heart_rate', 62, ['health']],
    ['face', 'iVBOR', ['media']],
    ['input', 'bitte schalte die stehlampe an', ['media', 'behaviour']],
    ['input', 0, ['behaviour']],
    ['relays[0].ison', false, ['behaviour']],
    ['battery.level', 0.5, ['behaviour']],
    ['state.reported.cleanSchedule2[0].start.hour', 8, ['behaviour']],
    ['get_device_usage.time_usage.today', 1264, ['behaviour']],
    ['ap_list[0].ssid', 'neighbour', ['network', 'third_party']],
    ['ap_list[3].cipher_type', 2, ['third_party']],
  ])('%s = %j → %j', (path, value, expected) => {
    expect(classify(path, value)).toEqual(expected);
  });

  it.each<[string, ScalarValue]>([
    ['cap.pose', 1],
    ['definition.description', 'Mi power plug ZigBee'],
    ['model', 'HS110(EU)'],
    ['firmware_version', '1.2.3'],
    ['Sleep', 50],
    ['audio_jitter_buffer_ms', 0],
    ['port', 1883],
    ['id', 7840],
    ['productKey', '8FAPq5h6gdV51Vcr'],
  ])('%s = %j has no category', (path, value) => {
    expect(classify(path, value)).toEqual([]);
  });

  it.each<[string, ScalarValue]>([
    ['password', null],
    ['ssid', ''],
    ['dns2', '0.0.0.0'],
  ])('%s = %j carries nothing', (path, value) => {
    expect(classify(path, value)).toEqual([]);
  });

  it('does not call a boolean a secret', () => {
    expect(classify('usePassword', true)).toEqual([]);
  });

  it.each<[string, ScalarValue]>([
    ['latitude', 123.4],
    ['lon', -200],
    ['lat', '95.5'],
  ])('drops location when %s = %j is out of range', (path, value) => {
    expect(classify(path, value)).toEqual([]);
  });

  it('keeps location for a coordinate written as text (DMS, masked)', () => {
    expect(classify('lat', "52°30'N")).toEqual(['location']);
  });

  it('uses the nearest key when the path has no object key at the end', () => {
    expect(classifyField({ key: 'lat', segments: [], value: 1.5 })).toEqual(['location']);
  });
});

describe('classifyField by value', () => {
  it.each<[string, string, DataCategory[]]>([
    ['addr', '192.168.1.55', ['network']],
    ['x', '192.168.178.XX', ['network']],
    ['x', 'fe80::1', ['network']],
    ['x', 'fd78:cbf8:4939:746:5632:4ff:fe54:7478', ['network', 'device']],
    ['addr', '0c:ef:f6:f1:d7:7b', ['device']],
    ['x', '48-22-54-00-00-00', ['device']],
    ['APMac', '34:31:C4:XX:XX:XX', ['network']],
    ['bssid', '000000000000', ['network']],
    ['mac', 'C45BBE78A8A4', ['device']],
    ['x', '0x00158d00018255df', ['device']],
    ['x', '490154203237518', ['device']],
    ['x', '1M8GDM9AXKP042788', ['device']],
    ['src', 'shellypro4pm-f008d1d8b8b8', ['device']],
    ['x', 'cmnd/DVES_D460E6_fb/', ['device']],
    ['x', 'foo@bar.org', ['personal']],
    ['x', '+49 30 1234567', ['personal']],
    ['phone', '030 1234567', ['personal']],
    ['x', 'sip:abc123@ring.com', ['network']],
    ['x', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl', ['credentials']],
    ['x', 'Bearer abcdefghijklmnop', ['credentials']],
    ['x', 'https://bucket.s3.amazonaws.com/a.jpg?X-Amz-Signature=abc&X-Amz-Date=1', ['credentials']],
    ['x', '52.516263,13.377726', ['location']],
    ['x', 'geo:52.5,13.4', ['location']],
    ['device_uuid', '0e24799a-aa63-4205-9808-74ee92f2436b', ['device']],
    ['friendly_name', '0x90fd9ffffe6494fc', ['device']],
  ])('%s = %s → %j', (key, value, expected) => {
    expect(classify(key, value)).toEqual(expected);
  });

  it.each([
    ['x', '000000000000'],
    ['x', '490154203237519'],
    ['x', 'session:0e24799a-aa63-4205-9808-74ee92f2436b'],
    ['x', 'd15eb1a0-67ba-4a3b-a378-a5b06e370719'],
    ['x', 'Europe/Berlin'],
    ['x', '2000-01-01T00:00:00.000Z'],
    ['x', '20191217-140757/1047-long-id-for-shelly-devices@a0661583'],
    ['x', 'https://example.com/page?lang=en'],
    ['x', '255.255.255.0'],
    ['x', '1.2.3'],
    ['x', 'Hello there, how are you?'],
    ['x', '12345'],
  ])('%s = %s has no category', (key, value) => {
    expect(classify(key, value)).toEqual([]);
  });
});

describe('classifyPayload', () => {
  it('classifies a `value` by its sibling `code`', () => {
    const fields = flattenJson('{"status":[{"code":"weight","value":"48900"},{"code":"switch_1","value":true}]}');
    const result = classifyPayload({ format: 'json', fields, opaqueReason: undefined });
    expect(result.map((r) => [r.field.path, r.categories])).toEqual([
      ['$.status[0].code', []],
      ['$.status[0].value', ['health']],
      ['$.status[1].code', []],
      ['$.status[1].value', ['behaviour']],
    ]);
  });

  it('marks a base64 image as media and opaque whatever its key', () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(120)]).toString('base64');
    const fields = flattenJson(JSON.stringify({ blob: png, note: 'hello' }));
    const [blob, note] = classifyPayload({ format: 'json', fields, opaqueReason: undefined });
    expect(blob?.categories).toEqual(['media']);
    expect(blob?.opaque?.kind).toBe('binary');
    expect(note?.opaque).toBeUndefined();
  });
});

describe('classifier on the labelled corpus', () => {
  const score = scoreCorpus();
  console.log(`${formatScoreTable(score)}\nmisclassified (paths only):\n  ${score.mistakes.join('\n  ')}`);

  it('has a field for every labelled path', () => {
    expect(score.unmatchedLabels).toEqual([]);
  });

  it('reaches micro precision and recall of 0.9', () => {
    expect(precision(score.micro)).toBeGreaterThanOrEqual(0.9);
    expect(recall(score.micro)).toBeGreaterThanOrEqual(0.9);
  });

  // Floors sit a little below what the classifier reached when they were set (see the printed table).
  it.each<[DataCategory, number, number]>([
    ['location', 0.93, 0.93],
    ['network', 0.95, 0.95],
    ['device', 0.9, 0.92],
    ['personal', 0.83, 0.87],
    ['credentials', 0.95, 0.85],
    ['health', 1, 1],
    ['media', 0.8, 0.8],
    ['behaviour', 0.93, 0.9],
    ['third_party', 0.85, 0.95],
  ])('%s: precision >= %d, recall >= %d', (category, minPrecision, minRecall) => {
    expect(precision(score.perCategory[category])).toBeGreaterThanOrEqual(minPrecision);
    expect(recall(score.perCategory[category])).toBeGreaterThanOrEqual(minRecall);
  });
});

/** Precision/recall of the classifier against the hand-written corpus labels. */
interface LabelledFile {
  readonly format: 'json' | 'query-dict' | 'query-url';
  readonly fields: Readonly<Record<string, readonly DataCategory[]>>;
}

interface CategoryScore {
  tp: number;
  fp: number;
  fn: number;
}

interface CorpusScore {
  readonly perCategory: Record<DataCategory, CategoryScore>;
  readonly micro: CategoryScore;
  /** Label paths that matched no field: a typo in the labels, not a classifier miss. */
  readonly unmatchedLabels: string[];
  /** `file path: +fp -fn` lines, paths and categories only (never values). */
  readonly mistakes: string[];
  readonly fileCount: number;
}

function loadCorpusFields(file: string, format: LabelledFile['format']): PayloadField[] {
  const text = readFileSync(`${fixtures}corpus/${file}`, 'utf8');
  if (format === 'json') return flattenJson(text);
  if (format === 'query-dict') {
    return flattenQuery(new URLSearchParams(JSON.parse(text) as Record<string, string>).toString());
  }
  return flattenQuery(text.trim().slice(text.indexOf('?') + 1));
}

function scoreCorpus(): CorpusScore {
  const labels = JSON.parse(readFileSync(`${fixtures}corpus-labels.json`, 'utf8')) as {
    files: Record<string, LabelledFile>;
  };
  const perCategory = Object.fromEntries(DATA_CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])) as Record<
    DataCategory,
    CategoryScore
  >;
  const unmatchedLabels: string[] = [];
  const mistakes: string[] = [];
  const entries = Object.entries(labels.files);
  for (const [file, labelled] of entries) {
    const fields = loadCorpusFields(file, labelled.format);
    const seen = new Set<string>();
    for (const classified of classifyPayload({ format: 'json', fields, opaqueReason: undefined })) {
      const path = labelPath(classified.field.source, classified.field.segments);
      seen.add(path);
      const expected = new Set(labelled.fields[path] ?? []);
      const predicted = new Set(classified.categories);
      const wrong: string[] = [];
      for (const category of DATA_CATEGORIES) {
        const score = perCategory[category];
        if (expected.has(category) && predicted.has(category)) score.tp++;
        else if (predicted.has(category)) (score.fp++, wrong.push(`+${category}`));
        else if (expected.has(category)) (score.fn++, wrong.push(`-${category}`));
      }
      if (wrong.length > 0) mistakes.push(`${file} ${path}: ${wrong.join(' ')}`);
    }
    for (const path of Object.keys(labelled.fields)) if (!seen.has(path)) unmatchedLabels.push(`${file} ${path}`);
  }
  const micro = { tp: 0, fp: 0, fn: 0 };
  for (const score of Object.values(perCategory)) {
    micro.tp += score.tp;
    micro.fp += score.fp;
    micro.fn += score.fn;
  }
  return { perCategory, micro, unmatchedLabels, mistakes: [...new Set(mistakes)], fileCount: entries.length };
}

function precision(score: CategoryScore): number {
  return score.tp + score.fp === 0 ? 1 : score.tp / (score.tp + score.fp);
}

function recall(score: CategoryScore): number {
  return score.tp + score.fn === 0 ? 1 : score.tp / (score.tp + score.fn);
}

function formatScoreTable(score: CorpusScore): string {
  const row = (name: string, s: CategoryScore) =>
    `${name.padEnd(12)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}  ${precision(s).toFixed(3)}  ${recall(s).toFixed(3)}`;
  return [
    `category       tp   fp   fn  precision recall   (${score.fileCount} corpus files)`,
    ...DATA_CATEGORIES.map((category) => row(category, score.perCategory[category])),
    row('micro', score.micro),
  ].join('\n');
}
