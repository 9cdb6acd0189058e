import type { GatewayError } from '../../errors.js';
import type { FlowRecord, FlowRecorder } from '../../ledger/index.js';
import { templateUrlPath } from '../../payload/index.js';
import type { Decision } from '../../policy/index.js';
import type { RequestContext } from '../contracts.js';
import { recordSafely as recordWithLog } from '../transport/recording.js';
import type { ProxyLog } from '../transport/types.js';

export interface RecordInput {
  readonly ctx: RequestContext;
  readonly method: string;
  readonly path: string;
  readonly decision: Decision | undefined;
  readonly fingerprints: ReadonlyMap<string, string>;
  readonly bytesUp: number;
  readonly bytesDown: number;
  readonly error: GatewayError | undefined;
  readonly upstreamAddress?: string | undefined;
}

export function flowRecord(input: RecordInput): FlowRecord {
  const { ctx, error } = input;
  return {
    at: ctx.startedAt,
    connection: ctx.connection,
    decision: input.decision,
    inspectable: true,
    method: input.method,
    // Value-like segments (ids, e-mails, serials) become placeholders: the ledger never keeps a raw value.
    path: templateUrlPath(input.path),
    fingerprints: input.fingerprints,
    bytesUp: input.bytesUp,
    bytesDown: input.bytesDown,
    durationMs: Math.max(0, Date.now() - ctx.startedAt),
    error: error === undefined ? undefined : { code: error.code, message: error.message },
    ...(input.upstreamAddress === undefined ? {} : { upstreamAddress: input.upstreamAddress }),
  };
}

/** The pipeline has no ProxyLog: a failure to record goes to stderr, naming the destination. */
const stderr: Pick<ProxyLog, 'error'> = {
  error: (message, fields) => console.error(`privacy-gateway: ${message} to ${String(fields?.host)}: ${String(fields?.reason)}`),
};

/**
 * The ledger is an observer: a failure to record must never fail the device's request. With `release`
 * (the answer's held last byte), the recorder sends it once the record is durable; a recorder that cannot
 * promise that, or that throws, gets it released at once (the transport's recordSafely, which does this).
 */
export function recordSafely(recorder: FlowRecorder, record: FlowRecord, release?: () => void): void {
  recordWithLog(recorder, stderr, record, release);
}
