import { messageOf, type ErrorCode } from '../../errors.js';
import type { FlowRecord, FlowRecorder } from '../../ledger/index.js';
import type { ConnectionDecision } from '../../policy/index.js';
import type { ProxyLog } from './types.js';

const NO_FINGERPRINTS: ReadonlyMap<string, string> = new Map();

/** What the transport knows about a connection it handled without the pipeline. */
export interface ConnectionObservation {
  readonly at: number;
  readonly connection: ConnectionDecision;
  readonly inspectable: boolean;
  readonly bytesUp: number;
  readonly bytesDown: number;
  readonly error?: { readonly code: ErrorCode; readonly message: string } | undefined;
}

export function connectionRecord(observation: ConnectionObservation): FlowRecord {
  return {
    at: observation.at,
    connection: observation.connection,
    decision: undefined,
    inspectable: observation.inspectable,
    method: undefined,
    path: undefined,
    fingerprints: NO_FINGERPRINTS,
    bytesUp: observation.bytesUp,
    bytesDown: observation.bytesDown,
    durationMs: Math.max(0, Date.now() - observation.at),
    error: observation.error,
  };
}

/**
 * A failing ledger must never take a connection (or the process) down with it. `answer` (the client's
 * refusal) goes out once the record is stored when the recorder can say so, else right away; a failed
 * record still answers, with the failure logged.
 */
export function recordSafely(recorder: FlowRecorder, log: Pick<ProxyLog, 'error'>, record: FlowRecord, answer?: () => void): void {
  try {
    if (answer !== undefined && recorder.recordDurably !== undefined) {
      recorder.recordDurably(record, answer);
      return;
    }
    recorder.record(record);
  } catch (error) {
    const reason = messageOf(error);
    log.error('could not record a flow', { host: record.connection.destination.host, reason });
  }
  answer?.();
}
