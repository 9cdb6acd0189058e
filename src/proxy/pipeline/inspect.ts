import {
  parsePathParameters,
  parseQuery,
  rewritePathParameters,
  rewritePayload,
  rewriteQuery,
  type FieldEdit,
  type PayloadField,
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
import { fingerprintsOf } from './fingerprints.js';
import { declaresBody } from './headers.js';
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
  // Judged in a frame of its own that ends before the upstream round trip: an async function keeps every
  // local alive across its awaits, and the parsed body, its classified fields and the edits are garbage once
  // the request is judged. Kept here they were the largest part of the heap under load (50 connections of
  // 10 KB bodies: ~40,000 fields of ~70 requests in flight, promoted to the old space on the way).
  const next = await judgeExchange(x, policy, pseudonymizer);
  if (next === undefined) return;
  if (next.streamed) await x.forwardStream(next.observation, next.pathAndQuery, next.editCount);
  else await x.forward(next.pathAndQuery, next.body, next.observation, next.bytesUp, next.editCount);
}

/** What goes upstream once judged, with the client's method and headers, and its record. */
interface Forwarding {
  readonly observation: Observation;
  readonly pathAndQuery: string;
  /** The client's body streams through (not buffered, so not read). */
  readonly streamed: boolean;
  /** The buffered body as it goes upstream (undefined: none, not even an empty framed one). */
  readonly body: Buffer | undefined;
  /** The body's bytes as sent upstream (a buffered body only). */
  readonly bytesUp: number;
  readonly editCount: number;
}

/** Reads and judges; answers a refused or blocked request itself (undefined), else says what to forward. */
async function judgeExchange(x: Exchange, policy: CompiledPolicy, pseudonymizer: Pseudonymizer): Promise<Forwarding | undefined> {
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
  // Worked out now, before the request leaves, so the classified fields can be let go once it is forwarded: a
  // template's fingerprint is remembered with its last value list (pseudonyms.ts), so a device repeating itself
  // costs a comparison. Deferred to the check phase, every request read in one turn kept its fields alive until
  // then; under load they outlived two scavenges and were promoted (185 KB per 10 KB request instead of 67; the
  // benchmark's memory cell 126-131 MB peak instead of 120, BENCHMARKS.md).
  const fingerprints = fingerprintsOf(fields, pseudonymizer);
  const observation: Observation = { decision, fingerprints };

  if (read.kind === 'invalid' && x.ctx.connection.mode !== 'monitor') {
    // Recorded as an error, not as the opaque-body block the decision would show: the owner needs
    // to see that the body was malformed, and the request never reached the policy's verdict.
    x.refuse(read.error, { decision: undefined, fingerprints });
    return undefined;
  }
  if (decision.verdict === 'block') {
    x.block(observation, decision.block);
    return undefined;
  }
  const edits = read.kind === 'invalid' ? [] : planEdits(decision, fields, pseudonymizer);
  const inPath = new Set<PayloadField>(parameters);
  const search = rewriteSearch(x.target.search, edits.filter((edit) => !inPath.has(edit.field)));
  const path = rewritePathParameters(x.target.path, edits.filter((edit) => inPath.has(edit.field)));
  if (read.kind === 'streamed') {
    return { observation, pathAndQuery: path + search, streamed: true, body: undefined, bytesUp: 0, editCount: edits.length };
  }
  const forwarded = read.kind === 'parsed' ? await rewriteBody(read, edits) : read.raw;
  // As the client sent them, the headers go with it (Exchange.forward): the upstream drops hop-by-hop ones and
  // frames the buffered body itself (its content-length, never chunked), in the one copy it makes anyway.
  const framed = forwarded.length > 0 || declaresBody(x.req.headers);
  const observed: Observation = read.kind === 'invalid' ? { ...observation, error: read.error } : observation;
  return {
    observation: observed,
    pathAndQuery: path + search,
    streamed: false,
    body: framed ? forwarded : undefined,
    bytesUp: forwarded.length,
    editCount: edits.length,
  };
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
