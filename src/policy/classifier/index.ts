export { classifyField, detectField, type ClassifiableField, type FieldClassification } from './classify.js';
export { classifyPayload } from './payload.js';
export { normaliseKey, readKey, splitWords } from './words.js';
export { decidedBy, explainFinding, explainFindings } from './explain.js';
export type { Detector, DetectionContext, Finding, Signal } from './detector.js';
export type { ClassifierKnowledge, HomeKnowledge, KnownValue, TrafficKnowledge } from './knowledge.js';
