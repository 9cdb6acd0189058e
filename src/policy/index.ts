export { parsePolicy, safeParsePolicy, PolicySchema, DEFAULT_DEVICE_ID } from './schema.js';
export type { Policy, PolicyInput, PolicyParseResult, Device, Destination, DefaultProfile, FieldRule } from './schema.js';
export { compilePolicy } from './compile.js';
export { compileHostGlob, normalizeHost, type HostMatcher } from './matchers/host.js';
export type { CompiledPolicy, CompiledProfile } from './compile.js';
export { evaluateConnection, resolveDevice } from './connection.js';
export type { ResolvedDevice } from './connection.js';
export { evaluate } from './evaluate.js';
export { planEdits, Pseudonymizer } from './edits.js';
export { DEFAULT_POLICY_INPUT, defaultPolicy } from './default-policy.js';
export * from './flow.js';
export * from './categories.js';
export { classifyField, classifyPayload, normaliseKey } from './classifier/index.js';
export type {
  ClassifiableField,
  ClassifierKnowledge,
  ClassifyContext,
  HomeKnowledge,
  KnownValue,
  TrafficKnowledge,
} from './classifier/index.js';
export { detectOpaque, detectOpaqueBody } from './opaque.js';
