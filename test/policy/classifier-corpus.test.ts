import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePayload, parseQuery, type ParsedPayload } from '../../src/payload/index.js';
import { DATA_CATEGORIES, type DataCategory } from '../../src/policy/categories.js';
import { classifyPayload } from '../../src/policy/classifier/index.js';
import { labelPath } from '../helpers/flatten.js';

/**
 * The classifier measured on labelled corpora (docs/CORPUS.md), through the real parsers: per category
 * true/false positives and misses, precision and recall, printed per split and held to a floor.
 * - shared: test/fixtures/corpus-labels.json over ../shared/corpus's payloads;
 * - dev: test/fixtures/classifier-corpus/dev, the part the classifier was tuned on;
 * - holdout: test/fixtures/classifier-corpus/holdout, never looked at while tuning.
 * A split that is not present is skipped with a note.
 * PG_CORPUS_HALF=a|b scores only one half of dev's vendors (the file name's first word, split by a fixed hash):
 * a change decided on one half's mistakes is kept only when it also lifts the other half (docs/CORPUS.md).
 */
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

interface Floor {
  readonly precision: number;
  readonly recall: number;
  /** Each category's precision and recall (categories with no labels and no predictions are skipped). */
  readonly perCategory: number;
  /** Categories with no floor at all, because the classifier reached nothing there (printed, skipped by name). */
  readonly noFloor?: readonly DataCategory[];
}

/**
 * Floors sit just under what the classifier reached when they were set; the holdout floor under what a
 * held-out set gave at its first measurement, untuned (a regression guard, not the target).
 */
const FLOORS: Readonly<Record<'shared' | 'dev' | 'holdout', Floor>> = {
  // Reached when set: shared 0.978 / 0.941, lowest category media precision 0.833 (behaviour recall 0.852).
  shared: { precision: 0.97, recall: 0.93, perCategory: 0.8 },
  // Reached when set: dev (72 formats) 0.975 / 0.932. The corpus round added 95 formats the classifier was not
  // tuned on (167 formats: 0.896 / 0.744); after the generalisation round (record context, morphology,
  // random tokens) 0.918 / 0.807, lowest category behaviour recall 0.613.
  // On 2026-12-06 the first held-out set (50 files, measured three times) joined dev: 216 files, 0.886 / 0.734,
  // lowest category behaviour recall 0.487.
  // Structure detectors of issue 7's generalisation round (activity-span, weekly-schedule, people-list,
  // media-record, media-in-text, recognised-words, opening-state; slot ids and switches out of behaviour
  // containers): 0.896 / 0.795, lowest category behaviour recall 0.680 (behaviour 0.832 / 0.680, third_party
  // 0.825 / 0.860, media 0.897 / 0.769). With health-range, key-material and the parent rule: 0.903 / 0.800.
  // Then the second held-out set (93 files, measured once: 0.706 / 0.620) joined dev: 309 files, 0.839 / 0.741,
  // lowest category behaviour recall 0.610.
  // The fifth round (recall; each change kept only when it lifted the other half, docs/CORPUS.md): the
  // third_party rider, health-mention, activity-quantity, person-id, parts of health records, act-count,
  // set-time, home-record, nickname: 0.844 / 0.776 (half A 0.841 / 0.774, half B 0.847 / 0.778), lowest
  // category third_party recall 0.683 (credentials 0.697, behaviour 0.686).
  // Precision round (each rule kept only when it lifted the half of the vendors it was not decided on):
  // 0.869 / 0.741 (half A 0.878 / 0.740, half B 0.861 / 0.742), lowest category behaviour recall 0.610.
  // Both rounds merged: 0.873 / 0.776, lowest category third_party recall 0.683 (behaviour 0.686, credentials 0.697).
  // Then the third held-out set (114 files, measured once: 0.724 / 0.484) joined dev: 423 files, 0.849 / 0.716,
  // lowest category third_party recall 0.589 (health 0.605, behaviour 0.612, credentials 0.645).
  // After the sixth round (health, credentials and media; people, devices and networks; behaviour and location,
  // each change decided on one half of the vendors and kept when the other did not fall): 0.887 / 0.802, lowest
  // category behaviour recall 0.674 (third_party 0.801 / 0.704, credentials recall 0.735).
  // Then the fourth held-out set (130 files, measured once: 0.749 / 0.426) joined dev: 553 files, 0.862 / 0.705,
  // lowest category third_party recall 0.504 (behaviour 0.584, health 0.701, credentials 0.716).
  // After the seventh round (people, devices and networks; health, credentials and media; behaviour and location,
  // each change decided on one half of the vendors and kept when the other did not fall): 0.875 / 0.768, lowest
  // category third_party recall 0.591 (behaviour 0.775 / 0.671, credentials recall 0.740).
  // Then the fifth held-out set (126 files, measured once: 0.620 / 0.648) joined dev: 679 files, 0.823 / 0.747,
  // lowest category third_party recall 0.546 (0.643 precision; behaviour 0.733 / 0.631, credentials recall 0.733).
  // After the eighth round (third parties, personal, devices and networks; behaviour and location; credentials, media
  // and health, each change decided on one half of the vendors and kept when the other did not fall): 0.886 / 0.765
  // (half a 0.912 / 0.799, half b 0.863 / 0.736), lowest category third_party recall 0.621 (0.936 precision;
  // behaviour 0.809 / 0.648, credentials recall 0.764).
  // Then the sixth held-out set (175 files, measured once: 0.432 / 0.446) joined dev: 854 files, 0.792 / 0.708,
  // lowest category location precision 0.528 (607 false places, 250 of them one rule: a container whose name holds
  // "points" made a heat pump's whole management-point records location), behaviour recall 0.543, third_party 0.564.
  // After the ninth round (places, behaviour, people, health/credentials/media, each change decided on one half of the
  // vendors and kept when the other did not fall): 0.890 / 0.732, location 0.933 / 0.910 (50 false, was 607), lowest
  // category behaviour recall 0.579 (0.808 precision; third_party recall 0.599, credentials recall 0.769).
  // Then the seventh held-out set (178 files, measured once: 0.600 / 0.377) joined dev: 1032 files, 0.847 / 0.666
  // (half a 0.875 / 0.705, half b 0.823 / 0.633), lowest category behaviour recall 0.504 (0.761 precision; media
  // 0.830 / 0.546: transcripts labelled word by word; third_party recall 0.591, credentials 0.769 / 0.769).
  // After the tenth round (people's own activities; behaviour recorded by the home's machines; personal, health,
  // third parties and credentials; location, network, device and media: each change decided on one half of the
  // vendors and kept when the other did not fall): 0.886 / 0.751 (half a 0.911 / 0.785, half b 0.864 / 0.723),
  // lowest category third_party recall 0.612 (behaviour 0.833 / 0.648, credentials 0.852 / 0.769).
  // After the eleventh round (third parties and personal; behaviour; device, credentials and health, each change
  // decided on one half and kept when the other did not fall): 0.905 / 0.754 (half a 0.916 / 0.786, half b 0.895 /
  // 0.727), lowest category third_party recall 0.625 (behaviour 0.860 / 0.650, device 0.925 / 0.777).
  // Then the eighth held-out set (165 files, measured twice: 0.663 / 0.544, 0.675 / 0.543; one helper's run of its
  // floor decided a change) joined dev: 1197 files, 0.879 / 0.730 (half a 0.878 / 0.773, half b 0.881 / 0.695),
  // lowest category third_party recall 0.564 (0.910 precision; behaviour 0.801 / 0.622, device recall 0.775).
  // After the twelfth round (third parties; behaviour; people, units and health; precision outside behaviour: each
  // change decided on one half of the vendors and kept when the other did not fall; four labels made consistent with
  // the rules): 0.893 / 0.756 (half a 0.895 / 0.795, half b 0.891 / 0.724), lowest category behaviour recall 0.651
  // (0.817 precision; third_party 0.912 / 0.661, credentials recall 0.789, health recall 0.792).
  // Then the ninth held-out set (245 files, measured once: 0.610 / 0.548) joined dev: 1442 files, 0.851 / 0.727
  // (half a 0.881 / 0.758, half b 0.828 / 0.704), lowest category third_party recall 0.595 (0.725 precision;
  // behaviour 0.754 / 0.619, health recall 0.728, media recall 0.776, device recall 0.779).
  // After the thirteenth round (behaviour; units, credentials, networks and places; third parties and people; health
  // and media: each change decided on one half of the vendors and kept when the other did not fall, but for one false
  // personal field on half b): 0.872 / 0.740 (half a 0.890 / 0.773, half b 0.857 / 0.716), lowest category
  // third_party recall 0.604 (0.740 precision; behaviour 0.797 / 0.634, health recall 0.744, device recall 0.794).
  // Then the tenth held-out set (276 files, measured once: 0.600 / 0.413) joined dev: 1718 files, 0.844 / 0.700
  // (half a 0.847 / 0.726, half b 0.841 / 0.679), lowest category third_party recall 0.522 (0.704 precision;
  // behaviour 0.751 / 0.585, health 0.865 / 0.673, device recall 0.775).
  // After the fourteenth round (health with one label rule for workouts; behaviour; devices, places and credentials;
  // third parties and personal: each change decided on one half of the vendors and kept when the other did not fall):
  // 0.869 / 0.719 (half a 0.852 / 0.732, half b 0.883 / 0.709), lowest category third_party recall 0.527 (0.851
  // precision; behaviour 0.784 / 0.608).
  // Then the eleventh held-out set (245 files, measured once: 0.691 / 0.509) joined dev: 1963 files, 0.848 / 0.692
  // (half a 0.835 / 0.710, half b 0.860 / 0.677), lowest category third_party recall 0.497 (0.786 precision;
  // behaviour 0.775 / 0.566, device recall 0.762, health 0.837 / 0.762).
  // After the fifteenth round (devices, units, credentials, media and health; third parties and personal; behaviour;
  // precision: each change decided on one half of the vendors and kept when the other did not fall): 0.855 / 0.707
  // (half a 0.837 / 0.723, half b 0.871 / 0.694), lowest category third_party recall 0.533 (0.813 precision;
  // behaviour 0.781 / 0.575, network recall 0.817).
  // Then the twelfth held-out set (345 files, measured once: 0.713 / 0.488) joined dev: 2308 files, 0.840 / 0.680
  // (half a 0.819 / 0.685, half b 0.860 / 0.675), lowest category third_party recall 0.486 (0.788 precision;
  // behaviour 0.761 / 0.527, device recall 0.773, personal recall 0.756).
  // After the sixteenth round (credentials' precision; behaviour; the owner's own records; third parties and people,
  // with one written convention: a person's picture is media + personal; each change decided on one half of the
  // vendors and kept when the other did not fall): 0.848 / 0.688 (half a 0.827 / 0.695, half b 0.869 / 0.682), lowest
  // category third_party recall 0.490 (0.806 precision; behaviour 0.766 / 0.544, credentials 0.921 / 0.816).
  dev: { precision: 0.84, recall: 0.68, perCategory: 0.49 },
  // The held-out set is measured once after a round and its floor set then (a regression guard, not the target).
  // The thirteenth held-out set (353 files, 47 vendors never tuned on, built during the sixteenth round by three
  // helpers who never ran the classifier; the twelfth set joined dev at the round's start) measured once on
  // 2026-12-08 after that round: 0.430 / 0.330. Lowest: third_party 0.210 / 0.077 (313 of 339 missed), behaviour
  // 0.176 / 0.123 (1,233 false, 1,881 of 2,144 missed), health 0.598 / 0.353, location 0.443 / 0.593 (251 false),
  // media 0.411 / 0.652; device 0.935 / 0.640, network 0.798 / 0.802, personal 0.729 / 0.638, credentials 0.780 /
  // 0.667. The targets (0.90 / 0.95, every category 0.85) are not met (docs/CORPUS.md, Figures).
  // The earlier sets: twelfth 0.713 / 0.488, eleventh 0.691 / 0.509, tenth 0.600 / 0.413, ninth 0.610 / 0.548,
  // eighth 0.663 / 0.544 and 0.675 / 0.543 (twice), seventh 0.600 / 0.377, sixth 0.432 / 0.446, fifth 0.620 / 0.648,
  // fourth 0.749 / 0.426, third 0.724 / 0.484, second 0.706 / 0.620.
  holdout: { precision: 0.42, recall: 0.32, perCategory: 0.07 },
};

type Format = 'json' | 'query' | 'form' | 'query-dict' | 'query-url';

interface LabelledFile {
  readonly format: Format;
  readonly fields: Readonly<Record<string, readonly DataCategory[]>>;
}

interface Split {
  readonly name: keyof typeof FLOORS;
  readonly dir: string;
  readonly labels: string;
}

const SPLITS: readonly Split[] = [
  { name: 'shared', dir: `${fixtures}corpus/`, labels: `${fixtures}corpus-labels.json` },
  { name: 'dev', dir: `${fixtures}classifier-corpus/dev/`, labels: `${fixtures}classifier-corpus/dev/labels.json` },
  { name: 'holdout', dir: `${fixtures}classifier-corpus/holdout/`, labels: `${fixtures}classifier-corpus/holdout/labels.json` },
];

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

interface SplitScore {
  readonly perCategory: Record<DataCategory, Tally>;
  readonly overall: Tally;
  readonly unmatchedLabels: string[];
  /** `file path: +fp -fn` (paths and categories, never values). */
  readonly mistakes: string[];
  readonly files: number;
}

/** The payload as the proxy reads it: the real JSON/form parsers, the real query parser. */
function parseFile(text: string, format: Format): ParsedPayload {
  switch (format) {
    case 'json':
      return parsePayload(Buffer.from(text), 'application/json');
    case 'form':
      return parsePayload(Buffer.from(text.trim()), 'application/x-www-form-urlencoded');
    case 'query-dict':
      return queryPayload(new URLSearchParams(JSON.parse(text) as Record<string, string>).toString());
    case 'query':
    case 'query-url': {
      const trimmed = text.trim();
      return queryPayload(trimmed.slice(trimmed.indexOf('?') + 1));
    }
  }
}

function queryPayload(search: string): ParsedPayload {
  return { format: 'form', fields: parseQuery(search), opaqueReason: undefined };
}

/** The half a dev file's vendor falls in: a fixed hash of the file name's first word, so a vendor never straddles. */
function vendorHalf(file: string): 'a' | 'b' {
  const vendor = file.split(/[-.]/, 1)[0] ?? file;
  const first = createHash('sha256').update(vendor).digest()[0] ?? 0;
  return first % 2 === 0 ? 'a' : 'b';
}

function inScoredHalf(split: Split, file: string): boolean {
  const half = process.env.PG_CORPUS_HALF;
  if (split.name !== 'dev' || (half !== 'a' && half !== 'b')) return true;
  return vendorHalf(file) === half;
}

function scoreSplit(split: Split): SplitScore {
  const labels = JSON.parse(readFileSync(split.labels, 'utf8')) as { files: Record<string, LabelledFile> };
  const perCategory = Object.fromEntries(DATA_CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])) as Record<DataCategory, Tally>;
  const unmatchedLabels: string[] = [];
  const mistakes: string[] = [];
  const entries = Object.entries(labels.files).filter(([file]) => inScoredHalf(split, file));
  for (const [file, labelled] of entries) {
    const payload = parseFile(readFileSync(`${split.dir}${file}`, 'utf8'), labelled.format);
    const seen = new Set<string>();
    for (const classified of classifyPayload(payload)) {
      // The labels write form-body fields like query fields (`$query.name`), as docs/CORPUS.md says.
      const source = labelled.format === 'form' ? 'query' : classified.field.source;
      const path = labelPath(source, classified.field.segments);
      seen.add(path);
      const expected = new Set(labelled.fields[path] ?? []);
      const predicted = new Set(classified.categories);
      const wrong: string[] = [];
      for (const category of DATA_CATEGORIES) {
        const tally = perCategory[category];
        if (expected.has(category) && predicted.has(category)) tally.tp++;
        else if (predicted.has(category)) (tally.fp++, wrong.push(`+${category}`));
        else if (expected.has(category)) (tally.fn++, wrong.push(`-${category}`));
      }
      if (wrong.length > 0) mistakes.push(`${file} ${path}: ${wrong.join(' ')}  [${classified.explanation ?? ''}]`);
    }
    for (const path of Object.keys(labelled.fields)) if (!seen.has(path)) unmatchedLabels.push(`${file} ${path}`);
  }
  const overall = { tp: 0, fp: 0, fn: 0 };
  for (const tally of Object.values(perCategory)) {
    overall.tp += tally.tp;
    overall.fp += tally.fp;
    overall.fn += tally.fn;
  }
  return { perCategory, overall, unmatchedLabels, mistakes: [...new Set(mistakes)], files: entries.length };
}

const precision = (t: Tally) => (t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp));
const recall = (t: Tally) => (t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn));

function table(name: string, score: SplitScore): string {
  const row = (label: string, t: Tally) =>
    `${label.padEnd(12)} ${String(t.tp).padStart(4)} ${String(t.fp).padStart(4)} ${String(t.fn).padStart(4)}  ${precision(t).toFixed(3)}     ${recall(t).toFixed(3)}`;
  return [
    `classifier on the ${name} corpus (${score.files} files)`,
    `category       tp   fp   fn  precision recall`,
    ...DATA_CATEGORIES.map((category) => row(category, score.perCategory[category])),
    row('overall', score.overall),
  ].join('\n');
}

describe.each(SPLITS)('classifier on the $name corpus', (split) => {
  // Whoever tunes the classifier runs with PG_CORPUS_HOLDOUT=skip, so the held-out figures never guide a change.
  if (split.name === 'holdout' && process.env.PG_CORPUS_HOLDOUT === 'skip') {
    it.skip('holdout: skipped while tuning (PG_CORPUS_HOLDOUT=skip)', () => undefined);
    return;
  }
  if (!existsSync(split.labels)) {
    it.skip(`${split.name}: not present (${split.labels})`, () => undefined);
    console.log(`classifier corpus: split "${split.name}" is not present, skipped`);
    return;
  }
  const score = scoreSplit(split);
  const floor = FLOORS[split.name];
  if (split.name === 'dev' && process.env.PG_CORPUS_HALF !== undefined) {
    // One half's figures guide a decision; they are not the dev figures the floor was set on.
    console.log(`${table(`dev half ${process.env.PG_CORPUS_HALF}`, score)}${process.env.PG_CORPUS_MISTAKES === '1' ? `\n  ${score.mistakes.join('\n  ')}` : ''}`);
    it.skip(`dev: half ${process.env.PG_CORPUS_HALF} only, no floor`, () => undefined);
    return;
  }
  const showMistakes = process.env.PG_CORPUS_MISTAKES === '1' && split.name !== 'holdout';
  console.log(`${table(split.name, score)}${showMistakes ? `\n  ${score.mistakes.join('\n  ')}` : ''}`);

  it('has a field for every labelled path', () => {
    expect(score.unmatchedLabels).toEqual([]);
  });

  it(`reaches overall precision >= ${floor.precision} and recall >= ${floor.recall}`, () => {
    expect(precision(score.overall)).toBeGreaterThanOrEqual(floor.precision);
    expect(recall(score.overall)).toBeGreaterThanOrEqual(floor.recall);
  });

  for (const category of floor.noFloor ?? []) {
    it.skip(`${category}: no floor (the classifier reached precision ${precision(score.perCategory[category]).toFixed(3)}, recall ${recall(score.perCategory[category]).toFixed(3)} here)`, () => undefined);
  }
  const floored = DATA_CATEGORIES.filter((c) => !(floor.noFloor ?? []).includes(c));
  it.each(floored.map((c) => [c]))(`%s: precision and recall >= ${floor.perCategory}`, (category) => {
    const tally = score.perCategory[category];
    if (tally.tp + tally.fp + tally.fn === 0) return;
    expect(precision(tally)).toBeGreaterThanOrEqual(floor.perCategory);
    expect(recall(tally)).toBeGreaterThanOrEqual(floor.perCategory);
  });
});
