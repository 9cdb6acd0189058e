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
  // The state of one request kept in fields of the exchange rather than in closures and small objects made per
  // request: each of those was a few hundred bytes per request (V8's heap profile under load), and object
  // literals that often outlive a scavenge are allocated straight into the old space (allocation-site
  // pretenuring), where a dead one keeps the young objects it points at alive until a full GC.
  /** The answer's last byte, waiting for the record; undefined until the answer is complete. */
  private release: (() => void) | undefined;
  /** The answer's body bytes when its last byte was held. */
  private heldBytes = 0;
  /** What a forwarded answer that completes is recorded with (set while forwarding). */
  private forwarding: VendorRequest | undefined;
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
      this.heldBytes = bodyBytes;
      this.release = release;
      // The vendor's answer is complete: record it now, so its last byte goes out before Node hands the
      // vendor's socket back to its pool (at one connection the device waits for that otherwise).
      if (this.relaying) {
        this.recordForwarded();
        return;
      }
      // block/refuse/fail and a failed forward record right after their answer is written (a failed
      // forward once the upstream's rejection has been handled, a few microtasks later): the answer held
      // here is the gateway's own, and whoever wrote it records it, with its error.
      setImmediate(() => {
        this.recordForwarded();
        if (!this.recorded) release();
      });
    });
  }

  /** Answers 403 naming the rule; the vendor never sees the request. */
  block(observation: Observation, block: Decision['block']): void {
    sendBlocked(this.res, this.ctx.connection, block ?? this.ctx.connection.explanation);
    this.record(observation, observation.error, 0, 0);
  }

  /** Answers 4xx/5xx for a request the gateway could not read or check. */
  refuse(error: GatewayError, observation: Observation = { decision: undefined, fingerprints: NO_FINGERPRINTS }): void {
    sendRefusal(this.res, error);
    this.record(observation, error, 0, 0);
  }

  /** Streams the client's body untouched (not inspected, or opaque and allowed) to `pathAndQuery` (perhaps rewritten). */
  async forwardStream(observation: Observation, pathAndQuery: string, editCount = 0): Promise<void> {
    const counter = hasBody(this.req) ? countingStream(this.req) : undefined;
    await this.forward(pathAndQuery, counter?.stream, observation, counter?.count ?? 0, editCount);
  }

  /**
   * Sends `body` (a buffered, perhaps rewritten body, or the client's streamed one) to `pathAndQuery` with the
   * client's headers, and records the outcome once the response is done. `bytesUp`: the body's bytes as sent,
   * or how to count them once the body has streamed.
   */
  async forward(
    pathAndQuery: string,
    body: UpstreamRequest['body'],
    observation: Observation,
    bytesUp: number | (() => number),
    editCount: number,
  ): Promise<void> {
    const vendor = new VendorRequest(this, this.method, pathAndQuery, this.req.headers, body, observation, bytesUp, editCount);
    this.forwarding = vendor;
    let bytesDown = 0;
    try {
      ({ bytesDown, remoteAddress: vendor.upstreamAddress } = await this.deps.upstream.forward(this.ctx, vendor, this.res));
    } catch (failure) {
      // The upstream answers 502/504 itself; a foreign error means it could not, so answer here.
      vendor.error = asGatewayError(failure, 'UPSTREAM_UNREACHABLE', `forwarding to ${this.ctx.target.host} failed`);
      if (!this.res.headersSent) sendRefusal(this.res, vendor.error);
    }
    this.record(observation, vendor.error, vendor.bytesUp(), bytesDown, vendor.upstreamAddress);
  }

  /** The vendor's answer has started: the answer the last byte completes is the vendor's, not a refusal. */
  relayingFrom(upstreamAddress: string | undefined): void {
    if (this.forwarding !== undefined) this.forwarding.upstreamAddress = upstreamAddress;
    this.relaying = true;
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
    this.record({ decision: undefined, fingerprints: NO_FINGERPRINTS }, error, 0, 0);
  }

  /** Records a forward whose answer completed (with the bytes so far): the last byte is held for it. */
  private recordForwarded(): void {
    const vendor = this.forwarding;
    if (vendor === undefined || this.recorded) return;
    this.record(vendor.observation, vendor.error, vendor.bytesUp(), this.heldBytes, vendor.upstreamAddress);
  }

  /** Once per exchange; with the answer's last byte held, the byte goes out when the record is stored. */
  private record(
    observation: Observation,
    error: GatewayError | undefined,
    bytesUp: number,
    bytesDown: number,
    upstreamAddress?: string,
  ): void {
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
      error,
      upstreamAddress,
    });
    recordSafely(this.deps.recorder, record, this.release);
  }
}

/**
 * A forwarded request as the upstream sends it, and what its record needs: one object per forward where a
 * spread copy of the request, a closure for the vendor's address and one for the record were made.
 */
class VendorRequest implements UpstreamRequest {
  /** The vendor's address, once its answer has started. */
  upstreamAddress: string | undefined = undefined;
  error: GatewayError | undefined;
  /** With the vendor's headers, not set on the response before them (see UpstreamRequest.answerHeaders). */
  readonly answerHeaders: readonly string[] | undefined;

  constructor(
    private readonly exchange: Exchange,
    readonly method: string,
    readonly path: string,
    readonly headers: UpstreamRequest['headers'],
    readonly body: UpstreamRequest['body'],
    readonly observation: Observation,
    private readonly sent: number | (() => number),
    editCount: number,
  ) {
    this.error = observation.error;
    this.answerHeaders = editCount > 0 ? ['x-privacy-gateway-edits', String(editCount)] : undefined;
  }

  onUpstreamAddress(address: string | undefined): void {
    this.exchange.relayingFrom(address);
  }

  bytesUp(): number {
    return typeof this.sent === 'number' ? this.sent : this.sent();
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
