import type { HomeKnowledgeSummary } from './home-knowledge.js';
import type { KeepaliveOptions } from './keepalive.js';
import type { HubLog } from './log.js';
import type { ApplyPolicy } from './policy-intake.js';
import type { ProposalPublisherOptions } from './proposals.js';
import type { RetrySettings } from './retry-timers.js';

export interface HubOptions {
  /** Home Assistant's URL, e.g. http://homeassistant.local:8123 */
  readonly url: string;
  readonly token: string;
  /** The ledger's SQLite file: the outbox table lives beside the ledger's tables. */
  readonly databaseFile: string;
  /** Where the last good policy from Home Assistant is cached (e.g. data/hub-policy.json). */
  readonly policyCacheFile: string;
  /** Where the last known states of the entities the policy's conditions name are kept (e.g. data/hub-states.json). */
  readonly statesCacheFile?: string;
  /** Puts a policy in force. Throwing keeps the previous one (and is logged). */
  readonly applyPolicy: ApplyPolicy;
  readonly sidecarId?: string;
  readonly version?: string;
  readonly log?: HubLog;
  readonly keepalive?: KeepaliveOptions;
  /** Backoff between connection attempts after a failure (and between register retries). */
  readonly retry?: RetrySettings;
  readonly connectTimeoutMs?: number;
  readonly trafficWindowMs?: number;
  readonly outboxRetryMs?: number;
  /** Learn-then-lock: each device's proposal from the ledger, reported as it changes (proposals.ts). */
  readonly lockdownProposals?: Omit<ProposalPublisherOptions, 'enqueue' | 'log'>;
}

export type HubState = 'stopped' | 'connecting' | 'connected' | 'registered' | 'auth_failed' | 'unavailable';

export interface HubStatus {
  readonly state: HubState;
  readonly lastError: { readonly code: string; readonly message: string } | undefined;
  readonly policyEtag: string | undefined;
  readonly haVersion: string | undefined;
  /** Report items waiting for Home Assistant. */
  readonly outbox: number;
  /** Report items Home Assistant acknowledged since start. */
  readonly delivered: number;
  /** Frames from Home Assistant that were ignored as malformed. */
  readonly malformedFrames: number;
  /** How much the home knowledge holds (counts only: the values never leave memory). */
  readonly home: HomeKnowledgeSummary;
  /** The states conditions are read from: how many, and whether Home Assistant is there (else last known). */
  readonly states: { readonly entities: number; readonly live: boolean };
}
