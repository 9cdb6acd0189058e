import type { GatewayError } from '../../errors.js';
import type { FlowRecorder } from '../../ledger/index.js';
import type { CompiledPolicy, Decision, Pseudonymizer } from '../../policy/index.js';
import { HeldOutput, judgeMessage, NO_FINGERPRINTS, observedOnly } from '../messages/index.js';
import { fingerprintsOf } from '../pipeline/fingerprints.js';
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
 *
 * Zero loss: an inspected text frame (either direction) is sent on only once its record is committed
 * (HeldOutput and the ledger's group commit); frames behind it, binary ones too, wait to keep the order.
 */
export class WebSocketRelay {
  private bytesUp = 0;
  private bytesDown = 0;
  private closed = false;
  private readonly toVendor: HeldOutput<Frame>;
  private readonly toDevice: HeldOutput<Frame>;

  constructor(
    private readonly deps: RelayDeps,
    private readonly plan: RelayPlan,
    private readonly device: WebSocket,
    private readonly vendor: WebSocket,
  ) {
    this.toVendor = new HeldOutput((frame) => sendOpen(vendor, frame));
    this.toDevice = new HeldOutput((frame) => sendOpen(device, frame));
  }

  start(): void {
    this.device.on('message', (data, isBinary) => this.fromDevice(asBuffer(data), isBinary));
    this.vendor.on('message', (data, isBinary) => this.fromVendor(asBuffer(data), isBinary));
    this.device.on('close', (code, reason) => this.closeBoth(this.toVendor, this.vendor, code, reason));
    this.vendor.on('close', (code, reason) => this.closeBoth(this.toDevice, this.device, code, reason));
    this.device.on('error', () => this.terminate());
    this.vendor.on('error', () => this.terminate());
  }

  private fromDevice(data: Buffer, isBinary: boolean): void {
    if (!this.plan.inspect || isBinary) {
      this.bytesUp += data.length;
      return this.toVendor.pass({ payload: data, binary: isBinary });
    }
    this.judge(data, false, (payload) => {
      this.bytesUp += payload.length;
      return this.toVendor.hold({ payload, binary: false });
    });
  }

  private fromVendor(data: Buffer, isBinary: boolean): void {
    this.bytesDown += data.length;
    if (!this.plan.inspect || isBinary) return this.toDevice.pass({ payload: data, binary: isBinary });
    this.judge(data, true, (payload) => this.toDevice.hold({ payload, binary: false }));
  }

  /**
   * Records the frame; `forward` queues what the policy lets through (nothing when it blocks) and returns
   * the release the record's commit calls.
   */
  private judge(payload: Buffer, inbound: boolean, forward: (payload: Buffer) => () => void): void {
    const at = Date.now();
    const method = inbound ? INBOUND_METHOD : MESSAGE_METHOD;
    const message = { target: this.plan.ctx.target, method, path: this.plan.path, payload, contentType: undefined };
    const judged = judgeMessage(message, this.deps.policy(), this.deps.pseudonymizer, this.deps.limits.maxJsonDepth);
    const decision = inbound ? observedOnly(judged.decision) : judged.decision;
    const blocked = decision.verdict === 'block';
    const fingerprints = fingerprintsOf(judged.fields, this.deps.pseudonymizer);
    const size = blocked ? 0 : judged.payload.length;
    // An inbound frame is observed only: the device gets the vendor's bytes as they were.
    const release = blocked ? undefined : forward(inbound ? payload : judged.payload);
    this.record(at, method, decision, fingerprints, inbound ? 0 : size, inbound ? size : 0, judged.error, release);
  }

  private record(
    at: number,
    method: string,
    decision: Decision | undefined,
    fingerprints: ReadonlyMap<string, string>,
    bytesUp: number,
    bytesDown: number,
    error: GatewayError | undefined,
    release: (() => void) | undefined,
  ): void {
    const ctx = { ...this.plan.ctx, startedAt: at };
    recordSafely(this.deps.recorder, flowRecord({ ctx, method, path: this.plan.path, decision, fingerprints, bytesUp, bytesDown, error }), release);
  }

  /**
   * One side closed: the other gets the frames still held for it, then the same code (when it may be
   * sent), and the session is recorded.
   */
  private closeBoth(output: HeldOutput<Frame>, other: WebSocket, code: number, reason: Buffer): void {
    output.end(() => {
      if (sendableCode(code)) other.close(code, reason);
      else other.close();
    });
    this.finish();
  }

  private terminate(): void {
    this.toVendor.discard();
    this.toDevice.discard();
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

interface Frame {
  readonly payload: Buffer;
  readonly binary: boolean;
}

/** A frame released after its side closed is dropped: the record says it was judged, not that it arrived. */
function sendOpen(socket: WebSocket, frame: Frame): void {
  if (socket.readyState === socket.OPEN) socket.send(frame.payload, { binary: frame.binary });
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
