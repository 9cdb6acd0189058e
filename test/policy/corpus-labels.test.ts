import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PayloadField } from '../../src/payload/index.js';
import { DATA_CATEGORIES, type DataCategory } from '../../src/policy/categories.js';
import { flattenJson, flattenQuery, labelPath } from '../helpers/flatten.js';

/**
 * Checks the hand-written labels of the classifier corpus mechanically (docs/CORPUS.md): a typo in a path, a
 * category that does not exist, a file nobody labelled or a label on a value that carries nothing would
 * silently move the classifier's figures. It says nothing about the classifier itself.
 */
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

const categories = z.array(z.enum(DATA_CATEGORIES)).min(1);
const labelledFile = z.object({
  format: z.enum(['json', 'query', 'form', 'query-dict', 'query-url']),
  source: z.string().min(1).optional(),
  device: z.string().optional(),
  transport: z.string().optional(),
  notes: z.string().optional(),
  fields: z.record(z.string(), categories),
});
const labelsFile = z.object({ _about: z.string().min(1), files: z.record(z.string(), labelledFile) });
type LabelledFile = z.infer<typeof labelledFile>;

interface CorpusPart {
  readonly name: string;
  readonly dir: string;
  readonly labels: string;
  /** The split parts must say where each payload came from; the old shared-corpus labels point at its INDEX. */
  readonly needsSource: boolean;
}

const parts: CorpusPart[] = [
  { name: 'shared', dir: `${fixtures}corpus/`, labels: `${fixtures}corpus-labels.json`, needsSource: false },
  ...['dev', 'holdout'].map((split) => ({
    name: split,
    dir: `${fixtures}classifier-corpus/${split}/`,
    labels: `${fixtures}classifier-corpus/${split}/labels.json`,
    needsSource: true,
  })),
].filter((part) => existsSync(part.labels));

function leavesOf(text: string, format: LabelledFile['format']): PayloadField[] {
  switch (format) {
    case 'json':
      return flattenJson(text);
    case 'query-dict':
      return flattenQuery(new URLSearchParams(JSON.parse(text) as Record<string, string>).toString());
    case 'query':
    case 'query-url':
      return flattenQuery(text.trim().slice(text.indexOf('?') + 1));
    case 'form':
      return flattenQuery(text.trim());
  }
}

/** Every leaf path (`[*]` for indexes) with the values found under it. */
function valuesByPath(fields: readonly PayloadField[]): Map<string, unknown[]> {
  const byPath = new Map<string, unknown[]>();
  for (const field of fields) {
    const path = labelPath(field.source, field.segments);
    byPath.set(path, [...(byPath.get(path) ?? []), field.value]);
  }
  return byPath;
}

describe.each(parts)('classifier corpus labels: $name', (part) => {
  const labels = labelsFile.parse(JSON.parse(readFileSync(part.labels, 'utf8')));
  const entries = Object.entries(labels.files);

  it('labels every payload file in the directory, and only files that exist', () => {
    const onDisk = readdirSync(part.dir).filter((file) => file !== 'labels.json' && !file.endsWith('.md'));
    expect(Object.keys(labels.files).sort()).toEqual(onDisk.sort());
  });

  it.each(entries)('%s: every labelled path is a leaf holding a value', (file, labelled) => {
    if (part.needsSource) expect(labelled.source, 'source').toBeTruthy();
    const byPath = valuesByPath(leavesOf(readFileSync(`${part.dir}${file}`, 'utf8'), labelled.format));
    for (const [path, cats] of Object.entries(labelled.fields)) {
      expect(byPath.has(path), `${path} is not a leaf`).toBe(true);
      expect(new Set(cats).size, `${path} repeats a category`).toBe(cats.length);
      // Null and empty strings carry nothing (docs/CORPUS.md): a label must not cover one.
      const empty = (byPath.get(path) ?? []).filter((value) => value === null || value === '');
      expect(empty, `${path} covers null or empty values`).toEqual([]);
    }
  });

  it('prints its totals', () => {
    const totals = corpusTotals(part, entries);
    console.log(formatTotals(part.name, totals));
    expect(totals.formats).toBe(entries.length);
  });
});

interface Totals {
  formats: number;
  vendors: number;
  paths: number;
  /** Labelled leaves (every array index counts) and label paths per category. */
  leaves: number;
  perCategory: Record<DataCategory, { paths: number; leaves: number }>;
}

function corpusTotals(part: CorpusPart, entries: [string, LabelledFile][]): Totals {
  const perCategory = Object.fromEntries(DATA_CATEGORIES.map((c) => [c, { paths: 0, leaves: 0 }])) as Totals['perCategory'];
  let paths = 0;
  let leaves = 0;
  for (const [file, labelled] of entries) {
    const byPath = valuesByPath(leavesOf(readFileSync(`${part.dir}${file}`, 'utf8'), labelled.format));
    for (const [path, cats] of Object.entries(labelled.fields)) {
      const count = byPath.get(path)?.length ?? 0;
      paths++;
      leaves += count;
      for (const category of cats) {
        perCategory[category].paths++;
        perCategory[category].leaves += count;
      }
    }
  }
  const vendors = new Set(entries.map(([file]) => file.split(/[-.]/)[0])).size;
  return { formats: entries.length, vendors, paths, leaves, perCategory };
}

function formatTotals(name: string, totals: Totals): string {
  return [
    `corpus ${name}: ${totals.formats} formats, ${totals.vendors} vendors, ${totals.paths} labelled paths, ${totals.leaves} labelled leaves`,
    'category      paths  leaves',
    ...DATA_CATEGORIES.map(
      (category) =>
        `${category.padEnd(12)} ${String(totals.perCategory[category].paths).padStart(6)} ${String(totals.perCategory[category].leaves).padStart(7)}`,
    ),
  ].join('\n');
}
