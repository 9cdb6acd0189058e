import type { FieldAction, Mode, Scheme } from '../policy/index.js';

/** The in-memory rows the Aggregator folds records into, shaped like the tables they are written to. */

export interface PendingDevice {
  readonly id: string;
  name: string;
  isDefault: boolean;
  firstSeen: number;
  lastSeen: number;
}

export interface PendingDestination {
  readonly day: string;
  readonly deviceId: string;
  readonly host: string;
  readonly port: number;
  readonly scheme: Scheme;
  vendor: string | undefined;
  inspectable: boolean;
  forwarded: number;
  blocked: number;
  errors: number;
  bytesUp: number;
  bytesDown: number;
  firstSeen: number;
  lastSeen: number;
  /** Upstream addresses used (at most MAX_ADDRESSES_PER_ROW per batch). */
  readonly addresses: Set<string>;
}

export const MAX_ADDRESSES_PER_ROW = 8;

export interface PendingField {
  readonly day: string;
  readonly deviceId: string;
  readonly host: string;
  readonly path: string;
  /** '' when the field has no category. */
  readonly category: string;
  readonly action: FieldAction;
  readonly applied: boolean;
  readonly opaque: boolean;
  count: number;
  firstSeen: number;
  lastSeen: number;
  /** First fingerprint of this batch: compared with the stored one at flush time. */
  firstFingerprint: string | undefined;
  lastFingerprint: string | undefined;
  /** Changes seen inside this batch. */
  changes: number;
  /** The latest classifier explanation of the field's category ('' when none): detectors and words, never a value. */
  why: string;
}

export type Outcome = 'forward' | 'block' | 'error';

/** The `explanation` JSON of a decisions row: field decisions that were not `allow`, never values. */
export interface FieldExplanation {
  readonly path: string;
  readonly categories: readonly string[];
  readonly action: FieldAction;
  readonly applied: boolean;
  readonly opaque: boolean;
  readonly ruleId: string | null;
  readonly reason: string;
}

export interface PendingDecision {
  readonly at: number;
  readonly deviceId: string;
  readonly host: string;
  readonly method: string | null;
  readonly path: string | null;
  readonly mode: Mode;
  readonly verdict: Outcome;
  readonly violation: boolean;
  readonly ruleId: string | null;
  readonly reason: string;
  readonly errorCode: string | null;
  readonly explanation: string;
  /** What blocked the request (or would have, in monitor mode); null when nothing did. */
  readonly blockKind: string | null;
}

export interface AggregatorLimits {
  /** Distinct pending keys (devices + destinations + fields) above which new keys are dropped. */
  readonly maxKeys: number;
  /** Pending decision rows above which the oldest are dropped. */
  readonly maxDecisions: number;
}
