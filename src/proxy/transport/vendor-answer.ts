import type { ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import type { GatewayError } from '../../errors.js';
import { proxiedHeaders } from './hop-by-hop.js';
import { sendJson } from './responses.js';

type DispatchController = Dispatcher.DispatchController;
type IncomingHeaders = Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseStart']>>[2];

/** How one forward ends: the answer relayed (done), or a refusal already answered (fail with its error). */
export interface AnswerOutcome {
  readonly done: (result: { bytesDown: number; remoteAddress: string | undefined }) => void;
  readonly fail: (error: GatewayError) => void;
  /** The gateway's error and status (502, or 504 for a vendor that took too long) for a failure of the exchange. */
  readonly failure: (error: Error) => { readonly error: GatewayError; readonly status: number };
}

/**
 * Relays one vendor answer into the device's response, as undici's dispatch handler: the status and
 * headers (hop-by-hop removed, Via added), the body streamed with backpressure, counted. One object per
 * request with its methods on the prototype, instead of the closures and stream listeners of Node's client.
 * - A failure before the answer starts is answered with the gateway's JSON error (502/504) and rejects.
 * - A vendor that stalls mid-answer (bodyTimeout) rejects with 504's error and cuts the device's answer;
 *   any other failure mid-answer cuts it and resolves with the bytes relayed, as Node's client did.
 * - A device that goes away stops the vendor's request or answer.
 */
export class VendorAnswer implements Dispatcher.DispatchHandler {
  private controller: DispatchController | undefined;
  private started = false;
  private settled = false;
  private bytes = 0;
  private clientGone = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly remoteAddress: string,
    private readonly onAddress: ((address: string | undefined) => void) | undefined,
    private readonly outcome: AnswerOutcome,
  ) {
    res.once('close', () => this.onClientClose());
  }

  onRequestStart(controller: DispatchController): void {
    this.controller = controller;
    if (this.clientGone) controller.abort(clientWentAway());
  }

  onResponseStart(controller: DispatchController, statusCode: number, headers: IncomingHeaders): void {
    this.started = true;
    this.onAddress?.(this.remoteAddress);
    if (this.res.destroyed) {
      controller.abort(clientWentAway());
      return;
    }
    this.res.writeHead(statusCode, proxiedHeaders(headers));
  }

  onResponseData(controller: DispatchController, chunk: Buffer): void {
    this.bytes += chunk.length;
    if (!this.res.write(chunk)) {
      controller.pause();
      this.res.once('drain', () => controller.resume());
    }
  }

  onResponseEnd(): void {
    // Resolved on 'finish': the answer has left (its last byte released once the record is durable).
    this.res.once('finish', () => this.finish());
    this.res.end();
  }

  onResponseError(_controller: DispatchController, error: Error): void {
    if (this.settled) return;
    const { error: failure, status } = this.outcome.failure(error);
    if (!this.started || status === 504) {
      this.settled = true;
      if (this.res.headersSent) this.res.destroy();
      else sendJson(this.res, status, { error: failure.toJSON() }, { 'x-privacy-gateway-decision': 'refused' });
      this.outcome.fail(failure);
      return;
    }
    // Cut mid-answer: the device sees a truncated answer; the record keeps what was relayed.
    this.res.destroy();
  }

  private onClientClose(): void {
    if (this.res.writableFinished) return;
    this.clientGone = true;
    // The device went away mid-exchange: stop the vendor's request or answer.
    if (this.controller !== undefined && !this.controller.aborted) this.controller.abort(clientWentAway());
    if (this.started) this.finish();
  }

  private finish(): void {
    if (this.settled) return;
    this.settled = true;
    this.outcome.done({ bytesDown: this.bytes, remoteAddress: this.remoteAddress });
  }
}

function clientWentAway(): Error {
  return Object.assign(new Error('the device closed its connection'), { code: 'ECONNRESET' });
}
