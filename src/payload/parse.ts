import { isUtf8 } from 'node:buffer';
import { GatewayError } from '../errors.js';
import { bodyKind, declaresNonUtf8Charset, isPrintableText, parseMediaType, type MediaType } from './content-type.js';
import { scanForm } from './form.js';
import { JsonSyntaxError, scanJsonDocument, type ScanLimits } from './json-scanner.js';
import { scanNdjson } from './ndjson.js';
import type { ParsedPayload, PayloadFormat } from './types.js';

export interface ParseOptions {
  /** Deepest object/array nesting accepted (default 64). */
  readonly maxDepth?: number;
  /** Most leaves accepted in one body (default 10 000). */
  readonly maxFields?: number;
}

const NO_FIELDS: ParsedPayload = { format: 'empty', fields: [], opaqueReason: undefined };

/**
 * Turns a decoded request body into fields with byte spans. Declared JSON, NDJSON and form bodies must
 * be what they say (else PAYLOAD_INVALID); undeclared bodies are sniffed, because devices often omit
 * the Content-Type. Pure: no I/O, nothing built from the payload but strings and numbers.
 */
export function parsePayload(body: Buffer, contentType: string | undefined, opts: ParseOptions = {}): ParsedPayload {
  if (body.length === 0) return NO_FIELDS;
  const limits: ScanLimits = { maxDepth: opts.maxDepth ?? 64, maxFields: opts.maxFields ?? 10_000 };
  const media = parseMediaType(contentType);
  const kind = media === undefined ? 'unknown' : bodyKind(media.essence);
  const declared = media?.essence ?? 'unknown';
  switch (kind) {
    case 'json':
    case 'ndjson':
      requireUtf8(body, declared);
      try {
        const fields = kind === 'json' ? scanJsonDocument(body, limits) : scanNdjson(body, limits);
        return readable(kind, fields);
      } catch (error) {
        if (error instanceof JsonSyntaxError) {
          throw new GatewayError('PAYLOAD_INVALID', `Body declared as ${declared} is not valid JSON: ${error.message}`);
        }
        throw error;
      }
    case 'form':
      requireUtf8(body, declared);
      return readable('form', scanForm(body, limits.maxFields));
    case 'text':
      return text(body, media, limits);
    case 'binary':
      return { format: 'binary', fields: [], opaqueReason: `binary body (${declared})` };
    case 'unknown':
      return sniff(body, media, limits);
  }
}

function readable(format: PayloadFormat, fields: ParsedPayload['fields']): ParsedPayload {
  return { format, fields, opaqueReason: undefined };
}

function requireUtf8(body: Buffer, declared: string): void {
  if (!isUtf8(body)) throw new GatewayError('PAYLOAD_INVALID', `Body declared as ${declared} is not valid UTF-8`);
}

/**
 * A text body that is a JSON object or array is read as JSON: firmware often labels JSON text/plain,
 * and its fields must not escape the policy for that.
 */
function text(body: Buffer, media: MediaType | undefined, limits: ScanLimits): ParsedPayload {
  if (declaresNonUtf8Charset(media)) return readable('text', []);
  const utf8 = isUtf8(body);
  if (!utf8) {
    return { format: 'text', fields: [], opaqueReason: `body declared as ${media?.essence ?? 'text'} is not valid UTF-8` };
  }
  return tryJson(body, limits, true) ?? readable('text', []);
}

/** No or unrecognised Content-Type: JSON if it is JSON, text if printable, else binary. */
function sniff(body: Buffer, media: MediaType | undefined, limits: ScanLimits): ParsedPayload {
  const utf8 = isUtf8(body);
  if (utf8) {
    const json = tryJson(body, limits, false);
    if (json !== undefined) return json;
  }
  if (isPrintableText(body, utf8)) return readable('text', []);
  const what = media === undefined ? 'no Content-Type' : `unrecognised Content-Type ${media.essence}`;
  return { format: 'binary', fields: [], opaqueReason: `binary body with ${what}` };
}

/** JSON fields if the body is valid JSON, undefined if it is not; limit errors still throw. */
function tryJson(body: Buffer, limits: ScanLimits, containersOnly: boolean): ParsedPayload | undefined {
  if (containersOnly && !startsContainer(body)) return undefined;
  try {
    return readable('json', scanJsonDocument(body, limits));
  } catch (error) {
    if (error instanceof JsonSyntaxError) return undefined;
    throw error;
  }
}

function startsContainer(body: Buffer): boolean {
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    return c === 0x7b || c === 0x5b;
  }
  return false;
}
