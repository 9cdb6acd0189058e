import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import { asGatewayError, GatewayError } from '../../errors.js';
import type { Decision } from '../../policy/index.js';
import type { PipelineDeps, RequestContext, UpstreamRequest } from '../contracts.js';
import { flowRecord, recordSafely } from './flow-record.js';
import { holdLastByte } from './last-byte.js';
import { hasBody } from './read-body.js';
import { splitRequestTarget, type RequestTarget } from './request-target.js';
import { sendBlocked, sendInternalError, sendRefusal } from './respond.js';

const NO_FINGERPRINTS: ReadonlyMap<string, string> = new Map();

/** What the ledger gets about an inspected request besides bytes and timing. */
export interface Observation {
  readonly decision: Decision | undefined;
  readonly fingerprints: ReadonlyMap<string, string>;
  readonly error?: GatewayError | undefined;
}

/**
 * One request/response pair: the client side, its decided connection, and how it ends (forward, block, refuse).
 * Its record is made durable before the client gets the answer's last byte (see holdLastByte and
 * FlowRecorder.recordDurably): a request whose answer reached the client is in the ledger even if the
 * gateway is killed right after.
 */
export class Exchange {
  readonly method: string;
  readonly target: RequestTarget;
  /** The answer's last byte, waiting for the record; undefined until the answer is complete. */
  private held: { readonly bodyBytes: number; readonly release: () => void } | undefined;
  /** How a forwarded answer that completes is recorded (set while forwarding). */
  private forwarded: (() => void) | undefined;
  private recorded = false;
  /** The vendor's answer is being relayed: the answer the last byte completes is the vendor's, not a refusal. */
  private relaying = false;

  constructor(
    readonly deps: PipelineDeps,
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly ctx: RequestContext,
  ) {
    this.method = req.method ?? 'GET';
    this.target = splitRequestTarget(req.url);
    holdLastByte(res, (bodyBytes, release) => {
      this.held = { bodyBytes, release };
      // The vendor's answer is complete: record it now, so its last byte goes out before Node hands the
      // vendor's socket back to its pool (at one connection the device waits for that otherwise).
      if (this.relaying) {
        if (!this.recorded) this.forwarded?.();
        return;
      }
      // block/refuse/fail and a failed forward record right after their answer is written (a failed
      // forward once the upstream's rejection has been handled, a few microtasks later): the answer held
      // here is the gateway's own, and whoever wrote it records it, with its error.
      setImmediate(() => {
        if (!this.recorded) this.forwarded?.();
        if (!this.recorded) release();
      });
    });
  }

  /** Answers 403 naming the rule; the vendor never sees the request. */
  block(observation: Observation, block: Decision['block']): void {
    sendBlocked(this.res, this.ctx.connection, block ?? this.ctx.connection.explanation);
    this.record(observation, 0, 0);
  }

  /** Answers 4xx/5xx for a request the gateway could not read or check. */
  refuse(error: GatewayError, observation: Observation = { decision: undefined, fingerprints: NO_FINGERPRINTS }): void {
    sendRefusal(this.res, error);
    this.record({ ...observation, error }, 0, 0);
  }

  /** Streams the client's body untouched (not inspected, or opaque and allowed) to `pathAndQuery` (perhaps rewritten). */
  async forwardStream(observation: Observation, pathAndQuery: string, editCount = 0): Promise<void> {
    const counter = hasBody(this.req) ? countingStream(this.req) : undefined;
    const request: UpstreamRequest = {
      method: this.method,
      path: pathAndQuery,
      headers: this.req.headers,
      body: counter?.stream,
    };
    await this.forward(request, observation, counter?.count ?? (() => 0), editCount);
  }

  /** Sends a buffered (perhaps rewritten) body and records the outcome once the response is done. */
  async forward(
    request: UpstreamRequest,
    observation: Observation,
    bytesUp: () => number,
    editCount: number,
  ): Promise<void> {
    let bytesDown = 0;
    let upstreamAddress: string | undefined;
    let error = observation.error;
    this.forwarded = () => this.record({ ...observation, error }, bytesUp(), this.held?.bodyBytes ?? 0, upstreamAddress);
    const toVendor: UpstreamRequest = {
      ...request,
      onUpstreamAddress: (address) => {
        upstreamAddress = address;
        this.relaying = true;
      },
      // With the vendor's headers, not set on the response before them (see UpstreamRequest.answerHeaders).
      answerHeaders: editCount > 0 ? ['x-privacy-gateway-edits', String(editCount)] : undefined,
    };
    try {
      ({ bytesDown, remoteAddress: upstreamAddress } = await this.deps.upstream.forward(this.ctx, toVendor, this.res));
    } catch (failure) {
      // The upstream answers 502/504 itself; a foreign error means it could not, so answer here.
      error = asGatewayError(failure, 'UPSTREAM_UNREACHABLE', `forwarding to ${this.ctx.target.host} failed`);
      if (!this.res.headersSent) sendRefusal(this.res, error);
    }
    this.record({ ...observation, error }, bytesUp(), bytesDown, upstreamAddress);
  }

  /** A failure nobody anticipated (a bug in a policy or parser): fail closed, never forward. */
  fail(failure: unknown): void {
    if (failure instanceof GatewayError) {
      this.refuse(failure);
      return;
    }
    const reason = failure instanceof Error ? (failure.stack ?? failure.message) : String(failure);
    console.error(`privacy-gateway: request to ${this.ctx.target.host} failed: ${reason}`);
    sendInternalError(this.res);
    // ERROR_CODES has no internal code; the ledger sees it as a request the gateway could not handle.
    const error = new GatewayError('REQUEST_INVALID', 'the gateway failed while processing this request');
    this.record({ decision: undefined, fingerprints: NO_FINGERPRINTS, error }, 0, 0);
  }

  /** Once per exchange; with the answer's last byte held, the byte goes out when the record is stored. */
  private record(observation: Observation, bytesUp: number, bytesDown: number, upstreamAddress?: string): void {
    if (this.recorded) return;
    this.recorded = true;
    const record = flowRecord({
      ctx: this.ctx,
      method: this.method,
      path: this.target.path,
      decision: observation.decision,
      fingerprints: observation.fingerprints,
      bytesUp,
      bytesDown,
      error: observation.error,
      upstreamAddress,
    });
    recordSafely(this.deps.recorder, record, this.held?.release);
  }
}

/** Passes the body through while counting its bytes; the client's errors end the stream too. */
function countingStream(source: Readable): { stream: Readable; count: () => number } {
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  source.on('error', (error) => stream.destroy(error));
  source.pipe(stream);
  return { stream, count: () => bytes };
}
