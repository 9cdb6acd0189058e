export { LEARNED_DESTINATION_PREFIX, applyPolicyEdit, destinationId, lockDown, ruleId, type AppliedEdit } from './apply.js';
export { PolicyEditSchema, parsePolicyEdit, type LockDownEntry, type PolicyEdit, type PolicyEditOperation } from './schema.js';
