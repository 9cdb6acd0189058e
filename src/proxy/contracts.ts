import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Duplex, Readable } from 'node:stream';
import type { FlowRecorder } from '../ledger/record.js';
import type { ClassifierKnowledge, CompiledPolicy } from '../policy/index.js';
import type { ConnectionDecision, FlowTarget } from '../policy/index.js';

/** Limits the owner can tune; bodies above maxBodyBytes get a 413, decoded bodies above maxDecodedBytes too. */
export interface ProxyLimits {
  readonly maxBodyBytes: number;
  readonly maxDecodedBytes: number;
  readonly maxJsonDepth: number;
  readonly upstreamTimeoutMs: number;
}

/** What the transport (listeners, TLS) knows about one request once its connection is decided. */
export interface RequestContext {
  readonly target: FlowTarget;
  readonly connection: ConnectionDecision;
  readonly startedAt: number;
}

/**
 * A request about to leave for the vendor. `headers` may be the client's own: the upstream removes hop-by-hop
 * ones, names the judged host, and frames the body (a Buffer's length; a stream chunked).
 */
export interface UpstreamRequest {
  readonly method: string;
  /** Origin-form path with query string, e.g. `/v1/ding?x=1`. */
  readonly path: string;
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer | Readable | undefined;
  /**
   * Told the vendor address once its answer starts: the record is made when the answer's last byte is
   * held (durability), before forward() resolves, and the address names the destination's country.
   */
  readonly onUpstreamAddress?: (address: string | undefined) => void;
  /**
   * Headers the gateway adds to the vendor's answer, as a flat `[name, value, …]` list (the edit count). Given
   * here rather than set on the response beforehand: a response with headers already set makes Node merge the
   * vendor's raw header list into them one `setHeader` at a time, which costs a copy and folds a repeated
   * header (two Set-Cookie lines) into its last value.
   */
  readonly answerHeaders?: readonly string[] | undefined;
}

/**
 * The transport's side: sends a request upstream (verifying the certificate unless the connection
 * decision opted out) and pipes the answer into `res`, streaming. Resolves with the bytes sent back;
 * on failure it answers 502/504 itself with a GatewayError body and rejects with the GatewayError.
 */
export interface Upstream {
  /** `remoteAddress`: the vendor address the request went to (names the destination's country). */
  forward(ctx: RequestContext, request: UpstreamRequest, res: ServerResponse): Promise<{ bytesDown: number; remoteAddress?: string | undefined }>;
}

/** The pipeline's side: reads, inspects and forwards (or blocks) one HTTP request. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse, ctx: RequestContext) => void;

export interface PipelineDeps {
  readonly policy: () => CompiledPolicy;
  readonly recorder: FlowRecorder;
  readonly upstream: Upstream;
  /** Keyed pseudonyms for the hash action and fingerprints for the ledger. */
  readonly hashKey: Buffer;
  readonly limits: ProxyLimits;
  /** What Home Assistant and the traffic know beyond the payload; read per request, never written. */
  readonly knowledge?: ClassifierKnowledge | undefined;
}

/** A decided MQTT connection (plain, or TLS already terminated by the transport). */
export interface MqttContext extends RequestContext {
  /** The client sent CONNECT through an intercepted connection: it trusts our CA (see UninspectableHosts). */
  onServed(): void;
}

/** The MQTT pipeline's side: polices one client's MQTT connection and bridges it to the broker. */
export type MqttHandler = (socket: Duplex, ctx: MqttContext) => void;

/**
 * The WebSocket pipeline's side: an HTTP Upgrade request on a decided connection (plain, or decrypted
 * TLS). It owns the socket from here: it answers the handshake, or refuses it.
 */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, ctx: RequestContext) => void;
