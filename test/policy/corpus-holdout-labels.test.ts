import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PayloadField } from '../../src/payload/index.js';
import { DATA_CATEGORIES, type DataCategory } from '../../src/policy/categories.js';
import { flattenJson, flattenQuery, labelPath } from '../helpers/flatten.js';

/**
 * Checks the held-out corpus labels themselves (never the classifier): every label names a real leaf,
 * every category exists, every file is labelled. The classifier is scored on these files only at the end,
 * so nobody tunes detectors on them.
 */
const holdout = fileURLToPath(new URL('../fixtures/classifier-corpus/holdout/', import.meta.url));

const HoldoutLabels = z.object({
  _about: z.string().min(1),
  files: z.record(
    z.string(),
    z.object({
      format: z.enum(['json', 'query', 'form']),
      source: z.string().min(1),
      device: z.string().min(1),
      notes: z.string(),
      fields: z.record(z.string(), z.array(z.enum(DATA_CATEGORIES)).min(1)),
    }),
  ),
});
type HoldoutFormat = z.infer<typeof HoldoutLabels>['files'][string]['format'];

// Between two held-out sets (the last one joined development, the next is being built) there is none.
const present = existsSync(`${holdout}labels.json`);
const labels = present
  ? HoldoutLabels.parse(JSON.parse(readFileSync(`${holdout}labels.json`, 'utf8')))
  : { _about: '', files: {} };
const payloadFiles = present ? readdirSync(holdout).filter((name) => name !== 'labels.json') : [];

/** A form body is read like a query string; its labels use the corpus's `$query.name` (docs/CORPUS.md). */
function holdoutFields(file: string, format: HoldoutFormat): PayloadField[] {
  const text = readFileSync(`${holdout}${file}`, 'utf8');
  if (format === 'json') return flattenJson(text);
  const fields = flattenQuery(text.trim());
  return fields;
}

function isEmpty(field: PayloadField): boolean {
  return field.value === null || field.value === '';
}

/** Leaves grouped by label path, with the publisher's values (used only to check for empty ones). */
function leavesByPath(file: string, format: HoldoutFormat): Map<string, PayloadField[]> {
  const byPath = new Map<string, PayloadField[]>();
  for (const field of holdoutFields(file, format)) {
    const path = labelPath(field.source, field.segments);
    byPath.set(path, [...(byPath.get(path) ?? []), field]);
  }
  return byPath;
}

describe.skipIf(!present)('held-out classifier corpus labels', () => {
  const entries = Object.entries(labels.files);

  it('labels every payload file and names no file that is missing', () => {
    expect(Object.keys(labels.files).sort()).toEqual([...payloadFiles].sort());
  });

  it.each(entries)('%s: every labelled path is a leaf that carries a value', (file, labelled) => {
    const byPath = leavesByPath(file, labelled.format);
    const unknown = Object.keys(labelled.fields).filter((path) => !byPath.has(path));
    expect(unknown).toEqual([]);
    // null and "" carry nothing (LABELLING.md), so a labelled path never holds one.
    const empty = Object.keys(labelled.fields).filter((path) => (byPath.get(path) ?? []).some(isEmpty));
    expect(empty).toEqual([]);
  });

  it.each(entries)('%s: no label repeats a category', (_file, labelled) => {
    for (const categories of Object.values(labelled.fields)) {
      expect(new Set(categories).size).toBe(categories.length);
    }
  });

  it('is large enough to measure: 15+ formats from 13+ vendors, 150+ labelled paths', () => {
    const vendors = new Set(payloadFiles.map((file) => file.split('-')[0]));
    const labelledPaths = entries.reduce((sum, [, labelled]) => sum + Object.keys(labelled.fields).length, 0);
    expect(payloadFiles.length).toBeGreaterThanOrEqual(15);
    expect(vendors.size).toBeGreaterThanOrEqual(13);
    expect(labelledPaths).toBeGreaterThanOrEqual(150);
  });

  it('covers every category and prints the totals', () => {
    const paths = Object.fromEntries(DATA_CATEGORIES.map((c) => [c, 0])) as Record<DataCategory, number>;
    const leaves = { ...paths };
    let unlabelledLeaves = 0;
    for (const [file, labelled] of entries) {
      for (const [path, fields] of leavesByPath(file, labelled.format)) {
        const categories = labelled.fields[path];
        if (categories === undefined) unlabelledLeaves += fields.length;
        for (const category of categories ?? []) {
          paths[category] += 1;
          leaves[category] += fields.length;
        }
      }
    }
    const table = DATA_CATEGORIES.map(
      (c) => `${c.padEnd(12)} ${String(paths[c]).padStart(4)} paths ${String(leaves[c]).padStart(5)} leaves`,
    );
    console.log(
      `held-out corpus: ${entries.length} files\n${table.join('\n')}\nunlabelled leaves: ${unlabelledLeaves}`,
    );
    for (const category of DATA_CATEGORIES) expect(paths[category]).toBeGreaterThan(0);
  });
});
