import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../../errors.js';
import { parsePayload, type ParsedPayload } from '../../payload/index.js';
import type { OpaqueFinding } from '../../policy/index.js';
import { decodeBody, parseContentEncoding, type DecodedBody } from '../codecs/index.js';
import type { ProxyLimits } from '../contracts.js';
import { declaredOpacity, isReadableContentType, readOpacity } from './opacity.js';
import { declaredLength, hasBody, readBody } from './read-body.js';

/** What the pipeline learned about a request body. */
export type PayloadRead =
  /** Opaque by its headers alone: never buffered, streamed to the vendor if the policy allows it. */
  | { readonly kind: 'streamed'; readonly opaque: OpaqueFinding }
  /** Read, decoded and parsed (an absent body is parsed as 'empty'). */
  | { readonly kind: 'parsed'; readonly raw: Buffer; readonly decoded: DecodedBody; readonly parsed: ParsedPayload }
  /** Read, but the parser refused it (malformed JSON, invalid UTF-8, too deep, corrupt compression). */
  | { readonly kind: 'invalid'; readonly raw: Buffer; readonly error: GatewayError; readonly opaque: OpaqueFinding };

const EMPTY: ParsedPayload = { format: 'empty', fields: [], opaqueReason: undefined };

/**
 * Reads the body within the limits. Throws GatewayError PAYLOAD_TOO_LARGE (body or decoded body over
 * the limit) or REQUEST_INVALID (the client went away); those are refused in every mode because the
 * gateway cannot forward what it did not keep.
 */
export async function readPayload(req: IncomingMessage, limits: ProxyLimits): Promise<PayloadRead> {
  const contentType = req.headers['content-type'];
  const encoding = parseContentEncoding(req.headers['content-encoding']);
  if (hasBody(req)) {
    if (!encoding.known) {
      const reason = `body uses an unknown content-encoding '${encoding.unknown}'`;
      return { kind: 'streamed', opaque: declaredOpacity('compressed', reason, declaredLength(req)) };
    }
    if (!isReadableContentType(contentType)) {
      const reason = `body has content-type '${contentType ?? ''}', which the gateway cannot read`;
      return { kind: 'streamed', opaque: declaredOpacity('binary', reason, declaredLength(req)) };
    }
  }
  const raw = await readBody(req, limits.maxBodyBytes);
  const codings = encoding.known ? encoding.codings : [];
  let decoded: DecodedBody;
  try {
    // Most bodies are not encoded: their bytes are the decoded body, with no turn through the decoders.
    decoded = codings.length === 0 ? { body: raw, codings: [] } : await decodeBody(raw, codings, limits.maxDecodedBytes);
  } catch (error) {
    if (error instanceof GatewayError && error.code === 'PAYLOAD_INVALID') return invalid(raw, error);
    throw error;
  }
  if (decoded.body.length === 0) return { kind: 'parsed', raw, decoded, parsed: EMPTY };
  try {
    const parsed = parsePayload(decoded.body, contentType, { maxDepth: limits.maxJsonDepth });
    return { kind: 'parsed', raw, decoded, parsed };
  } catch (error) {
    if (error instanceof GatewayError && error.code === 'PAYLOAD_INVALID') return invalid(decoded.body, error, raw);
    throw error;
  }
}

function invalid(body: Buffer, error: GatewayError, raw: Buffer = body): PayloadRead {
  return { kind: 'invalid', raw, error, opaque: readOpacity(`body is unreadable: ${error.message}`, body) };
}
