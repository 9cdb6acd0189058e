import type { ErrorCode } from '../errors.js';
import type { ConnectionDecision, Decision } from '../policy/index.js';

/**
 * What the proxy hands the ledger for one request or one uninspected connection.
 * It carries no raw field values: only the Decision (paths, categories, actions, explanations)
 * and keyed fingerprints of values, so the ledger can notice a value change without knowing it.
 */
export interface FlowRecord {
  /** Epoch milliseconds when the request (or connection) started. */
  readonly at: number;
  readonly connection: ConnectionDecision;
  /** undefined for tunnelled, blocked-before-body and uninspectable connections. */
  readonly decision: Decision | undefined;
  /** false when the client rejected the gateway's CA (certificate pinning). */
  readonly inspectable: boolean;
  readonly method: string | undefined;
  /** Request path without its query string (query values may be personal). */
  readonly path: string | undefined;
  /** Field path -> keyed fingerprint of its value (never the value). */
  readonly fingerprints: ReadonlyMap<string, string>;
  readonly bytesUp: number;
  readonly bytesDown: number;
  readonly durationMs: number;
  /** Set when the request was refused as bad input or failed upstream. */
  readonly error: { readonly code: ErrorCode; readonly message: string } | undefined;
  /** The vendor address the gateway connected to, when it forwarded (names the country; not personal). */
  readonly upstreamAddress?: string | undefined;
}

/** The narrow port the proxy writes to; the Ledger implements it. */
export interface FlowRecorder {
  record(record: FlowRecord): void;
  /**
   * Records and calls `stored` once the record is durable, i.e. in the ledger's record journal (the same
   * turn) or committed to the ledger file, or once storing it has failed (the failure is logged; the
   * device's answer is never held hostage to the ledger). The proxy releases the last byte of an answer from `stored`. `stored` is always called,
   * exactly once. Recorders without it get `record()` and the answer is not held.
   */
  recordDurably?(record: FlowRecord, stored: () => void): void;
}
