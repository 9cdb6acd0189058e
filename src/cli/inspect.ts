import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { asGatewayError } from '../errors.js';
import { parsePayload, parseQuery, type ParsedPayload } from '../payload/index.js';
import { classifyPayload, decidedBy, type ClassifiedField, type DataCategory } from '../policy/index.js';
import { printable } from './printable.js';

/** One line of `inspect --json`: never the value itself, only what the gateway makes of it. */
export interface InspectedField {
  readonly path: string;
  readonly categories: readonly DataCategory[];
  readonly opaque: boolean;
  /** The classifier's detectors that put the categories on the field (`key`, `identifier-shape`…). */
  readonly decidedBy: readonly string[];
  /** What they saw, as a sentence (`key "lat": word "latitude" → location`); '' without categories. */
  readonly explanation: string;
}

export interface Inspection {
  readonly format: string;
  readonly opaqueReason: string | undefined;
  readonly fields: readonly InspectedField[];
  /** Why a field is opaque, by path (for the human-readable listing). */
  readonly opaqueKinds: ReadonlyMap<string, string>;
}

const TYPES_BY_EXTENSION: Readonly<Record<string, string>> = {
  '.json': 'application/json',
  '.ndjson': 'application/x-ndjson',
  '.jsonl': 'application/x-ndjson',
  '.xml': 'application/xml',
  '.bin': 'application/octet-stream',
};

/** `key=value&key=value` with no spaces or line breaks inside: a form body or a bare query string. */
const FORM_LIKE = /^[^\s=&]+=[^\s&]*(?:&[^\s=&]+=[^\s&]*)*$/;

export async function inspectFile(file: string, contentType: string | undefined): Promise<Inspection> {
  const body = await readFile(file).catch((error: unknown) => {
    throw asGatewayError(error, 'REQUEST_INVALID', `Cannot read ${file}`);
  });
  return inspectBody(body, contentType ?? guessContentType(file, body));
}

export function inspectBody(body: Buffer, contentType: string | undefined): Inspection {
  const parsed = contentType === 'query' ? queryPayload(body.toString('utf8')) : parsePayload(body, contentType);
  return describe(parsed, classifyPayload(parsed));
}

/**
 * Guesses how a capture file should be read. A `.txt` capture holding a whole URL (as a device logs
 * its GET request) is read as the URL's query string; one holding `a=1&b=2` as a form body.
 */
export function guessContentType(file: string, body: Buffer): string | undefined {
  const extension = extname(file).toLowerCase();
  const known = TYPES_BY_EXTENSION[extension];
  if (known !== undefined) return known;
  if (extension !== '.txt') return undefined;
  const text = body.toString('utf8').trim();
  if (!/\s/.test(text) && text.includes('?')) return 'query';
  if (FORM_LIKE.test(text)) return 'application/x-www-form-urlencoded';
  return 'text/plain';
}

function queryPayload(text: string): ParsedPayload {
  const trimmed = text.trim();
  const search = trimmed.slice(trimmed.indexOf('?') + 1);
  return { format: 'form', fields: parseQuery(search), opaqueReason: undefined };
}

function describe(parsed: ParsedPayload, classified: readonly ClassifiedField[]): Inspection {
  const opaqueKinds = new Map<string, string>();
  const fields = classified.map(({ field, categories, opaque, findings, explanation }) => {
    if (opaque) opaqueKinds.set(field.path, `${opaque.kind}: ${opaque.reason}`);
    return { path: field.path, categories, opaque: opaque !== undefined, decidedBy: decidedBy(findings ?? []), explanation: explanation ?? '' };
  });
  return { format: parsed.format, opaqueReason: parsed.opaqueReason, fields, opaqueKinds };
}

/**
 * The human-readable listing: one field per line, aligned, categories comma-separated, then the
 * detector(s) that decided them; below the table, why, for every field that has a category.
 */
export function formatInspection(inspection: Inspection): string {
  const lines = [`Format: ${inspection.format}, ${inspection.fields.length} fields`];
  if (inspection.opaqueReason !== undefined) lines.push(`Opaque body: ${inspection.opaqueReason}`);
  const width = Math.min(60, Math.max(4, ...inspection.fields.map((f) => f.path.length)));
  lines.push('', `${'PATH'.padEnd(width)}  ${'CATEGORIES'.padEnd(28)}  ${'DECIDED BY'.padEnd(24)}  OPAQUE`);
  for (const field of inspection.fields) {
    const categories = field.categories.length > 0 ? field.categories.join(', ') : '-';
    const decided = field.decidedBy.length > 0 ? field.decidedBy.join(', ') : '-';
    const opaque = field.opaque ? `yes (${inspection.opaqueKinds.get(field.path) ?? 'unreadable'})` : 'no';
    lines.push(`${printable(field.path).padEnd(width)}  ${categories.padEnd(28)}  ${decided.padEnd(24)}  ${opaque}`);
  }
  const explained = inspection.fields.filter((f) => f.explanation !== '');
  if (explained.length > 0) {
    lines.push('', 'Why:');
    for (const field of explained) lines.push(`  ${printable(field.path)}: ${printable(field.explanation)}`);
  }
  return lines.join('\n');
}

export function inspectionJson(inspection: Inspection): string {
  return JSON.stringify(inspection.fields, null, 2);
}
