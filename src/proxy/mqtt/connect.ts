import type { IConnectPacket } from 'mqtt-packet';
import { z } from 'zod';
import { parsePayload, rewritePayload } from '../../payload/index.js';
import {
  classifyPayload,
  evaluate,
  planEdits,
  type ClassifiedField,
  type CompiledPolicy,
  type Decision,
  type FlowTarget,
  type Pseudonymizer,
} from '../../policy/index.js';

/**
 * CONNECT's identity as fields: `$.mqtt.clientId`, `$.mqtt.username`, `$.mqtt.password`. Written as a
 * small JSON document so the classifier (client ids and usernames are personal identifiers, passwords
 * credentials), the rules (`path: $.mqtt.password`, `category: credentials`) and the rewriter work on
 * them exactly as on a body; no new field source is needed in src/payload or src/policy.
 */
export const CONNECT_METHOD = 'CONNECT';
export const CONNECT_PATH = '/';

export interface ConnectJudgement {
  readonly decision: Decision;
  readonly fields: readonly ClassifiedField[];
  /** The CONNECT to forward: the same object when nothing changed. */
  readonly packet: IConnectPacket;
  readonly edits: number;
}

interface Identity {
  clientId?: string;
  username?: string;
  password?: string;
}

export function judgeConnect(
  packet: IConnectPacket,
  target: FlowTarget,
  policy: CompiledPolicy,
  pseudonymizer: Pseudonymizer,
): ConnectJudgement {
  const identity: Identity = { clientId: packet.clientId };
  if (packet.username !== undefined) identity.username = packet.username;
  // A binary password is read as UTF-8 (lossily): enough to classify, hash or drop it.
  if (packet.password !== undefined) identity.password = packet.password.toString('utf8');
  const document = Buffer.from(JSON.stringify({ mqtt: identity }));
  const parsed = parsePayload(document, 'application/json');
  const fields = classifyPayload(parsed);
  const decision = evaluate({ target, method: CONNECT_METHOD, path: CONNECT_PATH, payload: { format: 'json', fields, opaque: undefined } }, policy);
  if (decision.verdict === 'block') return { decision, fields, packet, edits: 0 };
  const edits = planEdits(decision, fields, pseudonymizer);
  if (edits.length === 0) return { decision, fields, packet, edits: 0 };
  const rewritten = readIdentity(rewritePayload(document, 'json', edits));
  return { decision, fields, packet: withIdentity(packet, rewritten), edits: edits.length };
}

/** Hash and redact may turn a string into a number or null: any scalar is read back as text. */
const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]).optional();
const RewrittenIdentity = z.object({ mqtt: z.object({ clientId: Scalar, username: Scalar, password: Scalar }) });

function readIdentity(document: Buffer): Identity {
  const { mqtt } = RewrittenIdentity.parse(JSON.parse(document.toString('utf8')));
  const identity: Identity = {};
  const clientId = asText(mqtt.clientId);
  const username = asText(mqtt.username);
  const password = asText(mqtt.password);
  if (clientId !== undefined) identity.clientId = clientId;
  if (username !== undefined) identity.username = username;
  if (password !== undefined) identity.password = password;
  return identity;
}

function asText(value: string | number | boolean | null | undefined): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

/**
 * A dropped client id becomes empty (the broker assigns one; MQTT 3.1.1 brokers then require a clean
 * session); a dropped username or password is left out of the CONNECT.
 */
function withIdentity(packet: IConnectPacket, identity: Identity): IConnectPacket {
  const next: IConnectPacket = { ...packet, clientId: identity.clientId ?? '' };
  delete next.username;
  delete next.password;
  if (identity.username !== undefined) next.username = identity.username;
  // MQTT 3.1.1 allows a password only with a username (§3.1.2.9): dropping the username drops both.
  const passwordAllowed = packet.protocolVersion === 5 || identity.username !== undefined;
  if (identity.password !== undefined && passwordAllowed) next.password = Buffer.from(identity.password);
  return next;
}
