import { GatewayError } from '../../errors.js';
import { parsePayload, rewritePayload, type FieldEdit, type ParsedPayload, type PayloadField, type ScalarValue } from '../../payload/index.js';
import {
  classifyPayload,
  detectOpaqueBody,
  evaluate,
  planEdits,
  type ClassifiedField,
  type CompiledPolicy,
  type Decision,
  type FlowTarget,
  type OpaqueFinding,
  type Pseudonymizer,
} from '../../policy/index.js';
import { readOpacity } from '../pipeline/opacity.js';
/**
 * One application message inside a long-lived connection (an MQTT PUBLISH or will, a WebSocket text
 * frame) as the policy should judge it: the same parse, classify, evaluate and rewrite as an HTTP body.
 */
export interface Message {
  readonly target: FlowTarget;
  /** 'PUBLISH', 'WILL', 'WS MESSAGE', or 'INBOUND …' for the vendor's messages to the device. */
  readonly method: string;
  /** The destination path: an MQTT topic as `/tele/{device}/STATE`, a WebSocket's URL path. */
  readonly path: string;
  readonly payload: Buffer;
  /** A declared content type (MQTT 5's property), when the sender set one. */
  readonly contentType: string | undefined;
  /**
   * The key a plain (non-JSON) text payload is classified under, as one field `$.<key>` (an MQTT topic's
   * last level: `POWER`, `temperature`). Without it plain text has no fields.
   */
  readonly plainKey?: string | undefined;
}

export interface Judgement {
  readonly decision: Decision;
  readonly path: string;
  readonly fields: readonly ClassifiedField[];
  /** The payload to forward: the original Buffer when nothing was edited. */
  readonly payload: Buffer;
  readonly edits: number;
  readonly error: GatewayError | undefined;
}

/**
 * Parses, classifies and evaluates a message exactly as the HTTP pipeline does a body; then plans and
 * applies the edits. JSON payloads are rewritten by src/payload; a plain value (`ON`, `21.5`, a MAC) with
 * a plainKey is one field and is replaced whole.
 */
export function judgeMessage(message: Message, policy: CompiledPolicy, pseudonymizer: Pseudonymizer, maxDepth: number): Judgement {
  const { path } = message;
  const read = readMessage(message, maxDepth);
  const decision = evaluate(
    { target: message.target, method: message.method, path, payload: { format: read.parsed.format, fields: read.fields, opaque: read.opaque } },
    policy,
  );
  const base = { decision, path, fields: read.fields, error: read.error };
  if (decision.verdict === 'block' || read.error !== undefined) return { ...base, payload: message.payload, edits: 0 };
  const edits = planEdits(decision, read.fields, pseudonymizer);
  if (edits.length === 0) return { ...base, payload: message.payload, edits: 0 };
  const payload = read.plain ? rewritePlain(edits) : rewritePayload(message.payload, read.parsed.format, edits);
  return { ...base, payload, edits: edits.length };
}

interface MessageRead {
  readonly parsed: ParsedPayload;
  readonly fields: readonly ClassifiedField[];
  readonly opaque: OpaqueFinding | undefined;
  readonly plain: boolean;
  readonly error: GatewayError | undefined;
}

function readMessage(message: Message, maxDepth: number): MessageRead {
  let parsed: ParsedPayload;
  try {
    parsed = parsePayload(message.payload, message.contentType, { maxDepth });
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    const opaque = readOpacity(error.message, message.payload);
    return { parsed: { format: 'binary', fields: [], opaqueReason: error.message }, fields: [], opaque, plain: false, error };
  }
  if (message.plainKey !== undefined && parsed.format === 'text' && parsed.fields.length === 0 && parsed.opaqueReason === undefined) {
    const value = message.payload.toString('utf8');
    const plainParsed: ParsedPayload = { format: 'text', fields: [plainField(message.plainKey, value)], opaqueReason: undefined };
    return { parsed: plainParsed, fields: classifyPayload(plainParsed), opaque: undefined, plain: true, error: undefined };
  }
  const opaque =
    parsed.opaqueReason === undefined
      ? undefined
      : (detectOpaqueBody(message.payload, message.contentType) ?? readOpacity(parsed.opaqueReason, message.payload));
  return { parsed, fields: classifyPayload(parsed), opaque, plain: false, error: undefined };
}

/** A whole plain-text payload as one field `$.<level>`, so rules and classification read it by name. */
function plainField(key: string, value: string): PayloadField {
  const length = Buffer.byteLength(value);
  const path = `$.${key}`;
  return { source: 'body', segments: [key], path, pathTemplate: path, key, value, valueStart: 0, valueEnd: length, memberStart: 0, memberEnd: length };
}

function rewritePlain(edits: readonly FieldEdit[]): Buffer {
  const edit = edits[0];
  if (edit === undefined || edit.action === 'drop') return Buffer.alloc(0);
  return Buffer.from(scalarText(edit.replacement ?? null));
}

function scalarText(value: ScalarValue): string {
  return value === null ? '' : String(value);
}
