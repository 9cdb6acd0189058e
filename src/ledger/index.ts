export { Ledger, type LedgerOptions, type LogLevel } from './ledger.js';
export { DEFAULT_LEDGER_BOUNDS, type LedgerBounds } from './bounds.js';
export type { FlowRecord, FlowRecorder } from './record.js';
export type { FieldExplanation, Outcome } from './pending.js';
export type {
  CategorySummary,
  DecisionEntry,
  DestinationSummary,
  DeviceInfo,
  DeviceOverview,
  DeviceSummary,
  FieldSummary,
  NotShownSummary,
} from './views.js';
export type { PrivacyReport, ReportBlock, ReportCategory, ReportContext, ReportDestination, ReportField } from './report.js';
export { renderReportMarkdown } from './report-markdown.js';
export { answeredHow } from './report-network.js';
export type { PruneResult } from './retention.js';
export { SCHEMA_VERSION } from './schema.js';
export { Outbox, type OutboxOptions, type OutboxRow } from './outbox.js';
export { LedgerTrafficKnowledge, DEFAULT_MIN_REQUESTS, type TrafficKnowledgeOptions } from './traffic-knowledge.js';
export { readSeenFields } from './seen.js';
export { DnsLog, type DnsLogOptions } from './dns-log.js';
export type { DnsAnswer, DnsBypassFinding, DnsNameSummary } from './dns-queries.js';
export { messageTopic, type MqttTopicSummary, type TopicDirection } from './mqtt-topics.js';
export type { DeviceNetwork } from './network.js';
