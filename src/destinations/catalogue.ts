import { z } from 'zod';
import data from './catalogue.json' with { type: 'json' };

export const PURPOSES = [
  'device-cloud', 'iot-platform', 'cloud', 'cdn', 'time', 'connectivity', 'analytics', 'advertising',
] as const;
export type Purpose = (typeof PURPOSES)[number];

const CatalogueEntrySchema = z.strictObject({
  domain: z.string().regex(/^[a-z0-9.-]+$/),
  vendor: z.string().min(1),
  purpose: z.enum(PURPOSES),
  source: z.string().min(1),
});
const CatalogueSchema = z.strictObject({
  licence: z.string(),
  about: z.string(),
  purposes: z.record(z.enum(PURPOSES), z.string()),
  entries: z.array(CatalogueEntrySchema),
});
export type CatalogueEntry = z.infer<typeof CatalogueEntrySchema>;

// Parsed once at load: a broken data file fails every test at import rather than naming wrongly.
const catalogue = CatalogueSchema.parse(data);
const byDomain = new Map(catalogue.entries.map((entry) => [entry.domain, entry]));

export const CATALOGUE_LICENCE = catalogue.licence;

/**
 * The most specific catalogue entry for a host: `time.google.com` before `google.com`, and
 * `foo.s3.amazonaws.com` falls back to `amazonaws.com`. Labels are tried from the full host down.
 */
export function catalogueEntry(host: string): CatalogueEntry | undefined {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  for (let start = 0; start < labels.length - 1; start += 1) {
    const entry = byDomain.get(labels.slice(start).join('.'));
    if (entry !== undefined) return entry;
  }
  return undefined;
}

export function catalogueEntries(): readonly CatalogueEntry[] {
  return catalogue.entries;
}
