export { classifyField, normaliseKey, type ClassifiableField } from './classify.js';
export { classifyPayload, type ClassifyContext } from './payload.js';
export type { ClassifierKnowledge, HomeKnowledge, KnownValue, TrafficKnowledge } from './knowledge.js';
