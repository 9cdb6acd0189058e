export {
  parsePolicy, safeParsePolicy, PolicySchema, DEFAULT_DEVICE_ID, FieldActionSchema, HostGlobSchema, ModeSchema, PathPatternSchema,
} from './schema.js';
export type { Policy, PolicyInput, PolicyParseResult, Device, Destination, DefaultProfile, FieldRule } from './schema.js';
export { compilePolicy } from './compile.js';
export { formatIssue, policyErrorMap } from './schema-issues.js';
export { compileHostGlob, normalizeHost, type HostMatcher } from './matchers/host.js';
export type { CompiledPolicy, CompiledProfile } from './compile.js';
export { destinationListsScheme, evaluateConnection, resolveDevice, GUARD_RULES } from './connection.js';
export type { ResolvedDevice } from './connection.js';
export { canonicalHost, isIpHost } from './matchers/host.js';
export { addressScope, parseClientIp } from './matchers/ip.js';
export type { AddressScope, IpAddress } from './matchers/ip.js';
export { evaluate } from './evaluate.js';
export { KindDecision, plainDecision, type DecisionKind } from './field-decision.js';
export { planEdits } from './edits.js';
export { fingerprinted } from './fingerprinted-values.js';
export { Pseudonymizer, PseudonymKey, vendorOf } from './pseudonyms.js';
export { registrableDomain } from './matchers/registrable.js';
export { DEFAULT_POLICY_INPUT, defaultPolicy } from './default-policy.js';
export * from './flow.js';
export * from './categories.js';
export { classifyField, classifyPayload, decidedBy, detectField, explainFindings, normaliseKey } from './classifier/index.js';
export type {
  ClassifiableField,
  ClassifierKnowledge,
  ClassifyContext,
  DetectionContext,
  Finding,
  FieldClassification,
  HomeKnowledge,
  KnownValue,
  TrafficKnowledge,
} from './classifier/index.js';
export { detectOpaque, detectOpaqueBody } from './opaque.js';
export { rulesMatchingNothing } from './rule-coverage.js';
export type { SeenField, UnmatchedRule } from './rule-coverage.js';
export { withHomeStates } from './compile.js';
export { ConditionSchema, EntityIdSchema, type Condition } from './conditions.js';
export {
  NO_HOME_STATES,
  checkCondition,
  conditionEntities,
  describeCondition,
  explainOutcome,
  type ConditionOutcome,
  type ConditionRecord,
  type EntityState,
  type HomeStates,
} from './condition-check.js';
export { MODE_STRICTNESS, resolveMode } from './condition-eval.js';
export { policyConditionEntities } from './condition-entities.js';
export { conditionedItems, deviceConditions, readConditioned, type ConditionedItem, type ConditionedOutcome } from './condition-list.js';
