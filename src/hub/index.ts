export { Hub } from './hub.js';
export type { HubOptions, HubState, HubStatus } from './hub-types.js';
export { Reporter, eventsOf, type ReporterOptions } from './reporter.js';
export { PolicyCache, type CachedPolicy, type CacheLoad } from './policy-cache.js';
export { readPolicyFrame, type PolicyFrame } from './policy-frame.js';
export { websocketUrl } from './connection.js';
export { Keepalive, DEFAULT_KEEPALIVE, type KeepaliveOptions } from './keepalive.js';
export { OutboxSender } from './outbox.js';
export type { HubLog, HubLogLevel } from './log.js';
export {
  HomeKnowledgeStore,
  MIN_HOME_RADIUS_METRES,
  haversineMetres,
  hardwareDigits,
  type HomeFrameResult,
  type HomeKnowledgeSummary,
} from './home-knowledge.js';
export { HomeStateCache, type StatesFrameResult } from './home-states.js';
export { COMMANDS, MAX_REPORT_ITEMS, HomeFrameSchema, StatesFrameSchema, type StatesFrame, type HomeFrame, type HubSettings, type ReportItem, type ReportResult } from './protocol.js';
