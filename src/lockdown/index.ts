export {
  LEARNED_DESTINATION_PREFIX, LEARNING_DAYS, applyLockdown, proposeLockdown, type LockdownEntry, type LockdownProposal, type ProposedDestination,
} from './propose.js';
