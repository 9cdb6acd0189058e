import {
  parsePathParameters,
  parseQuery,
  rewritePathParameters,
  rewritePayload,
  rewriteQuery,
  type FieldEdit,
  type PayloadField,
  type ScalarValue,
} from '../../payload/index.js';
import {
  classifyPayload,
  detectOpaqueBody,
  evaluate,
  planEdits,
  type ClassifiedField,
  type ClassifyContext,
  type CompiledPolicy,
  type Flow,
  type OpaqueFinding,
  type Pseudonymizer,
} from '../../policy/index.js';
import { encodeBody } from '../codecs/index.js';
import type { Exchange, Observation } from './exchange.js';
import type { UpstreamRequest } from '../contracts.js';
import { bufferedBodyHeaders, declaresBody } from './headers.js';
import { readOpacity } from './opacity.js';
import { readPayload, type PayloadRead } from './read-payload.js';

/**
 * The inspected path: read, parse, classify, evaluate, then block, refuse or forward with only the
 * edited bytes changed.
 *
 * An unreadable body (PAYLOAD_INVALID: malformed JSON, invalid UTF-8, too deep, corrupt compression)
 * is judged by mode. In enforce and lockdown it is refused with 400: the gateway cannot check what it
 * cannot read, and letting it through would make malformed JSON a way around every field rule. In
 * monitor mode the gateway promises not to interfere, so it is forwarded byte for byte, recorded with
 * the decision for an opaque body plus the error. Either way the FlowRecord carries the error.
 */
export async function inspectExchange(x: Exchange, policy: CompiledPolicy, pseudonymizer: Pseudonymizer): Promise<void> {
  const read = await readPayload(x.req, x.deps.limits);
  // The host as the ledger keys it (normalised), so traffic evidence is found under the same name.
  const context: ClassifyContext = { knowledge: x.deps.knowledge, host: x.ctx.connection.destination.host };
  const parameters = parsePathParameters(x.target.path);
  const query = classifyQuery(x.target.search, parameters, context);
  const body = bodyPayload(read, x.req.headers['content-type'], context);
  const flow: Flow = {
    target: x.ctx.target,
    method: x.method,
    path: x.target.path,
    payload: { format: body.format, fields: query.length === 0 ? body.fields : [...body.fields, ...query], opaque: body.opaque },
  };
  const decision = evaluate(flow, policy);
  const fields = flow.payload?.fields ?? [];
  const observation: Observation = { decision, fingerprints: fingerprintsOf(fields, pseudonymizer) };

  if (read.kind === 'invalid' && x.ctx.connection.mode !== 'monitor') {
    // Recorded as an error, not as the opaque-body block the decision would show: the owner needs
    // to see that the body was malformed, and the request never reached the policy's verdict.
    x.refuse(read.error, { decision: undefined, fingerprints: observation.fingerprints });
    return;
  }
  if (decision.verdict === 'block') {
    x.block(observation, decision.block);
    return;
  }
  const edits = read.kind === 'invalid' ? [] : planEdits(decision, fields, pseudonymizer);
  const inPath = new Set<PayloadField>(parameters);
  const search = rewriteSearch(x.target.search, edits.filter((edit) => !inPath.has(edit.field)));
  const path = rewritePathParameters(x.target.path, edits.filter((edit) => inPath.has(edit.field)));
  // The forwards are returned, not awaited: a suspended async function keeps every local alive (V8 keeps
  // dead ones too), so awaiting here would hold the parsed body, its classified fields and the edits
  // through the vendor's round trip: 289 KB of JS heap per in-flight 10 KB request (27 KB at 1 KB), where
  // the record needs only the decision and fingerprints (96 KB / 7 KB), and young GCs copy what survives.
  if (read.kind === 'streamed') return x.forwardStream(observation, path + search, edits.length);
  const forwarded = read.kind === 'parsed' ? await rewriteBody(read, edits) : read.raw;
  const framed = forwarded.length > 0 || declaresBody(x.req.headers);
  const request: UpstreamRequest = {
    method: x.method,
    path: path + search,
    headers: bufferedBodyHeaders(x.req.headers, framed ? forwarded.length : undefined),
    body: framed ? forwarded : undefined,
  };
  const observed: Observation = read.kind === 'invalid' ? { ...observation, error: read.error } : observation;
  const bytesUp = forwarded.length;
  return x.forward(request, observed, () => bytesUp, edits.length);
}

interface BodyView {
  readonly format: NonNullable<Flow['payload']>['format'];
  readonly fields: readonly ClassifiedField[];
  readonly opaque: OpaqueFinding | undefined;
}

function bodyPayload(read: PayloadRead, contentType: string | undefined, context: ClassifyContext): BodyView {
  switch (read.kind) {
    case 'streamed':
      return { format: 'binary', fields: [], opaque: read.opaque };
    case 'invalid':
      return { format: 'binary', fields: [], opaque: read.opaque };
    case 'parsed': {
      const { parsed, decoded } = read;
      // The policy's body detector names compressed or encrypted bodies; the parser's reason is the fallback.
      const opaque =
        parsed.opaqueReason === undefined
          ? undefined
          : (detectOpaqueBody(decoded.body, contentType) ?? readOpacity(parsed.opaqueReason, decoded.body));
      return { format: parsed.format, fields: classifyPayload(parsed, context), opaque };
    }
  }
}

/** Query fields (and `;name=value` path parameters, also `$query.*`) are read for every inspected request. */
function classifyQuery(search: string, parameters: readonly PayloadField[], context: ClassifyContext): readonly ClassifiedField[] {
  const fields: PayloadField[] = search === '' || search === '?' ? [...parameters] : [...parseQuery(search), ...parameters];
  if (fields.length === 0) return [];
  return classifyPayload({ format: 'form', fields, opaqueReason: undefined }, context);
}

/**
 * Keyed fingerprints, so the ledger can see a value change without keeping it: of every categorised
 * value, and of uncategorised values shaped like an identifier, so the ledger's TrafficKnowledge can
 * notice one that stays constant per device under a key nobody recognises.
 *
 * One keyed fingerprint per field template (`$.ap_list[*].ssid` covers every network in the list), the
 * unit the ledger aggregates by: it notices that the list changed, with one HMAC instead of thirty.
 */
export function fingerprintsOf(fields: readonly ClassifiedField[], pseudonymizer: Pseudonymizer): ReadonlyMap<string, string> {
  const values = new Map<string, ScalarValue[]>();
  for (const { field, categories } of fields) {
    if (categories.length === 0 && !identifierShaped(field.value)) continue;
    const key = field.pathTemplate ?? field.path;
    const list = values.get(key);
    if (list) list.push(field.value);
    else values.set(key, [field.value]);
  }
  const fingerprints = new Map<string, string>();
  for (const [key, list] of values) fingerprints.set(key, pseudonymizer.fingerprint(...list));
  return fingerprints;
}

/**
 * Booleans, short words and small numbers differ between two devices without identifying either
 * ("on"/"off", a channel number); a fingerprint of them would only produce false identifiers.
 */
function identifierShaped(value: ScalarValue): boolean {
  if (typeof value === 'string') return value.length >= MIN_IDENTIFIER_LENGTH && value.length <= MAX_IDENTIFIER_LENGTH;
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) >= 100_000;
}

const MIN_IDENTIFIER_LENGTH = 6;
const MAX_IDENTIFIER_LENGTH = 256;

function rewriteSearch(search: string, edits: readonly FieldEdit[]): string {
  const queryEdits = edits.filter((edit) => edit.field.source === 'query');
  if (queryEdits.length === 0) return search;
  const rewritten = rewriteQuery(search, queryEdits);
  if (rewritten === '' || rewritten === '?') return '';
  return rewritten.startsWith('?') ? rewritten : `?${rewritten}`;
}

/** Nothing edited: the original bytes go out untouched, never re-encoded. */
async function rewriteBody(read: Extract<PayloadRead, { kind: 'parsed' }>, edits: readonly FieldEdit[]): Promise<Buffer> {
  const bodyEdits = edits.filter((edit) => edit.field.source === 'body');
  if (bodyEdits.length === 0) return read.raw;
  const rewritten = rewritePayload(read.decoded.body, read.parsed.format, bodyEdits);
  return encodeBody(rewritten, read.decoded.codings);
}
