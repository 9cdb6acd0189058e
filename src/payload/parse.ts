import { isUtf8 } from 'node:buffer';
import { GatewayError } from '../errors.js';
import { bodyKind, isPrintableText, parseMediaType } from './content-type.js';
import { scanForm } from './form.js';
import { JsonSyntaxError, scanJsonDocument, type ScanLimits } from './json-scanner.js';
import { scanNdjson } from './ndjson.js';
import { byteOrderMark, isShortWord, looksLikeForm, looksLikeJson } from './sniff.js';
import type { ParsedPayload, PayloadFormat } from './types.js';

export interface ParseOptions {
  /** Deepest object/array nesting accepted (default 64). */
  readonly maxDepth?: number;
  /** Most leaves accepted in one body (default 10 000). */
  readonly maxFields?: number;
}

const NO_FIELDS: ParsedPayload = { format: 'empty', fields: [], opaqueReason: undefined };

/**
 * Turns a decoded request body into fields with byte spans. Pure: no I/O, nothing built from the
 * payload but strings and numbers.
 *
 * JSON is recognised by its bytes, whatever the Content-Type or charset says: curl's default form type,
 * `text/plain; charset=iso-8859-1`, `text/html; charset=windows-1252` and a UTF-8 BOM all carry JSON
 * from real firmware, and a label must never be a way around the field rules. Declared JSON, NDJSON and
 * form bodies must be what they say (else PAYLOAD_INVALID). Everything the gateway cannot turn into
 * fields is opaque (opaqueReason) and judged as a whole by the policy, never "text with no fields":
 * plain text is opaque unless it is one short word (`ping`, `OK`), which can carry nothing personal.
 */
export function parsePayload(body: Buffer, contentType: string | undefined, opts: ParseOptions = {}): ParsedPayload {
  if (body.length === 0) return NO_FIELDS;
  const limits: ScanLimits = { maxDepth: opts.maxDepth ?? 64, maxFields: opts.maxFields ?? 10_000 };
  const media = parseMediaType(contentType);
  const kind = media === undefined ? 'unknown' : bodyKind(media.essence);
  const declared = media?.essence ?? 'unknown';
  const bom = byteOrderMark(body);
  if (bom !== undefined && bom !== 'utf-8') {
    return opaque('text', `body starts with a ${bom} byte order mark; the gateway reads only UTF-8 as fields`);
  }
  if (kind === 'binary') return opaque('binary', `binary body (${declared})`);
  if (kind === 'json' || kind === 'ndjson') return declaredJson(body, kind, declared, limits);
  if (looksLikeJson(body)) {
    const json = tryJson(body, limits);
    if (json !== undefined) return json;
    return opaque('text', `body declared as ${declared} looks like JSON but is not valid JSON`);
  }
  const utf8 = isUtf8(body);
  if (kind === 'form') {
    if (!utf8) throw new GatewayError('PAYLOAD_INVALID', `Body declared as ${declared} is not valid UTF-8`);
    return readable('form', scanForm(body, limits.maxFields));
  }
  if (!isPrintableText(body, utf8)) {
    if (kind === 'text') return opaque('text', `body declared as ${declared}${charsetOf(media?.charset)} is not UTF-8 text the gateway can read`);
    const what = media === undefined ? 'no Content-Type' : `unrecognised Content-Type ${declared}`;
    return opaque('binary', `binary body with ${what}`);
  }
  // Printable text: a `name=value&…` body is a form whatever its label, one short word is harmless.
  if (looksLikeForm(body)) return readable('form', scanForm(body, limits.maxFields));
  if (isShortWord(body)) return readable('text', []);
  return opaque('text', `plain text (${declared}) that the gateway cannot read as fields`);
}

function readable(format: PayloadFormat, fields: ParsedPayload['fields']): ParsedPayload {
  return { format, fields, opaqueReason: undefined };
}

function opaque(format: PayloadFormat, reason: string): ParsedPayload {
  return { format, fields: [], opaqueReason: reason };
}

function charsetOf(charset: string | undefined): string {
  return charset === undefined ? '' : ` (charset ${charset})`;
}

function declaredJson(body: Buffer, kind: 'json' | 'ndjson', declared: string, limits: ScanLimits): ParsedPayload {
  if (!isUtf8(body)) throw new GatewayError('PAYLOAD_INVALID', `Body declared as ${declared} is not valid UTF-8`);
  try {
    return readable(kind, kind === 'json' ? scanJsonDocument(body, limits) : scanNdjson(body, limits));
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      throw new GatewayError('PAYLOAD_INVALID', `Body declared as ${declared} is not valid JSON: ${error.message}`);
    }
    throw error;
  }
}

/** JSON (or NDJSON) fields if the body is valid, undefined if it is not; limit errors still throw. */
function tryJson(body: Buffer, limits: ScanLimits): ParsedPayload | undefined {
  for (const kind of ['json', 'ndjson'] as const) {
    try {
      return readable(kind, kind === 'json' ? scanJsonDocument(body, limits) : scanNdjson(body, limits));
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
    }
  }
  return undefined;
}
