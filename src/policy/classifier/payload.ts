import type { ParsedPayload } from '../../payload/index.js';
import type { ClassifiedField } from '../flow.js';
import { analyseOpaque, type OpaqueAnalysis } from '../opaque.js';
import { detectField, detectRemembered, saysNothing } from './classify.js';
import { finding, type DetectionContext, type Finding } from './detector.js';
import { MEDIA_BYTES } from './explain.js';
import { shapeEntry } from './shape-memo.js';
import { structureFindings } from './structure.js';

/** What the classifier may use beyond the payload: the home's and the traffic's knowledge, the host it goes to. */
export type ClassifyContext = DetectionContext;

/**
 * Every field of a payload with its categories, the findings that decided them and, for strings, an
 * opaque finding. Siblings are read once per payload (a `value` named by its `type`, coordinate
 * pairs); a base64 image or recording (magic bytes) is media whatever its key is called.
 *
 * What the payload's shape decides (shape findings, plans, key analyses) comes from the shape memo
 * (shape-memo.ts); values are read for every payload.
 */
export function classifyPayload(payload: ParsedPayload, context: DetectionContext = {}): ClassifiedField[] {
  const fields = payload.fields;
  const entry = shapeEntry(payload);
  if (entry === undefined) return classifyUnmemoised(payload, context);
  const live = entry.liveFindings(fields, context.knowledge?.home);
  // map: the list is allocated once at its size, where pushing regrows it a dozen times for a 10 KB body.
  return fields.map((field, index): ClassifiedField => {
    const opaque = typeof field.value === 'string' ? analyseOpaque(field.value) : undefined;
    const extra = withMedia(live?.get(index) ?? entry.settled[index] ?? NO_FINDINGS, opaque);
    const verdict = saysNothing(field.value) ? detectField(field, context, extra) : detectRemembered(field, entry.fieldMemo(index, field), context, extra);
    return { field, categories: verdict.categories, opaque: opaque?.finding, findings: verdict.findings, explanation: verdict.explanation };
  });
}

/** The same without the memo: a payload too large to keep, and the reference the memo must equal (tests). */
export function classifyUnmemoised(payload: ParsedPayload, context: DetectionContext = {}): ClassifiedField[] {
  const structure = structureFindings(payload.fields, context.knowledge?.home);
  return payload.fields.map((field, index) => {
    const opaque = typeof field.value === 'string' ? analyseOpaque(field.value) : undefined;
    const { categories, findings, explanation } = detectField(field, context, withMedia(structure.get(index) ?? NO_FINDINGS, opaque));
    return { field, categories, opaque: opaque?.finding, findings, explanation };
  });
}

/** A base64 image or recording is media whatever its key says. */
function withMedia(extra: readonly Finding[], opaque: OpaqueAnalysis | undefined): readonly Finding[] {
  return opaque?.media === true ? [...extra, mediaBytes(opaque.finding.reason)] : extra;
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
