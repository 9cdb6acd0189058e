import type { ParsedPayload } from '../../payload/index.js';
import type { ClassifiedField } from '../flow.js';
import { analyseOpaque } from '../opaque.js';
import { detectField } from './classify.js';
import { finding, type DetectionContext, type Finding } from './detector.js';
import { MEDIA_BYTES } from './explain.js';
import { structureFindings } from './structure.js';

/** What the classifier may use beyond the payload: the home's and the traffic's knowledge, the host it goes to. */
export type ClassifyContext = DetectionContext;

/**
 * Every field of a payload with its categories, the findings that decided them and, for strings, an
 * opaque finding. Siblings are read once per payload (a `value` named by its `type`, coordinate
 * pairs); a base64 image or recording (magic bytes) is media whatever its key is called.
 */
export function classifyPayload(payload: ParsedPayload, context: DetectionContext = {}): ClassifiedField[] {
  const structure = structureFindings(payload.fields, context.knowledge?.home);
  return payload.fields.map((field, index) => {
    let extra: readonly Finding[] = structure.get(index) ?? NO_FINDINGS;
    const opaque = typeof field.value === 'string' ? analyseOpaque(field.value) : undefined;
    if (opaque?.media === true) extra = [...extra, mediaBytes(opaque.finding.reason)];
    const { categories, findings, explanation } = detectField(field, context, extra);
    return { field, categories, opaque: opaque?.finding, findings, explanation };
  });
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
const mediaFindings = new Map<string, Finding>();

/** The opaque reason names the format ("PNG image"), never the bytes; a handful of formats exist. */
function mediaBytes(reason: string): Finding {
  let f = mediaFindings.get(reason);
  if (f === undefined) {
    f = finding(MEDIA_BYTES, 'certain', ['media'], { of: 'value', validator: reason });
    if (mediaFindings.size < 64) mediaFindings.set(reason, f);
  }
  return f;
}
