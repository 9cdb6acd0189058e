import type { GatewayError } from '../../errors.js';
import type { FlowRecord, FlowRecorder } from '../../ledger/index.js';
import { templateUrlPath } from '../../payload/index.js';
import type { Decision } from '../../policy/index.js';
import type { RequestContext } from '../contracts.js';

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

/**
 * The ledger is an observer: a failure to record must never fail the device's request. With `release`
 * (the answer's held last byte), the recorder sends it once the record is durable; a recorder that cannot
 * promise that, or that throws, gets it released at once.
 */
export function recordSafely(recorder: FlowRecorder, record: FlowRecord, release?: () => void): void {
  try {
    if (release && recorder.recordDurably) {
      recorder.recordDurably(record, release);
      return;
    }
    recorder.record(record);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`privacy-gateway: could not record a flow to ${record.connection.destination.host}: ${reason}`);
  }
  release?.();
}
