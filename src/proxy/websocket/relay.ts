import type { GatewayError } from '../../errors.js';
import type { FlowRecorder } from '../../ledger/index.js';
import type { CompiledPolicy, Decision, Pseudonymizer } from '../../policy/index.js';
import { judgeMessage, NO_FINGERPRINTS, observedOnly } from '../messages/index.js';
import { fingerprintsOf } from '../pipeline/inspect.js';
import { flowRecord, recordSafely } from '../pipeline/flow-record.js';
import type { ProxyLimits, RequestContext } from '../contracts.js';
import type { RawData, WebSocket } from 'ws';

export const MESSAGE_METHOD = 'WS MESSAGE';
export const INBOUND_METHOD = 'INBOUND WS MESSAGE';

export interface RelayDeps {
  readonly policy: () => CompiledPolicy;
  readonly recorder: FlowRecorder;
  readonly limits: ProxyLimits;
  readonly pseudonymizer: Pseudonymizer;
}

/** What the handshake settled: the path frames are judged under, and whether they are inspected at all. */
export interface RelayPlan {
  readonly ctx: RequestContext;
  readonly path: string;
  readonly inspect: boolean;
  readonly handshake: Decision | undefined;
  readonly handshakeFingerprints: ReadonlyMap<string, string>;
}

/**
 * Relays one WebSocket between the device and the vendor. The device's text frames are judged like HTTP
 * bodies (edited, or dropped when blocked: the connection stays up, the vendor never sees that message);
 * the vendor's text frames are observed and recorded, never edited; binary frames pass as they are and
 * count as bytes. Pings are answered by each side's own endpoint (the ws library), not relayed.
 */
export class WebSocketRelay {
  private bytesUp = 0;
  private bytesDown = 0;
  private closed = false;

  constructor(
    private readonly deps: RelayDeps,
    private readonly plan: RelayPlan,
    private readonly device: WebSocket,
    private readonly vendor: WebSocket,
  ) {}

  start(): void {
    this.device.on('message', (data, isBinary) => this.fromDevice(asBuffer(data), isBinary));
    this.vendor.on('message', (data, isBinary) => this.fromVendor(asBuffer(data), isBinary));
    this.device.on('close', (code, reason) => this.closeBoth(this.vendor, code, reason));
    this.vendor.on('close', (code, reason) => this.closeBoth(this.device, code, reason));
    this.device.on('error', () => this.terminate());
    this.vendor.on('error', () => this.terminate());
  }

  private fromDevice(data: Buffer, isBinary: boolean): void {
    let payload = data;
    if (this.plan.inspect && !isBinary) {
      const judged = this.judge(data, false);
      if (judged === undefined) return;
      payload = judged;
    }
    this.bytesUp += payload.length;
    this.vendor.send(payload, { binary: isBinary });
  }

  private fromVendor(data: Buffer, isBinary: boolean): void {
    if (this.plan.inspect && !isBinary) this.judge(data, true);
    this.bytesDown += data.length;
    this.device.send(data, { binary: isBinary });
  }

  /** Records the frame; returns what to forward, or undefined when the policy blocks it. */
  private judge(payload: Buffer, inbound: boolean): Buffer | undefined {
    const at = Date.now();
    const method = inbound ? INBOUND_METHOD : MESSAGE_METHOD;
    const message = { target: this.plan.ctx.target, method, path: this.plan.path, payload, contentType: undefined };
    const judged = judgeMessage(message, this.deps.policy(), this.deps.pseudonymizer, this.deps.limits.maxJsonDepth);
    const decision = inbound ? observedOnly(judged.decision) : judged.decision;
    const blocked = decision.verdict === 'block';
    const fingerprints = fingerprintsOf(judged.fields, this.deps.pseudonymizer);
    const size = blocked ? 0 : judged.payload.length;
    this.record(at, method, decision, fingerprints, inbound ? 0 : size, inbound ? size : 0, judged.error);
    return blocked ? undefined : judged.payload;
  }

  private record(
    at: number,
    method: string,
    decision: Decision | undefined,
    fingerprints: ReadonlyMap<string, string>,
    bytesUp: number,
    bytesDown: number,
    error: GatewayError | undefined,
  ): void {
    const ctx = { ...this.plan.ctx, startedAt: at };
    recordSafely(this.deps.recorder, flowRecord({ ctx, method, path: this.plan.path, decision, fingerprints, bytesUp, bytesDown, error }));
  }

  /** One side closed: the other gets the same code (when it may be sent), and the session is recorded. */
  private closeBoth(other: WebSocket, code: number, reason: Buffer): void {
    if (sendableCode(code)) other.close(code, reason);
    else other.close();
    this.finish();
  }

  private terminate(): void {
    this.device.terminate();
    this.vendor.terminate();
    this.finish();
  }

  /** The upgrade itself, once: its handshake decision with the bytes and time of the whole session. */
  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    const { ctx, handshake, handshakeFingerprints } = this.plan;
    const record = flowRecord({
      ctx,
      method: 'GET',
      path: this.plan.path,
      decision: handshake,
      fingerprints: handshake === undefined ? NO_FINGERPRINTS : handshakeFingerprints,
      bytesUp: this.bytesUp,
      bytesDown: this.bytesDown,
      error: undefined,
    });
    recordSafely(this.deps.recorder, record);
  }
}

function asBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** 1005 (no code), 1006 (abnormal) and 1015 (TLS) may never be sent in a close frame (RFC 6455 §7.4.1). */
function sendableCode(code: number): boolean {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}
