import type { ParsedPayload, PathSegment, PayloadField } from '../../payload/index.js';
import type { DataCategory } from '../categories.js';
import type { ClassifiedField } from '../flow.js';
import { analyseOpaque } from '../opaque.js';
import { classifyField } from './classify.js';
import type { ClassifierKnowledge } from './knowledge.js';
import { categoriesToMask, maskToCategories } from './mask.js';

/** What the classifier may use beyond the payload: the home's and the traffic's knowledge, the host it goes to. */
export interface ClassifyContext {
  readonly knowledge?: ClassifierKnowledge | undefined;
  readonly host?: string | undefined;
}

/**
 * Every field of a payload with its categories and, for strings, an opaque finding. A base64 image or
 * recording (magic bytes) is 'media' whatever its key is called. `_context` is accepted for the
 * knowledge detectors (issue 7); this function does not read it yet.
 */
export function classifyPayload(payload: ParsedPayload, _context: ClassifyContext = {}): ClassifiedField[] {
  const codes = namedValueCodes(payload.fields);
  return payload.fields.map((field) => {
    let categories = classifyField(field);
    const code = codes === undefined ? undefined : codeFor(field, codes);
    if (code !== undefined) {
      const segments: PathSegment[] = [...field.segments.slice(0, -1), code];
      categories = union(categories, classifyField({ key: code, segments, value: field.value }));
    }
    const opaque = typeof field.value === 'string' ? analyseOpaque(field.value) : undefined;
    if (opaque?.media === true) categories = union(categories, ['media']);
    return { field, categories, opaque: opaque?.finding };
  });
}

/**
 * Data points sent as `{"code": "weight", "value": "48900"}` (Tuya and others) name their meaning in a
 * sibling: the value is classified as if `code` were its key. Keyed by the parent path.
 */
function namedValueCodes(fields: readonly PayloadField[]): Map<string, string> | undefined {
  let codes: Map<string, string> | undefined;
  for (const field of fields) {
    if (field.key === 'code' && typeof field.value === 'string' && field.value !== '') {
      codes ??= new Map();
      codes.set(parentPath(field.segments), field.value);
    }
  }
  return codes;
}

function codeFor(field: PayloadField, codes: Map<string, string>): string | undefined {
  return field.key === 'value' && field.segments[field.segments.length - 1] === 'value'
    ? codes.get(parentPath(field.segments))
    : undefined;
}

function parentPath(segments: readonly PathSegment[]): string {
  return segments.slice(0, -1).join('\u0000');
}

function union(a: readonly DataCategory[], b: readonly DataCategory[]): readonly DataCategory[] {
  if (b.length === 0) return a;
  return maskToCategories(categoriesToMask(a) | categoriesToMask(b));
}
