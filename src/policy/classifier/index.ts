export { classifyField, normaliseKey, type ClassifiableField } from './classify.js';
export { classifyPayload } from './payload.js';
