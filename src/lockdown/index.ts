export {
  LEARNED_DESTINATION_PREFIX, LEARNING_DAYS, applyLockdown, proposeLockdown, type LockdownProposal, type ProposedDestination,
} from './propose.js';
